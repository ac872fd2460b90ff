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

Reading is linear in the data and bounded by the emulator's `Limits` (rows, columns, cell size,
bytes unpacked from an archive): rows are sparse (column index -> non-empty cell), so a record
with a key of its own or a cell far to the right adds one cell, not a column to every row. Data
that cannot be read, or that breaks a limit, gives a table with a problem instead of rows.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .. import xlsx
from ..limits import LimitExceeded, Limits
from ..unzip import Archive, Unreadable
from .answers import Answer
from .errors import SendsayError

SEPARATORS = {",": ",", ";": ";", "|": "|", "t": "\t"}
_CAPTION = re.compile(r"[A-Za-z0-9_-]+\.[A-Za-z0-9_.-]+")
_CHARSET_LINE = re.compile(r"#charset=([A-Za-z0-9_-]+)\s*")

Row = Mapping[int, Answer]
"""The non-empty cells of one row by column index."""


@dataclass
class RawTable:
    """Rows of cells with, per column, the caption the data itself gives ("anketa.quest")."""

    captions: list[str | None]
    rows: list[Row]
    separator: str | None = None
    firstline: bool | None = None
    charset: str = "utf-8"
    problems: list[SendsayError] = field(default_factory=list)


def read(
    users_list: Any,
    anketas: set[str],
    separator: str | None,
    firstline: bool | None,
    limits: Limits,
) -> RawTable:
    """The table of a `users.list` value (already checked against the spec by the dispatcher)."""
    if isinstance(users_list, str):
        return _from_text(users_list, separator, firstline, limits)
    try:
        if isinstance(users_list, list):
            return _from_records(users_list, anketas, limits)
        return _from_object(users_list, limits)
    except LimitExceeded as exc:
        return _refused(SendsayError("error/import/too_large", str(exc)))


class ReadAhead:
    """The table of a request's text `users.list` (CSV, a zip), read before the emulator takes
    its lock: reading text needs nothing of the state, so other calls need not wait for it.
    JSON records depend on the account's questionnaires and are read under the lock (cheaply)."""

    def __init__(self, params: dict[str, Any], limits: Limits) -> None:
        self._source = params.get("users.list")
        self._options = (params.get("separator"), params.get("firstline"))
        self._table: RawTable | None = None
        separator, firstline = self._options
        if (
            isinstance(self._source, str)
            and (separator is None or separator in SEPARATORS)
            and firstline in (None, 0, 1, "0", "1")
        ):
            first = None if firstline is None else firstline in (1, "1")
            self._table = _from_text(self._source, separator, first, limits)

    def table(self, params: dict[str, Any]) -> RawTable | None:
        """The table read ahead for these parameters, None when there is none."""
        same = (params.get("separator"), params.get("firstline")) == self._options
        return self._table if same and params.get("users.list") is self._source else None


def _from_text(
    text: str, separator: str | None, firstline: bool | None, limits: Limits
) -> RawTable:
    try:
        if text.startswith(ZIP_MAGIC):
            return _from_zip(text, separator, firstline, limits)
        return _from_csv(text, separator, firstline, limits)
    except LimitExceeded as exc:
        return _refused(SendsayError("error/import/too_large", str(exc)))
    except (Unreadable, xlsx.NotAWorkbook, csv.Error) as exc:
        return _refused(SendsayError("error/import/data", str(exc)))


def _refused(problem: SendsayError) -> RawTable:
    return RawTable([], [], problems=[problem])


class _Bounds:
    """Counts what a table holds against the limits, cell by cell (`spare` rows more may be
    read: a caption line)."""

    def __init__(self, limits: Limits, spare: int = 0) -> None:
        self.limits = limits
        self.spare = spare
        self.rows = 0

    def row(self) -> None:
        self.rows += 1
        if self.rows > self.limits.rows + self.spare:
            raise LimitExceeded(f"more than {self.limits.rows} rows")

    def column(self, index: int) -> None:
        if index >= self.limits.columns:
            raise LimitExceeded(f"more than {self.limits.columns} columns")

    def cell(self, value: Answer) -> Answer:
        size = len(value) if isinstance(value, str) else sum(len(item) for item in value)
        if size > self.limits.cell_chars:
            raise LimitExceeded(
                f"row {self.rows}: a cell is longer than {self.limits.cell_chars} characters"
            )
        return value


def _value(raw: Any) -> Answer | None:
    if raw is None or isinstance(raw, dict):
        return None
    if isinstance(raw, list):
        return [str(item) for item in raw if item is not None]
    return str(raw)


def _from_records(records: list[dict[str, Any]], anketas: set[str], limits: Limits) -> RawTable:
    bounds = _Bounds(limits)
    captions: dict[str, int] = {}
    rows: list[Row] = []
    for record in records:
        bounds.row()
        row: dict[int, Answer] = {}
        for key, answers in record.items():
            if (key == "member" or key in anketas) and isinstance(answers, dict):
                for quest, raw in answers.items():
                    if isinstance(raw, dict):
                        continue
                    index = captions.setdefault(f"{key}.{quest}", len(captions))
                    bounds.column(index)
                    value = _value(raw)
                    if value is not None:
                        row[index] = bounds.cell(value)
        rows.append(row)
    return RawTable(list(captions), rows)


