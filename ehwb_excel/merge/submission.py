"""One line of the submissions tracker: what the master holds from one agency, or why not."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from typing import overload
from zoneinfo import ZoneInfo

from ehwb_excel.excel import layout
from ehwb_excel.excel.dates import parse_date

NOT_STARTED, IN_PROGRESS, RECEIVED, LATE, REJECTED, MISSING, SUPERSEDED = layout.SUBMISSION_STATUSES
MERGED_STATUSES = layout.MERGED_STATUSES  # a version whose answers are in Responses: in progress, received, late
TYPED, LAST_SAVED, FILE_MODIFIED = layout.RECEIVED_SOURCES


@dataclass
class Submission:
    """One row of the Submissions sheet.

    There is one per agency that knows a case (in the audit's order), then one per other
    file: a rejected file that is not already an agency's row (unknown agency, a refused
    correction while the agency's earlier answers are kept) and each superseded older file.
    Times are naive UTC here; the sheet shows them in UK time.
    """

    agency: str  # the agency code, the code a rejected file claimed, or "" when unknown
    agency_name: str
    status: str  # one of layout.SUBMISSION_STATUSES
    file: str = ""
    saved_by: str = ""
    saved: datetime | None = None  # the workbook's own last-saved time (document properties)
    modified: datetime | None = None  # the file's modification time
    received: datetime | None = None  # when the return was received: typed, else saved, else modified
    received_from: str = ""  # one of layout.RECEIVED_SOURCES ("" when there is no time)
    sha256: str = ""
    answers: int = 0
    required_missing: int = 0  # required answers left blank
    errors: int = 0
    warnings: int = 0
    reasons: list[str] = field(default_factory=list)  # why a file was rejected, in the user's words
    why: str = ""  # the status explained in one short phrase
    # received after the end of the deadline day (an in-progress return can be late too); derived, so
    # not compared: a row read back knows it only from its status
    late: bool = field(default=False, compare=False)

    @property
    def merged(self) -> bool:
        """True when this version's answers are in Responses."""
        return self.status in MERGED_STATUSES

    @property
    def typed(self) -> bool:
        """True when the coordinator typed the received time (it is kept across merges)."""
        return self.received_from == TYPED and self.received is not None

    def row(self) -> tuple:
        """The row in layout.SUBMISSIONS_COLUMNS order (times in UK time)."""
        return (
            self.agency or None, self.agency_name or None, self.status, self.why or None, self.file or None,
            self.saved_by or None, uk_wall_clock(self.saved), uk_wall_clock(self.modified), uk_wall_clock(self.received),
            self.received_from or None, self.sha256 or None, self.answers, self.required_missing, self.errors, self.warnings,
        )

    @classmethod
    def from_record(cls, record: dict) -> "Submission":
        """A row read back from the master's Submissions sheet (see `sheet_records`).

        A Received time that is not the one its source gives was typed by the coordinator. A
        master written before the sheet had a "Received from" column holds the time a merge first
        saw the file there: it is not taken as typed.
        """
        get = record.get
        saved, modified, received = (_moment(get(h)) for h in ("Last saved", "Modified", "Received"))
        source = _text(get("Received from"))
        given = {LAST_SAVED: saved, FILE_MODIFIED: modified}
        if "Received from" not in record:
            received, source = None, ""
        elif received is not None and (source not in given or given[source] != received):
            source = TYPED
        status = _text(get("Status"))
        return cls(
            agency=_text(get("Agency")), agency_name=_text(get("Agency name")), status=status, why=_text(get("Why")),
            file=_text(get("File")), saved_by=_text(get("Saved by")), saved=saved, modified=modified,
            received=received, received_from=source if received else "", sha256=_text(get("SHA-256")),
            answers=_count(get("Answers")), required_missing=_count(get("Required missing")),
            errors=_count(get("Errors")), warnings=_count(get("Warnings")), late=status == LATE,
        )

    def to_dict(self) -> dict:
        return {
            "agency": self.agency, "agency_name": self.agency_name, "status": self.status, "why": self.why,
            "file": self.file, "saved_by": self.saved_by, "last_saved": _iso(self.saved), "modified": _iso(self.modified),
            "received": _iso(self.received), "received_from": self.received_from, "late": self.late,
            "sha256": self.sha256, "answers": self.answers, "required_missing": self.required_missing,
            "errors": self.errors, "warnings": self.warnings, "reasons": list(self.reasons),
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


def is_late(received: datetime, deadline: date) -> bool:
    """True when `received` (naive UTC, or aware) is after the end of the deadline day in the UK."""
    moment = to_utc_second(received)
    return moment is not None and moment >= end_of_day_utc(deadline)


def uk_wall_clock(moment: datetime | None) -> datetime | None:
    """A naive UTC moment as the UK clock showed it (naive): what the Submissions sheet shows."""
    if moment is None:
        return None
    return moment.replace(tzinfo=timezone.utc).astimezone(UK_TIME).replace(tzinfo=None)


def from_uk_wall_clock(moment: datetime) -> datetime:
    """A naive UK clock time (read from or typed into Submissions) as naive UTC."""
    return moment.replace(tzinfo=UK_TIME).astimezone(timezone.utc).replace(tzinfo=None)


@overload
def to_utc_second(moment: datetime) -> datetime: ...


@overload
def to_utc_second(moment: datetime | None) -> datetime | None: ...


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
    """A UK time read from (or typed into) a Submissions cell, as naive UTC; None when it is none."""
    if isinstance(value, datetime):
        moment = read_back_second(value)
        return from_uk_wall_clock(moment) if moment else None
    if isinstance(value, date):
        return from_uk_wall_clock(datetime(value.year, value.month, value.day))
    if isinstance(value, str) and value.strip():
        text = " ".join(value.split())
        for pattern in _TYPED_TIMES:
            try:
                return from_uk_wall_clock(datetime.strptime(text, pattern))
            except ValueError:
                continue
        day = parse_date(text, serials=False)
        return from_uk_wall_clock(datetime(day.year, day.month, day.day)) if day else None
    return None


# a date and time typed as text where the spreadsheet did not make it one (UK order, or ISO 8601)
_TYPED_TIMES = ("%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S")


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def _count(value) -> int:
    try:
        return int(value or 0)
    except (TypeError, ValueError):
        return 0


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None
