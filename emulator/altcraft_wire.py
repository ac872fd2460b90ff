"""The Altcraft wire: JSON or XML bodies, and the answer envelope `{data, error, error_text}`.

XML has only text: request leaves stay strings except the parameters the spec types as
integers (the generated operation's `params_shape`); answers
write booleans as true/false, lists as repeated elements and null as an empty element, the way
the document's XML examples do.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from typing import Any, Literal

import httpx

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


def _read_xml(element: ET.Element, shape: Any) -> Any:
    """An element's value; `shape` (JSON kinds, as in Operation.params_shape) says which text
    leaves are integers."""
    children = list(element)
    if isinstance(shape, list):  # a list's items are repeated elements of the item's shape
        shape = shape[1]
    if not children:
        text = (element.text or "").strip()
        if shape == "int" and _INTEGER.fullmatch(text):
            return int(text)
        return text
    out: dict[str, Any] = {}
    for child in children:
        value = _read_xml(child, shape.get(child.tag) if isinstance(shape, dict) else None)
        if child.tag in out:
            previous = out[child.tag]
            out[child.tag] = [*previous, value] if isinstance(previous, list) else [previous, value]
        else:
            out[child.tag] = value
    return out


# A body nested deeper than it can be read or checked (RecursionError, caught once by the
# emulator for reading and checking alike).
TOO_DEEP = "the body is nested too deeply to be read"


def read_body(request: httpx.Request, wire_format: WireFormat, shape: Any = None) -> dict[str, Any]:
    """The request parameters; raises WireError for an unreadable body."""
    try:
        if wire_format == "xml":
            value = _read_xml(ET.fromstring(request.content), shape)
        else:
            value = json.loads(request.content or b"null")
    except (ValueError, ET.ParseError) as exc:
        raise WireError(f"the body is not valid {wire_format.upper()}: {exc}") from None
    if not isinstance(value, dict):
        raise WireError("the body must be an object of parameters")
    return value


def _fill(element: ET.Element, value: Any) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            for one in item if isinstance(item, list) else [item]:
                _fill(ET.SubElement(element, key), one)
    elif isinstance(value, bool):
        element.text = "true" if value else "false"
    elif value is not None:
        element.text = str(value)


def respond(
    wire_format: WireFormat, data: Any, error: int = 0, text: str = SUCCESS, status: int = 200
) -> httpx.Response:
    envelope = {"data": data, "error": error, "error_text": text}
    if wire_format == "xml":
        root = ET.Element("xml")
        _fill(root, envelope)
        content = ET.tostring(root, encoding="utf-8", xml_declaration=True)
        media = "application/xml"
    else:
        content = json.dumps(envelope, ensure_ascii=False).encode("utf-8")
        media = "application/json"
    return httpx.Response(
        status, content=content, headers={"Content-Type": f"{media}; charset=utf-8"}
    )
