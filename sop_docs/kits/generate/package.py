"""Write a kit as .xlsx bytes: the OPC package around its sheets, deterministically.

Parts: content types, relationships, workbook (sheets, defined names, structure protection,
recalculation on load), the shared stylesheet, openpyxl's default theme, core properties with
fixed timestamps, custom properties (the identity), and one part per sheet.  Every zip member
carries the same timestamp, so the same kit gives the same bytes.
"""

from __future__ import annotations

import io
import zipfile

from openpyxl.writer.theme import theme_xml

from sop_docs.kits.generate.sheet import attr, escape
from sop_docs.kits.generate.styles import stylesheet
from sop_docs.kits.generate.workbook import PRINT_TITLES, STATES, KitWorkbook
from sop_docs.kits.identity import GENERATOR, property_values
from sop_docs.kits.text import cell_text

ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # fixed member timestamps: same inputs, same bytes
_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "application/vnd.openxmlformats-officedocument"
_CUSTOM_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"


def _content_types(sheet_count: int) -> str:
    sheets = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
        f'ContentType="{_CT}.spreadsheetml.worksheet+xml"/>' for i in range(1, sheet_count + 1)
    )
    return (
        f'{_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{_CT}.spreadsheetml.sheet.main+xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{_CT}.spreadsheetml.styles+xml"/>'
        f'<Override PartName="/xl/theme/theme1.xml" ContentType="{_CT}.theme+xml"/>'
        f"{sheets}"
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-'
        'package.core-properties+xml"/>'
        f'<Override PartName="/docProps/app.xml" ContentType="{_CT}.extended-properties+xml"/>'
        f'<Override PartName="/docProps/custom.xml" ContentType="{_CT}.custom-properties+xml"/>'
        "</Types>"
    )


_ROOT_RELS = (
    f'{_DECL}<Relationships xmlns="{_PKG_REL}">'
    f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/'
    'relationships/metadata/core-properties" Target="docProps/core.xml"/>'
    f'<Relationship Id="rId3" Type="{_REL}/extended-properties" Target="docProps/app.xml"/>'
    f'<Relationship Id="rId4" Type="{_REL}/custom-properties" Target="docProps/custom.xml"/>'
    "</Relationships>"
)
_APP = (
    f'{_DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
    f'extended-properties"><Application>{GENERATOR}</Application></Properties>'
)


def _workbook_rels(sheet_count: int) -> str:
    sheets = "".join(
        f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, sheet_count + 1)
    )
    n = sheet_count
    return (
        f'{_DECL}<Relationships xmlns="{_PKG_REL}">{sheets}'
        f'<Relationship Id="rId{n + 1}" Type="{_REL}/styles" Target="styles.xml"/>'
        f'<Relationship Id="rId{n + 2}" Type="{_REL}/theme" Target="theme/theme1.xml"/>'
        "</Relationships>"
    )


def _workbook(kit: KitWorkbook) -> str:
    names = list(kit.sheets)
    sheets = "".join(
        f'<sheet name="{attr(name)}" sheetId="{i}"'
        + (f' state="{STATES[name]}"' if name in STATES else "")
        + f' r:id="rId{i}"/>'
        for i, name in enumerate(names, start=1)
    )
    defined = [f'<definedName name="{name}">{escape(text)}</definedName>'
               for name, text in sorted(kit.names.items())]
    defined += [
        f'<definedName name="_xlnm.Print_Titles" localSheetId="{names.index(sheet)}">'
        f"'{sheet}'!{rows}</definedName>"
        for sheet, rows in PRINT_TITLES.items()
    ]
    return (
        f'{_DECL}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        f'xmlns:r="{_REL}"><workbookPr/><workbookProtection lockStructure="1"/>'
        '<bookViews><workbookView activeTab="0"/></bookViews>'
        f"<sheets>{sheets}</sheets><definedNames>{''.join(defined)}</definedNames>"
        '<calcPr calcId="191029" fullCalcOnLoad="1"/></workbook>'
    )


def _core(kit: KitWorkbook) -> str:
    stamp = kit.created.strftime("%Y-%m-%dT%H:%M:%SZ")
    return (
        f'{_DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
        'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(cell_text(kit.title))}</dc:title>"
        f"<dc:subject>{escape(kit.subject)}</dc:subject>"
        f"<dc:creator>{GENERATOR}</dc:creator><cp:lastModifiedBy>{GENERATOR}</cp:lastModifiedBy>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        "</cp:coreProperties>"
    )


def _custom(kit: KitWorkbook) -> str:
    props = "".join(
        f'<property fmtid="{_CUSTOM_FMTID}" pid="{pid}" name="{attr(name)}">'
        f"<vt:lpwstr>{escape(value)}</vt:lpwstr></property>"
        for pid, (name, value) in enumerate(property_values(kit.identity).items(), start=2)
    )
    return (
        f'{_DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        'custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'docPropsVTypes">{props}</Properties>'
    )


def workbook_bytes(kit: KitWorkbook) -> bytes:
    """The .xlsx bytes of a kit: same kit, same bytes (no 'now' anywhere)."""
    count = len(kit.sheets)
    parts: list[tuple[str, bytes | str]] = [
        ("[Content_Types].xml", _content_types(count)),
        ("_rels/.rels", _ROOT_RELS),
        ("docProps/app.xml", _APP),
        ("docProps/core.xml", _core(kit)),
        ("docProps/custom.xml", _custom(kit)),
        ("xl/workbook.xml", _workbook(kit)),
        ("xl/_rels/workbook.xml.rels", _workbook_rels(count)),
        ("xl/styles.xml", stylesheet().xml),
        ("xl/theme/theme1.xml", theme_xml),
    ]
    parts += [(f"xl/worksheets/sheet{i}.xml", sheet.xml())
              for i, sheet in enumerate(kit.sheets.values(), start=1)]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            # level 3: half the time of the default 6 for a 10% larger file
            archive.writestr(info, data, compresslevel=3)
    return buffer.getvalue()
