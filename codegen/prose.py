"""English prose made from the model once, for every back end (the Python docstrings and the
reference pages say the same): what happens after a failure, a field's notes, who authorises
an operation.
"""

from __future__ import annotations

import json

from . import conditions
from .model import Field, Operation

# What `auth:` means to a reader, by its value in the spec.
AUTH_TEXT = {
    "session": "session (log in first)",
    "token": "API token (the client sends the one it was made with)",
    "none": "none",
}


def retry_text(op: Operation) -> str:
    """What the client does when the call fails after it may have reached the server."""
    reason = op.retry.reason.en.strip().rstrip(".") + "."
    if not op.retry.safe:
        return f"Never repeated automatically after it may have reached the server: {reason}"
    if op.retry.unless is not None:
        return (
            "Repeated automatically after a connection loss or HTTP 5xx, except when"
            f" {conditions.to_text(op.retry.unless)}: {reason}"
        )
    return f"Repeated automatically after a connection loss or HTTP 5xx: {reason}"


def field_notes(f: Field, *, default: bool = True) -> list[str]:
    """Sentences about a field besides its description: values, default (unless the page shows
    it apart), spelling, secrecy."""
    notes = []
    if f.enum:
        values = ", ".join(json.dumps(e.value, ensure_ascii=False) for e in f.enum)
        notes.append(f"One of: {values}.")
    if default and f.has_default:
        notes.append(f"Server default: {json.dumps(f.default, ensure_ascii=False)}.")
    if f.document_spelling:
        notes.append(f"The document writes `{f.document_spelling}`.")
    if f.secret:
        notes.append("Secret: masked in logs and error messages.")
    return notes


def auth_text(op: Operation) -> str:
    return AUTH_TEXT[op.auth]
