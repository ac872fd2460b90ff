"""The Altcraft wire: JSON or XML bodies, and the answer envelope `{data, error, error_text}`.

XML has only text: request leaves stay strings except the parameters the spec types as
integers (the generated operation's `params_shape`); answers
write booleans as true/false, lists as repeated elements and null as an empty element, the way
the document's XML examples do. XML is read and written by the client's own functions
(`altcraft_api._runtime.xml_wire`), so that both sides read it the same way.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any, Literal

import httpx
from altcraft_api._runtime.xml_wire import read_xml, to_xml

WireFormat = Literal["json", "xml"]
SUCCESS = "Successful operation"
_INTEGER = re.compile(r"-?\d+")


class WireError(Exception):
    """A body that cannot be read as the format it claims."""


def format_of(request: httpx.Request) -> WireFormat:
    content_type = request.headers.get("content-type", "").lower()
    if "xml" in content_type or request.content.lstrip()[:1] == b"<":
        return "xml"
    return "json"


def _integer_tags(shape: Any) -> frozenset[str]:
    """The tags whose leaves are integers, from the JSON kinds of Operation.params_shape (a
    leaf is known by its tag alone, wherever it stands)."""
    if isinstance(shape, list):  # ["list", item]: repeated elements of the item's shape
        return _integer_tags(shape[1])
    if not isinstance(shape, dict):
        return frozenset()
    tags = {tag for tag, kind in shape.items() if kind == "int" or kind == ["list", "int"]}
    for kind in shape.values():
        tags |= _integer_tags(kind)
    return frozenset(tags)


def _leaf_reader(shape: Any) -> Callable[[str, str], Any]:
    """An XML leaf of a request: text, or an integer where the spec types the parameter int."""
    integers = _integer_tags(shape)

    def leaf(tag: str, text: str) -> Any:
        return int(text) if tag in integers and _INTEGER.fullmatch(text) else text

    return leaf


# A body nested deeper than it can be read or checked (RecursionError, caught once by the
# emulator for reading and checking alike).
TOO_DEEP = "the body is nested too deeply to be read"


def read_body(request: httpx.Request, wire_format: WireFormat, shape: Any = None) -> dict[str, Any]:
    """The request parameters; raises WireError for an unreadable body."""
    try:
        if wire_format == "xml":
            value = read_xml(request.content, _leaf_reader(shape))
        else:
            value = json.loads(request.content or b"null")
    except ValueError as exc:
        raise WireError(f"the body is not valid {wire_format.upper()}: {exc}") from None
    if not isinstance(value, dict):
        raise WireError("the body must be an object of parameters")
    return value


def respond(
    wire_format: WireFormat, data: Any, error: int = 0, text: str = SUCCESS, status: int = 200
) -> httpx.Response:
    envelope = {"data": data, "error": error, "error_text": text}
    if wire_format == "xml":
        content = to_xml(envelope, declaration=True)
        media = "application/xml"
    else:
        content = json.dumps(envelope, ensure_ascii=False).encode("utf-8")
        media = "application/json"
    return httpx.Response(
        status, content=content, headers={"Content-Type": f"{media}; charset=utf-8"}
    )
