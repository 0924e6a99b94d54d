"""A sheet answering for a case the workbook was not sent with: copied in from another agency's workbook.

The cases a workbook was sent with are covered by its identity token, so this runs only when
the master has a key (the token check has then passed).
"""

from __future__ import annotations

from collections.abc import Iterable

from ehwb_excel.problems.catalogue import returns as ret
from ehwb_excel.returns.checks.context import CheckContext
from ehwb_excel.problems.location import Location
from ehwb_excel.problems.problem import Problem

NEEDS_AUDIT = True


def check(context: CheckContext) -> Iterable[Problem]:
    found = context.return_file
    if context.identity_key is None:
        return
    sent = sorted(found.sent_case_sheets)
    for case, sheet in found.case_sheets.items():
        if case not in found.sent_case_sheets:
            yield ret.CASE_SHEET_NOT_SENT(Location(found.file_name, sheet), case=case, agency=context.known_agency.code,
                                          cases=", ".join(sent) or "none")
