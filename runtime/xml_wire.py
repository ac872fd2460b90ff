"""Altcraft's XML bodies: writing a request, reading an answer (and, in the emulator, a
request), written once.

Reading uses defusedxml's expat parser: linear in the size of the body, and it refuses entity
declarations (the "billion laughs") and external entities instead of expanding them. The
elements become JSON-like data without recursion: every leaf a string (or what `leaf` makes of
it), a repeated element a list, appended in place (a copy per repetition made 468 KiB take
seconds).
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from collections.abc import Callable
from typing import Any

import defusedxml.ElementTree as safe_xml
from defusedxml import DefusedXmlException

from .wire_format import UnreadableAnswer

MAX_NESTING = 1000  # deeper XML is refused, as the JSON parser refuses deeper JSON

Leaf = Callable[[str, str], Any]


def _text(tag: str, text: str) -> Any:
    return text


def read_xml(body: bytes, leaf: Leaf = _text) -> Any:
    """The elements under the root as data: `<xml><a>1</a><a>2</a><b/></xml>` ->
    `{"a": ["1", "2"], "b": ""}`; `leaf(tag, stripped text)` gives each leaf's value.

    Raises UnreadableAnswer for XML that is broken, nested deeper than MAX_NESTING, or
    declares entities.
    """
    # Each open element: its children so far, and the tags already made lists.
    stack: list[tuple[dict[str, Any], set[str]]] = [({}, set())]
    try:
        for event, element in safe_xml.iterparse(io.BytesIO(body), events=("start", "end")):
            if event == "start":
                if len(stack) > MAX_NESTING:
                    raise UnreadableAnswer("the XML is nested too deeply to be read")
                stack.append(({}, set()))
                continue
            children, _ = stack.pop()
            tag = element.tag
            value = children if children else leaf(tag, (element.text or "").strip())
            element.clear()  # the tree is not kept: memory stays that of the data
            parent, lists = stack[-1]
            if tag not in parent:
                parent[tag] = value
            elif tag in lists:
                parent[tag].append(value)
            else:
                parent[tag] = [parent[tag], value]
                lists.add(tag)
    except (ET.ParseError, DefusedXmlException) as exc:
        raise UnreadableAnswer(f"the body is not readable XML ({exc})") from None
    (root,) = stack[0][0].values()
    return root


def to_xml(body: dict[str, Any], declaration: bool = False) -> bytes:
    """`{"a": 1, "b": {"c": "x"}}` -> `<xml><a>1</a><b><c>x</c></b></xml>`; lists repeat,
    booleans are written true/false and None as an empty element."""
    root = ET.Element("xml")
    _fill(root, body)
    return bytes(ET.tostring(root, encoding="utf-8", xml_declaration=declaration))


def _fill(element: ET.Element, value: Any) -> None:
    # The depth is that of a request the caller built (or an answer the emulator built).
    if isinstance(value, dict):
        for key, item in value.items():
            for one in item if isinstance(item, list) else [item]:
                _fill(ET.SubElement(element, key), one)
    elif isinstance(value, bool):
        element.text = "true" if value else "false"
    elif value is not None:
        element.text = str(value)
