"""The return's identity token was not made, with the master's key, for the agency and cases its metadata names.

Runs only when the master has a key (masters made before tokens have none: the merge says so once).
"""

from __future__ import annotations

from collections.abc import Iterable

from ehwb_excel.audit import identity
from ehwb_excel.problems.catalogue import returns as ret
from ehwb_excel.returns.checks.context import CheckContext
from ehwb_excel.problems.location import Location
from ehwb_excel.problems.problem import Problem

NEEDS_AUDIT = True


def check(context: CheckContext) -> Iterable[Problem]:
    key, found = context.identity_key, context.return_file
    if key is None:
        return
    agency = context.known_agency.code
    where = Location(found.file_name, found.meta_sheet)
    if not found.agency_token:
        yield ret.TOKEN_MISSING(where, agency=agency)
        return
    cases = sorted(found.sent_case_sheets)
    if not identity.token_matches(key, found.agency_token, found.audit_id or "", found.agency_code or "", cases):
        yield ret.TOKEN_MISMATCH(where, agency=agency, cases=", ".join(cases) or "none")
