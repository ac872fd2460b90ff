"""Read spec YAML files into plain data, remembering the line of every key and item.

The spec is plain YAML: tags, anchors and aliases are refused before anything is constructed
(an alias bomb never expands), and duplicate keys are an error.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.events import AliasEvent, CollectionStartEvent, ScalarEvent

from .errors import Collector, Loc, Problem, SpecError

JsonPath = tuple[str | int, ...]


@dataclass
class SpecFile:
    """One loaded file: plain data plus the line of every node, keyed by its path."""

    path: str
    data: Any
    lines: dict[JsonPath, int] = field(default_factory=dict)

    def loc(self, path: JsonPath) -> Loc:
        """The line of `path`, or of its nearest ancestor that has one."""
        while path and path not in self.lines:
            path = path[:-1]
        return Loc(self.path, self.lines.get(path, 1))


def _refuse_tags_and_aliases(text: str, name: str) -> None:
    problems = []
    for event in YAML(typ="safe").parse(text):
        line = event.start_mark.line + 1 if event.start_mark else 1
        if isinstance(event, AliasEvent):
            problems.append(Problem(Loc(name, line), "aliases (*name) are not allowed in the spec"))
        elif isinstance(event, ScalarEvent | CollectionStartEvent):
            if event.anchor:
                problems.append(Problem(Loc(name, line), "anchors (&name) are not allowed"))
            if event.tag and not (isinstance(event, ScalarEvent) and event.tag == "!"):
                problems.append(
                    Problem(Loc(name, line), f"YAML tags are not allowed ({event.tag})")
                )
    if problems:
        raise SpecError(problems)


def _plain(node: Any, path: JsonPath, lines: dict[JsonPath, int]) -> Any:
    if isinstance(node, CommentedMap):
        out: dict[str, Any] = {}
        for key, value in node.items():
            child = (*path, str(key))
            lines[child] = node.lc.key(key)[0] + 1
            out[str(key)] = _plain(value, child, lines)
        return out
    if isinstance(node, CommentedSeq):
        items = []
        for index, value in enumerate(node):
            child = (*path, index)
            lines[child] = node.lc.item(index)[0] + 1
            items.append(_plain(value, child, lines))
        return items
    # ruamel's round-trip scalars (ScalarInt, ScalarFloat, ...) become plain Python values
    for kind in (bool, str, int, float):
        if isinstance(node, kind):
            return kind(node)
    return node


def load_file(path: Path, display: str | None = None) -> SpecFile:
    name = display or str(path)
    text = path.read_text(encoding="utf-8")
    _refuse_tags_and_aliases_safe(text, name)
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    try:
        raw = yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise SpecError([Problem(Loc(name, line), f"invalid YAML: {exc.problem or exc}")]) from None
    lines: dict[JsonPath, int] = {(): 1}
    return SpecFile(name, _plain(raw, (), lines), lines)


def _refuse_tags_and_aliases_safe(text: str, name: str) -> None:
    try:
        _refuse_tags_and_aliases(text, name)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise SpecError([Problem(Loc(name, line), f"invalid YAML: {exc.problem or exc}")]) from None


def load_tree(root: Path, base: Path) -> dict[str, list[SpecFile]]:
    """Every API folder under `root`: {api folder name: [api.yaml first, then sections sorted]}."""
    apis: dict[str, list[SpecFile]] = {}
    collector = Collector()
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and p.name != "meta"):
        files = sorted(folder.glob("*.yaml"), key=lambda p: (p.name != "api.yaml", p.name))
        loaded = []
        for file in files:
            try:
                loaded.append(load_file(file, str(file.relative_to(base))))
            except SpecError as exc:
                collector.problems.extend(exc.problems)
        apis[folder.name] = loaded
    collector.raise_if_any()
    return apis
