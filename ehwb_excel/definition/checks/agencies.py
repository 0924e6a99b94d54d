"""The Agencies sheet: code, full name and contact of every agency."""

from __future__ import annotations

from ehwb_excel.problems.catalogue import definition as problems
from ehwb_excel.definition.checks.table import Record, Table, identified
from ehwb_excel.audit.model import Agency
from ehwb_excel.problems.problem import Problem

# Agency codes are part of file names: Windows refuses these characters in a file name.
FILE_NAME_FORBIDDEN = '\\/:*?"<>|'


def read_agencies(table: Table) -> tuple[list[Agency], list[Problem]]:
    """The agencies with a usable code, in sheet order, and the problems found."""
    found: list[Problem] = []
    agencies: list[Agency] = []
    rows = identified(table, "code", found, blank=problems.BLANK_AGENCY_CODE, duplicate=problems.DUPLICATE_AGENCY_CODE,
                      named="code", refuse=_bad_code)
    for code, record in rows:
        full_name = record.text("name")
        if not full_name:
            found.append(problems.AGENCY_NAME_MISSING(record.at("name"), code=code, cell=record.cell("name")))
        agencies.append(Agency(code, full_name or code, record.text("contact")))
    return agencies, found


def _bad_code(code: str, record: Record) -> Problem | None:
    bad = sorted({ch for ch in code if ch in FILE_NAME_FORBIDDEN or ord(ch) < 32})
    return problems.BAD_AGENCY_CODE(record.at("code"), code=code, chars=" ".join(bad), cell=record.cell("code")) if bad else None
