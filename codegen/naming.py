"""The naming rule of spec/FORMAT.md: wire names -> Python names, actions -> namespaces/methods."""

from __future__ import annotations

import keyword
import re

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_NON_ALNUM = re.compile(r"[^A-Za-z0-9]+")


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


def pascal(text: str) -> str:
    """`member.list.count` -> `MemberListCount`, `anketa_get` -> `AnketaGet`."""
    parts = _NON_ALNUM.split(_CAMEL.sub("_", text))
    return "".join(p[:1].upper() + p[1:] for p in parts if p)


def operation_path(action: str) -> tuple[str, str]:
    """(namespace, method): first segment is the namespace, the rest joined with `_`."""
    segments = re.split(r"[./]", action)
    if len(segments) == 1:
        return "", python_name(segments[0])
    return python_name(segments[0]).rstrip("_"), python_name("_".join(segments[1:]))
