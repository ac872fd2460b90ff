"""`python -m bench [--tiny] [--output FILE] [--regen]`: run every measurement, print the
tables, and write them with the machine's description to FILE (docs/BENCHMARKS.md by default
for a full run).

--tiny runs the same code on small data with few rounds (the test suite does, so that the bench
never rots); its figures mean nothing. Regeneration is timed only in a full run or with --regen.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from bench import checking, data, decoding, system
from bench.report import Table, machine, today, yes_no
from bench.thirdparty import ROOT, generated_models

MODEL_ROOTS = ["MemberListOk", "StatUniOk", "AnketaGetResult", "TrackGetResponse"]
TARGET_RATIOS = {"member.list": 1.6, "stat.uni": 1.6, "anketa.get": 1.8, "track.get": 1.5}


@dataclass(frozen=True)
class Settings:
    sizes: data.Sizes
    rounds: int  # interleaved runs of each case
    budget: float  # seconds a slow case may use before it stops early
    calls: int  # calls per run of the per-call benchmark
    checks: int  # request validations per run
    import_rounds: int
    regen_rounds: int  # 0: not measured


FULL = Settings(data.Sizes.full(), 7, 20.0, 2000, 2000, 15, 3)
TINY = Settings(data.Sizes.tiny(), 2, 0.2, 20, 20, 1, 0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--tiny", action="store_true", help="small data, few rounds")
    parser.add_argument("--output", type=Path, help="markdown file to write")
    parser.add_argument("--regen", action="store_true", help="time regeneration in --tiny too")
    args = parser.parse_args(argv)
    settings = TINY if args.tiny else FULL
    if args.regen and not settings.regen_rounds:
        settings = Settings(**{**settings.__dict__, "regen_rounds": 1})
    output = args.output or (None if args.tiny else ROOT / "docs" / "BENCHMARKS.md")
    text = run(settings)
    print(text)
    if output is not None:
        output.write_text(text, encoding="utf-8")
        print(f"\nwritten to {output}", file=sys.stderr)
    return 0


def models() -> dict[str, ModuleType | None]:
    """pydantic v2 and msgspec models of the answers, generated side by side."""
    kinds = {"pydantic": "pydantic_v2.BaseModel", "msgspec": "msgspec.Struct"}
    with ThreadPoolExecutor(2) as pool:
        futures = {
            name: pool.submit(generated_models, kind, MODEL_ROOTS) for name, kind in kinds.items()
        }
        return {name: f.result() for name, f in futures.items()}


Target = list[str]  # [target, measured, met]

NOTES = """## Reading the figures

- Ours does more than the models generated from the JSON Schemas: date-times become `datetime`
  objects (pydantic and msgspec keep them as pattern-checked strings), absent keys are told
  apart from explicit nulls, and unknown keys are kept. pydantic's default (lax) mode accepts
  `"2"` for an integer; its strict mode and msgspec refuse it, as ours does.
- jsonschema and fastjsonschema only validate an answer that `json.loads` already parsed; their
  times do not include parsing and they build no objects.
- Small nested answers cost the most against `json.loads`: the interpreter's cost per object
  (creating an instance and storing its attributes, about a quarter of a microsecond) and per
  date-time (about a tenth) is large next to parsing a hundred bytes. A track.get answer with
  its `param` and `eta` is four objects and two date-times. Compiled decoders (msgspec,
  pydantic-core) do this in C; ours stay plain Python.
