"""One operation of a section file -> `Operation`: parameters, their rules, responses, examples.

Part of the build step (build.py reads the files and the types; this module reads operations).
Every problem is collected with file:line on the builder's collector.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from . import conditions
from .conditions import Cond
from .loader import JsonPath, SpecFile
from .model import (
    ErrorId,
    Example,
    Exclusive,
    Field,
    Operation,
    Requirement,
    Retry,
    Text,
    Variant,
    evolution_of,
    text_of,
)
from .typeexpr import pascal

if TYPE_CHECKING:
    from .build import Builder


class OperationReader:
    """Reads the operations of one section file."""

    def __init__(self, builder: Builder, f: SpecFile, section: str) -> None:
        self.b = builder
        self.c = builder.c
        self.f = f
        self.section = section

    def operation(self, path: JsonPath, wire: str, raw: dict[str, Any]) -> Operation:
        f = self.f
        loc = f.loc(path)
        if not wire.isascii():
            self.c.add(
                loc,
                f"action {wire!r} is not pure ASCII: use the name the server expects and"
                " record the document's spelling in `document_spelling`",
            )
        op_evolution = evolution_of(raw, self.b.parent)
        self.b.parent = replace(op_evolution, deprecated=None)  # params, answers inherit it
        params = self.b.fields(f, (*path, "params"), raw.get("params") or {})
        for p in params:
            self.b.check_field(p)
        by_wire = {p.wire: p for p in params}
        variants = self.variants(path, wire, raw, set(by_wire))
        if raw["mode"] == "conditional" and len(variants) < 2:
            self.c.add(loc, "mode `conditional` needs more than one response variant")
        return Operation(
            wire=wire,
            section=self.section,
            loc=loc,
            summary=text_of(raw["summary"]) or Text(""),
            description=text_of(raw.get("description")),
            auth=raw["auth"],
            mode=raw["mode"],
            python=dict(raw.get("python") or {}),
            params=params,
            exclusive=self.exclusive(path, raw, by_wire),
            together=self.together(path, raw, by_wire),
            variants=variants,
            errors=[
                ErrorId(e["id"], text_of(e.get("description"))) for e in raw.get("errors") or []
            ],
            examples=self.examples(path, raw),
            document_spelling=raw.get("document_spelling"),
            retry=self.retry(path, raw["retry"], set(by_wire)),
            note=text_of(raw.get("note")),
            requires=self.requires(path, raw, by_wire),
            checked_by=raw.get("checked_by"),
            evolution=op_evolution,
            batch=self.batch(path, raw, by_wire, variants),
        )

    def batch(
        self,
        path: JsonPath,
        raw: dict[str, Any],
        by_wire: dict[str, Field],
        variants: list[Variant],
    ) -> tuple[str, str] | None:
        """`batch: {requests, answers}`: a list parameter and a list field of every answer."""
        spec = raw.get("batch")
        if spec is None:
            return None
        where = self.f.loc((*path, "batch"))
        requests = by_wire.get(spec["requests"])
        if requests is None or requests.type.kind != "list":
            self.c.add(where, f"batch.requests: {spec['requests']!r} is not a list parameter")
        for v in variants:
            fields = self.b.types[v.type_name].fields if v.type_name in self.b.types else []
            answers = next((f for f in fields if f.wire == spec["answers"]), None)
            if answers is None or answers.type.kind != "list":
                self.c.add(
                    where, f"batch.answers: answer {v.name!r} has no list field {spec['answers']!r}"
                )
        return spec["requests"], spec["answers"]

    # -- rules between parameters ---------------------------------------------------------------

    def exclusive(
        self, path: JsonPath, raw: dict[str, Any], by_wire: dict[str, Field]
    ) -> list[Exclusive]:
        out = []
        for i, ex in enumerate(raw.get("exclusive") or []):
            where = self.f.loc((*path, "exclusive", i))
            for name in ex["params"]:
                if name not in by_wire:
                    self.c.add(where, f"exclusive names unknown parameter {name!r}")
                elif by_wire[name].required:
                    self.c.add(
                        where, f"{name!r} is required, so it cannot be an exclusive alternative"
                    )
            out.append(
                Exclusive(
                    list(ex["params"]), ex.get("required", False), text_of(ex.get("description"))
                )
            )
        return out

    def together(
        self, path: JsonPath, raw: dict[str, Any], by_wire: dict[str, Field]
    ) -> list[list[str]]:
        out = []
        for i, group in enumerate(raw.get("together") or []):
            for name in group["params"]:
                if name not in by_wire:
                    self.c.add(
                        self.f.loc((*path, "together", i)),
                        f"together names unknown parameter {name!r}",
                    )
            out.append(list(group["params"]))
        return out

    def requires(
        self, path: JsonPath, raw: dict[str, Any], by_wire: dict[str, Field]
    ) -> list[Requirement]:
        out = []
        for i, rule in enumerate(raw.get("requires") or []):
            rpath = (*path, "requires", i)
            for name in rule["params"]:
                if name not in by_wire:
                    self.c.add(self.f.loc(rpath), f"requires names unknown parameter {name!r}")
                elif by_wire[name].required:
                    self.c.add(
                        self.f.loc(rpath), f"{name!r} is always required: no condition needed"
                    )
            when = self.condition((*rpath, "when"), rule["when"], set(by_wire))
            if when is not None:
                out.append(
                    Requirement(
                        when,
                        list(rule["params"]),
                        rule.get("any", False),
                        text_of(rule.get("description")),
                    )
                )
        return out

    # -- responses and examples -----------------------------------------------------------------

    def variants(
        self, path: JsonPath, wire: str, raw: dict[str, Any], names: set[str]
    ) -> list[Variant]:
        out = []
        responses = raw["responses"]
        for i, r in enumerate(responses):
            rpath = (*path, "responses", i)
            cond = None
            if "when" in r:
                cond = self.condition((*rpath, "when"), r["when"], names)
            elif i != len(responses) - 1:
                self.c.add(
                    self.f.loc(rpath),
                    f"response {r['name']!r} has no `when` but is not the last one",
                )
            if "type" in r:
                type_name = self.response_type(rpath, r["type"])
            else:
                type_name = pascal(wire) + (
                    "Response" if len(responses) == 1 else pascal(r["name"])
                )
                description = r.get("description") or raw["summary"]
                self.b.named_type(
                    self.f,
                    rpath,
                    type_name,
                    {"description": description, "fields": r["fields"]},
                    self.section,
                )
            out.append(Variant(r["name"], type_name, cond, text_of(r.get("description"))))
        for v in out:
            if v.type_name in self.b.types:
                self.b.types[v.type_name].is_response = True
        return out

    def response_type(self, rpath: JsonPath, text: str) -> str:
        """The object type a response names (`type:`), checked."""
        where = self.f.loc((*rpath, "type"))
        ref = self.b.typeref(self.f, (*rpath, "type"), text)
        if ref.kind != "named":
            self.c.add(where, "a response `type` must name an object type")
            return "Empty"
        self.b.check_ref(where, ref)
        return ref.name

    def examples(self, path: JsonPath, raw: dict[str, Any]) -> list[Example]:
        out = []
        for i, e in enumerate(raw.get("examples") or []):
            request = e.get("request")
            if request is not None and "action" in request:
                self.c.add(
                    self.f.loc((*path, "examples", i, "request")),
                    "example requests hold the parameters only, without `action`",
                )
            out.append(
                Example(
                    e["name"],
                    e.get("original"),
                    request,
                    e.get("response"),
                    text_of(e.get("note")),
                    self.f.loc((*path, "examples", i)),
                )
            )
        return out

    # -- conditions -----------------------------------------------------------------------------

    def condition(self, path: JsonPath, text: str, names: set[str]) -> Cond | None:
        """A parsed `when:`/`unless:` condition over the operation's parameters, or None."""
        try:
            cond = conditions.parse(text)
        except conditions.ConditionError as exc:
            self.c.add(self.f.loc(path), str(exc))
            return None
        for name in sorted(conditions.names(cond) - names):
            self.c.add(self.f.loc(path), f"condition names unknown parameter {name!r}")
        return cond

    def retry(self, path: JsonPath, raw: dict[str, Any], names: set[str]) -> Retry:
        unless = None
        if "unless" in raw:
            if not raw["safe"]:
                self.c.add(
                    self.f.loc((*path, "retry", "unless")),
                    "`unless` narrows a safe operation; it makes no sense with `safe: false`",
                )
            unless = self.condition((*path, "retry", "unless"), raw["unless"], names)
        return Retry(raw["safe"], text_of(raw["reason"]) or Text(""), unless, raw.get("unless"))
