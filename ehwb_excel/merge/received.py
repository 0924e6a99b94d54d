"""When a return was received, and how we know: typed by the coordinator, else the workbook's last save, else the file's time.

A file's modification time is when it was last copied, saved as an attachment or downloaded,
not when the agency sent it; the workbook's own last-saved time travels inside the file. The
coordinator, who knows when an email came, can type the time over either on Submissions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ehwb_excel.merge.submission import FILE_MODIFIED, LAST_SAVED, TYPED, Submission, to_utc_second
from ehwb_excel.returns.returned import ReturnFile


@dataclass(frozen=True)
class Receipt:
    """When a return was received (naive UTC; None when nothing says) and where that time came from."""

    at: datetime | None
    source: str = ""  # one of layout.RECEIVED_SOURCES; "" when there is no time


def receipt(return_file: ReturnFile, previous: list[Submission]) -> Receipt:
    """The received time of `return_file`: the one the coordinator typed for this version, else its last save, else its file time."""
    typed = typed_for(previous, return_file)
    if typed is not None:
        return Receipt(typed.received, TYPED)
    if return_file.saved_at is not None:
        return Receipt(to_utc_second(return_file.saved_at), LAST_SAVED)
    if return_file.modified is not None:
        return Receipt(to_utc_second(return_file.modified), FILE_MODIFIED)
    return Receipt(None)


def typed_for(previous: list[Submission], return_file: ReturnFile) -> Submission | None:
    """The earlier Submissions row of the same version (SHA-256) whose received time the coordinator typed; None if none.

    A corrected return is another version: it was received when it came, not when the first did.
    """
    if not return_file.sha256:
        return None
    return next((row for row in previous if row.typed and row.sha256 == return_file.sha256), None)


def version_time(return_file: ReturnFile) -> datetime | None:
    """When this version of a return was made (its last save, else its file time): of two files from one agency, the later is merged.

    A typed received time does not count here: when an email came says nothing of which of
    two files the agency saved last.
    """
    return to_utc_second(return_file.saved_at or return_file.modified)
