"""Checked spec files -> the intermediate model. Every problem is collected with file:line."""

from __future__ import annotations

import keyword
from typing import Any

from . import conditions, typeexpr
from .conditions import Cond
from .errors import Collector, Loc
from .loader import JsonPath, SpecFile
from .metaschema import check_file
from .model import (
    Additional,
    Api,
    EnumValue,
    ErrorId,
    Example,
    Exclusive,
    Field,
    NamedType,
    Operation,
    Requirement,
    Retry,
    Section,
    Text,
    Variant,
)
from .naming import NamingError, operation_path, pascal, python_name
from .typeexpr import JSON_KIND, TypeRef

# Attributes every generated model has; a field may not take these Python names.
MODEL_RESERVED = frozenset({"raw", "unknown_fields", "explicit_nulls"})
# Type names a model class's annotations may use. A field named like one of them would shadow
# it inside the class body (mypy resolves annotations there), so such a field gets a trailing
# `_` when the class uses that name elsewhere: `str` and `dict` always (every model's methods
# use them), the others when another field's annotation does.
ALWAYS_USED = frozenset({"str", "dict"})
SCALAR_NAMES = {
    "string": "str",
    "int": "int",
    "number": "float",
    "bool": "bool",
    "flag": "bool",
    "date": "datetime",
    "datetime": "datetime",
    "datetime_hm": "datetime",
}


def annotation_names(ref: TypeRef) -> set[str]:
    names = set()
    for node in ref.walk():
        if node.kind == "scalar" and node.name in SCALAR_NAMES:
            names.add(SCALAR_NAMES[node.name])
        elif node.kind in ("list", "map"):
            names.add("list" if node.kind == "list" else "dict")
    return names


# Keyword arguments every generated method has besides the parameters.
METHOD_RESERVED = frozenset({"self", "request_id", "timeout"})


def _text(value: Any) -> Text | None:
    if value is None:
        return None
    return Text(value["en"], value.get("ru"))


def _enum(items: list[Any] | None) -> list[EnumValue]:
    out = []
    for item in items or []:
        if isinstance(item, dict):
            out.append(EnumValue(item["value"], _text(item.get("description"))))
        else:
            out.append(EnumValue(item))
    return out