def _from_object(data: dict[str, Any], limits: Limits) -> RawTable:
    bounds = _Bounds(limits)
    bounds.column(len(data["caption"]) - 1)
    captions: list[str | None] = [f"{c['anketa']}.{c['quest']}" for c in data["caption"]]
    rows: list[Row] = []
    for cells in data["rows"]:
        bounds.row()
        bounds.column(len(cells) - 1)
        values = ((index, _value(cell)) for index, cell in enumerate(cells))
        rows.append({index: bounds.cell(value) for index, value in values if value is not None})
    return RawTable(captions, rows)


def _guess_separator(first_line: str) -> str:
    counts = {key: first_line.count(char) for key, char in SEPARATORS.items()}
    best = max(counts, key=lambda key: counts[key])
    return best if counts[best] else ","


def _from_csv(text: str, separator: str | None, firstline: bool | None, limits: Limits) -> RawTable:
    lines = text.splitlines()
    charset = "utf-8"
    if lines and (match := _CHARSET_LINE.fullmatch(lines[0])):
        charset = match.group(1).lower()
        lines = lines[1:]
    lines = [line for line in lines if line.strip()]
    if len(lines) > limits.rows + 1:  # (+1: the caption line)
        raise LimitExceeded(f"more than {limits.rows} rows")
    separator = separator or _guess_separator(lines[0] if lines else "")
    reader = csv.reader(
        io.StringIO("\n".join(lines)),
        delimiter=SEPARATORS[separator],
        escapechar="\\",
        skipinitialspace=True,
    )
    rows = _csv_rows(reader, limits)
    return _from_rows(rows, firstline, limits, separator, charset)


def _csv_rows(reader: Iterable[list[str]], limits: Limits) -> Iterable[dict[int, str]]:
    number = 0
    try:
        for cells in reader:
            number += 1
            if len(cells) > limits.columns:
                raise LimitExceeded(f"more than {limits.columns} columns")
            yield {index: cell for index, cell in enumerate(cells) if cell.strip()}
    except csv.Error as exc:
        if "field limit" in str(exc):
            raise LimitExceeded(
                f"line {number + 1}: a cell is longer than {limits.cell_chars} characters"
            ) from None
        raise csv.Error(f"line {number + 1}: {exc}") from None


def _from_rows(
    rows: Iterable[dict[int, str]],
    firstline: bool | None,
    limits: Limits,
    separator: str | None = None,
    charset: str = "utf-8",
) -> RawTable:
    """A table of sparse text rows (blank cells and rows dropped), the first maybe captions."""
    bounds = _Bounds(limits, spare=0 if firstline is False else 1)
    cells: list[dict[int, str]] = []
    width = 0
    for row in rows:
        kept = {index: value.strip() for index, value in row.items() if value.strip()}
        if not kept:
            continue
        bounds.row()
        width = max(width, max(kept) + 1)
        bounds.column(width - 1)
        for value in kept.values():
            bounds.cell(value)
        cells.append(kept)
    first = cells[0] if cells else {}
    if firstline is None:
        firstline = bool(first) and all(_CAPTION.fullmatch(cell) for cell in first.values())
    captions: list[str | None] = [first.get(index) for index in range(width)] if firstline else []
    body = cells[1:] if firstline else cells
    if len(body) > limits.rows:  # the spare row was not a caption line
        raise LimitExceeded(f"more than {limits.rows} rows")
    captions += [None] * (width - len(captions))
    return RawTable(captions, list(body), separator, firstline, charset)


ZIP_MAGIC = "PK\x03\x04"


def _from_zip(text: str, separator: str | None, firstline: bool | None, limits: Limits) -> RawTable:
    """A zip archive: XLSX when it holds workbook.xml, else its first file read as CSV.

    The document does not say how binary data travels in a JSON string; the emulator takes one
    character per byte (what `bytes.decode("latin-1")` gives).
    """
    try:
        data = text.encode("latin-1")
    except UnicodeEncodeError:
        raise Unreadable("a zip archive is one character per byte: none over U+00FF") from None
    archive = Archive(data, limits.unpacked_bytes)
    if any(name.endswith("workbook.xml") for name in archive.names):
        return _from_rows(xlsx.first_sheet(archive.read, archive.names), firstline, limits)
    if not archive.names:
        raise Unreadable("the zip archive is empty")
    return _from_csv(_decode(archive.read(archive.names[0])), separator, firstline, limits)


def _decode(data: bytes) -> str:
    """CSV bytes as text, in the charset its `#charset=` line names (UTF-8 when there is none)."""
    match = _CHARSET_LINE.match(data.split(b"\n", 1)[0].decode("ascii", "replace"))
    charset = match.group(1) if match else "utf-8"
    try:
        return data.decode(charset)
    except (LookupError, UnicodeDecodeError):
        return data.decode("utf-8", "replace")
