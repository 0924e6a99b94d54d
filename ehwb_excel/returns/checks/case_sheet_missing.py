"""A case sheet (or the agency sheet) deleted from the return: its answers never arrived.

Not a reason to refuse the file: the other cases still merge, and the missing one is listed.
"""

from __future__ import annotations

from collections.abc import Iterable

from ehwb_excel.excel import layout
from ehwb_excel.problems.catalogue import returns as ret
from ehwb_excel.returns.checks.context import CheckContext
from ehwb_excel.problems.location import Location
from ehwb_excel.audit.model import AskedPer
from ehwb_excel.problems.problem import Problem

NEEDS_AUDIT = True


def check(context: CheckContext) -> Iterable[Problem]:
    if context.agency is None:
        return
    found = context.return_file
    where = Location(found.file_name)
    for case in context.known_audit.cases_for(context.known_agency.code):
        if case.reference not in found.case_sheets:
            yield ret.CASE_SHEET_MISSING(where, case=case.reference, sheet_name=found.sent_case_sheets.get(case.reference, case.reference))
    if found.agency_sheet is None and any(q.asked_per is AskedPer.AGENCY for q in context.known_audit.questions):
        yield ret.CASE_SHEET_MISSING(where, case="the questions for your agency", sheet_name=layout.AGENCY_SHEET)
