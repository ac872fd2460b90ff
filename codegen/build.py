"""Checked spec files -> the intermediate model. Every problem is collected with file:line.

This module reads the files, sections and types and checks type references; build_operation.py
reads operations. A back end's naming policy runs in the same pass (`build_api(naming=...)`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from . import typeexpr
from .build_operation import OperationReader
from .errors import Collector, Loc
from .layers import merge_layers
from .loader import JsonPath, SpecFile
from .metaschema import check_file
from .model import (
    Additional,
    Api,
    BreakingAck,
    EnumValue,
    ErrorClass,
    Evolution,
    Field,
    NamedType,
    Operation,
    Provenance,
    Section,
    Text,
    evolution_of,
    json_kind,
    text_of,
)
from .typeexpr import TypeRef

# A back end's naming policy: names the model's parts, reports clashes on the collector.
Naming = Callable[[Api, Collector], None]


def _enum(items: list[Any] | None, parent: Evolution) -> list[EnumValue]:
    out = []
    for item in items or []:
        if isinstance(item, dict):
            out.append(
                EnumValue(
                    item["value"], text_of(item.get("description")), evolution_of(item, parent)
                )
            )
        else:
            out.append(EnumValue(item, None, parent))
    return out


def is_layer(f: SpecFile) -> bool:
    return isinstance(f.data, dict) and f.data.get("kind") == "layer"


class Builder:
    def __init__(self, files: list[SpecFile]) -> None:
        self.files = files
        self.c = Collector()
        self.types: dict[str, NamedType] = {}
        self.type_files: dict[str, tuple[SpecFile, JsonPath]] = {}
        self.valid: list[SpecFile] = []
        self.layers: list[SpecFile] = []
        # the `since` and `provenance` an item inherits from the one that holds it
        self.parent = Evolution("", Provenance())

    # -- helpers -------------------------------------------------------------------------------

    def typeref(self, spec: SpecFile, path: JsonPath, text: str) -> TypeRef:
        try:
            return typeexpr.parse(text)
        except typeexpr.TypeExprError as exc:
            self.c.add(spec.loc(path), str(exc))
            return TypeRef("scalar", "any")

    def field(self, spec: SpecFile, path: JsonPath, wire: str, raw: dict[str, Any]) -> Field:
        loc = spec.loc(path)
        if not wire.isascii():
            self.c.add(
                loc,
                f"wire name {wire!r} is not pure ASCII; record the document's spelling"
                " in `document_spelling` and use the name the server expects",
            )
        f = Field(
            wire=wire,
            python=raw.get("python"),
            type=self.typeref(spec, (*path, "type"), raw["type"]),
            loc=loc,
            required=raw.get("required", False),
            default=raw.get("default"),
            has_default="default" in raw,
            enum=_enum(raw.get("enum"), self.parent),
            values=_enum(raw.get("values"), self.parent),
            min=raw.get("min"),
            max=raw.get("max"),
            min_length=raw.get("min_length"),
            max_length=raw.get("max_length"),
            pattern=raw.get("pattern"),
            min_items=raw.get("min_items"),
            max_items=raw.get("max_items"),
            keys=text_of(raw.get("keys")),
            secret=raw.get("secret", False),
            description=text_of(raw.get("description")),
            document_spelling=raw.get("document_spelling"),
            note=text_of(raw.get("note")),
            evolution=evolution_of(raw, self.parent),
        )
        if f.required and f.has_default:
            self.c.add(loc, f"{wire!r} is required and has a default: keep one")
        return f

    def fields(self, spec: SpecFile, path: JsonPath, raw: dict[str, Any]) -> list[Field]:
        return [self.field(spec, (*path, wire), wire, value) for wire, value in raw.items()]

    def named_type(
        self, spec: SpecFile, path: JsonPath, name: str, raw: dict[str, Any], module: str
    ) -> None:
        loc = spec.loc(path)
        if name in self.types:
            other = self.types[name].loc
            self.c.add(loc, f"type {name!r} is defined twice (also at {other})")
            return
        t = NamedType(
            name=name,
            module=module,
            loc=loc,
            description=text_of(raw["description"]) or Text(""),
            open=text_of(raw.get("open")),
            read_only_from=raw.get("read_only_from"),
            note=text_of(raw.get("note")),
            min_properties=raw.get("min_properties"),
        )
        t.evolution = evolution_of(raw, self.parent)
        outer, self.parent = self.parent, replace(t.evolution, deprecated=None)
        self.fill_type(spec, path, raw, t)
        self.parent = outer
        self.types[name] = t
        self.type_files[name] = (spec, path)

    def fill_type(self, spec: SpecFile, path: JsonPath, raw: dict[str, Any], t: NamedType) -> None:
        if "variants" in raw:
            t.discriminator = raw["discriminator"]
            t.variants = dict(raw["variants"])
        elif "enum" in raw:
            t.base = self.typeref(spec, (*path, "type"), raw["type"])
            t.enum = _enum(raw["enum"], self.parent)
        else:
            t.fields = self.fields(spec, (*path, "fields"), raw.get("fields") or {})
            if "additional" in raw:
                a = raw["additional"]
                t.additional = Additional(
                    a["python"],
                    self.typeref(spec, (*path, "additional", "type"), a["type"]),
                    spec.loc((*path, "additional")),
                    text_of(a.get("keys")),
                    text_of(a.get("description")),
                    a.get("key_pattern"),
                )
                if t.open is not None:
                    self.c.add(
                        spec.loc((*path, "open")),
                        "`open` and `additional` both say what else the object holds: keep one",
                    )
            rules = OperationReader(self, spec, t.module)  # the rules between an object's fields
            by_wire = {f.wire: f for f in t.fields}
            t.exclusive = rules.exclusive(path, raw, by_wire)
            t.together = rules.together(path, raw, by_wire)
            t.requires = rules.requires(path, raw, by_wire)

    # -- checks after everything is read -----------------------------------------------------

    def check_ref(self, loc: Loc, ref: TypeRef) -> None:
        for node in ref.walk():
            if node.kind == "named" and node.name not in self.types:
                self.c.add(loc, f"unknown type {node.name!r}: define it under `types:` in this API")
            if node.kind == "union":
                kinds: dict[str, TypeRef] = {}
                for member in node.args:
                    kind = self.json_kind(member)
                    if kind in kinds and kind != "any":
                        self.c.add(
                            loc,
                            f"union members {kinds[kind]} and {member} are both JSON {kind}s:"
                            " a union must be told apart by JSON kind",
                        )
                    kinds[kind] = member

    def json_kind(self, ref: TypeRef) -> str:
        return json_kind(self.types, ref)

    def check_union(self, t: NamedType) -> None:
        """Each variant is an object whose required discriminator field enumerates its values."""
        claimed: dict[str, list[str]] = {}
        for value, name in t.variants.items():
            claimed.setdefault(name, []).append(value)
        for name, values in claimed.items():
            v = self.types.get(name)
            if v is None:
                self.c.add(t.loc, f"variant {name!r} of {t.name!r} is not a defined type")
                continue
            if not v.is_object:
                self.c.add(t.loc, f"variant {name!r} of {t.name!r} must be an object type")
                continue
            field = next((f for f in v.fields if f.wire == t.discriminator), None)
            if field is None or not field.required or not field.enum:
                self.c.add(
                    v.loc,
                    f"{name!r} is a variant of {t.name!r}: it needs the field {t.discriminator!r},"
                    " required, with `enum` listing the values that select it",
                )
                continue
            enum = sorted(str(e.value) for e in field.enum)
            if enum != sorted(values):
                self.c.add(
                    field.loc,
                    f"{name}.{t.discriminator} enumerates {enum} but {t.name} maps"
                    f" {sorted(values)} to it",
                )

    def check_field(self, f: Field) -> None:
        self.check_ref(f.loc, f.type)
        base = f.type.without_null()
        kind = self.json_kind(base)
        for ev in f.enum + f.values:
            ok = (kind == "string" and isinstance(ev.value, str)) or (
                kind == "number"
                and isinstance(ev.value, int | float)
                and not isinstance(ev.value, bool)
            )
            if base.kind == "union":
                ok = True
            if not ok:
                self.c.add(
                    f.loc, f"enum value {ev.value!r} of {f.wire!r} does not fit its type {f.type}"
                )
        kinds = {self.json_kind(m) for m in base.args} if base.kind == "union" else {kind}
        if base == TypeRef("list", args=(TypeRef("scalar", "string"),)):
            kinds = {"string"}  # the string constraints of a list of strings hold for each item
        if f.pattern is not None and "string" not in kinds:
            self.c.add(f.loc, f"`pattern` on {f.wire!r} needs a string type, not {f.type}")

    # -- files -------------------------------------------------------------------------------------

    def build(self) -> Api | None:
        api_file = self.api_file()
        if api_file is None:
            return None
        d = api_file.data
        self.parent = self.root = Evolution(d["version"], Provenance(document=d["version"]))
        for name, raw in (d.get("types") or {}).items():
            self.named_type(api_file, ("types", name), name, raw, "common")
        section_files = [f for f in self.valid if f.data["kind"] == "section"]
        for f in section_files:
            for name, raw in (f.data.get("types") or {}).items():
                self.named_type(f, ("types", name), name, raw, f.data["section"])
        sections = self.sections(section_files)
        self.check_catalogs(section_files, sections)
        self.check_types()
        self.close_request_objects([op for s in sections for op in s.operations])
        for s in sections:
            s.types = sorted(n for n, t in self.types.items() if t.module == s.name)
        py = d["python"]
        self.parent = self.root
        envelope = self.fields(api_file, ("envelope",), d.get("envelope") or {})
        for fld in envelope:
            self.check_field(fld)
        return Api(
            name=d["api"],
            title=text_of(d["title"]) or Text(""),
            description=text_of(d.get("description")),
            version=d["version"],
            source=d["source"],
            protocol=d["protocol"],
            base_url=d["base_url"],
            package=py["package"],
            distribution=py["distribution"],
            client=py["client"],
            types=dict(sorted(self.types.items())),
            sections=sorted(sections, key=lambda s: s.name),
            envelope=envelope,
            urls=dict(py.get("urls") or {}),
            usage=py.get("usage", ""),
            usage_async=py.get("usage_async", ""),
            error_classes=[
                ErrorClass(e["name"], list(e["ids"]), text_of(e["description"]) or Text(""))
                for e in d.get("error_classes") or []
            ],
            layers=[f.data["layer"] for f in self.layers],
            breaking=[
                BreakingAck(
                    b["operation"],
                    b["change"],
                    text_of(b["reason"]) or Text(""),
                    f.loc(("breaking", i)),
                )
                for f in [api_file, *self.layers]
                for i, b in enumerate(f.data.get("breaking") or [])
                for at in [("breaking", i)]
            ],
        )

    def api_file(self) -> SpecFile | None:
        """The folder's one valid `kind: api` file; the meta-schema checks every file."""
        api_file = next(
            (f for f in self.files if isinstance(f.data, dict) and f.data.get("kind") == "api"),
            None,
        )
        base = [
            f
            for f in self.files
            if not (isinstance(f.data, dict) and f.data.get("kind") == "layer")
        ]
        self.valid = [f for f in base if check_file(f, self.c)]
        if api_file is not None and len(self.valid) == len(base) < len(self.files):
            merged, self.layers = merge_layers(self.files, self.c)
            self.valid = [f for f in merged if check_file(f, self.c)]
        if api_file is None:
            where = self.files[0].loc(()) if self.files else Loc("spec", 1)
            self.c.add(where, "an API folder needs one `kind: api` file (api.yaml)")
            return None
        if api_file not in self.valid:
            return None
        for f in self.valid:
            if f is not api_file and f.data["kind"] == "api":
                self.c.add(
                    f.loc(("kind",)), f"second `kind: api` file (the first is {api_file.path})"
                )
        return api_file

    def sections(self, section_files: list[SpecFile]) -> list[Section]:
        sections: list[Section] = []
        seen_sections: dict[str, Loc] = {}
        seen_ops: dict[str, Loc] = {}
        for f in section_files:
            s = f.data
            loc = f.loc(("section",))
            if s["section"] in seen_sections or s["section"] == "common":
                self.c.add(
                    loc, f"section {s['section']!r} is defined twice or uses a reserved name"
                )
            seen_sections[s["section"]] = loc
            section = Section(
                s["section"], loc, text_of(s["title"]) or Text(""), text_of(s.get("description"))
            )
            section.catalogs = dict(s.get("catalogs") or {})
            reader = OperationReader(self, f, section.name)
            for wire, raw in s["operations"].items():
                op_loc = f.loc(("operations", wire))
                if wire in seen_ops:
                    self.c.add(
                        op_loc, f"operation {wire!r} is defined twice (also at {seen_ops[wire]})"
                    )
                    continue
                seen_ops[wire] = op_loc
                section.operations.append(reader.operation(("operations", wire), wire, raw))
                self.parent = self.root
            sections.append(section)
        return sections

    def check_catalogs(self, section_files: list[SpecFile], sections: list[Section]) -> None:
        catalog_names = {n for section in sections for n in section.catalogs}
        for f in section_files:
            for name, catalog in (f.data.get("catalogs") or {}).items():
                tree = catalog.get("python_tree") or {}
                for key in ("objects", "aliases"):
                    if key in tree and tree[key] not in catalog_names:
                        self.c.add(
                            f.loc(("catalogs", name, "python_tree", key)),
                            f"python_tree.{key}: no catalogue {tree[key]!r} in this API",
                        )

    def check_types(self) -> None:
        for t in self.types.values():
            for fld in t.fields:
                self.check_field(fld)
            if t.additional:
                self.check_ref(t.loc, t.additional.type)
            if t.base is not None:
                self.check_ref(t.loc, t.base)
            if t.is_union:
                self.check_union(t)
            source = self.types.get(t.read_only_from or "")
            if t.read_only_from is not None and (source is None or not source.is_object):
                self.c.add(t.loc, f"read_only_from: {t.read_only_from!r} is not an object type")

    def close_request_objects(self, ops: list[Operation]) -> None:
        """Object types that requests carry refuse keys their fields do not list, unless the
        spec says why they are open (`open`) or what else they hold (`additional`)."""
        stack = [p.type for op in ops for p in op.params]
        seen: set[str] = set()
        while stack:
            for node in stack.pop().walk():
                if node.kind != "named" or node.name in seen or node.name not in self.types:
                    continue
                seen.add(node.name)
                t = self.types[node.name]
                stack += [f.type for f in t.fields]
                stack += [TypeRef("named", v) for v in t.variants.values()]
                if t.additional is not None:
                    stack.append(t.additional.type)
                elif t.is_object:
                    t.closed = t.open is None
        for t in self.types.values():
            if t.open is not None and t.name not in seen:
                self.c.add(t.loc, f"{t.name!r} is marked `open` but no request carries it")


def build_api(files: list[SpecFile], naming: Naming | None = None) -> Api:
    """The model of one API folder; `naming` lets a back end name things in the same pass, so
    that its problems are reported with the spec's."""
    builder = Builder(files)
    api = builder.build()
    if api is not None and naming is not None:
        naming(api, builder.c)
    builder.c.raise_if_any()
    assert api is not None
    return api
