"""A return saved after the deadline (only when the caller gives the deadline day).

The merge decides lateness across files from the time each return was received; this check
serves a caller that knows only the file, using its last-saved time (else its modification
time, which a copy or a download resets). Both use the one rule: a deadline day ends at
midnight in the UK (merge.submission.is_late).
"""

from __future__ import annotations

from collections.abc import Iterable

from ehwb_excel.merge.submission import FILE_MODIFIED, LAST_SAVED, is_late, to_utc_second, uk_time_text
from ehwb_excel.problems.catalogue import returns as ret
from ehwb_excel.problems.location import Location
from ehwb_excel.problems.problem import Problem
from ehwb_excel.returns.checks.context import CheckContext

NEEDS_AUDIT = False


def check(context: CheckContext) -> Iterable[Problem]:
    found, day = context.return_file, context.deadline
    received = to_utc_second(found.saved_at or found.modified)
    if day is None or received is None or not is_late(received, day):
        return
    yield ret.LATE_RETURN(
        Location(found.file_name), agency=found.agency_code or "the agency",
        received=uk_time_text(received), source=LAST_SAVED if found.saved_at else FILE_MODIFIED, deadline=f"{day:%d/%m/%Y}",
    )
