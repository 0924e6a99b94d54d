"""The merge: returns already read and checked, plus the master's previous content, become the derived sheets.

Pure: no file is opened or written here. Rules (in the coordinator's words):
- two files claiming one agency: the one saved last (then the later name) is merged, the other is superseded;
- a corrected return (another SHA-256) replaces the agency's earlier answers; the replaced
  version goes to History with its checksum, and History keeps every earlier row;
- the same file again changes no data: only a new Merge log row is added;
- an agency merged before whose file is gone (or refused) now keeps its earlier answers;
- received: the time the coordinator typed on Submissions, else the workbook's last save, else the file's time
  (copying or downloading a file changes only the last); late: received after the end of the deadline day in the UK;
- states: not started (no answers), in progress (required answers blank), received, late, rejected, missing,
  superseded; an agency that knows no case is not expected to return;
- a rejected file contributes no answers and the Submissions sheet says why.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime

from ehwb_excel.excel.layout import RESPONSES_SHEET
from ehwb_excel.problems.catalogue import returns as ret
from ehwb_excel.problems.location import Location
from ehwb_excel.merge.previous import MasterState, MergedVersion
from ehwb_excel.merge.case_profiles import disagreements
from ehwb_excel.merge.quote_choices import chosen_quotes_gone
from ehwb_excel.merge.derived_sheets import case_profiles_table, derived_sheets
from ehwb_excel.merge.summary import summary
from ehwb_excel.merge.response_row import ResponseRow
from ehwb_excel.merge.responses import response_rows_for
from ehwb_excel.audit.model import Audit
from ehwb_excel.problems.problem import Problem, Report, Severity
from ehwb_excel.returns.returned import ReturnFile
from ehwb_excel.merge.sheet_table import SheetTable
from ehwb_excel.merge.received import Receipt, receipt, version_time
from ehwb_excel.merge.submission import (
    IN_PROGRESS, LATE, MISSING, NOT_STARTED, RECEIVED, REJECTED, SUPERSEDED, Submission, is_late, to_utc_second,
    uk_time_text,
)


@dataclass
class MergeResult:
    """The master's derived sheets after a merge, with every problem and a summary."""

    audit: Audit
    merged_at: datetime  # naive UTC
    sheets: list[SheetTable]  # one per layout.DERIVED_SHEETS, in that order
    report: Report
    submissions: list[Submission]  # one per agency expected to return (agency_rows), then one per other refused file
    answers_read: int  # answered cells read from the files merged this time
    response_rows: int  # rows those answers made in Responses
    not_merged: int = 0  # answered cells for a question or case not in the audit (each reported)
    kept_rows: int = 0  # rows kept from earlier merges for agencies with no usable file now
    files: list[str] = field(default_factory=list)  # every file looked at, in name order
    replaced: list[str] = field(default_factory=list)  # agencies whose corrected return replaced earlier answers
    kept: list[str] = field(default_factory=list)  # agencies whose earlier answers were kept
    agency_count: int = 0  # how many of `submissions` are agencies' own rows (an agency knowing no case has none)

    @property
    def agency_rows(self) -> list[Submission]:
        """One row per agency that knows a case (or sent a file), in the audit's order."""
        return self.submissions[: self.agency_count]

    def sheet(self, name: str) -> SheetTable:
        return next(s for s in self.sheets if s.name == name)

    def responses_frame(self):
        """The Responses sheet as a pandas DataFrame (one typed column per header; see `ehwb_excel.merge.frames`)."""
        from ehwb_excel.merge.frames import table_frame  # pandas loads only when a frame is asked for

        return table_frame(self.sheet(RESPONSES_SHEET))

    @property
    def rejected(self) -> list[Submission]:
        return [s for s in self.submissions if s.status == REJECTED]

    @property
    def has_errors(self) -> bool:
        """True when the Issues sheet holds an error (a rejected file is one): `ehwb merge` then exits 1."""
        return bool(self.report.errors)

    @property
    def has_warnings(self) -> bool:
        """True when the Issues sheet holds a warning (late, missing, not started ...); these alone do not fail a merge."""
        return bool(self.report.warnings)

    def error_kinds(self) -> list[str]:
        """The errors on the Issues sheet by kind, in the coordinator's words ([] when none): '2 files rejected', '3 required answers blank'."""
        rejected = len(self.rejected)
        blank = sum(p.type is ret.REQUIRED_MISSING for p in self.report.errors)
        rejecting = sum(p.type.rejects_file for p in self.report.errors)
        other = len(self.report.errors) - blank - rejecting
        kinds = [(rejected, "file rejected", "files rejected"), (blank, "required answer blank", "required answers blank"),
                 (other, "other answer to correct", "other answers to correct")]
        return [f"{n} {one if n == 1 else many}" for n, one, many in kinds if n]

    @property
    def reconciled(self) -> bool:
        """True when every answered cell read is one row in Responses (or a reported unknown question/case)."""
        return self.answers_read == self.response_rows + self.not_merged

    def summary(self) -> str:
        """One short paragraph: merged N of M agencies, the reconciliation, missing, late, rejected."""
        return summary(self)

    def to_dict(self) -> dict:
        return {
            "summary": self.summary(),
            "merged_at": self.merged_at.isoformat(),
            "files": list(self.files),
            "answers_read": self.answers_read,
            "response_rows": self.response_rows,
            "not_merged": self.not_merged,
            "kept_rows": self.kept_rows,
            "reconciled": self.reconciled,
            "errors": len(self.report.errors),
            "warnings": len(self.report.warnings),
            "error_kinds": self.error_kinds(),
            "submissions": [s.to_dict() for s in self.submissions],
            "problems": [p.to_dict() for p in self.report.problems],
        }


