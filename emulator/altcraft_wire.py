"""The Altcraft wire: JSON or XML bodies, and the answer envelope `{data, error, error_text}`.

XML has only text: request leaves stay strings except the documented integer parameters; answers
write booleans as true/false, lists as repeated elements and null as an empty element, the way
the document's XML examples do. XML is read and written by the client's own functions
(`altcraft_api._runtime.xml_wire`), so that both sides read it the same way.
"""

from __future__ import annotations

import json
import re
from typing import Any, Literal

import httpx
from altcraft_api._runtime.xml_wire import read_xml, to_xml

WireFormat = Literal["json", "xml"]
INTEGER_PARAMS = frozenset({"id", "list_id"})
SUCCESS = "Successful operation"
_INTEGER = re.compile(r"-?\d+")


class WireError(Exception):
    """A body that cannot be read as the format it claims."""


def format_of(request: httpx.Request) -> WireFormat:
    content_type = request.headers.get("content-type", "").lower()
    if "xml" in content_type or request.content.lstrip()[:1] == b"<":
        return "xml"
    return "json"


def _leaf(tag: str, text: str) -> Any:
    """An XML leaf of a request: text, or an integer for the documented integer parameters."""
    if tag in INTEGER_PARAMS and _INTEGER.fullmatch(text):
        return int(text)
    return text


# A body nested deeper than it can be read or checked (RecursionError, caught once by the
# emulator for reading and checking alike).
TOO_DEEP = "the body is nested too deeply to be read"


def read_body(request: httpx.Request, wire_format: WireFormat) -> dict[str, Any]:
    """The request parameters; raises WireError for an unreadable body."""
    try:
        if wire_format == "xml":
            value = read_xml(request.content, _leaf)
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
