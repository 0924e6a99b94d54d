"""Which part of a workbook package holds each sheet, as the workbook's relationships say, and a sheet whose part is missing."""

from __future__ import annotations

import posixpath

from defusedxml import ElementTree as SafeET

from ehwb_excel.problems.catalogue import returns as ret
from ehwb_excel.problems.location import Location, quoted
from ehwb_excel.problems.problem import Problem

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
RELATIONSHIP_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
RELATIONSHIP = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"


def sheet_parts(parts: dict[str, bytes], main_part: str, workbook=None) -> dict[str, str | None]:
    """Sheet name -> the part holding it, in the workbook's order (None: the relationship names no
    part, or one not in the package); {} when the workbook or its relationships cannot be read.
    `workbook` is the main part parsed already (None: it is parsed here)."""
    folder = posixpath.dirname(main_part)
    rels_name = posixpath.join(folder, "_rels", posixpath.basename(main_part) + ".rels")
    try:
        workbook = SafeET.fromstring(parts[main_part]) if workbook is None else workbook
        rels = SafeET.fromstring(parts[rels_name]) if rels_name in parts else None
    except (KeyError, SafeET.ParseError, ValueError):  # the reader gives its own reason for these
        return {}
    targets = {}
    for relationship in rels.iter(RELATIONSHIP) if rels is not None else ():
        target = relationship.get("Target") or ""
        if relationship.get("TargetMode") != "External" and target:
            joined = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
            targets[relationship.get("Id")] = posixpath.normpath(joined)
    by_folded_name = {name.casefold(): name for name in parts}
    found: dict[str, str | None] = {}
    for sheet in workbook.iter(f"{MAIN}sheet"):
        target = targets.get(sheet.get(RELATIONSHIP_ID))
        name = sheet.get("name") or ""
        found[name] = target if target in parts else by_folded_name.get((target or "").casefold())
    return found


def missing_sheet_problem(sheets: dict[str, str | None], where: Location) -> Problem | None:
    """A sheet the workbook lists whose part is not in the package (a broken relationship)."""
    missing = next((name for name, part in sheets.items() if part is None), None)
    if missing is None:
        return None
    return ret.CORRUPT_WORKBOOK(Location(where.file, missing), why=(
        f"the workbook lists the sheet '{quoted(missing)}', but the part that should hold it is not in the file (a broken link inside the package)"
    ))
