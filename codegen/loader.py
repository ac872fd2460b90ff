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
    # Subtrees a layer put here (spec/<api>/layers/): path -> (layer file, path in the layer)
    grafts: dict[JsonPath, tuple[SpecFile, JsonPath]] = field(default_factory=dict)

    def loc(self, path: JsonPath) -> Loc:
        """The line of `path` or of its nearest ancestor that has one (in the layer that put it)."""
        for end in range(len(path), -1, -1):
            graft = self.grafts.get(path[:end])
            if graft is not None:
                layer, at = graft
                return layer.loc((*at, *path[end:]))
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
    return load_text(path.read_text(encoding="utf-8"), display or str(path))


def load_text(text: str, name: str) -> SpecFile:
    """One spec file from its text; `name` is what error messages call it."""
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


def spec_files(names: list[str]) -> dict[str, list[str]]:
    """Group spec file paths (`spec/<api>/x.yaml`, `spec/<api>/layers/y.yaml`) by API folder,
    in load order: api.yaml first, then the sections, then the layers, each sorted by name."""
    apis: dict[str, list[str]] = {}
    for name in names:
        parts = name.split("/")  # spec, api, [layers,] file
        is_layer = len(parts) == 4 and parts[2] == "layers"
        if not name.endswith(".yaml") or parts[1] == "meta" or not (len(parts) == 3 or is_layer):
            continue
        apis.setdefault(parts[1], []).append(name)
    for files in apis.values():
        files.sort(key=lambda n: ("/layers/" in n, not n.endswith("/api.yaml"), n))
    return dict(sorted(apis.items()))


def load_texts(texts: dict[str, str]) -> dict[str, list[SpecFile]]:
    """Spec files given as {path: text} (paths like `spec/<api>/...`), grouped by API."""
    apis: dict[str, list[SpecFile]] = {}
    collector = Collector()
    for api, names in spec_files(list(texts)).items():
        loaded = []
        for name in names:
            try:
                loaded.append(load_text(texts[name], name))
            except SpecError as exc:
                collector.problems.extend(exc.problems)
        apis[api] = loaded
    collector.raise_if_any()
    return apis


def load_tree(root: Path) -> dict[str, list[SpecFile]]:
    """Every API folder under `root`: {api folder name: [api.yaml, sections, layers]}.

    Files are named from the folder above `root` (`spec/sendsay/api.yaml`)."""
    found = [*root.glob("*/*.yaml"), *root.glob("*/layers/*.yaml")]
    return load_texts(
        {str(p.relative_to(root.parent)): p.read_text(encoding="utf-8") for p in found}
    )
