"""Docstrings of the generated Python: wrapping and escaping, and the texts of fields, types
and methods built from the spec."""

from __future__ import annotations

import json
import textwrap

from .. import conditions
from ..model import Api, Field, NamedType, Operation, Text
from ..prose import field_notes, retry_text
from .protocols import protocol_of


def doc_text(text: Text | None) -> str:
    return "" if text is None else text.en.strip()


def docstring(text: str, indent: int, width: int = 99) -> str:
    """A docstring body: escaped, wrapped to the line length, indented for its block."""
    text = text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"').strip()
    pad = " " * indent
    out: list[str] = []
    for line in text.splitlines():
        if not line.strip():
            out.append("")
            continue
        lead = len(line) - len(line.lstrip())
        if line.lstrip().startswith(("|", "```")):  # Markdown tables and fences stay as written
            out.append(pad + line.rstrip())
            continue
        bullet = line.lstrip().startswith(("- ", "* "))
        hang = lead + (2 if bullet else 4 if lead else 0)
        out.extend(
            textwrap.wrap(
                line.strip(),
                width=max(40, width - 3),
                initial_indent=pad + " " * lead,
                subsequent_indent=pad + " " * hang,
                break_long_words=False,
                break_on_hyphens=False,
            )
        )
    return "\n".join(out)


def docitem(text: str, name: str, indent: int, width: int = 99) -> str:
    """One `name: text` entry of an Attributes/Args list, wrapped with a hanging indent."""
    text = text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    lines = textwrap.wrap(
        f"{name}: {' '.join(text.split())}",
        width=width,
        initial_indent=" " * indent,
        subsequent_indent=" " * (indent + 4),
        break_long_words=False,
        break_on_hyphens=False,
    )
    return "\n".join(lines)


def field_doc(f: Field) -> str:
    parts = [doc_text(f.description) or "(no description)"]
    if f.py != f.wire:
        parts.append(f"Wire name `{f.wire}`.")
    return " ".join(parts + field_notes(f))


def type_doc(t: NamedType) -> str:
    lines = [doc_text(t.description)]
    if t.enum:
        lines.append("")
        for e in t.enum:
            lines.append(
                f"- `{json.dumps(e.value, ensure_ascii=False)}`: {doc_text(e.description)}".rstrip(
                    ": "
                )
            )
    return "\n".join(lines)


def method_doc(api: Api, op: Operation) -> str:
    lines = [doc_text(op.summary).rstrip(".") + f" (`{op.wire}`)."]
    if op.description:
        lines += ["", doc_text(op.description)]
    if op.mode != "sync":
        lines += [
            "",
            "Synchronous or asynchronous depending on the parameters (see Returns)."
            if op.mode == "conditional"
            else protocol_of(api).async_doc,
        ]
    lines += ["", retry_text(op)]
    if op.caller_params:
        lines += ["", "Args:"]
        for p in op.caller_params:
            lines.append(f"    {p.py}: {field_doc(p)}")
        if protocol_of(api).request_ids:
            lines.append("    request_id: Value of `request.id` (generated when omitted).")
        lines.append("    timeout: Seconds for this call, instead of the client's default.")
    lines += ["", "Returns:"]
    for v in op.variants:
        cond = (
            f" when {conditions.to_text(v.when)}"
            if v.when is not None
            else (" otherwise" if len(op.variants) > 1 else "")
        )
        lines.append(f"    {v.type_name}{cond}.")
    lines += [
        "",
        "Raises:",
        "    RequestValidationError: the parameters break the spec (nothing is sent).",
        "    APIError: the server answered with errors"
        + (": " + ", ".join(f"`{e.id}`" for e in op.errors) if op.errors else "")
        + ".",
    ]
    return "\n".join(lines)