def merge(audit: Audit, returns: list[ReturnFile], previous: MasterState, *, now: datetime,
          folder_problems: Iterable[Problem] = ()) -> MergeResult:
    """The derived sheets for `returns` (read and checked) on top of what `previous` held.

    `folder_problems` are about the folder rather than one return (a lock file skipped);
    they are listed with the rest.
    """
    now = to_utc_second(now)
    files = sorted(returns, key=lambda r: r.file_name.casefold())
    report = Report()
    report.extend(folder_problems)
    for return_file in files:
        report.extend(_listed_problems(return_file))
    receipts = {id(r): receipt(r, previous.submissions) for r in files}
    chosen, superseded, refused = _choose(audit, files, report)
    merge = _Merge(audit, previous, now, report, receipts)
    for agency in audit.agencies:
        merge.agency(agency.code, chosen.get(agency.code), [r for r in refused if _claims(audit, r) == agency.code])
    agency_count = len(merge.submissions)
    for loser, winner in superseded:
        merge.superseded(loser, winner)
    merge.rejected_rows(refused)
    report.extend(disagreements(case_profiles_table(audit, merge.sorted_rows()).rows))
    report.extend(chosen_quotes_gone(audit, merge.sorted_rows(), previous.quote_choices))
    log_row = (
        now, _file_list([r.file_name for r in files]), len(chosen), len(refused),
        merge.answers_read, merge.fresh_rows, len(report.problems),
    )
    sheets = derived_sheets(
        audit, merge.submissions, merge.sorted_rows(), report, previous.merge_log + [log_row], merge.history,
        previous.quote_choices,
    )
    return MergeResult(
        audit=audit, merged_at=now, sheets=sheets, report=report, submissions=merge.submissions,
        answers_read=merge.answers_read, response_rows=merge.fresh_rows, not_merged=merge.not_merged, kept_rows=merge.kept_rows,
        files=[r.file_name for r in files], replaced=merge.replaced, kept=merge.kept, agency_count=agency_count,
    )


def _listed_problems(return_file: ReturnFile) -> list[Problem]:
    """A file's problems as the Issues sheet lists them.

    A workbook with no answer at all is one 'not started' warning (given with its Submissions
    row), not an error per blank required answer: 11 blank workbooks were 319 error lines.
    """
    if return_file.answered or return_file.rejected:
        return return_file.problems
    return [p for p in return_file.problems if p.type is not ret.REQUIRED_MISSING]


# -- choosing one version per agency ---------------------------------------------------------


def _claims(audit: Audit, return_file: ReturnFile) -> str | None:
    """The audit's code for the agency a file names (any case); None when unknown or unnamed."""
    agency = audit.agency(return_file.agency_code) if return_file.agency_code else None
    return agency.code if agency else None


