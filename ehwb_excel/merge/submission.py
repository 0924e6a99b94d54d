"""One line of the submissions tracker: what the master holds from one agency, or why not."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from ehwb_excel.excel import layout

RECEIVED, LATE, MISSING, REJECTED = layout.SUBMISSION_STATUSES
MERGED_STATUSES = (RECEIVED, LATE)  # a version whose answers are in Responses


@dataclass
class Submission:
    """One row of the Submissions sheet.

    There is one per agency (in the audit's order), then one per rejected file that is not
    already an agency's row: a file from an unknown agency, or a refused correction while
    the agency's earlier answers are kept.
    """

    agency: str  # the agency code, the code a rejected file claimed, or "" when unknown
    agency_name: str
    status: str  # one of layout.SUBMISSION_STATUSES
    file: str = ""
    saved_by: str = ""
    modified: datetime | None = None  # the file's modification time, UTC
    received: datetime | None = None  # when a merge first saw this version (by SHA-256), UTC
    sha256: str = ""
    answers: int = 0
    errors: int = 0
    warnings: int = 0
    reasons: list[str] = field(default_factory=list)  # why a file was rejected, in the user's words

    @property
    def merged(self) -> bool:
        """True when this version's answers are in Responses."""
        return self.status in MERGED_STATUSES

    def row(self) -> tuple:
        """The row in layout.SUBMISSIONS_COLUMNS order."""
        return (
            self.agency or None, self.agency_name or None, self.status, self.file or None, self.saved_by or None,
            self.modified, self.received, self.sha256 or None, self.answers, self.errors, self.warnings,
        )

    @classmethod
    def from_record(cls, record: dict) -> "Submission":
        """A row read back from the master's Submissions sheet (see `sheet_records`)."""
        get = record.get
        return cls(
            agency=_text(get("Agency")), agency_name=_text(get("Agency name")), status=_text(get("Status")),
            file=_text(get("File")), saved_by=_text(get("Saved by")),
            modified=_moment(get("Modified")), received=_moment(get("Received")), sha256=_text(get("SHA-256")),
            answers=_count(get("Answers")), errors=_count(get("Errors")), warnings=_count(get("Warnings")),
        )

    def to_dict(self) -> dict:
        return {
            "agency": self.agency, "agency_name": self.agency_name, "status": self.status, "file": self.file,
            "saved_by": self.saved_by, "modified": _iso(self.modified), "received": _iso(self.received),
            "sha256": self.sha256, "answers": self.answers, "errors": self.errors, "warnings": self.warnings,
            "reasons": list(self.reasons),
        }


# Deadlines are days in the partnership's own time: "by 31 March" ends at midnight in the UK,
# which is 23:00 UTC while British Summer Time is on.
UK_TIME = ZoneInfo("Europe/London")


def end_of_day_utc(day: date) -> datetime:
    """The moment `day` ends in the UK, as a naive UTC datetime (the master's times are UTC)."""
    midnight = datetime.combine(day + timedelta(days=1), time(), tzinfo=UK_TIME)
    return midnight.astimezone(timezone.utc).replace(tzinfo=None)


def uk_time_text(moment: datetime) -> str:
    """A naive UTC moment as UK readers say it: '01/04/2026 01:30 UK time'."""
    return moment.replace(tzinfo=timezone.utc).astimezone(UK_TIME).strftime("%d/%m/%Y %H:%M UK time")


def to_utc_second(moment: datetime | None) -> datetime | None:
    """A naive UTC datetime cut to the whole second: Excel keeps no time zone, and whole
    seconds survive the trip through a cell (a day fraction) unchanged."""
    if moment is None:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
    return moment.replace(microsecond=0)


def read_back_second(moment: datetime | None) -> datetime | None:
    """A time read back from a cell, to the nearest second (12:00:00 may come back as 11:59:59.9996)."""
    if moment is None:
        return None
    if moment.microsecond >= 500_000:
        moment = moment + timedelta(seconds=1)
    return to_utc_second(moment)


def _moment(value) -> datetime | None:
    if isinstance(value, datetime):
        return read_back_second(value)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    if isinstance(value, str) and value.strip():
        try:
            return to_utc_second(datetime.fromisoformat(value.strip()))
        except ValueError:
            return None
    return None


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def _count(value) -> int:
    try:
        return int(value or 0)
    except (TypeError, ValueError):
        return 0


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None
