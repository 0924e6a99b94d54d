"""A case sheet renamed by the agency: still found by its subject cell, so it merges."""

from __future__ import annotations

from collections.abc import Iterable

from ehwb_excel.problems.catalogue import returns as ret
from ehwb_excel.returns.checks.context import CheckContext
from ehwb_excel.problems.location import Location
from ehwb_excel.problems.problem import Problem

NEEDS_AUDIT = False


def check(context: CheckContext) -> Iterable[Problem]:
    found = context.return_file
    for case, sheet in found.case_sheets.items():
        expected = found.sent_case_sheets.get(case)
        if expected and expected != sheet:
            yield ret.CASE_SHEET_RENAMED(Location(found.file_name, sheet), case=case, expected=expected)
