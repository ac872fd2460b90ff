"""The `users.list` formats of the document, read into one table.

1. a JSON array of records `{"member": {"email"|"cellphone": ...}, "<anketa>": {"<quest>": value},
   ...}`: columns are `member.*` and the questions of keys that are anketas of the account; other
   keys (and nested objects) are template data for Express Issues and are not imported;
2. a JSON object `{"caption": [{"anketa", "quest"}, ...], "rows": [[...], ...]}`;
3. CSV text: an optional `#charset=...` line, then rows; the separator (`,` `;` `|` or tab) is
   the `separator` parameter or the most frequent candidate of the first line; cells may be
   quoted and a separator inside a value is escaped with a backslash. Whether the first row
   holds `anketa.quest` captions is the `firstline` parameter or guessed from its cells.
4. a zip archive: XLSX (the first sheet, the same caption rule) when it holds workbook.xml,
   otherwise its first file as CSV.
"""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass, field
from typing import Any

from .. import xlsx
from .answers import Answer

SEPARATORS = {",": ",", ";": ";", "|": "|", "t": "\t"}
_CAPTION = re.compile(r"[A-Za-z0-9_-]+\.[A-Za-z0-9_.-]+")
_CHARSET_LINE = re.compile(r"#charset=([A-Za-z0-9_-]+)\s*")


@dataclass
class RawTable:
    """Rows of cells with, per column, the caption the data itself gives ("anketa.quest")."""

    captions: list[str | None]
    rows: list[list[Answer | None]]
    separator: str | None = None
    firstline: bool | None = None
    charset: str = "utf-8"
    problems: list[str] = field(default_factory=list)


def _value(raw: Any) -> Answer | None:
    if raw is None or isinstance(raw, dict):
        return None
    if isinstance(raw, list):
        return [str(item) for item in raw if item is not None]
    return str(raw)


def _from_records(records: list[dict[str, Any]], anketas: set[str]) -> RawTable:
    captions: list[str] = []
    for record in records:
        for key, answers in record.items():
            if (key == "member" or key in anketas) and isinstance(answers, dict):
                for quest, value in answers.items():
                    if not isinstance(value, dict) and f"{key}.{quest}" not in captions:
                        captions.append(f"{key}.{quest}")
    rows = []
    for record in records:
        row: list[Answer | None] = []
        for caption in captions:
            anketa, _, quest = caption.partition(".")
            answers = record.get(anketa)
            row.append(_value(answers.get(quest)) if isinstance(answers, dict) else None)
        rows.append(row)
    return RawTable(list(captions), rows)


def _from_object(data: dict[str, Any]) -> RawTable:
    captions: list[str | None] = [f"{c['anketa']}.{c['quest']}" for c in data["caption"]]
    return RawTable(captions, [[_value(cell) for cell in row] for row in data["rows"]])


def _guess_separator(first_line: str) -> str:
    counts = {key: first_line.count(char) for key, char in SEPARATORS.items()}
    best = max(counts, key=lambda key: counts[key])
    return best if counts[best] else ","


def _from_csv(text: str, separator: str | None, firstline: bool | None) -> RawTable:
    lines = text.splitlines()
    charset = "utf-8"
    if lines and (match := _CHARSET_LINE.fullmatch(lines[0])):
        charset = match.group(1).lower()
        lines = lines[1:]
    lines = [line for line in lines if line.strip()]
    separator = separator or _guess_separator(lines[0] if lines else "")
    reader = csv.reader(
        io.StringIO("\n".join(lines)),
        delimiter=SEPARATORS[separator],
        escapechar="\\",
        skipinitialspace=True,
    )
    rows: list[list[str]] = list(reader)
    return _from_rows(rows, firstline, separator, charset)


def _from_rows(
    rows: list[list[str]],
    firstline: bool | None,
    separator: str | None = None,
    charset: str = "utf-8",
) -> RawTable:
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if firstline is None:
        named = [cell.strip() for cell in rows[0] if cell.strip()] if rows else []
        firstline = bool(named) and all(_CAPTION.fullmatch(cell) for cell in named)
    captions: list[str | None] = (
        [cell.strip() or None for cell in rows[0]] if firstline and rows else []
    )
    body = rows[1:] if firstline else rows
    width = max([len(captions), *(len(row) for row in body)], default=0)
    captions += [None] * (width - len(captions))
    cells: list[list[Answer | None]] = [[cell.strip() or None for cell in row] for row in body]
    return RawTable(captions, cells, separator, firstline, charset)


def read(
    users_list: Any, anketas: set[str], separator: str | None, firstline: bool | None
) -> RawTable:
    """The table of a `users.list` value (already checked against the spec by the dispatcher)."""
    if isinstance(users_list, list):
        return _from_records(users_list, anketas)
    if isinstance(users_list, dict):
        return _from_object(users_list)
    if users_list.startswith(ZIP_MAGIC):
        return _from_zip(users_list, separator, firstline)
    return _from_csv(users_list, separator, firstline)


ZIP_MAGIC = "PK\x03\x04"


def _from_zip(text: str, separator: str | None, firstline: bool | None) -> RawTable:
    """A zip archive: XLSX when it holds workbook.xml, else its first file read as CSV.

    The document does not say how binary data travels in a JSON string; the emulator takes one
    character per byte (what `bytes.decode("latin-1")` gives).
    """
    try:
        with zipfile.ZipFile(io.BytesIO(text.encode("latin-1"))) as archive:
            names = archive.namelist()
            if any(name.endswith("workbook.xml") for name in names):
                return _from_rows(xlsx.first_sheet(archive), firstline)
            if not names:
                raise ValueError("the archive is empty")
            data = archive.read(names[0])
    except (UnicodeEncodeError, zipfile.BadZipFile, ET.ParseError, KeyError, ValueError) as exc:
        table = RawTable([], [])
        table.problems.append(f"the zip archive cannot be read: {exc}")
        return table
    return _from_csv(_decode(data), separator, firstline)


def _decode(data: bytes) -> str:
    """CSV bytes as text, in the charset its `#charset=` line names (UTF-8 when there is none)."""
    match = _CHARSET_LINE.match(data.split(b"\n", 1)[0].decode("ascii", "replace"))
    charset = match.group(1) if match else "utf-8"
    try:
        return data.decode(charset)
    except (LookupError, UnicodeDecodeError):
        return data.decode("utf-8", "replace")
