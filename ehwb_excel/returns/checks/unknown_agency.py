"""A return naming an agency that is not in the audit."""

from __future__ import annotations

from collections.abc import Iterable

from ehwb_excel.excel import layout
from ehwb_excel.problems.catalogue import returns as ret
from ehwb_excel.problems.location import quoted
from ehwb_excel.returns.checks.context import CheckContext
from ehwb_excel.problems.location import Location
from ehwb_excel.problems.problem import Problem

NEEDS_AUDIT = True


def check(context: CheckContext) -> Iterable[Problem]:
    if context.agency is None:
        known = ", ".join(a.code for a in context.known_audit.agencies)
        yield ret.UNKNOWN_AGENCY(Location(context.return_file.file_name, layout.META_SHEET), agency=quoted(context.return_file.agency_code or "none"), known=known)
