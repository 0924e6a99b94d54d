"""Read the coordinator's definition workbook into an Audit, reporting every mistake at once."""

from __future__ import annotations

import os
import zipfile
from collections.abc import Iterator

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

from ehwb_excel.excel.signatures import OLE_SIGNATURE
from ehwb_excel.problems.catalogue import definition as problems
from ehwb_excel.definition.checks.agencies import read_agencies
from ehwb_excel.definition.checks.cases import read_cases
from ehwb_excel.definition.checks.conditions import check_conditions
from ehwb_excel.definition.checks.coverage import agencies_without_cases, unused_lists
from ehwb_excel.definition.checks.lists import read_lists
from ehwb_excel.definition.checks.questions import read_questions
from ehwb_excel.definition.checks.sections import read_sections
from ehwb_excel.definition.checks.settings import read_settings
from ehwb_excel.definition.checks.table import Table, did_you_mean, read_table
from ehwb_excel.definition.sheets import (
    AGENCIES, AUDIT, CASES, DATA_SHEETS, DROPDOWNS_SHEET, INSTRUCTIONS_SHEET, LISTS, QUESTIONS, SECTIONS, SheetSpec, loose,
)
from ehwb_excel.problems.location import Location
from ehwb_excel.audit.model import Audit
from ehwb_excel.problems.problem import EhwbError, Report


def load_definition(path: str | os.PathLike) -> Audit:
    """The audit the definition workbook describes; raises EhwbError listing every error in it."""
    audit, report = read_definition(path)
    if audit is None:
        raise EhwbError(report.errors)
    return audit


def read_definition(path: str | os.PathLike) -> tuple[Audit | None, Report]:
    """The audit and the report of every problem; the audit is None when there is any error."""
    report = Report()
    tables = _read_tables(path, report)
    if tables is None:
        return None, report
    audit = _audit_from(tables, report)
    return (audit if report.valid else None), report


def _read_tables(path: str | os.PathLike, report: Report) -> dict[str, Table | None] | None:
    """Each data sheet as a table (None where the sheet or a required column is missing)."""
    location = Location.of(path)
    try:
        # read_only + data_only: values as last saved, no formulas evaluated, nothing executed
        workbook = openpyxl.load_workbook(os.fspath(path), read_only=True, data_only=True)
    except (OSError, zipfile.BadZipFile, InvalidFileException, KeyError, ValueError) as error:
        report.add(problems.FILE_UNREADABLE(location, why=_why_unreadable(error, path)))
        return None
    try:
        if not workbook.sheetnames:  # Strict Open XML workbooks load with no sheets and no error
            report.add(problems.FILE_UNREADABLE(location, why="it has no sheets that can be read (Strict Open XML?)"))
            return None
        tables: dict[str, Table | None] = {}
        for spec in DATA_SHEETS:
            tables[spec.name] = _read_sheet(workbook, spec, location, report)
        return tables
    finally:
        workbook.close()


def _read_sheet(workbook, spec: SheetSpec, location: Location, report: Report) -> Table | None:
    title = next((name for name in workbook.sheetnames if loose(name) == loose(spec.name)), None)
    if title is None:
        # suggest only sheets that are not already another definition sheet
        ours = {loose(name) for name in (*(s.name for s in DATA_SHEETS), INSTRUCTIONS_SHEET, DROPDOWNS_SHEET)}
        others = [name for name in workbook.sheetnames if loose(name) not in ours]
        report.add(problems.MISSING_SHEET(location, sheet=spec.name, what=spec.what, suggestion=did_you_mean(spec.name, others)))
        return None
    table, found = read_table(_rows(workbook[title]), spec, Location(location.file, title))
    report.extend(found)
    return table


def _rows(worksheet) -> Iterator[tuple]:
    # The stored dimension can be wrong (some writers leave it out or stale): read what is there.
    worksheet.reset_dimensions()
    return worksheet.iter_rows(values_only=True)


def _why_unreadable(error: Exception, path: str | os.PathLike) -> str:
    if isinstance(error, FileNotFoundError):
        return "there is no such file"
    if isinstance(error, zipfile.BadZipFile):
        with open(path, "rb") as file:
            if file.read(len(OLE_SIGNATURE)) == OLE_SIGNATURE:
                return "it is password-protected (encrypted) or an old .xls file; remove the password or save it as .xlsx"
        return "it is not an .xlsx package; it may be damaged or another kind of file"
    if isinstance(error, InvalidFileException):
        return "only .xlsx and .xlsm workbooks can be read"
    return f"{type(error).__name__}: {error}"


def _audit_from(tables: dict[str, Table | None], report: Report) -> Audit | None:
    """Each sheet read and checked; sheets that could not be read only skip the checks that need them."""
    def sheet(spec: SheetSpec) -> Table | None:
        return tables[spec.name]

    settings = _step(report, read_settings, sheet(AUDIT))
    agencies = _step(report, read_agencies, sheet(AGENCIES))
    cases = _step(report, read_cases, sheet(CASES), agencies)
    sections = _step(report, read_sections, sheet(SECTIONS))
    lists = _step(report, read_lists, sheet(LISTS))
    section_ids = [s.id for s in sections] if sections is not None else None
    list_names = [cl.name for cl in lists] if lists is not None else None
    rows = _step(report, read_questions, sheet(QUESTIONS), section_ids, list_names)
    questions = None
    if rows is not None:
        questions, found = check_conditions(rows, lists)
        report.extend(found)
    if agencies is not None and cases is not None and (agencies_table := sheet(AGENCIES)) is not None:
        report.extend(agencies_without_cases(agencies, cases, agencies_table))
    if lists is not None and questions is not None and (lists_table := sheet(LISTS)) is not None:
        report.extend(unused_lists(lists, questions, lists_table))
    if (not report.valid or settings is None or agencies is None or cases is None or sections is None
            or lists is None or questions is None):
        return None
    return Audit(settings, tuple(agencies), tuple(cases), tuple(sections), tuple(questions), tuple(lists))


def _step(report: Report, read, table: Table | None, *args):
    """`read(table, *args)`'s value with its problems added to `report`; None when the sheet is missing."""
    if table is None:
        return None
    value, found = read(table, *args)
    report.extend(found)
    return value
