"""The vocabulary of the stat.uni language and of group filters, read from the spec's catalogues.

Nothing here keeps its own list of fields, precisions, functions, operators, kinds or units: all
of it comes from `CATALOGS` (generated from `spec/sendsay/stat.yaml` and `group.yaml`). The typed
trees and `Literal` types of the other modules are checked against this data by the tests.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from .._catalogs import CATALOGS

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One finding of a checker: where it is, a stable code and the rule it breaks."""

    code: str
    message: str
    where: str = ""
    severity: Severity = "error"

    def __str__(self) -> str:
        place = f"{self.where}: " if self.where else ""
        level = "warning: " if self.severity == "warning" else ""
        return f"{place}{level}{self.message} [{self.code}]"


class QueryError(ValueError):
    """A query or filter breaks the document's rules; `problems` lists every error found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"{len(problems)} problem(s):\n{lines}")


def _entries(catalog: str) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = CATALOGS[catalog]["entries"]
    return entries


# ------------------------------------------------------------------------------ units, precisions


@dataclass(frozen=True)
class Unit:
    code: str  # Y M D h m s
    rank: int  # 1 = year ... 6 = second
    word: str  # year month day hour minute second
    calendar: bool  # year and month: applied on a date lowered to Y or YM


UNITS: dict[str, Unit] = {
    str(e["name"]): Unit(str(e["name"]), int(e["rank"]), str(e["word"]), bool(e["calendar"]))
    for e in _entries("stat_uni_date_units")
}
UNIT_BY_WORD: dict[str, Unit] = {u.word: u for u in UNITS.values()}


@dataclass(frozen=True)
class PrecisionInfo:
    code: str
    first: Unit
    last: Unit
    value_format: str | None
    value_pattern: re.Pattern[str] | None

    def is_real(self, value: str) -> bool:
        """Whether a constant written in this precision names a real moment (no 2010-13)."""
        if self.value_format is None:
            return True
        layout = self.value_format
        for unit, directive in _STRPTIME.items():
            layout = layout.replace(unit, directive)
        try:
            datetime.datetime.strptime(value, layout)
        except ValueError:
            return False
        return True


_STRPTIME = {"YYYY": "%Y", "MM": "%m", "DD": "%d", "hh": "%H", "mm": "%M", "ss": "%S"}


PRECISIONS: dict[str, PrecisionInfo] = {
    str(e["name"]): PrecisionInfo(
        str(e["name"]),
        UNITS[str(e["from"])],
        UNITS[str(e["to"])],
        e.get("value_format"),
        re.compile(str(e["value_pattern"])) if e.get("value_pattern") else None,
    )
    for e in _entries("stat_uni_date_precisions")
}


def precision_problem(code: str) -> str | None:
    """Why `code` is not a date precision (None when it is one)."""
    if code in PRECISIONS:
        return None
    if len(code) == 2 and code[0] in UNITS and code[1] in UNITS:
        first, second = UNITS[code[0]], UNITS[code[1]]
        return (
            f"precision {code!r} is reversed: the first unit ({first.code}, {first.word}) is"
            f" smaller than the second ({second.code}, {second.word}); the document: the first"
            f" letter is the larger unit (dt:{second.code}{first.code}, not dt:{code})"
        )
    letters = " ".join(UNITS)
    return f"precision {code!r} is not two letters of the set ({letters})"


# ------------------------------------------------------------------------------------------ fields


@dataclass(frozen=True)
class FieldInfo:
    """What the catalogue says about one field name as written (after `xxx.yyy.*` expansion)."""

    name: str  # as written, without the precision
    entry: str  # the catalogue entry it comes from (e.g. group.name for click.issue.group.name)
    type: str  # int, string, datetime, any
    nullable: bool  # marked (null), itself or through an `xxx.yyy.*` entry marked (null)
    precision: str | None  # default precision of a date field
    precisions: tuple[str, ...]  # precisions allowed after `:`
    select_only: bool
    aggregatable: bool
    scope: str  # the first segment: a kind of statistics, an object or "*"

    @property
    def is_date(self) -> bool:
        return self.type == "datetime"


_FIELDS = _entries("stat_uni_fields")
_DIRECT: dict[str, dict[str, Any]] = {
    str(e["name"]): e
    for e in _FIELDS
    if not str(e["name"]).endswith(".*") and not e.get("placeholders")
}
_EXPANDS: dict[str, dict[str, Any]] = {
    str(e["name"]): e for e in _FIELDS if str(e["name"]).endswith(".*")
}
_PLACEHOLDERS: list[dict[str, Any]] = [e for e in _FIELDS if e.get("placeholders")]

KINDS: dict[str, dict[str, Any]] = {str(e["name"]): e for e in _entries("stat_uni_kinds")}
PREFIX_FOR: dict[str, str] = {
    k: str(e["prefix_for"]) for k, e in KINDS.items() if e.get("prefix_for")
}
OBJECTS: dict[str, dict[str, Any]] = {str(e["name"]): e for e in _entries("stat_uni_objects")}
SUMMARY = "*"


def _info(name: str, entry: dict[str, Any], nullable: bool, scope: str) -> FieldInfo:
    return FieldInfo(
        name=name,
        entry=str(entry["name"]),
        type=str(entry["type"]),
        nullable=nullable or bool(entry.get("nullable")),
        precision=entry.get("precision"),
        precisions=tuple(entry.get("precisions") or ()),
        select_only=bool(entry.get("select_only")),
        aggregatable=bool(entry.get("aggregatable", True)),
        scope=scope,
    )


def _resolve(segments: list[str], nullable: bool, name: str, scope: str) -> FieldInfo | None:
    joined = ".".join(segments)
    if joined in _DIRECT:
        return _info(name, _DIRECT[joined], nullable, scope)
    for entry in _PLACEHOLDERS:
        pattern = str(entry["name"]).split(".")
        holes = set(entry["placeholders"])
        if len(pattern) == len(segments) and all(
            p in holes or p == s for p, s in zip(pattern, segments, strict=True)
        ):
            return _info(name, entry, nullable, scope)
    for cut in range(len(segments) - 1, 0, -1):
        star = ".".join(segments[:cut]) + ".*"
        if star in _EXPANDS:
            entry = _EXPANDS[star]
            target = [str(entry["expands"]), *segments[cut:]]
            return _resolve(target, nullable or bool(entry.get("nullable")), name, scope)
    return None


def resolve_field(name: str) -> FieldInfo | None:
    """The catalogue's facts about a field name (without precision), or None if it is unknown.

    `xxx.yyy.*` entries are expanded recursively (`click.issue.group.name`), the placeholders of
    `member.anketa.ANKETA.QUEST` match any codes, and the prefixes deliv_ok / deliv_bad /
    deliv_unk stand for deliv (catalogue `stat_uni_kinds`, key `prefix_for`).
    """
    segments = name.split(".")
    if not segments or not all(segments):
        return None
    scope = segments[0]
    if scope in PREFIX_FOR:
        segments = [PREFIX_FOR[scope], *segments[1:]]
    return _resolve(segments, False, name, scope)


def catalogue_field_paths(depth: int = 4) -> set[str]:
    """Every field name the catalogue makes available (expansions included, placeholders not)."""

    def paths_of(obj: str, level: int) -> set[str]:
        out: set[str] = set()
        for name in _DIRECT:
            if name.startswith(obj + "."):
                out.add(name)
        if level < depth:
            for star, entry in _EXPANDS.items():
                if star.startswith(obj + "."):
                    head = star[:-2]
                    target = str(entry["expands"])
                    out |= {head + p[len(target) :] for p in paths_of(target, level + 1)}
        return out

    result: set[str] = set()
    for obj in OBJECTS:
        result |= paths_of(obj, 0)
    for kind, base in PREFIX_FOR.items():
        result |= {kind + p[len(base) :] for p in paths_of(base, 0)}
    return result


# ------------------------------------------------------------------------- functions, operators

AGGREGATES: dict[str, dict[str, Any]] = {str(e["name"]): e for e in _entries("stat_uni_aggregates")}

OPERATORS: dict[str, dict[str, Any]] = {
    str(e["name"]): e for e in _entries("stat_uni_filter_operators")
}


def syntax(name: str) -> re.Pattern[str]:
    """A grammar pattern of the catalogue `stat_uni_syntax` (precision, field, select_item...)."""
    for entry in _entries("stat_uni_syntax"):
        if entry["name"] == name:
            return re.compile(str(entry["pattern"]).strip())
    raise KeyError(name)


_TIME = _entries("stat_uni_time_expression")[0]
TIME_KEYWORD: str = str(_TIME["syntax"]).split()[0]
TIME_DOCUMENT_SPELLING: str = str(_TIME.get("document_spelling", ""))


@dataclass(frozen=True)
class Combination:
    name: str
    kinds: frozenset[str]
    objects: frozenset[str]
    summary: bool
    examples: tuple[str, ...]


COMBINATIONS: tuple[Combination, ...] = tuple(
    Combination(
        str(e["name"]),
        frozenset(e["kinds"]),
        frozenset(e["objects"]),
        bool(e["summary"]),
        tuple(e.get("examples") or ()),
    )
    for e in _entries("stat_uni_combinations")
)


# --------------------------------------------------------------------------------- group filters


@dataclass(frozen=True)
class WhichInfo:
    name: str
    type: str
    kind: str  # join, brackets, condition
    required: tuple[str, ...]
    optional: tuple[str, ...]
    names: tuple[str, ...]  # name fields added by group.filter.get
    resp_names: bool  # the values of the resp hash become answer names
    slow: bool


def _which(e: Mapping[str, Any]) -> WhichInfo:
    fields = [str(f) for f in e.get("fields") or ()]
    names = [str(n) for n in e.get("names") or ()]
    return WhichInfo(
        name=str(e["name"]),
        type=str(e["type"]),
        kind=str(e["kind"]),
        required=tuple(f for f in fields if not f.endswith("?")),
        optional=tuple(f[:-1] for f in fields if f.endswith("?")),
        names=tuple(n for n in names if n.endswith(".name")),
        resp_names=any(not n.endswith(".name") for n in names),
        slow=bool(e.get("slow")),
    )


WHICH: dict[str, WhichInfo] = {str(e["name"]): _which(e) for e in _entries("group_filter_which")}
