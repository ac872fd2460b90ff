"""A minimal XLSX writer (one sheet, text cells): enough for report files, no dependency."""

from __future__ import annotations

import io
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
