"""The typed tree of a catalogue of dotted field names (`python_tree:` in spec/FORMAT.md).

From `stat_uni_fields` it makes `F.click.issue.group.name`: one class per object, a property per
field, the `xxx.yyy.*` entries grafting the fields of another object (recursively), the
placeholders of a name (`member.anketa.ANKETA.QUEST`) as a method, and the kinds of statistics
as kind nodes. Every decision is made here; the template only prints the view.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..model import Api
from .naming import pascal, python_name


class TreeError(ValueError):
    """A `python_tree` that cannot be built (a reference to a missing catalogue or object)."""


@dataclass
class Member:
    """One property (or method) of a node class."""

    py: str
    wire: str
    doc: str
    returns: str  # a node class or a leaf class
    leaf: bool
    args: list[str] = field(default_factory=list)  # placeholders, for a method


@dataclass
class NodeClass:
    name: str
    doc: str
    kind: bool
    members: list[Member] = field(default_factory=list)


@dataclass
class TreeView:
    module: str
    catalog: str
    root: str
    classes: list[NodeClass]
    leaves: list[tuple[str, str]]  # (wire name, Python expression), every field of the tree


@dataclass
class _Trie:
    """The entries of one object below a prefix: fields, grafts (`.*`) and sub-objects."""

    fields: dict[str, dict[str, Any]] = field(default_factory=dict)
    grafts: dict[str, dict[str, Any]] = field(default_factory=dict)
    subs: dict[str, _Trie] = field(default_factory=dict)
    methods: dict[str, dict[str, Any]] = field(default_factory=dict)


def _doc(entry: dict[str, Any]) -> str:
    text = (entry.get("description") or {}).get("en", "")
    return " ".join(str(text).split())


def _insert(trie: _Trie, segments: list[str], entry: dict[str, Any]) -> None:
    holes = list(entry.get("placeholders") or ())
    if holes and segments[1] in holes:
        trie.methods[segments[0]] = entry
    elif len(segments) == 2 and segments[1] == "*":
        trie.grafts[segments[0]] = entry
    elif len(segments) == 1:
        trie.fields[segments[0]] = entry
    else:
        _insert(trie.subs.setdefault(segments[0], _Trie()), segments[1:], entry)


def _leaf_class(entry: dict[str, Any], nullable: bool) -> str:
    null = nullable or bool(entry.get("nullable"))
    date = entry.get("type") == "datetime"
    return ("Nullable" if null else "") + ("DateField" if date else "Field")


class _Builder:
    def __init__(self, api: Api, catalog: str, spec: dict[str, Any]) -> None:
        catalogs = {n: c for s in api.sections for n, c in s.catalogs.items()}
        for key in ("objects", "aliases"):
            if spec.get(key) and spec[key] not in catalogs:
                raise TreeError(f"{catalog}.python_tree.{key}: no catalogue {spec[key]!r}")
        self.objects = {str(e["name"]): e for e in catalogs[spec["objects"]]["entries"]}
        alias_entries = catalogs[spec["aliases"]]["entries"] if spec.get("aliases") else []
        self.aliases = {
            str(e["name"]): str(e["prefix_for"]) for e in alias_entries if e.get("prefix_for")
        }
        self.tries: dict[str, _Trie] = {}
        for entry in catalogs[catalog]["entries"]:
            segments = str(entry["name"]).split(".")
            if segments[0] not in self.objects:
                raise TreeError(f"{catalog}: {entry['name']!r} starts with an unknown object")
            _insert(self.tries.setdefault(segments[0], _Trie()), segments[1:], entry)
        self.classes: dict[str, NodeClass] = {}
        self.leaves: list[tuple[str, str]] = []

    def py_object(self, name: str) -> str:
        return str(self.objects[name].get("python") or python_name(name))

    def node(self, obj: str, sub: tuple[str, ...], nullable: bool, doc: str) -> str:
        """The class of the fields of `obj` below `sub` (created once per nullability)."""
        base = pascal(self.py_object(obj) + "_" + "_".join(sub))
        name = ("Nullable" if nullable else "") + base
        if name in self.classes:
            return name
        kind = not sub and bool(self.objects[obj].get("kind"))
        cls = NodeClass(name, doc, kind)
        self.classes[name] = cls
        trie = self.tries[obj]
        for segment in sub:
            trie = trie.subs[segment]
        for wire, entry in trie.fields.items():
            cls.members.append(
                Member(python_name(wire), wire, _doc(entry), _leaf_class(entry, nullable), True)
            )
        for wire, entry in trie.grafts.items():
            target = str(entry["expands"])
            if target not in self.tries:
                raise TreeError(f"{obj}.{'.'.join(sub)}.{wire}.*: no fields of {target!r}")
            null = nullable or bool(entry.get("nullable"))
            returns = self.node(target, (), null, _doc(self.objects[target]))
            cls.members.append(Member(python_name(wire), wire, _doc(entry), returns, False))
        for wire in trie.subs:
            returns = self.node(obj, (*sub, wire), nullable, f"`{wire}` of `{obj}`.")
            cls.members.append(Member(python_name(wire), wire, "", returns, False))
        for wire, entry in trie.methods.items():
            holes = [python_name(h.lower()) for h in entry["placeholders"]]
            returns = _leaf_class(entry, nullable)
            cls.members.append(Member(python_name(wire), wire, _doc(entry), returns, True, holes))
        cls.members.sort(key=lambda m: (bool(m.args), m.py))
        return name

    def walk(self, cls: str, wire: str, code: str) -> None:
        for m in self.classes[cls].members:
            if m.args:
                continue
            child_wire, child_code = f"{wire}.{m.wire}" if wire else m.wire, f"{code}.{m.py}"
            if m.leaf:
                self.leaves.append((child_wire, child_code))
            else:
                self.walk(m.returns, child_wire, child_code)


def tree_views(api: Api) -> list[TreeView]:
    """One view per catalogue that asks for a typed tree, in catalogue order."""
    views = []
    for section in api.sections:
        for catalog, data in sorted(section.catalogs.items()):
            spec = data.get("python_tree")
            if not spec:
                continue
            b = _Builder(api, catalog, spec)
            root_name = str(spec.get("root") or "Fields")
            root = NodeClass(root_name, f"The fields of the catalogue `{catalog}`.", False)
            for obj in sorted(b.tries, key=list(b.objects).index):
                cls = b.node(obj, (), False, _doc(b.objects[obj]))
                root.members.append(Member(b.py_object(obj), obj, _doc(b.objects[obj]), cls, False))
            for alias, target in sorted(b.aliases.items()):
                cls = b.node(target, (), False, _doc(b.objects[target]))
                doc = f"The kind `{alias}`, with the fields of `{target}`."
                root.members.append(Member(python_name(alias), alias, doc, cls, False))
            b.classes[root_name] = root
            b.walk(root_name, "", "F")
            views.append(
                TreeView(
                    module=str(spec["module"]),
                    catalog=catalog,
                    root=root_name,
                    classes=[c for n, c in b.classes.items() if n != root_name] + [root],
                    leaves=sorted(b.leaves),
                )
            )
    return views
