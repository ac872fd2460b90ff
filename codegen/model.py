"""The intermediate model: everything the back ends need, decided here and not in Jinja.

It is language-neutral: `py`, `namespace` and `method` are the Python back end's names, empty
until its naming policy (codegen/python/naming.py) fills them in; `python` keeps the spec's own
`python:` override for that policy to read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .conditions import Cond
from .errors import Loc
from .typeexpr import JSON_KIND, TypeRef


@dataclass(frozen=True)
class Text:
    en: str
    ru: str | None = None


def text_of(value: Any) -> Text | None:
    """A spec text (`{en: ..., ru: ...}`) or None."""
    if value is None:
        return None
    return Text(value["en"], value.get("ru"))


@dataclass(frozen=True)
class Deprecation:
    """Still works, but should no longer be used (`deprecated: {since, use, message}`)."""

    since: str
    message: Text
    use: str | None = None


@dataclass(frozen=True)
class Provenance:
    """Where an item's description comes from: the source document or observed payloads."""

    document: str | None = None  # the document's version
    observed: tuple[str, ...] = ()  # evidence sources (public repository and file)

    @property
    def is_observed(self) -> bool:
        return bool(self.observed)


@dataclass(frozen=True)
class Evolution:
    """When an item appeared, whether it is deprecated, and where its description comes from."""

    since: str
    provenance: Provenance
    deprecated: Deprecation | None = None


def evolution_of(raw: dict[str, Any], parent: Evolution) -> Evolution:
    """`since`, `provenance` (inherited from the enclosing item) and `deprecated` of an item."""
    prov = raw.get("provenance")
    dep = raw.get("deprecated")
    return Evolution(
        since=raw.get("since", parent.since),
        provenance=Provenance(prov.get("document"), tuple(prov.get("observed", ())))
        if prov
        else parent.provenance,
        deprecated=Deprecation(dep["since"], text_of(dep["message"]) or Text(""), dep.get("use"))
        if dep
        else None,
    )


@dataclass(frozen=True)
class EnumValue:
    value: Any
    description: Text | None = None
    evolution: Evolution | None = None


@dataclass
class Field:
    wire: str
    type: TypeRef
    loc: Loc
    python: str | None = None  # the spec's `python:` name
    py: str = ""  # the Python back end's name (codegen/python/naming.py)
    required: bool = False
    default: Any = None
    has_default: bool = False
    enum: list[EnumValue] = field(default_factory=list)
    values: list[EnumValue] = field(default_factory=list)
    min: float | None = None
    max: float | None = None
    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None
    min_items: int | None = None
    max_items: int | None = None
    keys: Text | None = None
    secret: bool = False
    description: Text | None = None
    document_spelling: str | None = None
    note: Text | None = None
    evolution: Evolution | None = None

    @property
    def deprecated(self) -> Deprecation | None:
        return self.evolution.deprecated if self.evolution else None


@dataclass
class Additional:
    py: str
    type: TypeRef
    loc: Loc
    keys: Text | None = None
    description: Text | None = None
    key_pattern: str | None = None  # ECMA 262 regex every extra key matches (requests)


@dataclass
class NamedType:
    """An object type (fields) or an enumeration (base + enum)."""

    name: str
    module: str  # the section (or "common") whose models module defines it
    loc: Loc
    description: Text
    fields: list[Field] = field(default_factory=list)
    additional: Additional | None = None
    open: Text | None = None  # why a request object accepts keys the document does not list
    read_only_from: str | None = None  # the object type whose other keys can only be read
    closed: bool = False  # computed: a request object with neither `open` nor `additional`
    base: TypeRef | None = None
    enum: list[EnumValue] = field(default_factory=list)
    note: Text | None = None
    is_response: bool = False  # top-level answer model: gets `raw`
    discriminator: str | None = None  # discriminated union: the field that tells variants apart
    variants: dict[str, str] = field(default_factory=dict)  # discriminator value -> type name
    min_properties: int | None = None
    exclusive: list[Exclusive] = field(default_factory=list)
    together: list[list[str]] = field(default_factory=list)
    requires: list[Requirement] = field(default_factory=list)
    evolution: Evolution | None = None

    @property
    def field_defaults(self) -> dict[str, Any]:
        """The defaults of absent fields, as the conditions of `requires` read them."""
        return {f.wire: f.default for f in self.fields if f.has_default}

    @property
    def flag_fields(self) -> frozenset[str]:
        """Fields that are 0|1 flags (conditions accept their string and bool forms)."""
        flag = TypeRef("scalar", "flag")
        return frozenset(f.wire for f in self.fields if f.type.without_null() == flag)

    @property
    def is_enum(self) -> bool:
        return self.base is not None

    @property
    def is_union(self) -> bool:
        return self.discriminator is not None

    @property
    def is_object(self) -> bool:
        return not (self.is_enum or self.is_union)


def json_kind(types: dict[str, NamedType], ref: TypeRef) -> str:
    """The JSON kind a union tells `ref` apart by: array, object, string, number, boolean,
    null; `any` for a value of any kind, `union` for a union."""
    if ref.kind == "list":
        return "array"
    if ref.kind == "map":
        return "object"
    if ref.kind == "named":
        t = types.get(ref.name)
        if t is not None and t.base is not None:
            return json_kind(types, t.base)
        return "object"  # objects and discriminated unions of objects
    if ref.kind == "scalar":
        return JSON_KIND.get(ref.name, "any")
    return "union"


