"""The Python back end's naming policy (spec/FORMAT.md, "Python names").

Wire names become Python names (`track.id` -> `track_id`), actions become a namespace and a method
(`member.list.count` -> `member.list_count`). `assign_names` applies the policy to a built model:
the front end leaves every `py`, `namespace` and `method` empty and knows nothing of Python.
The spec's `python:` keys override a derived name; collisions are reported with file:line.
"""

from __future__ import annotations

import keyword
import re

from ..errors import Collector
from ..model import Api, Field, NamedType, Operation
from ..typeexpr import TypeRef, pascal
from .scalars import PY_SCALARS

__all__ = ["NamingError", "assign_names", "operation_path", "pascal", "python_name"]

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_NON_ALNUM = re.compile(r"[^A-Za-z0-9]+")

# Attributes every generated model has; a field may not take these Python names.
MODEL_RESERVED = frozenset({"raw", "unknown_fields", "explicit_nulls"})
# Keyword arguments every generated method has besides the parameters.
METHOD_RESERVED = frozenset({"self", "request_id", "timeout"})
# Type names a model class's annotations may use. A field named like one of them would shadow
# it inside the class body (mypy resolves annotations there), so such a field gets a trailing
# `_` when the class uses that name elsewhere: `str` and `dict` always (every model's methods
# use them), the others when another field's annotation does.
ALWAYS_USED = frozenset({"str", "dict"})
# Client attributes a namespace or a root method may not shadow.
CLIENT_NAMESPACES = frozenset({"request", "close", "aclose"})
CLIENT_METHODS = CLIENT_NAMESPACES | {"call"}


class NamingError(ValueError):
    pass


def python_name(wire: str) -> str:
    """`track.id` -> `track_id`, `!status` -> `not_status`, `firstName` -> `first_name`."""
    name = wire
    prefix = ""
    if name.startswith("!"):
        prefix, name = "not_", name[1:]
    elif name.startswith("-"):
        prefix, name = "x_", name[1:]
    name = _CAMEL.sub("_", name)
    name = _NON_ALNUM.sub("_", name).strip("_").lower()
    if not name:
        raise NamingError(f"{wire!r} has no letters or digits: give it a `python:` name")
    name = prefix + name
    if name[0].isdigit() or keyword.iskeyword(name) or keyword.issoftkeyword(name):
        name += "_"
    return name


def operation_path(action: str) -> tuple[str, str]:
    """(namespace, method): first segment is the namespace, the rest joined with `_`."""
    segments = re.split(r"[./]", action)
    if len(segments) == 1:
        return "", python_name(segments[0])
    return python_name(segments[0]).rstrip("_"), python_name("_".join(segments[1:]))


def annotation_names(ref: TypeRef) -> set[str]:
    """Builtin and imported names the Python annotation of `ref` uses."""
    names = set()
    for node in ref.walk():
        annotation = PY_SCALARS[node.name].annotation if node.kind == "scalar" else ""
        if annotation not in ("", "Any", "None"):  # a builtin or the `datetime` module
            names.add(annotation.split(".")[0])
        elif node.kind in ("list", "map"):
            names.add("list" if node.kind == "list" else "dict")
    return names


def assign_names(api: Api, c: Collector) -> None:
    """Give every field, additional-properties slot and operation its Python name."""
    for t in api.types.values():
        _name_type(t, c)
    for op in api.operations:
        _name_operation(op, c)
    _name_fields(api.envelope, frozenset(), c)
    _check_namespaces(api.operations, c)


def _name_field(f: Field, c: Collector) -> None:
    if f.python is None:
        try:
            f.py = python_name(f.wire)
        except NamingError as exc:
            c.add(f.loc, str(exc))
            f.py = "invalid_"
    else:
        f.py = f.python
        if keyword.iskeyword(f.py):
            c.add(f.loc, f"python name {f.py!r} is a keyword")


def _name_fields(fields: list[Field], reserved: frozenset[str], c: Collector) -> None:
    seen: dict[str, str] = {}
    for f in fields:
        _name_field(f, c)
        if f.py in seen:
            c.add(
                f.loc,
                f"{f.wire!r} and {seen[f.py]!r} both map to the Python name {f.py!r}:"
                " give one a `python:` name",
            )
        elif f.py in reserved:
            c.add(
                f.loc,
                f"{f.wire!r} maps to the reserved Python name {f.py!r}: give it a `python:` name",
            )
        seen[f.py] = f.wire


def _name_type(t: NamedType, c: Collector) -> None:
    _name_fields(t.fields, MODEL_RESERVED, c)
    for f in t.fields:
        used = set(ALWAYS_USED)
        for other in t.fields:
            if other is not f:
                used |= annotation_names(other.type)
        if f.py in used and f.python is None:
            f.py += "_"
    a = t.additional
    if a is not None and a.py in {f.py for f in t.fields} | MODEL_RESERVED:
        c.add(a.loc, f"additional.python {a.py!r} clashes with a field or a reserved name")


def _name_operation(op: Operation, c: Collector) -> None:
    namespace, method = operation_path(op.wire)
    op.namespace = op.python.get("namespace", namespace)
    op.method = op.python.get("method", method)
    if keyword.iskeyword(op.method):
        op.method += "_"
    _name_fields(op.params, METHOD_RESERVED, c)


def _check_namespaces(ops: list[Operation], c: Collector) -> None:
    root_methods = {op.method: op for op in ops if not op.namespace}
    seen: dict[tuple[str, str], Operation] = {}
    for op in ops:
        key = (op.namespace, op.method)
        if key in seen:
            c.add(
                op.loc,
                f"{op.wire!r} and {seen[key].wire!r} both become"
                f" {'.'.join(p for p in key if p)}(): override one with `python:`",
            )
        seen[key] = op
        if op.namespace and op.namespace in root_methods:
            c.add(
                op.loc,
                f"namespace {op.namespace!r} of {op.wire!r} collides with the client method"
                f" of {root_methods[op.namespace].wire!r}: override with"
                ' `python: {namespace: "", method: ...}`',
            )
        if op.namespace in CLIENT_NAMESPACES or (not op.namespace and op.method in CLIENT_METHODS):
            c.add(op.loc, f"{op.wire!r} would shadow a client attribute: override with `python:`")