class _Builder:
    def __init__(self, files: list[SpecFile]) -> None:
        self.files = files
        self.c = Collector()
        self.types: dict[str, NamedType] = {}
        self.type_files: dict[str, tuple[SpecFile, JsonPath]] = {}

    # -- helpers -------------------------------------------------------------------------------

    def typeref(self, spec: SpecFile, path: JsonPath, text: str) -> TypeRef:
        try:
            return typeexpr.parse(text)
        except typeexpr.TypeExprError as exc:
            self.c.add(spec.loc(path), str(exc))
            return TypeRef("scalar", "any")

    def field(self, spec: SpecFile, path: JsonPath, wire: str, raw: dict[str, Any]) -> Field:
        loc = spec.loc(path)
        py = raw.get("python")
        if py is None:
            try:
                py = python_name(wire)
            except NamingError as exc:
                self.c.add(loc, str(exc))
                py = "invalid_"
        elif keyword.iskeyword(py):
            self.c.add(loc, f"python name {py!r} is a keyword")
        if not wire.isascii():
            self.c.add(
                loc,
                f"wire name {wire!r} is not pure ASCII; record the document's spelling"
                " in `document_spelling` and use the name the server expects",
            )
        f = Field(
            wire=wire,
            py=py,
            type=self.typeref(spec, (*path, "type"), raw["type"]),
            loc=loc,
            required=raw.get("required", False),
            default=raw.get("default"),
            has_default="default" in raw,
            enum=_enum(raw.get("enum")),
            values=_enum(raw.get("values")),
            min=raw.get("min"),
            max=raw.get("max"),
            min_length=raw.get("min_length"),
            max_length=raw.get("max_length"),
            pattern=raw.get("pattern"),
            min_items=raw.get("min_items"),
            max_items=raw.get("max_items"),
            keys=_text(raw.get("keys")),
            secret=raw.get("secret", False),
            description=_text(raw.get("description")),
            document_spelling=raw.get("document_spelling"),
            note=_text(raw.get("note")),
        )
        if f.required and f.has_default:
            self.c.add(loc, f"{wire!r} is required and has a default: keep one")
        return f

    def fields(
        self, spec: SpecFile, path: JsonPath, raw: dict[str, Any], reserved: frozenset[str]
    ) -> list[Field]:
        out: list[Field] = []
        seen: dict[str, str] = {}
        for wire, value in raw.items():
            f = self.field(spec, (*path, wire), wire, value)
            if f.py in seen:
                self.c.add(
                    f.loc,
                    f"{wire!r} and {seen[f.py]!r} both map to the Python name {f.py!r}:"
                    " give one a `python:` name",
                )
            elif f.py in reserved:
                self.c.add(
                    f.loc,
                    f"{wire!r} maps to the reserved Python name {f.py!r}: give it a `python:` name",
                )
            seen[f.py] = wire
            out.append(f)
        if reserved is MODEL_RESERVED:
            for f in out:
                used = set(ALWAYS_USED)
                for other in out:
                    if other is not f:
                        used |= annotation_names(other.type)
                if f.py in used and "python" not in raw[f.wire]:
                    f.py += "_"
        return out

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
            description=_text(raw["description"]) or Text(""),
            open=_text(raw.get("open")),
            read_only_from=raw.get("read_only_from"),
            note=_text(raw.get("note")),
            min_properties=raw.get("min_properties"),
        )
        if "variants" in raw:
            t.discriminator = raw["discriminator"]
            t.variants = dict(raw["variants"])
        elif "enum" in raw:
            t.base = self.typeref(spec, (*path, "type"), raw["type"])
            t.enum = _enum(raw["enum"])
        else:
            t.fields = self.fields(spec, (*path, "fields"), raw.get("fields") or {}, MODEL_RESERVED)
            if "additional" in raw:
                a = raw["additional"]
                t.additional = Additional(
                    a["python"],
                    self.typeref(spec, (*path, "additional", "type"), a["type"]),
                    _text(a.get("keys")),
                    _text(a.get("description")),
                    a.get("key_pattern"),
                )
                if a["python"] in {f.py for f in t.fields} | MODEL_RESERVED:
                    self.c.add(
                        spec.loc((*path, "additional")),
                        f"additional.python {a['python']!r} clashes"
                        " with a field or a reserved name",
                    )
                if t.open is not None:
                    self.c.add(
                        spec.loc((*path, "open")),
                        "`open` and `additional` both say what else the object holds: keep one",
                    )
            by_wire = {f.wire: f for f in t.fields}
            t.exclusive, t.together, t.requires = self.rules(spec, path, raw, by_wire, "field")
        self.types[name] = t
        self.type_files[name] = (spec, path)

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
        if ref.kind == "list":
            return "array"
        if ref.kind == "map":
            return "object"
        if ref.kind == "named":
            t = self.types.get(ref.name)
            if t and t.base is not None:
                return self.json_kind(t.base)
            return "object"  # objects and discriminated unions of objects
        if ref.kind == "scalar":
            return JSON_KIND.get(ref.name, "any")
        return "union"

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
        api_file = next(
            (f for f in self.files if isinstance(f.data, dict) and f.data.get("kind") == "api"),
            None,
        )
        valid = [f for f in self.files if check_file(f, self.c)]
        if api_file is None:
            where = self.files[0].loc(()) if self.files else Loc("spec", 1)
            self.c.add(where, "an API folder needs one `kind: api` file (api.yaml)")
            return None
        if api_file not in valid:
            return None
        for f in valid:
            if f is not api_file and f.data["kind"] == "api":
                self.c.add(
                    f.loc(("kind",)), f"second `kind: api` file (the first is {api_file.path})"
                )
        d = api_file.data
        for name, raw in (d.get("types") or {}).items():
            self.named_type(api_file, ("types", name), name, raw, "common")
        sections: list[Section] = []
        section_files = [f for f in valid if f.data["kind"] == "section"]
        for f in section_files:
            s = f.data
            for name, raw in (s.get("types") or {}).items():
                self.named_type(f, ("types", name), name, raw, s["section"])
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
                s["section"], loc, _text(s["title"]) or Text(""), _text(s.get("description"))
            )
            section.types = sorted(n for n, t in self.types.items() if t.module == section.name)
            section.catalogs = dict(s.get("catalogs") or {})
            for wire, raw in s["operations"].items():
                op_loc = f.loc(("operations", wire))
                if wire in seen_ops:
                    self.c.add(
                        op_loc, f"operation {wire!r} is defined twice (also at {seen_ops[wire]})"
                    )
                    continue
                seen_ops[wire] = op_loc
                section.operations.append(
                    self.operation(f, ("operations", wire), wire, raw, section.name)
                )
            sections.append(section)
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
        ops = [op for s in sections for op in s.operations]
        self.check_namespaces(ops)
        self.close_request_objects(ops)
        for s in sections:
            s.types = sorted(n for n, t in self.types.items() if t.module == s.name)
        py = d["python"]
        envelope = self.fields(api_file, ("envelope",), d.get("envelope") or {}, frozenset())
        for fld in envelope:
            self.check_field(fld)
        return Api(
            name=d["api"],
            title=_text(d["title"]) or Text(""),
            description=_text(d.get("description")),
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
        )

    def operation(
        self, f: SpecFile, path: JsonPath, wire: str, raw: dict[str, Any], section: str
    ) -> Operation:
        loc = f.loc(path)
        if not wire.isascii():
            self.c.add(
                loc,
                f"action {wire!r} is not pure ASCII: use the name the server expects and"
                " record the document's spelling in `document_spelling`",
            )
        namespace, method = operation_path(wire)
        override = raw.get("python") or {}
        namespace = override.get("namespace", namespace)
        method = override.get("method", method)
        if keyword.iskeyword(method):
            method += "_"
        params = self.fields(f, (*path, "params"), raw.get("params") or {}, METHOD_RESERVED)
        for p in params:
            self.check_field(p)
        by_wire = {p.wire: p for p in params}
        exclusive, together, requires = self.rules(f, path, raw, by_wire, "parameter")
        variants = []
        responses = raw["responses"]
        for i, r in enumerate(responses):
            rpath = (*path, "responses", i)
            cond = None
            if "when" in r:
                cond = self.condition(f, (*rpath, "when"), r["when"], set(by_wire))
            elif i != len(responses) - 1:
                self.c.add(
                    f.loc(rpath), f"response {r['name']!r} has no `when` but is not the last one"
                )
            if "type" in r:
                ref = self.typeref(f, (*rpath, "type"), r["type"])
                if ref.kind != "named":
                    self.c.add(
                        f.loc((*rpath, "type")), "a response `type` must name an object type"
                    )
                    type_name = "Empty"
                else:
                    type_name = ref.name
                    self.check_ref(f.loc((*rpath, "type")), ref)
            else:
                type_name = pascal(wire) + (
                    "Response" if len(responses) == 1 else pascal(r["name"])
                )
                self.named_type(
                    f,
                    rpath,
                    type_name,
                    {"description": r.get("description") or raw["summary"], "fields": r["fields"]},
                    section,
                )
            variants.append(
                Variant(r["name"], type_name, cond, r.get("when"), _text(r.get("description")))
            )
        for v in variants:
            if v.type_name in self.types:
                self.types[v.type_name].is_response = True
        defaults_ok = raw["mode"] != "conditional" or len(variants) > 1
        if not defaults_ok:
            self.c.add(loc, "mode `conditional` needs more than one response variant")
        examples = [
            Example(
                e["name"],
                e.get("original"),
                e.get("request"),
                e.get("response"),
                _text(e.get("note")),
            )
            for e in raw.get("examples") or []
        ]
        for i, e in enumerate(examples):
            if e.request is not None and "action" in e.request:
                self.c.add(
                    f.loc((*path, "examples", i, "request")),
                    "example requests hold the parameters only, without `action`",
                )
        return Operation(
            wire=wire,
            section=section,
            loc=loc,
            summary=_text(raw["summary"]) or Text(""),
            description=_text(raw.get("description")),
            auth=raw["auth"],
            mode=raw["mode"],
            namespace=namespace,
            method=method,
            params=params,
            exclusive=exclusive,
            together=together,
            variants=variants,
            errors=[ErrorId(e["id"], _text(e.get("description"))) for e in raw.get("errors") or []],
            examples=examples,
            document_spelling=raw.get("document_spelling"),
            retry=self.retry(f, path, raw["retry"], set(by_wire)),
            note=_text(raw.get("note")),
            requires=requires,
            checked_by=raw.get("checked_by"),
        )

    def rules(
        self,
        f: SpecFile,
        path: JsonPath,
        raw: dict[str, Any],
        by_wire: dict[str, Field],
        what: str,
    ) -> tuple[list[Exclusive], list[list[str]], list[Requirement]]:
        """The `exclusive`, `together` and `requires` groups over an operation's parameters or
        an object type's fields (`what` names them in messages)."""
        exclusive = []
        for i, ex in enumerate(raw.get("exclusive") or []):
            for name in ex["params"]:
                if name not in by_wire:
                    self.c.add(
                        f.loc((*path, "exclusive", i)),
                        f"exclusive names unknown {what} {name!r}",
                    )
                elif by_wire[name].required:
                    self.c.add(
                        f.loc((*path, "exclusive", i)),
                        f"{name!r} is required, so it cannot be an exclusive alternative",
                    )
            exclusive.append(
                Exclusive(
                    list(ex["params"]), ex.get("required", False), _text(ex.get("description"))
                )
            )
        together = []
        for i, group in enumerate(raw.get("together") or []):
            for name in group["params"]:
                if name not in by_wire:
                    self.c.add(
                        f.loc((*path, "together", i)), f"together names unknown {what} {name!r}"
                    )
            together.append(list(group["params"]))
        requires = []
        for i, rule in enumerate(raw.get("requires") or []):
            rpath = (*path, "requires", i)
            for name in rule["params"]:
                if name not in by_wire:
                    self.c.add(f.loc(rpath), f"requires names unknown {what} {name!r}")
                elif by_wire[name].required:
                    self.c.add(f.loc(rpath), f"{name!r} is always required: no condition needed")
            when = self.condition(f, (*rpath, "when"), rule["when"], set(by_wire), what)
            if when is not None:
                requires.append(
                    Requirement(
                        when,
                        list(rule["params"]),
                        rule.get("any", False),
                        _text(rule.get("description")),
                    )
                )
        return exclusive, together, requires

    def condition(
        self, f: SpecFile, path: JsonPath, text: str, names: set[str], what: str = "parameter"
    ) -> Cond | None:
        """A parsed `when:`/`unless:` condition over the operation's parameters, or None."""
        try:
            cond = conditions.parse(text)
        except conditions.ConditionError as exc:
            self.c.add(f.loc(path), str(exc))
            return None
        for name in sorted(conditions.names(cond) - names):
            self.c.add(f.loc(path), f"condition names unknown {what} {name!r}")
        return cond

    def retry(self, f: SpecFile, path: JsonPath, raw: dict[str, Any], names: set[str]) -> Retry:
        unless = None
        if "unless" in raw:
            if not raw["safe"]:
                self.c.add(
                    f.loc((*path, "retry", "unless")),
                    "`unless` narrows a safe operation; it makes no sense with `safe: false`",
                )
            unless = self.condition(f, (*path, "retry", "unless"), raw["unless"], names)
        return Retry(raw["safe"], _text(raw["reason"]) or Text(""), unless, raw.get("unless"))

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

    def check_namespaces(self, ops: list[Operation]) -> None:
        root_methods = {op.method: op for op in ops if not op.namespace}
        seen: dict[tuple[str, str], Operation] = {}
        for op in ops:
            key = (op.namespace, op.method)
            if key in seen:
                self.c.add(
                    op.loc,
                    f"{op.wire!r} and {seen[key].wire!r} both become"
                    f" {'.'.join(p for p in key if p)}(): override one with `python:`",
                )
            seen[key] = op
            if op.namespace and op.namespace in root_methods:
                self.c.add(
                    op.loc,
                    f"namespace {op.namespace!r} of {op.wire!r} collides with the client method"
                    f" of {root_methods[op.namespace].wire!r}: override with"
                    ' `python: {namespace: "", method: ...}`',
                )
            if op.namespace in ("request", "close", "aclose") or (
                not op.namespace and op.method in ("request", "close", "aclose", "call")
            ):
                self.c.add(
                    op.loc, f"{op.wire!r} would shadow a client attribute: override with `python:`"
                )


def build_api(files: list[SpecFile]) -> Api:
    builder = _Builder(files)
    api = builder.build()
    builder.c.raise_if_any()
    assert api is not None
    return api
