"""Minimal XLSX: a writer (one sheet, text cells) for report files, and a reader of the first
sheet's cell values for imported lists (hardened: defusedxml, streamed, sparse rows)."""

from __future__ import annotations

import io
import posixpath
import re
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable, Iterator, Sequence
from xml.sax.saxutils import escape

import defusedxml.ElementTree as defused

_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
_OOXML = "http://schemas.openxmlformats.org"
_PACKAGE = f"{_OOXML}/package/2006"
_RELATIONSHIPS = f"{_OOXML}/officeDocument/2006/relationships"
_SPREADSHEET = f"{_OOXML}/spreadsheetml/2006/main"
_OFFICE_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"

_CONTENT_TYPES = (
    f'{_XML}<Types xmlns="{_PACKAGE}/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{_OFFICE_TYPE}.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    f'ContentType="{_OFFICE_TYPE}.worksheet+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    f'{_XML}<Relationships xmlns="{_PACKAGE}/relationships">'
    f'<Relationship Id="rId1" Type="{_RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
_WORKBOOK = (
    f'{_XML}<workbook xmlns="{_SPREADSHEET}" xmlns:r="{_RELATIONSHIPS}">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    f'{_XML}<Relationships xmlns="{_PACKAGE}/relationships">'
    f'<Relationship Id="rId1" Type="{_RELATIONSHIPS}/worksheet" Target="worksheets/sheet1.xml"/>'
    "</Relationships>"
)


def _sheet(rows: Sequence[Sequence[str]]) -> str:
    lines = []
    for number, row in enumerate(rows, start=1):
        cells = "".join(
            f'<c t="inlineStr"><is><t xml:space="preserve">{escape(value)}</t></is></c>'
            for value in row
        )
        lines.append(f'<row r="{number}">{cells}</row>')
    rows_xml = "".join(lines)
    return f'{_XML}<worksheet xmlns="{_SPREADSHEET}"><sheetData>{rows_xml}</sheetData></worksheet>'


def workbook(rows: Sequence[Sequence[str]]) -> bytes:
    """The bytes of an .xlsx file holding `rows` on its only sheet."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", _sheet(rows))
    return buffer.getvalue()


_NS = {"m": _SPREADSHEET, "r": _RELATIONSHIPS, "p": f"{_PACKAGE}/relationships"}
_COLUMN = re.compile(r"[A-Z]+")
_CELL = f"{{{_SPREADSHEET}}}c"
_ROW = f"{{{_SPREADSHEET}}}row"
_TEXT = f"{{{_SPREADSHEET}}}t"

Row = dict[int, str]
"""The non-empty cells of one row by column index (0 for column A): a sparse row, so that a
cell far to the right costs no more than one next to the last."""


class NotAWorkbook(ValueError):
    """The archive is not a workbook this reader understands (a missing part, XML that is
    malformed or declares a DTD, a shared string that does not exist)."""


def first_sheet(read: Callable[[str], bytes], names: Sequence[str]) -> Iterator[Row]:
    """The rows of the first sheet of an .xlsx archive, read lazily (empty rows are skipped).

    `read(name)` gives the bytes of a part of the archive (the caller bounds their size). The
    XML is parsed by defusedxml (no DTD, so no entity expansion) and streamed row by row.
    Raises NotAWorkbook.
    """
    try:
        workbook_path = next(n for n in names if n.endswith("workbook.xml"))
        folder = posixpath.dirname(workbook_path)
        sheet = _parse(read(workbook_path)).find("m:sheets/m:sheet", _NS)
        if sheet is None:
            raise NotAWorkbook("the workbook has no sheet")
        rel_id = sheet.get(f"{{{_RELATIONSHIPS}}}id")
        rels_path = posixpath.join(folder, "_rels", posixpath.basename(workbook_path) + ".rels")
        targets = {
            rel.get("Id"): rel.get("Target", "")
            for rel in _parse(read(rels_path)).findall("p:Relationship", _NS)
        }
        target = targets[rel_id]
    except (StopIteration, KeyError) as exc:
        raise NotAWorkbook(f"a part of the workbook is missing: {exc}") from None
    sheet_path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
    shared_path = posixpath.join(folder, "sharedStrings.xml")
    shared = _shared_strings(read(shared_path)) if shared_path in names else []
    if sheet_path not in names:
        raise NotAWorkbook(f"the sheet {sheet_path} is missing")
    return _rows(read(sheet_path), shared)


def _parse(data: bytes) -> ET.Element:
    try:
        return defused.fromstring(data, forbid_dtd=True)
    except (ET.ParseError, ValueError) as exc:  # defusedxml's refusals are ValueErrors
        raise NotAWorkbook(f"unreadable XML: {exc}") from None


def _shared_strings(data: bytes) -> list[str]:
    return ["".join(t.text or "" for t in item.iter(_TEXT)) for item in _parse(data)]


def _rows(data: bytes, shared: list[str]) -> Iterator[Row]:
    events = defused.iterparse(io.BytesIO(data), events=("end",), forbid_dtd=True)
    row: Row = {}
    next_index = 0
    try:
        for _, element in events:
            if element.tag == _CELL:
                next_index = _column_index(element.get("r"), next_index)
                text = _cell_text(element, shared)
                if text:
                    row[next_index] = text
                next_index += 1
                element.clear()
            elif element.tag == _ROW:
                if row:
                    yield row
                row, next_index = {}, 0
                element.clear()
    except NotAWorkbook:
        raise
    except (ET.ParseError, ValueError) as exc:
        raise NotAWorkbook(f"unreadable sheet: {exc}") from None


def _column_index(reference: str | None, next_index: int) -> int:
    match = _COLUMN.match(reference or "")
    if match is None:
        return next_index
    index = 0
    for letter in match.group(0):
        index = index * 26 + ord(letter) - ord("A") + 1
    return index - 1


def _cell_text(cell: ET.Element, shared: list[str]) -> str:
    kind = cell.get("t")
    if kind == "inlineStr":
        return "".join(t.text or "" for t in cell.iter(_TEXT))
    value = cell.findtext("m:v", default="", namespaces=_NS)
    if kind == "s":
        if not value.isdigit() or int(value) >= len(shared):
            raise NotAWorkbook(f"no shared string {value!r} (the workbook has {len(shared)})")
        return shared[int(value)]
    if kind == "b":
        return "1" if value == "1" else "0"
    if value.endswith(".0") and value[:-2].lstrip("-").isdigit():
        return value[:-2]  # a whole number stored as a float
    return value
