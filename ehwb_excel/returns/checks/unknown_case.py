"""A case sheet for a case the agency does not know (copied from another workbook?)."""

from __future__ import annotations

from collections.abc import Iterable

from ehwb_excel.problems.catalogue import returns as ret
from ehwb_excel.returns.checks.context import CheckContext
from ehwb_excel.problems.location import Location
from ehwb_excel.problems.problem import Problem

NEEDS_AUDIT = True


def check(context: CheckContext) -> Iterable[Problem]:
    if context.agency is None:
        return
    known = {c.reference for c in context.known_audit.cases_for(context.known_agency.code)}
    found = context.return_file
    for case, sheet in found.case_sheets.items():
        if case not in known:
            yield ret.UNKNOWN_CASE(Location(found.file_name, sheet), case=case, agency=context.known_agency.code)
