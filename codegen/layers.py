"""Merge an API's layers (`spec/<api>/layers/*.yaml`) into its base files, before building.

A layer records what changed after the source document: `add` puts new operations, parameters,
fields, enum values, types, envelope fields and sections; `change` replaces keys of existing
ones (`deprecated:` included). Both are partial trees in the shape of the merged spec:

    add:
      operations:
        issue.send.test: {section: issue, summary: ..., ...}    # new: the whole operation
        issue.send: {params: {letter: {...}}}                   # existing: descend, add `letter`
    change:
      operations:
        issue.send: {params: {gid: {deprecated: {since: ..., message: ...}}}}

Merged nodes remember the layer line they came from (SpecFile.grafts), so that every later
error names the layer's file:line. Conflicts are errors: adding what exists, changing what does
not, and two layers setting one key to different values.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from typing import Any

from .errors import Collector, Loc
from .loader import JsonPath, SpecFile
from .metaschema import check_file

# What each kind of node holds: key -> (kind of its items, how items are keyed).
# "map": a mapping keyed by name; "list": a list whose items are whole values (rules between
# parameters: `add` appends, `change` replaces the whole list); another string: a list whose
# items are keyed by that attribute.
CHILDREN: dict[str, dict[str, tuple[str, str]]] = {
    "operation": {
        "params": ("field", "map"),
        "responses": ("response", "name"),
        "errors": ("leaf", "id"),
        "examples": ("leaf", "name"),
        "exclusive": ("leaf", "list"),
        "together": ("leaf", "list"),
        "requires": ("leaf", "list"),
    },
    "response": {"fields": ("field", "map")},
    "type": {
        "fields": ("field", "map"),
        "enum": ("enum_value", "value"),
        "variants": ("leaf", "map"),
    },
    "field": {"enum": ("enum_value", "value"), "values": ("enum_value", "value")},
    "enum_value": {},
    "leaf": {},
}
# Items that carry `since` and `provenance` (filled from the layer when it adds them).
EVOLVING = frozenset({"operation", "type", "field", "enum_value"})
THING = {"operation": "operation", "type": "type", "field": "field", "response": "response"}


@dataclass(frozen=True)
class Place:
    """A node of the merged spec: the file holding it and its path there."""

    file: SpecFile
    path: JsonPath

    def get(self) -> Any:
        node = self.file.data
        for key in self.path:
            node = node[key]
        return node

    def loc(self) -> Loc:
        return self.file.loc(self.path)


@dataclass(frozen=True)
class Setting:
    layer: str
    loc: Loc
    value: Any


def _descends(patch: Any, kind: str) -> bool:
    """Whether an `add` names only collections of an existing item (new parameters, ...)."""
    return bool(CHILDREN[kind]) and isinstance(patch, dict) and set(patch) <= set(CHILDREN[kind])


def _key_of(item: Any, attr: str) -> Any:
    if attr == "list":
        return json.dumps(item, sort_keys=True, ensure_ascii=False)
    return item.get(attr) if isinstance(item, dict) else item


class Merger:
    def __init__(self, base: list[SpecFile], collector: Collector) -> None:
        self.c = collector
        self.api = next(f for f in base if f.data.get("kind") == "api")
        self.sections = {f.data["section"]: f for f in base if f.data.get("kind") == "section"}
        self.files = list(base)
        self.set_by: dict[tuple[int, JsonPath], Setting] = {}
        self.added_by: dict[tuple[int, JsonPath], str] = {}

    # -- where things are ---------------------------------------------------------------------

    def operations(self) -> dict[str, Place]:
        return {
            wire: Place(f, ("operations", wire))
            for f in self.sections.values()
            for wire in f.data.get("operations") or {}
        }

    def types(self) -> dict[str, Place]:
        out = {name: Place(self.api, ("types", name)) for name in self.api.data.get("types") or {}}
        for f in self.sections.values():
            out.update({name: Place(f, ("types", name)) for name in f.data.get("types") or {}})
        return out

    # -- applying a layer ---------------------------------------------------------------------

    def apply(self, layer: SpecFile) -> None:
        d = layer.data
        self.layer = layer
        self.name = d["layer"]
        self.defaults = {"since": d["since"], "provenance": d["provenance"]}
        add = d.get("add") or {}
        for name, raw in (add.get("sections") or {}).items():
            self.add_section(name, raw, ("add", "sections", name))
        for verb in ("add", "change"):
            patch = d.get(verb) or {}
            top = {
                "operations": (self.operations(), "operation"),
                "types": (self.types(), "type"),
            }
            for key, (index, kind) in top.items():
                for name, value in (patch.get(key) or {}).items():
                    lpath = (verb, key, name)
                    what = f"{key[:-1]} {name}"
                    if name in index and verb == "add" and not _descends(value, kind):
                        self.exists(index[name], lpath, what)
                    elif name in index:
                        self.descend(verb, kind, index[name], value, lpath, what)
                    elif verb == "add":
                        self.add_top(key, name, value, lpath)
                    else:
                        self.c.add(
                            layer.loc(lpath),
                            f"change: {key[:-1]} {name!r} does not exist; add it under `add:`",
                        )
            if "envelope" in patch:
                self.api.data.setdefault("envelope", {})
                self.collection(
                    verb,
                    Place(self.api, ("envelope",)),
                    ("field", "map"),
                    patch["envelope"],
                    (verb, "envelope"),
                    "envelope",
                )

    def add_section(self, name: str, raw: dict[str, Any], lpath: JsonPath) -> None:
        if name in self.sections:
            where = self.sections[name].loc(("section",))
            self.c.add(self.layer.loc(lpath), f"section {name!r} already exists ({where})")
            return
        data = {"kind": "section", "section": name, **copy.deepcopy(raw), "operations": {}}
        f = SpecFile(self.layer.path, data, {(): self.layer.loc(lpath).line})
        f.grafts[()] = (self.layer, lpath)
        self.sections[name] = f
        self.files.append(f)

    def add_top(self, key: str, name: str, value: Any, lpath: JsonPath) -> None:
        """A new operation or type: `section:` says which file it joins."""
        kind = "operation" if key == "operations" else "type"
        if not isinstance(value, dict):
            self.c.add(self.layer.loc(lpath), f"a new {kind} is a mapping")
            return
        value = copy.deepcopy(value)
        section = value.pop("section", None)
        if section == "common" and kind == "type":
            target = self.api
        elif section in self.sections:
            target = self.sections[section]
        else:
            known = ", ".join(sorted(self.sections)) + (", common" if kind == "type" else "")
            self.c.add(
                self.layer.loc(lpath),
                f"new {kind} {name!r} needs `section:` naming where it belongs ({known});"
                " a new section goes under add.sections",
            )
            return
        target.data.setdefault(key, {})
        self.put(Place(target, (key, name)), value, kind, lpath)

    def put(self, place: Place, value: Any, kind: str, lpath: JsonPath) -> None:
        """Insert a new item at `place` (its parent exists), remembering the layer's lines."""
        if kind in EVOLVING:
            if not isinstance(value, dict):
                value = {"value": value}
            for key, default in self.defaults.items():
                value.setdefault(key, default)
        parent = Place(place.file, place.path[:-1]).get()
        if isinstance(parent, list):
            parent.append(value)
            place = Place(place.file, (*place.path[:-1], len(parent) - 1))
        else:
            parent[place.path[-1]] = value
        place.file.grafts[place.path] = (self.layer, lpath)
        self.added_by[(id(place.file), place.path)] = self.name

    def descend(
        self, verb: str, kind: str, place: Place, patch: Any, lpath: JsonPath, what: str
    ) -> None:
        """Apply `patch` to the existing item at `place`."""
        if not isinstance(patch, dict):
            self.c.add(self.layer.loc(lpath), f"{verb}: {what}: expected a mapping of its keys")
            return
        node = place.get()
        for key, value in patch.items():
            child = CHILDREN[kind].get(key)
            if child is not None and verb == "change" and child[1] == "list":
                self.set(place, node, key, value, (*lpath, key), what)  # a rule list, whole
            elif child is not None:
                if key not in node:
                    node[key] = {} if child[1] == "map" else []
                self.collection(
                    verb, Place(place.file, (*place.path, key)), child, value, (*lpath, key), what
                )
            elif verb == "add":
                self.c.add(
                    self.layer.loc((*lpath, key)),
                    f"add: {what} already exists ({place.loc()}), so `{key}` cannot be added;"
                    " to replace it, put it under `change:`",
                )
            else:
                self.set(place, node, key, value, (*lpath, key), what)

    def collection(
        self,
        verb: str,
        place: Place,
        child: tuple[str, str],
        patch: Any,
        lpath: JsonPath,
        what: str,
    ) -> None:
        kind, keyed = child
        container = place.get()
        if keyed == "map":
            items = list(patch.items()) if isinstance(patch, dict) else []
            existing = {k: (*place.path, k) for k in container}
        else:
            items = [(_key_of(v, keyed), v) for v in patch] if isinstance(patch, list) else []
            existing = {_key_of(v, keyed): (*place.path, i) for i, v in enumerate(container)}
        if (keyed == "map") != isinstance(patch, dict):
            shape = "a mapping" if keyed == "map" else "a list"
            self.c.add(self.layer.loc(lpath), f"{verb}: {what}: `{place.path[-1]}` is {shape}")
            return
        for index, (key, value) in enumerate(items):
            item_lpath = (*lpath, key if keyed == "map" else index)
            shown = f"#{len(container) + index}" if keyed == "list" else key
            name = f"{what} {place.path[-1]} {shown}"
            if key in existing:
                target = Place(place.file, existing[key])
                if verb == "add" and not _descends(value, kind):
                    self.exists(target, item_lpath, name)
                else:
                    self.descend(verb, kind, target, value, item_lpath, name)
            elif verb == "add":
                self.put(
                    Place(place.file, (*place.path, key if keyed == "map" else len(container))),
                    copy.deepcopy(value),
                    kind,
                    item_lpath,
                )
            else:
                self.c.add(
                    self.layer.loc(item_lpath),
                    f"change: {name} does not exist; add it under `add:`",
                )

    def exists(self, target: Place, lpath: JsonPath, name: str) -> None:
        by = self.added_by.get((id(target.file), target.path))
        origin = f"added by layer {by!r} at" if by else "defined at"
        self.c.add(
            self.layer.loc(lpath),
            f"add: {name} already exists ({origin} {target.loc()}); change it under `change:`",
        )

    def set(
        self, place: Place, node: dict[str, Any], key: str, value: Any, lpath: JsonPath, what: str
    ) -> None:
        """`change:` replaces one key; two layers setting it differently is a conflict."""
        path = (*place.path, key)
        loc = self.layer.loc(lpath)
        earlier = self.set_by.get((id(place.file), path))
        if earlier is not None and earlier.layer != self.name and earlier.value != value:
            self.c.add(
                loc,
                f"change: layers {earlier.layer!r} ({earlier.loc}) and {self.name!r} set"
                f" `{key}` of {what} to different values; keep one",
            )
            return
        node[key] = copy.deepcopy(value)
        place.file.grafts[path] = (self.layer, lpath)
        self.set_by[(id(place.file), path)] = Setting(self.name, loc, value)


def merge_layers(
    files: list[SpecFile], collector: Collector
) -> tuple[list[SpecFile], list[SpecFile]]:
    """(merged files, the valid layers applied): base files with every layer applied in order."""
    base = [f for f in files if not (isinstance(f.data, dict) and f.data.get("kind") == "layer")]
    layers = [f for f in files if f not in base]
    if not layers or not any(
        isinstance(f.data, dict) and f.data.get("kind") == "api" for f in base
    ):
        return base, []
    merger = Merger(base, collector)
    applied = []
    seen: dict[str, Loc] = {}
    for layer in layers:
        if not check_file(layer, collector):
            continue
        name = layer.data["layer"]
        if name in seen:
            collector.add(layer.loc(("layer",)), f"layer {name!r} is defined twice ({seen[name]})")
            continue
        seen[name] = layer.loc(("layer",))
        merger.apply(layer)
        applied.append(layer)
    return merger.files, applied
