"""What the Python back end knows of each scalar (one row each) and of each JSON kind.

Rows are keyed like the spec's scalars (codegen/scalars.py); an import-time check makes a new
scalar fail loudly until it has its row here.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..scalars import SCALARS as SPEC_SCALARS
from .code import Expr


@dataclass(frozen=True)
class PyScalar:
    annotation: str  # type of a model attribute
    inbound: str  # type of a method parameter
    decode: str | None  # codec function reading a wire value: (value, path[, key])
    encode: str | None  # codec function writing one, when the Python value differs
    wrong: Expr | None  # the test that a wire value is not valid
    words: str  # the expected value, as error messages say it
    kind_known: bool = False  # `wrong` is the negation of the JSON kind test: a union's branch
    # on that kind has checked it already
    same_on_wire: bool = False  # decoded to the wire value itself: checked inline
    reused: str | None = None  # codec `as_<reused>_list` (and `_map`) keeps such containers
    shape: str | None = None  # the JSON kind text-only wire formats convert to


def _wrong(template: str) -> Expr:
    return Expr.of(template)


PY_SCALARS: dict[str, PyScalar] = {
    "string": PyScalar(
        "str", "str", "_codec.as_str", None, _wrong("type({v}) is not str"), "a string",
        kind_known=True, same_on_wire=True, reused="str", shape="string",
    ),
    "int": PyScalar(
        "int", "int", "_codec.as_int", None, _wrong("type({v}) is not int"), "an integer",
        same_on_wire=True, reused="int", shape="int",
    ),
    "number": PyScalar(
        "float", "float", "_codec.as_number", None, _wrong("type({v}) not in (int, float)"),
        "a number", kind_known=True, same_on_wire=True, reused="number", shape="number",
    ),
    "bool": PyScalar(
        "bool", "bool", "_codec.as_bool", None, _wrong("type({v}) is not bool"),
        "true or false", kind_known=True, same_on_wire=True, reused="bool", shape="bool",
    ),
    "flag": PyScalar(
        "bool", "bool", "_codec.as_flag", "_codec.enc_flag",
        _wrong("{v} not in (0, 1, '0', '1') or type({v}) is bool"), "a 0|1 flag",
        kind_known=True, shape="int",
    ),
    "date": PyScalar(
        "datetime.date", "datetime.date | str", "_codec.as_date", "_codec.enc_date",
        _wrong("not _codec.is_date({v})"), "a date YYYY-MM-DD", shape="string",
    ),
    "datetime": PyScalar(
        "datetime.datetime", "datetime.datetime | str", "_codec.as_datetime",
        "_codec.enc_datetime", _wrong("not _codec.is_datetime({v})"),
        "a date-time YYYY-MM-DD hh:mm:ss", shape="string",
    ),
    "datetime_hm": PyScalar(
        "datetime.datetime", "datetime.datetime | str", "_codec.as_datetime_hm",
        "_codec.enc_datetime_hm", _wrong("not _codec.is_datetime_hm({v})"),
        "a date-time YYYY-MM-DD hh:mm", shape="string",
    ),
    "any": PyScalar("Any", "Any", None, None, None, "anything", reused="any"),
    "null": PyScalar(
        "None", "None", "_codec.as_null", None, _wrong("{v} is not None"), "null",
        kind_known=True, same_on_wire=True,
    ),
}  # fmt: skip

_MISSING = sorted(SPEC_SCALARS.keys() ^ PY_SCALARS.keys())
if _MISSING:  # pragma: no cover - a scalar added to the spec's registry without its row here
    raise RuntimeError(f"codegen/python/scalars.py and codegen/scalars.py differ in {_MISSING}")


@dataclass(frozen=True)
class JsonKind:
    test: Expr  # the test that a value is of this kind
    negated: Expr  # the test that it is not
    words: str


def _kind(test: str, negated: str, words: str) -> JsonKind:
    return JsonKind(Expr.of(test), Expr.of(negated), words)


JSON_KINDS = {
    "object": _kind("type({v}) is dict", "type({v}) is not dict", "an object"),
    "array": _kind("type({v}) is list", "type({v}) is not list", "an array"),
    "string": _kind("type({v}) is str", "type({v}) is not str", "a string"),
    "number": _kind("type({v}) in (int, float)", "type({v}) not in (int, float)", "a number"),
    "boolean": _kind("type({v}) is bool", "type({v}) is not bool", "true or false"),
    "null": _kind("{v} is None", "{v} is not None", "null"),
}
# A union's branch on a flag admits exactly the flag's values.
FLAG_KIND = _kind(
    "{v} in (0, 1, '0', '1') and type({v}) is not bool",
    "({v} not in (0, 1, '0', '1') or type({v}) is bool)",
    "a 0|1 flag",
)