def _choose(audit: Audit, files: list[ReturnFile], report: Report):
    """Agency -> the file merged; (older, newer) pairs of duplicate files; files refused."""
    by_agency: dict[str, list[ReturnFile]] = {}
    refused: list[ReturnFile] = []
    for return_file in files:
        code = _claims(audit, return_file)
        if return_file.rejected or code is None:
            refused.append(return_file)
        else:
            by_agency.setdefault(code, []).append(return_file)
    chosen, superseded = {}, []
    for code, candidates in by_agency.items():
        # the version saved last first; equal times: the later name, so the choice is stable
        candidates.sort(key=lambda r: (version_time(r) or datetime.min, r.file_name), reverse=True)
        winner = chosen[code] = candidates[0]
        for loser in candidates[1:]:
            superseded.append((loser, winner))
            report.add(ret.DUPLICATE_AGENCY(Location(loser.file_name), other=winner.file_name, agency=code, newer=winner.file_name))
    return chosen, superseded, refused


class _Merge:
    """Accumulates Submissions, Responses rows and History while going through the agencies."""

    def __init__(self, audit: Audit, previous: MasterState, now: datetime, report: Report, receipts: dict[int, Receipt]):
        self.audit, self.previous, self.now, self.report, self.receipts = audit, previous, now, report, receipts
        self.submissions: list[Submission] = []
        self.rows: list[ResponseRow] = []
        self.history: list[tuple] = list(previous.history)
        self.answers_read = self.fresh_rows = self.kept_rows = self.not_merged = 0
        self.replaced: list[str] = []
        self.kept: list[str] = []
        self._shown: set[int] = set()  # ids of refused files already shown as an agency's row

    # -- one agency ----------------------------------------------------------------------
    def agency(self, code: str, winner: ReturnFile | None, refused: list[ReturnFile]) -> None:
        before = self.previous.merged.get(code)
        if winner is not None:
            self._merge_file(code, winner, before)
        elif before is not None:
            self._keep(code, before, f"the newer file '{refused[0].file_name}' was rejected" if refused
                       else "no file from this agency is in the returns folder now")
        elif refused:
            newest = max(refused, key=lambda r: (version_time(r) or datetime.min, r.file_name))
            self._shown.add(id(newest))
            self.submissions.append(self._submission(code, newest, REJECTED, answers=0))
        elif self.audit.cases_for(code):  # an agency that knows no case got no workbook: nothing to chase
            agency = self.audit.known_agency(code)
            self.submissions.append(Submission(code, agency.name, MISSING, why="no file in the returns folder"))
            self.report.add(ret.MISSING_RETURN(
                Location(), agency=code, agency_name=agency.name, contact=agency.contact or "the agency",
                deadline=_day(self.audit.settings.deadline),
            ))

    def _merge_file(self, code: str, winner: ReturnFile, before: MergedVersion | None) -> None:
        if before is not None and not winner.answered and before.sha256 != winner.sha256:
            # a blank workbook sent after answers were merged is a slip, not a correction
            self._keep(code, before, f"the newer file '{winner.file_name}' has no answers")
            return
        rows, not_merged = response_rows_for(self.audit, winner, self.report)
        self.rows.extend(rows)
        self.answers_read += len(winner.answered)
        self.fresh_rows += len(rows)
        self.not_merged += not_merged
        submission = self._submission(code, winner, RECEIVED, answers=len(rows))
        self.submissions.append(submission)
        self._report_state(code, winner, submission)
        if before is not None and before.sha256 != winner.sha256:
            self.replaced.append(code)
            self._add_history(code, before.file, before.sha256, len(before.rows), winner.sha256)

    def _report_state(self, code: str, winner: ReturnFile, submission: Submission) -> None:
        """The warning a not started or late return gives (required answers left blank have their own)."""
        agency = self.audit.known_agency(code)
        if submission.status == NOT_STARTED:
            self.report.add(ret.RETURN_NOT_STARTED(
                Location(winner.file_name), agency=code, contact=agency.contact or "the agency", deadline=_day(self.audit.settings.deadline),
            ))
        elif submission.late:
            self.report.add(ret.LATE_RETURN(
                Location(winner.file_name), agency=code, received=_moment(submission.received or self.now),
                source=submission.received_from or "the time of this merge", deadline=_day(self.audit.settings.deadline),
            ))

    def _keep(self, code: str, before: MergedVersion, why: str) -> None:
        """No usable file now: the earlier answers stay, and the reason is reported."""
        self.rows.extend(before.rows)
        self.kept_rows += len(before.rows)
        self.kept.append(code)
        agency = self.audit.known_agency(code)
        submission = before.submission or Submission(code, agency.name, RECEIVED, file=before.file, sha256=before.sha256)
        self.submissions.append(replace(submission, answers=len(before.rows)))
        self.report.add(ret.PREVIOUS_ANSWERS_KEPT(Location(before.file), agency=code, answers=len(before.rows), why=why))

    def superseded(self, loser: ReturnFile, winner: ReturnFile) -> None:
        """An older duplicate is not merged: a Submissions row says so, and History keeps its checksum (unless it is a copy)."""
        code = _claims(self.audit, loser) or ""
        row = self._submission(code, loser, SUPERSEDED, answers=0)
        self.submissions.append(replace(row, why=f"'{winner.file_name}' from {code} is newer and is the one merged"))
        if loser.sha256 == winner.sha256:
            return
        self._add_history(code, loser.file_name, loser.sha256, len(loser.answered), winner.sha256)

    def rejected_rows(self, refused: list[ReturnFile]) -> None:
        """A row for each refused file not already shown as its agency's row."""
        for return_file in refused:
            if id(return_file) not in self._shown:
                code = _claims(self.audit, return_file) or (return_file.agency_code or "")
                self.submissions.append(self._submission(code, return_file, REJECTED, answers=0))

    # -- helpers -------------------------------------------------------------------------
    def _submission(self, code: str, return_file: ReturnFile, status: str, *, answers: int) -> Submission:
        """The row for a file; RECEIVED is refined to not started, in progress or late from the file."""
        agency = self.audit.agency(code) if code else None  # a rejected file may name an agency that is not ours
        listed = _listed_problems(return_file)
        errors = [p for p in listed if p.severity is Severity.ERROR]
        got = self.receipts.get(id(return_file), Receipt(None))
        blank = sum(p.type is ret.REQUIRED_MISSING for p in return_file.problems)
        late = bool(return_file.answered) and is_late(got.at or self.now, self.audit.settings.deadline)
        reasons, why = [], ""
        if status == REJECTED:
            reasons = [p.message for p in errors if p.type.rejects_file] or ["the file does not say which agency of this audit sent it"]
            why = reasons[0].split(". ")[0]
        elif status == RECEIVED:
            status, why = self._state(return_file, blank, late)
        return Submission(
            agency=code, agency_name=agency.name if agency else "", status=status, file=return_file.file_name,
            saved_by=return_file.application or "not recorded", saved=to_utc_second(return_file.saved_at),
            modified=to_utc_second(return_file.modified), received=got.at, received_from=got.source, sha256=return_file.sha256,
            answers=answers, required_missing=blank, errors=len(errors), warnings=len(listed) - len(errors),
            reasons=reasons, why=why, late=late and status != SUPERSEDED,
        )

    def _state(self, return_file: ReturnFile, blank: int, late: bool) -> tuple[str, str]:
        """(status, why) of a merged file: not started, in progress, late or received."""
        after = f"received after the deadline of {_day(self.audit.settings.deadline)}"
        if not return_file.answered:
            return NOT_STARTED, "no answers yet"
        if blank:
            why = f"{blank} required answer{'s' if blank != 1 else ''} blank"
            return IN_PROGRESS, f"{why}; {after}" if late else why
        return (LATE, after) if late else (RECEIVED, "")

    def _add_history(self, code: str, file: str, sha256: str, answers: int, replaced_by: str) -> None:
        # once per version: re-running with the same folder adds nothing
        if any(row[1] == code and row[3] == sha256 for row in self.history):
            return
        self.history.append((self.now, code or None, file or None, sha256 or None, answers, replaced_by or None))

    def sorted_rows(self) -> list[ResponseRow]:
        """Responses in a stable order: agency, case, question as the audit lists them."""
        agencies = {a.code: i for i, a in enumerate(self.audit.agencies)}
        cases = {c.reference: i for i, c in enumerate(self.audit.cases)}
        questions = {q.id: i for i, q in enumerate(self.audit.questions)}
        big = len(self.audit.questions) + len(self.audit.cases) + len(self.audit.agencies) + 1

        def key(row: ResponseRow):
            return (agencies.get(row.agency or "", big), -1 if row.case is None else cases.get(row.case, big),
                    questions.get(row.question_id or "", big), str(row.sheet or ""), str(row.cell or ""))

        return sorted(self.rows, key=key)


def _file_list(names: list[str], limit: int = 30_000) -> str | None:
    """The file names for the Merge log, kept under Excel's 32,767-character cell limit."""
    text = "; ".join(names)
    if len(text) <= limit:
        return text or None
    shown = text[:limit].rsplit("; ", 1)[0]
    return f"{shown}; and {len(names) - shown.count('; ') - 1} more"


def _day(day) -> str:
    return day.strftime("%d/%m/%Y")


def _moment(moment: datetime) -> str:
    return uk_time_text(moment)
