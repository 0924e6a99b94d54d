"""The master's package with the derived sheets' cells left out, for openpyxl to load before a save.

A save replaces every derived sheet's cells, yet openpyxl would first parse them all: at 200
agencies that was a third of the save. The sheets themselves stay (header and footer, print
set-up, tab colour, state); only their `<sheetData>` is emptied, in a copy held in memory.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Iterable
from typing import IO
from pathlib import Path

from defusedxml import ElementTree as SafeET

_RELATIONSHIPS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_SHEET_DATA = re.compile(rb"<((?:[A-Za-z_][\w.-]*:)?sheetData)\b[^>]*(?<!/)>.*?</\1>", re.DOTALL)


def without_cells_of(master: Path | IO[bytes], sheets: Iterable[str]) -> io.BytesIO:
    """A copy of the package at `master` in which the named sheets hold no cells (stored, not compressed: it is read once, at once)."""
    with zipfile.ZipFile(master) as package:
        parts = sheet_parts(package)
        emptied = {parts[name] for name in sheets if name in parts}
        copy = io.BytesIO()
        with zipfile.ZipFile(copy, "w", zipfile.ZIP_STORED) as target:
            for entry in package.infolist():
                content = package.read(entry)
                if entry.filename in emptied:
                    content = _SHEET_DATA.sub(lambda m: b"<" + m.group(1) + b"/>", content, count=1)
                target.writestr(zipfile.ZipInfo(entry.filename, entry.date_time), content)
    copy.seek(0)
    return copy


def sheet_parts(package: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> the part holding it ("Responses" -> "xl/worksheets/sheet3.xml")."""
    workbook = SafeET.fromstring(package.read("xl/workbook.xml"))
    relationships = SafeET.fromstring(package.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in relationships}
    found = {}
    for sheet in workbook.iter():
        if sheet.tag.rsplit("}", 1)[-1] == "sheet" and sheet.get(_RELATIONSHIPS) in targets:
            target = targets[sheet.get(_RELATIONSHIPS)]
            found[sheet.get("name")] = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
    return found
