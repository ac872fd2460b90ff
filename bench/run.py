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
from bench.timing import spread

MODEL_ROOTS = ["MemberListOk", "StatUniOk", "AnketaGetResult", "TrackGetResponse"]
TARGET_DECODE = 1.0  # × json.loads, on every shape
TARGET_CALL = 1.1  # × raw httpx
TARGET_IMPORT_MS = 10.0  # more than `import httpx`
TARGET_FIRST_CALL_MS = 20.0
TARGET_MEMORY = 2.0  # × json.loads
# A strict decoder refuses these; an unknown enum value from a newer server is kept and flagged.
MUST_REFUSE = [decoding.WRONG_TYPE, decoding.DEEP_CELL, decoding.BAD_DATE]


@dataclass(frozen=True)
class Settings:
    sizes: data.Sizes
    rounds: int  # interleaved runs of each case
    budget: float  # seconds a slow case may use before it stops early
    calls: int  # calls per run of the per-call benchmark
    checks: int  # request validations per run
    import_rounds: int
    regen_rounds: int  # 0: not measured
    scale_rows: tuple[int, ...]  # the cost curve: rows of member.list and stat.uni


FULL = Settings(data.Sizes.full(), 7, 20.0, 2000, 2000, 15, 3, (10_000, 100_000, 1_000_000))
TINY = Settings(data.Sizes.tiny(), 2, 0.2, 20, 20, 1, 0, (100, 1_000))


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

- Like with like: the pydantic and msgspec models are generated from the exported JSON Schemas
  with every `YYYY-MM-DD hh:mm:ss` string declared a `date-time`, so that they parse it into a
  `datetime` and refuse an impossible date, as ours do. Ours still does more: absent keys are
  told apart from explicit nulls, unknown keys are kept, and the raw answer stays reachable.
  pydantic's default (lax) mode accepts `"2"` for an integer; its strict mode and msgspec refuse
  it, as ours does.
