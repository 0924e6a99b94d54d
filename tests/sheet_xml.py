"""What openpyxl hides when it loads a workbook, read from the file's XML: row heights and their custom flag."""

from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path
from xml.etree import ElementTree

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PACKAGE_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def sheet_parts(xlsx: Path) -> dict[str, str]:
    """Sheet name -> its part in the package ("xl/worksheets/sheet2.xml")."""
    with zipfile.ZipFile(xlsx) as package:
        workbook = ElementTree.fromstring(package.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(package.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in rels.iter(f"{PACKAGE_REL}Relationship")}
    parts = {}
    for sheet in workbook.iter(f"{MAIN}sheet"):
        target = targets[sheet.get(f"{REL}id")]
        parts[sheet.get("name")] = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
    return parts


def row_attributes(xlsx: Path, sheet: str) -> dict[int, dict[str, str]]:
    """Row number -> the attributes of its <row> element (ht, customHeight ...) on `sheet`."""
    with zipfile.ZipFile(xlsx) as package:
        root = ElementTree.fromstring(package.read(sheet_parts(xlsx)[sheet]))
    return {int(row.get("r")): dict(row.attrib) for row in root.iter(f"{MAIN}row")}


def is_custom_height(attributes: dict[str, str]) -> bool:
    """Whether a row's height is fixed (neither Excel nor LibreOffice grows it as text is typed)."""
    return attributes.get("customHeight", "0").lower() in ("1", "true")
