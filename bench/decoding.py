"""Decoding answers: ours (json.loads + the generated strict decoders, as the client runs them)
against json.loads, orjson, pydantic v2 and msgspec models generated from our JSON Schemas, and
jsonschema / fastjsonschema validation alone; plus which of them refuse a wrong-typed answer."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bench import data
from bench.thirdparty import (
    fastjsonschema_validator,
    jsonschema_validator,
    optional,
    schema_of,
)
from bench.timing import Timing, interleaved, ratio

BASE = "json.loads"

# The mistakes a strict decoder should refuse, one answer each (a dataset has the kinds its
# shape can carry).
WRONG_TYPE = "wrong type"
DEEP_CELL = "bad cell in a deep row"
BAD_DATE = "impossible date"
UNKNOWN_ENUM = "unknown enum value"
WRONG_KINDS = [WRONG_TYPE, DEEP_CELL, BAD_DATE, UNKNOWN_ENUM]
OURS = "ours: json.loads + generated decoders"


@dataclass
class Dataset:
    """One answer shape: its bodies, how often each is decoded per run, and our parser."""

    action: str
    title: str
    model: str  # the answer's definition in the exported schemas (the variant chosen)
    bodies: list[bytes]
    repeat: int
    params: dict[str, Any]  # the request's parameters: they choose the answer's variant
    wrong: dict[str, bytes]  # kind of mistake (WRONG_KINDS) -> the answer with one such value

    def parse(self) -> Callable[[Any], Any]:
        return parser(self.action, self.params)


def parser(action: str, params: dict[str, Any]) -> Callable[[Any], Any]:
    """The generated decoder of `action`'s answer to a request with `params`, as the client
    runs it on the parsed answer."""
    from sendsay_api.operations import OPERATIONS

    op = OPERATIONS[action]
    return lambda answer: op.parse(answer, params)


def datasets(sizes: data.Sizes) -> list[Dataset]:
    member = data.member_list(sizes.member_rows)
    stat = data.stat_uni(sizes.stat_rows)
    anketa = data.anketa_get(sizes.anketa_questions)
    tracks = data.track_get(sizes.track_bodies)
    deep = sizes.member_rows // 2  # row 50,000 of 100,000
    return [
        Dataset(
            "member.list",
            f"member.list: {sizes.member_rows:,} rows x 5 columns ({len(member) / 1e6:.1f} MB)",
            "MemberListOk",
            [member],
            1,
            {},
            {
                WRONG_TYPE: _break(member, lambda a: a["order"][1].__setitem__("quest", 5)),
                DEEP_CELL: _break(member, lambda a: a["list"][deep].__setitem__(1, "x")),
                BAD_DATE: _break(member, lambda a: a["list"][deep].__setitem__(4, _FEB_30)),
            },
        ),
        Dataset(
            "stat.uni",
            f"stat.uni: {sizes.stat_rows:,} rows x 6 mixed cells ({len(stat) / 1e6:.1f} MB)",
            "StatUniOk",
            [stat],
            1,
            {},
            {
                WRONG_TYPE: _break(stat, lambda a: a["list"].__setitem__(-1, "not a row")),
                DEEP_CELL: _break(stat, lambda a: a["list"][deep].__setitem__(0, "x")),
            },
        ),
        Dataset(
            "anketa.get",
            f"anketa.get: {sizes.anketa_questions} questions ({len(anketa) / 1e3:.0f} kB),"
            f" decoded {_anketa_repeat(sizes)} times a run",
            "AnketaGetResult",
            [anketa],
            _anketa_repeat(sizes),
            {"id": "a42"},
            {
                WRONG_TYPE: _break(
                    anketa, lambda a: a["obj"]["quests"]["q1"].__setitem__("@", "2")
                ),
                UNKNOWN_ENUM: _break(
                    anketa, lambda a: a["obj"]["quests"]["q1"].__setitem__("type", "fax")
                ),
            },
        ),
        Dataset(
            "track.get",
            f"track.get: {sizes.track_bodies:,} small answers"
            f" (~{sum(map(len, tracks)) // max(1, len(tracks))} bytes each)",
            "TrackGetResponse",
            tracks,
            1,
            {"id": 1000},
            {
                WRONG_TYPE: _break(tracks[0], lambda a: a["obj"].__setitem__("status", "2")),
                BAD_DATE: _break(tracks[0], lambda a: a["obj"].__setitem__("dt", _FEB_30)),
            },
        ),
    ]


_FEB_30 = "2024-02-30 10:00:00"


def _anketa_repeat(sizes: data.Sizes) -> int:
    return 200 if sizes.anketa_questions >= 200 else 5


def _break(body: bytes, change: Callable[[Any], object]) -> bytes:
    answer = json.loads(body)
    change(answer)
    return json.dumps(answer, ensure_ascii=False).encode()


@dataclass
class Decoder:
    name: str
    decode: Callable[[bytes], Any]  # from the body; None-returning validators take the dict
    on_dict: bool = False  # validation alone, on the already parsed answer
    typed: bool = True  # False: plain JSON parsers (they check no types)


def decoders(dataset: Dataset, models: dict[str, Any]) -> list[Decoder]:
    parse = dataset.parse()
    out = [
        Decoder(BASE, json.loads, typed=False),
        Decoder(OURS, lambda body: parse(json.loads(body))),
    ]
    orjson = optional("orjson")
    if orjson is not None:
        out.append(Decoder("orjson.loads", orjson.loads, typed=False))
    pydantic_models = models.get("pydantic")
    if pydantic_models is not None:
        model = getattr(pydantic_models, dataset.model)
        out.append(Decoder("pydantic v2 model_validate_json", model.model_validate_json))
        out.append(
            Decoder(
                "pydantic v2 model_validate_json, strict",
                lambda body: model.model_validate_json(body, strict=True),
            )
        )
    msgspec_models = models.get("msgspec")
    if msgspec_models is not None:
        import msgspec

        decoder = msgspec.json.Decoder(getattr(msgspec_models, dataset.model))
        out.append(Decoder("msgspec typed decode", decoder.decode))
    validate = jsonschema_validator(dataset.model)
    if validate is not None:
        out.append(Decoder("jsonschema validation alone (on the dict)", validate, on_dict=True))
    fast = fastjsonschema_validator(schema_of(dataset.model))
    if fast is not None:
        out.append(Decoder("fastjsonschema validation alone (on the dict)", fast, on_dict=True))
    return out


@dataclass
class Row:
    name: str
    timing: Timing
    ratio: float
    refuses: dict[str, bool]  # kind of mistake -> refused; empty: not a typed decoder


def measure(
    dataset: Dataset, models: dict[str, Any], rounds: int, budget: float, *, gc_on: bool = True
) -> list[Row]:
    answers = [json.loads(body) for body in dataset.bodies]
    cases: dict[str, Callable[[], object]] = {}
    found = decoders(dataset, models)
    for decoder in found:
        inputs: list[Any] = answers if decoder.on_dict else dataset.bodies
        cases[decoder.name] = _loop(decoder.decode, inputs, dataset.repeat)
    timings = interleaved(cases, rounds, budget, gc_on=gc_on)
    rows = []
    for decoder in found:
        refuses = (
            {kind: _refuses(decoder, body) for kind, body in dataset.wrong.items()}
            if decoder.typed
            else {}
        )
        rows.append(
            Row(decoder.name, timings[decoder.name], ratio(timings, decoder.name, BASE), refuses)
        )
    return rows


def _loop(decode: Callable[[Any], Any], inputs: list[Any], repeat: int) -> Callable[[], None]:
    def run() -> None:
        for item in inputs:
            for _ in range(repeat):
                decode(item)

    return run


def _refuses(decoder: Decoder, wrong: bytes) -> bool:
    try:
        decoder.decode(json.loads(wrong) if decoder.on_dict else wrong)
    except Exception:  # each library raises its own error type
        return True
    return False
