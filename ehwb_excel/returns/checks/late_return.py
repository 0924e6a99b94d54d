"""A return saved after the deadline (only when the caller gives the deadline day).

The merge decides lateness across files from the time each return was received; this check
serves a caller that knows only the file, using its modification time. Both use the one
rule: a deadline day ends at midnight in the UK (merge.submission.end_of_day_utc).
"""

from __future__ import annotations

from collections.abc import Iterable

from ehwb_excel.merge.submission import end_of_day_utc, to_utc_second, uk_time_text
from ehwb_excel.problems.catalogue import returns as ret
from ehwb_excel.problems.location import Location
from ehwb_excel.problems.problem import Problem
from ehwb_excel.returns.checks.context import CheckContext

NEEDS_AUDIT = False


def check(context: CheckContext) -> Iterable[Problem]:
    found, day = context.return_file, context.deadline
    received = to_utc_second(found.modified)
    if day is None or received is None or received < end_of_day_utc(day):
        return
    yield ret.LATE_RETURN(
        Location(found.file_name), agency=found.agency_code or "the agency",
        received=uk_time_text(received), source="the file's modified time", deadline=f"{day:%d/%m/%Y}",
    )
