"""Report files written by asynchronous calls (kept in `Account.files`, name -> bytes)."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Sequence
from typing import Any

from ..xlsx import workbook
from .answers import Answer


def cell(value: Answer | None) -> str:
    """One value as a table cell: lists are joined with commas, absent values are empty."""
    if value is None:
        return ""
    return ",".join(value) if isinstance(value, list) else value


def table(rows: Sequence[Sequence[str]], file_format: str) -> bytes:
    """`rows` as a csv (UTF-8) or xlsx file."""
    if file_format == "xlsx":
        return workbook(rows)
    text = io.StringIO()
    csv.writer(text, lineterminator="\n").writerows(rows)
    return text.getvalue().encode("utf-8")


def zipped_json(name: str, data: Any) -> bytes:
    """`data` as JSON inside a zip archive (the machine-readable import report)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, json.dumps(data, ensure_ascii=False, indent=1))
    return buffer.getvalue()
