"""Hypothesis strategies for wire values, built from the spec's intermediate model.

Valid values only: every constraint the spec states (enum, bounds, lengths, patterns, item
counts, required keys, closed objects, discriminators, exclusive and together groups) is
respected, so that the generated checkers must accept them. Recursive types stop nesting at
MAX_DEPTH by producing empty lists and maps.
"""

from __future__ import annotations

import datetime
from typing import Any

from hypothesis import strategies as st

from codegen.model import Api, Field, NamedType, Operation
from codegen.typeexpr import TypeRef

MAX_DEPTH = 3
HARD_DEPTH = 10
KEYS = st.text(st.characters(categories=["L", "N"]), min_size=1, max_size=8)
JSON_SCALARS = st.none() | st.booleans() | st.integers(-1000, 1000) | st.text(max_size=8)
ANY_JSON = st.recursive(
    JSON_SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(KEYS, inner, max_size=3),
    max_leaves=6,
)
DATES = st.dates(datetime.date(1970, 1, 1), datetime.date(2099, 12, 31))
DATETIMES = st.datetimes(datetime.datetime(1970, 1, 1), datetime.datetime(2099, 12, 31))


class WireValues:
    """Strategies of one API; `extra_keys` adds unknown keys to open objects (answers)."""

    def __init__(self, api: Api, extra_keys: bool = False) -> None:
        self.api = api
        self.extra_keys = extra_keys

    def of(
        self, ref: TypeRef, field: Field | None = None, depth: int = 0
    ) -> st.SearchStrategy[Any]:
        if field is not None and field.enum:
            return st.sampled_from([e.value for e in field.enum])
        if ref.kind == "scalar":
            return self._scalar(ref.name, field)
        if depth > HARD_DEPTH:
            return st.nothing()  # a type that requires itself: no finite value this deep
        if ref.kind == "list":
            low = field.min_items if field and field.min_items else 0
            if depth >= MAX_DEPTH and not low:
                return st.just([])
            return st.lists(self.of(ref.item, None, depth + 1), min_size=low, max_size=low + 2)
        if ref.kind == "map":
            if depth >= MAX_DEPTH:
                return st.just({})
            return st.dictionaries(KEYS, self.of(ref.item, None, depth + 1), max_size=2)
        if ref.kind == "union":
            return st.one_of([self.of(a, field, depth) for a in ref.args])
        return self.named(self.api.types[ref.name], depth)

    def _scalar(self, name: str, field: Field | None) -> st.SearchStrategy[Any]:
        low = field.min if field else None
        high = field.max if field else None
        if name == "string":
            if field is not None and field.pattern:
                return st.from_regex(field.pattern, fullmatch=True).filter(
                    lambda s: (field.min_length or 0) <= len(s) <= (field.max_length or 10**6)
                )
            return st.text(
                min_size=(field.min_length or 0) if field else 0,
                max_size=min(field.max_length or 12, 12) if field else 12,
            )
        if name == "int":
            return st.integers(
                int(low) if low is not None else -(10**6), int(high) if high is not None else 10**6
            )
        if name == "number":
            return st.floats(
                low if low is not None else -1e6,
                high if high is not None else 1e6,
                allow_nan=False,
                allow_infinity=False,
            )
        return {
            "bool": st.booleans(),
            "flag": st.sampled_from([0, 1, "0", "1"]),
            "date": DATES.map(lambda d: d.isoformat()),
            "datetime": DATETIMES.map(lambda d: d.strftime("%Y-%m-%d %H:%M:%S")),
            "datetime_hm": DATETIMES.map(lambda d: d.strftime("%Y-%m-%d %H:%M")),
            "any": ANY_JSON,
            "null": st.none(),
        }[name]

    def named(self, t: NamedType, depth: int) -> st.SearchStrategy[Any]:
        if t.is_enum:
            return st.sampled_from([e.value for e in t.enum])
        if t.is_union:
            names = list(dict.fromkeys(t.variants.values()))
            return st.one_of([self.named(self.api.types[n], depth + 1) for n in names])
        required = {f.wire: self.of(f.type, f, depth + 1) for f in t.fields if f.required}
        optional = {f.wire: self.of(f.type, f, depth + 1) for f in t.fields if not f.required}
        if depth >= MAX_DEPTH:
            optional = {}
        base = st.fixed_dictionaries(required, optional=optional)
        if t.min_properties:
            base = base.filter(lambda d: len(d) >= (t.min_properties or 0))
        if t.additional is not None:
            extra = st.dictionaries(
                KEYS.filter(lambda k: k not in {f.wire for f in t.fields}),
                self.of(t.additional.type, None, depth + 1),
                max_size=0 if depth >= MAX_DEPTH else 2,
            )
            return st.tuples(base, extra).map(lambda pair: {**pair[1], **pair[0]})
        if self.extra_keys and not t.closed:
            unknown = st.dictionaries(KEYS.map(lambda k: "x_new_" + k), JSON_SCALARS, max_size=2)
            return st.tuples(base, unknown).map(lambda pair: {**pair[1], **pair[0]})
        return base

    def request(self, op: Operation) -> st.SearchStrategy[dict[str, Any]]:
        """Parameters of an operation, near-valid: one alternative of each exclusive group,
        together groups all or none (the token the client fills in included)."""
        full = {p.wire: p for p in op.params}
        required = {p.wire: self.of(p.type, p) for p in op.params if p.required}
        optional = {p.wire: self.of(p.type, p) for p in op.params if not p.required}

        @st.composite
        def build(draw: Any) -> dict[str, Any]:
            params: dict[str, Any] = draw(st.fixed_dictionaries(required, optional=optional))
            for group in op.exclusive:
                given = [n for n in group.params if n in params]
                keep = draw(st.sampled_from(given)) if given else None
                for name in given:
                    if name != keep:
                        params.pop(name)
                if keep is None and group.required:
                    name = draw(st.sampled_from(group.params))
                    params[name] = draw(self.of(full[name].type, full[name]))
            for together in op.together:
                if any(n in params for n in together):
                    for name in together:
                        if name not in params:
                            params[name] = draw(self.of(full[name].type, full[name]))
            return params

        return build()
