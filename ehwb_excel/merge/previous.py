"""What the master held before this merge: the audit, merged answers by agency, history and log (pure: master/reader.py reads it from the file)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from ehwb_excel.excel import layout
from ehwb_excel.audit.model import Audit, QuestionType
from ehwb_excel.merge.response_row import ResponseRow
from ehwb_excel.merge.quote_choices import QuoteKey
from ehwb_excel.merge.submission import Submission, read_back_second


@dataclass
class MergedVersion:
    """The answers one agency's return put in Responses, and the version (SHA-256) they came from."""

    agency: str
    sha256: str
    file: str
    rows: list[ResponseRow]
    submission: Submission | None = None


@dataclass
class MasterState:
    """The master's derived sheets as the previous merge left them (empty for a new master)."""

    audit: Audit
    merged: dict[str, MergedVersion] = field(default_factory=dict)  # agency code -> its merged answers
    submissions: list[Submission] = field(default_factory=list)
    history: list[tuple] = field(default_factory=list)  # rows in layout.HISTORY_COLUMNS order
    merge_log: list[tuple] = field(default_factory=list)  # rows in layout.MERGE_LOG_COLUMNS order
    quote_choices: dict[QuoteKey, str] = field(default_factory=dict)  # the panel's Include / Leave out, kept across merges
    identity_key: bytes | None = field(default=None, repr=False)  # agency tokens are checked with it; None: a master made before tokens

    @classmethod
    def empty(cls, audit: Audit) -> "MasterState":
        return cls(audit)


def state_from_records(audit: Audit, *, responses: list[dict], submissions: list[dict],
                       history: list[dict], merge_log: list[dict], quote_choices: dict | None = None) -> MasterState:
    """A MasterState from sheet records, normalised so that they equal freshly merged values."""
    date_questions = {q.id for q in audit.questions if q.type is QuestionType.DATE}
    previous = [Submission.from_record(r) for r in submissions]
    merged_submission = {s.agency: s for s in reversed(previous) if s.merged}  # first merged row wins
    rows_by_agency: dict[str, list[ResponseRow]] = {}
    for record in responses:
        row = ResponseRow.from_record(record, _plain)
        if not row.agency:
            continue
        if row.question_id in date_questions:
            row = _answer_as_date(row)
        rows_by_agency.setdefault(str(row.agency), []).append(row)
    merged = {}
    for agency, rows in rows_by_agency.items():
        submission = merged_submission.get(agency)
        file = submission.file if submission else str(rows[0].source_file or "")
        merged[agency] = MergedVersion(agency, submission.sha256 if submission else "", file, rows, submission)
    return MasterState(
        audit=audit,
        merged=merged,
        submissions=previous,
        history=[tuple(_plain(r.get(h)) for h in layout.HISTORY_COLUMNS) for r in history],
        merge_log=[tuple(_plain(r.get(h)) for h in layout.MERGE_LOG_COLUMNS) for r in merge_log],
        quote_choices=dict(quote_choices or {}),
    )


def _plain(value):
    """A cell value as the merge makes it: blank text is None, whole floats are ints, times to the second."""
    if isinstance(value, str):
        return value if value.strip() else None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, datetime):
        return read_back_second(value)
    return value


def _answer_as_date(row: ResponseRow) -> ResponseRow:
    # Excel has no date type: a date answer comes back from the cell as a datetime at midnight
    value = row.answer
    if isinstance(value, datetime) and value.time() == datetime.min.time():
        return row._replace(answer=date(value.year, value.month, value.day))
    return row
