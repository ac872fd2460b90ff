"""Compare two public surfaces (codegen.surface) and classify every change.

breaking       an operation, parameter, answer field or variant removed; a parameter newly
               required; a request type narrowed or an answer type widened (or any other type
               change); an enum value removed from a request; a request limit set or changed;
               a new request rule (exclusive, together, requires); a Python name changed
additive       anything new: operations, optional parameters, answer fields, variants, enum
               values, request types widened; deprecations
documentation  summaries, descriptions, `since` and provenance
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

BREAKING = "breaking"
ADDITIVE = "additive"
DOCUMENTATION = "documentation"
ORDER = (BREAKING, ADDITIVE, DOCUMENTATION)


@dataclass(frozen=True)
class Change:
    operation: str  # the action, or "(envelope)"
    where: str  # "operation", "request param letter/subject", "response tracked field id"
    what: str  # "removed", "newly required", "type narrowed from A to B", ...
    category: str

    @property
    def change(self) -> str:
        """How `breaking:` entries name the change."""
        return f"{self.where}: {self.what}"

    @property
    def subject(self) -> str:
        """What changed, up to the top-level parameter or field (`request param obj` for
        `request param obj[]/answers`): one `breaking:` entry naming it covers all below."""
        return re.split(r"[/\[{<]", self.where, maxsplit=1)[0]

    def acknowledged_by(self, operation: str, change: str) -> bool:
        """Whether a `breaking:` entry (operation, change) covers this change: the change
        exactly, or its subject, or a path above it."""
        if operation != self.operation:
            return False
        if change in (self.change, self.where):
            return True
        return self.where.startswith(change) and self.where[len(change) : len(change) + 1] in (
            "/",
            "[",
            "{",
            "<",
        )

    def __str__(self) -> str:
        return f"{self.category:<13} {self.where}: {self.what}"


def _members(type_text: str) -> set[str]:
    return {m.strip() for m in type_text.split("|")} if type_text else set()


def _type_change(old: str, new: str, inbound: bool) -> tuple[str, str]:
    """(what, category) of a type change; inbound: in a request (values the user sends)."""
    a, b = _members(old), _members(new)
    if b < a:
        return f"type narrowed from {old} to {new}", BREAKING if inbound else ADDITIVE
    if b > a:
        return f"type widened from {old} to {new}", ADDITIVE if inbound else BREAKING
    return f"type changed from {old} to {new}", BREAKING


def _covered(path: str, paths: set[str]) -> bool:
    """Whether a parent of `path` is in `paths` (reported once, for the parent)."""
    return any(len(path) > len(p) and path.startswith(p) and path[len(p)] in "/[{<" for p in paths)


class _Differ:
    def __init__(self, operation: str) -> None:
        self.operation = operation
        self.out: list[Change] = []

    def add(self, where: str, what: str, category: str) -> None:
        self.out.append(Change(self.operation, where, what, category))

    def entries(self, old: dict[str, Any], new: dict[str, Any], label: str, inbound: bool) -> None:
        added = set(new) - set(old)
        removed = set(old) - set(new)
        for path in sorted(removed):
            if not _covered(path, removed):
                self.add(f"{label} {path}".rstrip(), "removed", BREAKING)
        for path in sorted(added):
            if _covered(path, added):
                continue
            entry = new[path]
            required = entry.get("required", False)
            kind = f"added ({'required' if required else 'optional'}, {entry.get('type', '')})"
            if "observed" in entry:
                kind += " [observed]"
            breaking = inbound and required and not _covered(path, added)
            self.add(f"{label} {path}".rstrip(), kind, BREAKING if breaking else ADDITIVE)
        for path in sorted(set(old) & set(new)):
            self.entry(f"{label} {path}".rstrip(), old[path], new[path], inbound)

    def entry(self, where: str, a: dict[str, Any], b: dict[str, Any], inbound: bool) -> None:
        if a.get("type") != b.get("type") and a.get("type") and b.get("type"):
            self.add(where, *_type_change(a["type"], b["type"], inbound))
        ra, rb = a.get("required", False), b.get("required", False)
        if ra != rb:
            if inbound:
                self.add(
                    where, "newly required" if rb else "now optional", BREAKING if rb else ADDITIVE
                )
            else:
                self.add(
                    where,
                    "now always present" if rb else "may now be absent",
                    ADDITIVE if rb else BREAKING,
                )
        ea, eb = a.get("enum"), b.get("enum")
        if ea is not None and eb is not None:
            gone = [v for v in ea if v not in eb]
            new = [v for v in eb if v not in ea]
            if gone:
                self.add(
                    where, f"enum values removed: {_list(gone)}", BREAKING if inbound else ADDITIVE
                )
            if new:
                self.add(where, f"enum values added: {_list(new)}", ADDITIVE)
        elif ea is not None and eb is None:
            self.add(
                where, "no longer limited to an enumeration", ADDITIVE if inbound else BREAKING
            )
        elif eb is not None and ea is None:
            self.add(where, f"now limited to {_list(eb)}", BREAKING if inbound else ADDITIVE)
        la, lb = a.get("limits", {}), b.get("limits", {})
        if la != lb:
            what = f"limits changed from {la or 'none'} to {lb or 'none'}"
            self.add(where, what, BREAKING if inbound and lb else ADDITIVE)
        self.evolution(where, a, b)
        if a.get("doc") != b.get("doc"):
            self.add(where, "description changed", DOCUMENTATION)

    def evolution(self, where: str, a: dict[str, Any], b: dict[str, Any]) -> None:
        da, db = a.get("deprecated"), b.get("deprecated")
        if db and not da:
            use = f", use {db['use']}" if db.get("use") else ""
            self.add(where, f"deprecated since {db['since']}{use}", ADDITIVE)
        elif da and not db:
            self.add(where, "no longer deprecated", ADDITIVE)
        if a.get("since") != b.get("since"):
            self.add(
                where, f"since changed from {a.get('since')} to {b.get('since')}", DOCUMENTATION
            )
        if a.get("observed") != b.get("observed"):
            self.add(where, "provenance changed", DOCUMENTATION)


def _holds_before(rule: dict[str, Any], before: dict[str, Any]) -> bool:
    """Whether every request valid before already obeys a new rule, judged from which of its
    parameters existed then (absent from every earlier request) and which were required."""
    params = rule["params"]
    old = [p for p in params if p in before]
    required = [p for p in old if before[p].get("required")]
    kind = rule["kind"]
    if kind == "exactly one":
        return len(required) == 1 and len(old) == 1
    if kind == "at most one":
        return len(old) <= 1
    if kind == "together":
        return not old or len(required) == len(params)
    # requires: the condition never held before (it names only new parameters), or what it
    # requires was always there
    if not any(name in before for name in rule.get("when", [])):
        return True
    return bool(required) if kind == "requires any" else len(required) == len(params)


def _narrows_a_rule(rule: dict[str, Any], before: dict[str, Any]) -> bool:
    """Whether a new rule is an earlier one whose condition gained `and ...` over parameters
    that did not exist then: it holds in fewer cases, and in every earlier request exactly where
    the earlier rule did (a layer loosening a rule of the document)."""
    added_names = set(rule.get("when", []))
    for earlier in before.get("rules", []):
        same = earlier["kind"] == rule["kind"] and earlier["params"] == rule["params"]
        if same and str(rule["text"]).startswith(f"{earlier['text']} and "):
            extra = added_names - set(earlier.get("when", []))
            return not any(name in before["request"] for name in extra)
    return False


def _list(values: list[Any]) -> str:
    return ", ".join(repr(v) if isinstance(v, str) else str(v) for v in values)


def diff_operation(
    wire: str, old: dict[str, Any] | None, new: dict[str, Any] | None
) -> list[Change]:
    d = _Differ(wire)
    if old is None and new is not None:
        observed = " [observed]" if "observed" in new else ""
        d.add("operation", f"added as {new['python']}(){observed}", ADDITIVE)
        return d.out
    if new is None and old is not None:
        d.add("operation", f"removed ({old['python']}())", BREAKING)
        return d.out
    assert old is not None and new is not None
    if old["python"] != new["python"]:
        d.add(
            "operation", f"Python method renamed from {old['python']} to {new['python']}", BREAKING
        )
    d.evolution("operation", old, new)
    if old.get("summary") != new.get("summary"):
        d.add("operation", "summary changed", DOCUMENTATION)
    d.entries(old["request"], new["request"], "request param", inbound=True)
    texts_a = {r["text"] for r in old.get("rules", [])}
    texts_b = {r["text"] for r in new.get("rules", [])}
    for rule in old.get("rules", []):
        if rule["text"] not in texts_b:
            d.add("request rule", f"removed: {rule['text']}", ADDITIVE)
    for rule in new.get("rules", []):
        if rule["text"] not in texts_a:
            holds = _holds_before(rule, old["request"]) or _narrows_a_rule(rule, old)
            category = ADDITIVE if holds else BREAKING
            d.add("request rule", f"added: {rule['text']}", category)
    for name in sorted(set(old["responses"]) - set(new["responses"])):
        d.add(f"response {name}", "variant removed", BREAKING)
    for name in sorted(set(new["responses"]) - set(old["responses"])):
        d.add(f"response {name}", "variant added", ADDITIVE)
    for name in sorted(set(old["responses"]) & set(new["responses"])):
        d.entries(
            old["responses"][name], new["responses"][name], f"response {name} field", inbound=False
        )
    return d.out


def python_changes(old: dict[str, Any] | None, new: dict[str, Any] | None) -> list[str]:
    """The change to the generated method, as `-`/`+` lines of its signature."""
    if old == new:
        return []
    if old is None or new is None:
        op = new or old
        assert op is not None
        sign = "+" if new else "-"
        params = ", ".join(op["signature"].values())
        return [f"{sign} {op['python']}({'*, ' + params if params else ''}) -> {op['returns']}"]
    out = []
    if old["python"] != new["python"]:
        out += [f"- {old['python']}()", f"+ {new['python']}()"]
    sa, sb = old["signature"], new["signature"]
    for name in sa:
        if name not in sb:
            out.append(f"- {sa[name]}")
        elif sa[name] != sb[name]:
            out += [f"- {sa[name]}", f"+ {sb[name]}"]
    out += [f"+ {sb[name]}" for name in sb if name not in sa]
    if old["returns"] != new["returns"]:
        out += [f"- -> {old['returns']}", f"+ -> {new['returns']}"]
    if bool(old.get("deprecated")) != bool(new.get("deprecated")):
        out.append(
            ("+ @deprecated" if new.get("deprecated") else "- @deprecated") + f" {new['python']}"
        )
    return out


@dataclass
class ApiDiff:
    api: str
    old_version: str
    new_version: str
    changes: list[Change]
    python: dict[str, list[str]]  # operation -> signature lines

    def of(self, category: str) -> list[Change]:
        return [c for c in self.changes if c.category == category]

    @property
    def kind(self) -> str | None:
        """The strongest category present, or None when nothing changed."""
        return next((k for k in ORDER if self.of(k)), None)


def diff_surfaces(old: dict[str, Any], new: dict[str, Any]) -> ApiDiff:
    changes: list[Change] = []
    env = _Differ("(envelope)")
    env.entries(old.get("envelope", {}), new.get("envelope", {}), "field", inbound=True)
    changes += env.out
    python: dict[str, list[str]] = {}
    ops_a, ops_b = old["operations"], new["operations"]
    for wire in sorted(set(ops_a) | set(ops_b)):
        changes += diff_operation(wire, ops_a.get(wire), ops_b.get(wire))
        lines = python_changes(ops_a.get(wire), ops_b.get(wire))
        if lines:
            python[wire] = lines
    return ApiDiff(
        new["api"], old.get("spec_version", ""), new.get("spec_version", ""), changes, python
    )


def render(diff: ApiDiff) -> list[str]:
    """The diff for people: per operation, its changes, then the change to the Python API."""
    out = [f"{diff.api}: {diff.old_version} -> {diff.new_version}"]
    by_op: dict[str, list[Change]] = {}
    for c in diff.changes:
        by_op.setdefault(c.operation, []).append(c)
    for op in sorted(set(by_op) | set(diff.python)):
        out.append(f"  {op}")
        for c in sorted(by_op.get(op, []), key=lambda c: (ORDER.index(c.category), c.where)):
            out.append(f"    {c}")
        for line in diff.python.get(op, []):
            out.append(f"    python        {line}")
    counts = ", ".join(f"{len(diff.of(k))} {k}" for k in ORDER)
    out.append(f"  {counts}" if diff.changes else "  no change to the public surface")
    return out
