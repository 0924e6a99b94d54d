"""Not one of our returns: no metadata sheet, or metadata of another kind of workbook."""

from __future__ import annotations

from collections.abc import Iterable

from ehwb_excel.excel import layout
from ehwb_excel.problems.catalogue import returns as ret
from ehwb_excel.returns.checks.context import CheckContext
from ehwb_excel.problems.location import Location
from ehwb_excel.problems.problem import Problem

NEEDS_AUDIT = False


def check(context: CheckContext) -> Iterable[Problem]:
    found = context.return_file
    if found.return_format == layout.RETURN_FORMAT:
        return
    where = Location(found.file_name)
    if found.return_format is None:
        yield ret.NOT_OUR_RETURN(where, why=f"it has no '{layout.META_SHEET}' sheet identifying audit and agency")
    elif found.return_format == layout.MASTER_FORMAT:
        yield ret.NOT_OUR_RETURN(where, why="it is the coordinator's master workbook; keep it out of the returns folder")
    else:
        yield ret.NOT_OUR_RETURN(where, why=f"its '{layout.META_SHEET}' sheet says format '{found.return_format}', not '{layout.RETURN_FORMAT}'")