- An unknown enum value in an answer (a value a newer server may add) is not a mistake for our
  decoders: it is kept and flagged, not refused. The column shows who refuses it.
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
        f"Written by `make bench` (`python -m bench`) on {today()}. Each case runs once per"
        " round, interleaved with the others, so that a busy machine slows all alike; times are"
        " medians with the interquartile range (IQR) of the rounds, ratios are medians of"
        " per-round ratios. Before each run the garbage collector collects; decoding is measured"
        " with the collector on during the run (as in a program) and off (the work alone).",
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
    sections = (
        decode_section,
        scale_section,
        check_section,
        import_section,
        call_section,
        regen_section,
    )
    for section in sections:
        lines, found = section(settings)
        out += ["", *lines]
        targets += found
    member_list = decoding.datasets(settings.sizes)[0]
    lines, found = memory_section(settings, member_list)
    out += ["", *lines]
    targets += found
    out += [
        "",
        "## Targets",
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
        quiet = decoding.measure(dataset, generated, settings.rounds, settings.budget, gc_on=False)
        without_gc = {r.name: r for r in quiet}
        per = len(dataset.bodies) * dataset.repeat
        unit = "ms per run" if per == 1 else f"ms per run ({per:,} decodes)"
        kinds = list(dataset.wrong)
        table = Table(
            [
                "decoder",
                unit,
                "IQR",
                "× json.loads",
                "× json.loads, GC off",
                *(f"refuses: {kind}" for kind in kinds),
            ],
            [
                [
                    r.name if r.name != decoding.OURS else f"**{r.name}**",
                    f"{r.timing.median * 1e3:.1f}",
                    spread(r.timing, 1e3),
                    f"{r.ratio:.2f}",
                    f"{without_gc[r.name].ratio:.2f}",
                    *(yes_no(r.refuses[kind] if r.refuses else None) for kind in kinds),
                ]
                for r in rows
            ],
        )
        out += [f"### {dataset.title}", "", table.markdown(), ""]
        targets.append(_decode_target(dataset.action, rows, without_gc))
    out.append(
        "The mistakes: a wrong type (member.list: a number as `order[1].quest`; stat.uni: a"
        ' string as a row; anketa.get: `"2"` as a question\'s `@`; track.get: `"2"` as'
        " `status`), a wrong cell in the middle row (a string in a number column), the date"
        " 2024-02-30, and an unknown question type."
    )
    return out, targets


def _decode_target(
    action: str, rows: list[decoding.Row], without_gc: dict[str, decoding.Row]
) -> Target:
    ours = next(r for r in rows if r.name == decoding.OURS)
    must = [kind for kind in MUST_REFUSE if kind in ours.refuses]
    missed = [kind for kind in must if not ours.refuses[kind]]
    measured = (
        f"{ours.ratio:.2f}× (GC off {without_gc[ours.name].ratio:.2f}×);"
        f" refused: {'all' if not missed else 'not ' + ', '.join(missed)}"
    )
    met = ours.ratio <= TARGET_DECODE and not missed
    target = f"typed decode of {action} ≤ {TARGET_DECODE}× json.loads, mistakes refused"
    return [target, measured, yes_no(met)]


def scale_section(settings: Settings) -> tuple[list[str], list[Target]]:
    """Decode time and peak memory of ours and json.loads as the row count grows."""
    rows_out: list[list[str]] = []
    linear = True
    for action, make in (("member.list", data.member_list), ("stat.uni", data.stat_uni)):
        parse = decoding.parser(action, {})
        per_row: list[float] = []
        for count in settings.scale_rows:
            body = make(count)
            point = system.scale_point(body, parse, rounds=3 if count <= 100_000 else 2)
            per_row.append(point.ours_seconds / count)
            rows_out.append(
                [
                    action,
                    f"{count:,}",
                    f"{point.base_seconds * 1e3:.0f}",
                    f"{point.ours_seconds * 1e3:.0f}",
                    f"{point.base_peak / 1e6:.0f}",
                    f"{point.ours_peak / 1e6:.0f}",
                    f"{point.ours_seconds / count * 1e9:.0f}",
                ]
            )
        # linear: the cost per row at the largest size within 1.5× of the smallest's
        linear = linear and per_row[-1] <= 1.5 * per_row[0]
    out = [
        "## Cost curve",
        "",
        "One body per size, decoded by json.loads and by ours (GC on); tracemalloc peak with the"
        " result alive.",
        "",
        Table(
            [
                "answer",
                "rows",
                "json.loads ms",
                "ours ms",
                "json.loads peak MB",
                "ours peak MB",
                "ours ns per row",
            ],
            rows_out,
        ).markdown(),
    ]
    sizes = ", ".join(f"{n:,}" for n in settings.scale_rows)
    target = f"decode time per row at {sizes} rows linear (largest ≤ 1.5× smallest)"
    return out, [[target, "see the cost curve", yes_no(linear)]]


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
            ["validator", "µs per request", "IQR", "× ours", "problems reported (of 3)"],
            [
                [
                    r.name,
                    f"{r.timing.median / per:.1f}",
                    spread(r.timing, 1 / per),
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
            ["module", "ms (median)", "IQR"],
            [[m, f"{t.median * 1e3:.1f}", spread(t, 1e3)] for m, t in imports.items()],
        ).markdown(),
        "",
        f"`import sendsay_api` costs {extra:.1f} ms more than `import httpx`: the median of the"
        " differences within a round.",
        "",
        f"`import sendsay_api` loads only these model and operation modules: {', '.join(loaded)}"
        " (the rest are imported when first used).",
    ]
    first = system.first_calls(settings.import_rounds)
    out += [
        "",
        "The first call of a namespace in a fresh interpreter (its models and operations load"
        " then), over an in-process transport:",
        "",
        Table(
            ["first call", "ms (median)", "IQR"],
            [[name, f"{t.median * 1e3:.1f}", spread(t, 1e3)] for name, t in first.items()],
        ).markdown(),
    ]
    target = f"`import` ≤ {TARGET_IMPORT_MS:.0f} ms more than `import httpx`"
    measured = f"+{extra:.1f} ms; modules loaded: {', '.join(m.split('.', 1)[1] for m in loaded)}"
    slowest = max(t.median for t in first.values()) * 1e3
    return out, [
        [target, measured, yes_no(extra <= TARGET_IMPORT_MS)],
        [
            f"first call of a namespace ≤ {TARGET_FIRST_CALL_MS:.0f} ms",
            f"{slowest:.1f} ms (slowest)",
            yes_no(slowest <= TARGET_FIRST_CALL_MS),
        ],
    ]


def call_section(settings: Settings) -> tuple[list[str], list[Target]]:
    out = [
        "## Per-call overhead (over an in-process transport)",
        "",
        "httpx.MockTransport answers every call with the same body. Raw httpx builds the form"
        " body by hand and only `json.loads` the answer.",
    ]
    targets = []
    for action in system.CALL_ACTIONS:
        calls = system.per_call(action, settings.calls, settings.rounds, settings.budget)
        out += [
            "",
            f"### {action}",
            "",
            Table(
                ["call", "µs per call", "IQR", "× raw httpx"],
                [
                    [c.name, f"{c.micros:.1f}", f"{c.low:.1f}–{c.high:.1f}", f"{c.ratio:.2f}"]
                    for c in calls
                ],
            ).markdown(),
        ]
        ours = next(c for c in calls if c.name == system.OURS_CALL)
        target = f"one {action} call ≤ {TARGET_CALL}× the same call with raw httpx"
        targets.append([target, f"{ours.ratio:.2f}×", yes_no(ours.ratio <= TARGET_CALL)])
    return out, targets


def regen_section(settings: Settings) -> tuple[list[str], list[Target]]:
    if not settings.regen_rounds:
        return ["## Regeneration", "", "Not measured in this run (`--tiny` without `--regen`)."], []
    regen = system.regeneration(settings.regen_rounds)
    out = [
        "## Regeneration",
        "",
        Table(
            ["command", "s (median)", "IQR"],
            [
                [f"`python -m codegen {name}`", f"{t.median:.2f}", spread(t, 1, 2)]
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
    target = f"memory of a {settings.sizes.member_rows:,}-row member.list ≤ {TARGET_MEMORY:.0f}×"
    return out, [[target + " json.loads", f"{ours:.2f}×", yes_no(ours <= TARGET_MEMORY)]]
