"""A return saved after the deadline (only when the caller says when the deadline passed).

The merge decides lateness across files from the time each return was received; this check
serves a caller that knows only the file, using its modification time.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timezone

from ehwb_excel.problems.catalogue import returns as ret
from ehwb_excel.returns.checks.context import CheckContext
from ehwb_excel.problems.location import Location
from ehwb_excel.problems.problem import Problem

NEEDS_AUDIT = False


def check(context: CheckContext) -> Iterable[Problem]:
    found, deadline = context.return_file, context.deadline_passed_at
    if deadline is not None and deadline.tzinfo is None:
        deadline = deadline.replace(tzinfo=timezone.utc)  # file times are UTC; a naive deadline is taken as UTC
    if deadline is None or found.modified is None or found.modified <= deadline:
        return
    yield ret.LATE_RETURN(
        Location(found.file_name), agency=found.agency_code or "the agency",
        received=f"{found.modified:%d/%m/%Y %H:%M} UTC", deadline=f"{deadline:%d/%m/%Y %H:%M}",
    )