"""


def run(settings: Settings) -> str:
    out = [
        "# Benchmarks",
        "",
        f"Written by `make bench` (`python -m bench`) on {today()}. Sizes as in issue 7. Each"
        " case runs once per round, interleaved with the others, so that a busy machine slows"
        " all alike; times are medians with the spread (min–max) of the rounds, ratios are"
        " medians of per-round ratios. The garbage collector is on, as in a program.",
        "",
        f"Machine: {machine()}",
        "",
        "Third-party models are generated at bench time by datamodel-code-generator from our"
        " own exported JSON Schemas (`generated/jsonschema/sendsay/_defs.schema.json`), into a"
        " temporary folder. pydantic runs in its default (lax) mode and in strict mode.",
    ]
    if settings is TINY:
        out.insert(1, "\n**A `--tiny` run: small data and few rounds; the figures mean nothing.**")
    targets: list[Target] = []
    for section in (decode_section, check_section, import_section, call_section, regen_section):
        lines, found = section(settings)
        out += ["", *lines]
        targets += found
    member_list = decoding.datasets(settings.sizes)[0]
    lines, found = memory_section(settings, member_list)
    out += ["", *lines]
    targets += found
    out += [
        "",
        "## Targets of issue 7",
        "",
        Table(["target", "measured", "met"], targets).markdown(),
        "",
        NOTES,
    ]
    return "\n".join(out)


def decode_section(settings: Settings) -> tuple[list[str], list[Target]]:
    generated = models()
    out = ["## Decoding answers", ""]
    targets = []
    for dataset in decoding.datasets(settings.sizes):
        rows = decoding.measure(dataset, generated, settings.rounds, settings.budget)
        per = len(dataset.bodies) * dataset.repeat
        unit = "ms per run" if per == 1 else f"ms per run ({per:,} decodes)"
        table = Table(
            ["decoder", unit, "spread", "× json.loads", "refuses a wrong-typed answer"],
            [
                [
                    r.name if r.name != decoding.OURS else f"**{r.name}**",
                    f"{r.timing.median * 1e3:.1f}",
                    f"{r.timing.low * 1e3:.1f}–{r.timing.high * 1e3:.1f}",
                    f"{r.ratio:.2f}",
                    yes_no(r.refuses_wrong),
                ]
                for r in rows
            ],
        )
        out += [f"### {dataset.title}", "", table.markdown(), ""]
        targets.append(_decode_target(dataset.action, rows))
    out.append(
        "The wrong-typed answers: member.list with a number as `order[1].quest`; stat.uni with a"
        ' string as a row; anketa.get with `"2"` as a question\'s `@`; track.get with `"2"` as'
        " `status`."
    )
    return out, targets


def _decode_target(action: str, rows: list[decoding.Row]) -> Target:
    limit = TARGET_RATIOS[action]
    ours = next(r for r in rows if r.name == decoding.OURS)
    measured = f"{ours.ratio:.2f}×; refused: {yes_no(ours.refuses_wrong)}"
    met = yes_no(ours.ratio <= limit and bool(ours.refuses_wrong))
    return [f"typed decode of {action} ≤ {limit}× json.loads, wrong types refused", measured, met]


def check_section(settings: Settings) -> tuple[list[str], list[Target]]:
    rows = checking.measure(settings.rounds, settings.budget, settings.checks)
    per = settings.checks / 1e6
    out = [
        f"## Request validation ({checking.ACTION}, the document's example request)",
        "",
        "Same input, same schema: our exported request schema made self-contained. The last"
        " column is what each reports on a request with three problems (a wrong type, a value"
        " outside its enum, an unknown key).",
        "",
        Table(
            ["validator", "µs per request", "spread", "× ours", "problems reported (of 3)"],
            [
                [
                    r.name,
                    f"{r.timing.median / per:.1f}",
                    f"{r.timing.low / per:.1f}–{r.timing.high / per:.1f}",
                    f"{r.ratio:.1f}",
                    str(r.problems),
                ]
                for r in rows
            ],
        ).markdown(),
    ]
    ours = next(r for r in rows if r.name == checking.OURS)
    against = next((r for r in rows if r.name == checking.JSONSCHEMA), None)
    measured = (
        f"{against.ratio:.0f}× faster; {ours.problems} of 3 reported"
        if against
        else "jsonschema not installed"
    )
    met = against is not None and against.ratio >= 30 and ours.problems == 3
    target = "request validation ≥ 30× faster than jsonschema, reporting every problem"
    return out, [[target, measured, yes_no(met)]]


def import_section(settings: Settings) -> tuple[list[str], list[Target]]:
    imports = system.import_times(["httpx", "sendsay_api", "altcraft_api"], settings.import_rounds)
    loaded = system.loaded_model_modules()
    # the median of the per-round differences: the two imports of a round ran back to back
    pairs = zip(imports["sendsay_api"].runs, imports["httpx"].runs, strict=True)
    extra = statistics.median(ours - base for ours, base in pairs) * 1e3
    out = [
        "## Import time",
        "",
        "`python -X importtime -c 'import X'`, cumulative, bytecode already compiled; each"
        " round imports every module once, in a fresh interpreter each time.",
        "",
        Table(
            ["module", "ms (median)", "spread"],
            [
                [m, f"{t.median * 1e3:.1f}", f"{t.low * 1e3:.1f}–{t.high * 1e3:.1f}"]
                for m, t in imports.items()
            ],
        ).markdown(),
        "",
        f"`import sendsay_api` costs {extra:.1f} ms more than `import httpx`: the median of the"
        " differences within a round.",
        "",
        f"`import sendsay_api` loads only these model and operation modules: {', '.join(loaded)}"
        " (the rest are imported when first used).",
    ]
    target = "`import` ≤ 40 ms more than `import httpx`; nothing per operation built at import"
    measured = f"+{extra:.1f} ms; modules loaded: {', '.join(m.split('.', 1)[1] for m in loaded)}"
    return out, [[target, measured, yes_no(extra <= 40)]]


def call_section(settings: Settings) -> tuple[list[str], list[Target]]:
    calls = system.per_call(settings.calls, settings.rounds, settings.budget)
    out = [
        "## Per-call overhead (track.get over an in-process transport)",
        "",
        "httpx.MockTransport answers every call with the same small body. Raw httpx builds the"
        " form body by hand and only `json.loads` the answer.",
        "",
        Table(
            ["call", "µs per call", "spread", "× raw httpx"],
            [
                [c.name, f"{c.micros:.1f}", f"{c.low:.1f}–{c.high:.1f}", f"{c.ratio:.2f}"]
                for c in calls
            ],
        ).markdown(),
    ]
    ours = next(c for c in calls if c.name == system.OURS_CALL)
    target = "a call ≤ 2× the same call with raw httpx"
    return out, [[target, f"{ours.ratio:.2f}×", yes_no(ours.ratio <= 2)]]


def regen_section(settings: Settings) -> tuple[list[str], list[Target]]:
    if not settings.regen_rounds:
        return ["## Regeneration", "", "Not measured in this run (`--tiny` without `--regen`)."], []
    regen = system.regeneration(settings.regen_rounds)
    out = [
        "## Regeneration",
        "",
        Table(
            ["command", "s (median)", "spread"],
            [
                [f"`python -m codegen {name}`", f"{t.median:.2f}", f"{t.low:.2f}–{t.high:.2f}"]
                for name, t in regen.items()
            ],
        ).markdown(),
    ]
    generate, check = regen[system.GENERATE], regen[system.CHECK]
    target = "`make generate` < 10 s, `make check` < 15 s"
    measured = f"{generate.median:.1f} s, {check.median:.1f} s"
    return out, [[target, measured, yes_no(generate.median < 10 and check.median < 15)]]


def memory_section(
    settings: Settings, member_list: decoding.Dataset
) -> tuple[list[str], list[Target]]:
    peaks = system.memory(member_list.bodies[0], member_list.parse())
    base = peaks[decoding.BASE]
    out = [
        f"## Peak memory decoding member.list ({settings.sizes.member_rows:,} rows)",
        "",
        "tracemalloc peak while decoding, the result still alive; the body itself excluded.",
        "",
        Table(
            ["decoder", "peak MB", "× json.loads"],
            [[n, f"{p / 1e6:.1f}", f"{p / base:.2f}"] for n, p in peaks.items()],
        ).markdown(),
    ]
    ours = peaks[decoding.OURS] / base
    target = "memory of a 100k-row member.list ≤ 2× json.loads"
    return out, [[target, f"{ours:.2f}×", yes_no(ours <= 2)]]
