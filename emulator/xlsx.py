"""Minimal XLSX: a writer (one sheet, text cells) for report files, and a reader of the first
sheet's cell values for imported lists. No dependency beyond the standard library."""

from __future__ import annotations

import io
import posixpath
import re
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Sequence
from xml.sax.saxutils import escape

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


def first_sheet(archive: zipfile.ZipFile) -> list[list[str]]:
    """The cell values of the first sheet of an .xlsx archive, row by row (empty cells "").

    Raises ValueError (KeyError and ET.ParseError included) when the archive is not a workbook.
    """
    workbook_path = next(n for n in archive.namelist() if n.endswith("workbook.xml"))
    folder = posixpath.dirname(workbook_path)
    sheet = ET.fromstring(archive.read(workbook_path)).find("m:sheets/m:sheet", _NS)
    if sheet is None:
        raise ValueError("the workbook has no sheet")
    rel_id = sheet.get(f"{{{_RELATIONSHIPS}}}id")
    rels_path = posixpath.join(folder, "_rels", posixpath.basename(workbook_path) + ".rels")
    targets = {
        rel.get("Id"): rel.get("Target", "")
        for rel in ET.fromstring(archive.read(rels_path)).findall("p:Relationship", _NS)
    }
    target = targets[rel_id]
    sheet_path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
    shared = _shared_strings(archive, posixpath.join(folder, "sharedStrings.xml"))
    rows = []
    for row in ET.fromstring(archive.read(sheet_path)).iterfind("m:sheetData/m:row", _NS):
        values: list[str] = []
        for cell in row.iterfind("m:c", _NS):
            column = _column_index(cell.get("r"), len(values))
            values += [""] * (column - len(values))
            values.append(_cell_text(cell, shared))
        rows.append(values)
    return rows


def _shared_strings(archive: zipfile.ZipFile, path: str) -> list[str]:
    if path not in archive.namelist():
        return []
    root = ET.fromstring(archive.read(path))
    return ["".join(t.text or "" for t in item.iter(f"{{{_SPREADSHEET}}}t")) for item in root]


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
        return "".join(t.text or "" for t in cell.iter(f"{{{_SPREADSHEET}}}t"))
    value = cell.findtext("m:v", default="", namespaces=_NS)
    if kind == "s":
        return shared[int(value)]
    if kind == "b":
        return "1" if value == "1" else "0"
    if value.endswith(".0") and value[:-2].lstrip("-").isdigit():
        return value[:-2]  # a whole number stored as a float
    return value