@dataclass
class Exclusive:
    params: list[str]
    required: bool
    description: Text | None = None


@dataclass
class Requirement:
    """Parameters a condition on the request makes necessary (`requires:`)."""

    when: Cond
    params: list[str]
    any: bool  # True: at least one of them; False: every one
    description: Text | None = None


@dataclass
class Variant:
    name: str
    type_name: str
    when: Cond | None
    description: Text | None = None


@dataclass
class Retry:
    """May the client repeat the call after a failure that may have reached the server?

    `safe` unless the request matches `unless` (e.g. a read that e-mails a report on demand).
    """

    safe: bool
    reason: Text
    unless: Cond | None = None
    unless_text: str | None = None


@dataclass
class ErrorId:
    id: str
    description: Text | None = None


@dataclass
class Example:
    name: str
    original: str | None = None
    request: dict[str, Any] | None = None
    response: dict[str, Any] | None = None
    note: Text | None = None
    loc: Loc | None = None


# Parameters the client fills itself from its configuration, by the operation's `auth`
# (spec/FORMAT.md): callers never pass them, the methods and the docs do not offer them.
CLIENT_FILLED: dict[str, frozenset[str]] = {"token": frozenset({"token"})}


@dataclass
class Operation:
    wire: str
    section: str
    loc: Loc
    summary: Text
    description: Text | None
    auth: str
    mode: str
    params: list[Field]
    exclusive: list[Exclusive]
    together: list[list[str]]
    variants: list[Variant]
    errors: list[ErrorId]
    examples: list[Example]
    document_spelling: str | None = None
    note: Text | None = None
    retry: Retry = field(default_factory=lambda: Retry(False, Text("")))
    requires: list[Requirement] = field(default_factory=list)
    checked_by: str | None = None  # extensions function checking a language in the params
    python: dict[str, str] = field(default_factory=dict)  # the spec's `python:` override
    namespace: str = ""  # the Python back end's names (codegen/python/naming.py)
    method: str = ""
    evolution: Evolution | None = None
    batch: tuple[str, str] | None = None  # (requests parameter, answers field): see `batch:`

    @property
    def deprecated(self) -> Deprecation | None:
        return self.evolution.deprecated if self.evolution else None

    @property
    def const_name(self) -> str:
        return "_".join(p for p in (self.namespace, self.method) if p).upper().strip("_")

    @property
    def func_suffix(self) -> str:
        return "_".join(p for p in (self.namespace, self.method.rstrip("_")) if p)

    @property
    def client_filled(self) -> frozenset[str]:
        return CLIENT_FILLED.get(self.auth, frozenset())

    @property
    def caller_params(self) -> list[Field]:
        """The parameters a caller passes: all but those the client fills itself."""
        return [p for p in self.params if p.wire not in self.client_filled]

    @property
    def param_defaults(self) -> dict[str, Any]:
        """The server's defaults of absent parameters, as conditions read them."""
        return {p.wire: p.default for p in self.params if p.has_default}

    @property
    def flag_params(self) -> frozenset[str]:
        """Parameters that are 0|1 flags (conditions accept their string and bool forms)."""
        flag = TypeRef("scalar", "flag")
        return frozenset(p.wire for p in self.params if p.type.without_null() == flag)


@dataclass
class Section:
    name: str
    loc: Loc
    title: Text
    description: Text | None
    operations: list[Operation] = field(default_factory=list)
    types: list[str] = field(default_factory=list)
    catalogs: dict[str, dict[str, Any]] = field(
        default_factory=dict
    )  # name -> {description, entries}


@dataclass(frozen=True)
class BreakingAck:
    """A breaking change made on purpose (`breaking:`): `make compat` lets it through."""

    operation: str
    change: str
    reason: Text
    loc: Loc


@dataclass
class ErrorClass:
    """An APIError subclass of the package, raised for the error ids its patterns match."""

    name: str
    ids: list[str]
    description: Text


@dataclass
class Api:
    name: str
    title: Text
    description: Text | None
    version: str
    source: str
    protocol: str
    base_url: str
    package: str
    distribution: str
    client: str
    types: dict[str, NamedType]
    sections: list[Section]
    envelope: list[Field] = field(default_factory=list)
    urls: dict[str, str] = field(default_factory=dict)  # the package's project URLs
    usage: str = ""  # the client's usage example (Python code), sync and async
    usage_async: str = ""
    error_classes: list[ErrorClass] = field(default_factory=list)
    layers: list[str] = field(default_factory=list)  # names, in the order applied
    breaking: list[BreakingAck] = field(default_factory=list)

    @property
    def spec_version(self) -> str:
        """The document's version plus the layers applied: `0.108+observed`."""
        return self.version + ("+" + ".".join(self.layers) if self.layers else "")

    @property
    def secret_keys(self) -> list[str]:
        """Every wire name the spec marks secret: params, type fields, envelope fields."""
        fields = [*self.envelope, *(p for op in self.operations for p in op.params)]
        fields += [f for t in self.types.values() for f in t.fields]
        return sorted({f.wire for f in fields if f.secret})

    @property
    def operations(self) -> list[Operation]:
        return [op for section in self.sections for op in section.operations]

    def namespaces(self) -> dict[str, list[Operation]]:
        out: dict[str, list[Operation]] = {}
        for op in sorted(self.operations, key=lambda o: (o.namespace, o.method)):
            out.setdefault(op.namespace, []).append(op)
        return out
