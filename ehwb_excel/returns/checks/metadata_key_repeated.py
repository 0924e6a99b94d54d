"""A metadata key (agency_code, audit_id ...) on more than one row: which one is meant cannot be told, so the file is refused."""

from __future__ import annotations

from collections.abc import Iterable

from ehwb_excel.problems.catalogue import returns as ret
from ehwb_excel.returns.checks.context import CheckContext
from ehwb_excel.problems.location import Location
from ehwb_excel.problems.problem import Problem

NEEDS_AUDIT = False


def check(context: CheckContext) -> Iterable[Problem]:
    found = context.return_file
    for key, rows in found.repeated_meta.items():
        where = Location(found.file_name, found.meta_sheet, f"A{rows[1]}")  # the second row is the one added
        yield ret.METADATA_KEY_REPEATED(where, key=key, count=len(rows), rows=", ".join(map(str, rows)))
