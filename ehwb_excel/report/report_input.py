"""The one reader that takes the report's input (report.values) from the master."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from ehwb_excel.excel import layout
from ehwb_excel.excel.dates import parse_date
from ehwb_excel.excel.cell_text import cell_text, without_illegal_characters
from ehwb_excel.problems.location import Location
from ehwb_excel.merge.response_row import ResponseRow
from ehwb_excel.master.reader import open_master, read_master_audit, sheet_records
from ehwb_excel.merge.case_profiles import answers_by_agency
from ehwb_excel.audit.model import Audit
from ehwb_excel.report.values import (  # noqa: F401 (re-exported: callers import the values from here too)
    Action, KeyFinding, NumberedText, PanelApproach, ProfileAnswer, QuoteChoice, Recommendation, ReportInput, ReportSettings,
    Response, Submission,
)


def _header(columns: tuple[str, ...], name: str) -> str:
    """`name`, checked against the layout contract so a renamed header fails at import, not in a report."""
    if name not in columns:
        raise AssertionError(f"layout no longer has the column {name!r}: {columns}")
    return name


# Headers read from the master (all from layout.py's tuples).
SUB_AGENCY, SUB_STATUS = (_header(layout.SUBMISSIONS_COLUMNS, n) for n in ("Agency", "Status"))
RESP_ANSWER = _header(layout.RESPONSES_COLUMNS, "Answer")  # where a response's location points
PROF_CASE, PROF_QUESTION_ID, PROF_ANSWER, PROF_AGREED, PROF_AGENCY, PROF_AGENCY_ANSWER = (
    _header(layout.CASE_PROFILES_COLUMNS, n) for n in ("Case", "Question ID", "Combined answer", "Agreed", "Agency", "Agency's answer")
)
PANEL_APPROACH, PANEL_DATE, PANEL_WHO, PANEL_NUMBER, PANEL_NOTES = (
    _header(layout.PANEL_COLUMNS, n) for n in ("Approach", "Date", "Who attended", "Number attending", "Notes")
)
NUMBER = _header(layout.HEADLINES_COLUMNS, "No.")
HEADLINE = _header(layout.HEADLINES_COLUMNS, "Headline")
REFLECTION = _header(layout.REFLECTIONS_COLUMNS, "Reflection")
REC_NUMBER, REC_TEXT, REC_ACTION, REC_LEAD, REC_DUE, REC_STATUS = (
    _header(layout.RECOMMENDATIONS_COLUMNS, n) for n in ("No.", "Recommendation", "Action", "Lead agency", "Due date", "Status")
)
KEY_LINE, KEY_FINDING = layout.KEY_FINDINGS_COLUMNS
QUOTE_LINE, QUOTE_KIND, QUOTE_TEXT, QUOTE_BY, QUOTE_CASES, QUOTE_CHOICE = layout.QUOTE_CHOICES_COLUMNS
REDACT_CASE, REDACT_NAME = layout.REDACTIONS_COLUMNS
SETTING_TITLE, SETTING_VERSION, SETTING_DATE, SETTING_AUTHOR = layout.REPORT_SETTINGS_KEYS

# -- reading the master ---------------------------------------------------------------------


def read_report_input(master_path: str | os.PathLike, today: date | None = None, password: str | None = None) -> ReportInput:
    """The report's input from a master workbook; EhwbError when it is not a master we can read.

    Missing or empty coordinator sheets and missing returns are not errors: the report says so.
    """
    path = Path(master_path)
    workbook = open_master(path, password)  # an encrypted master is decrypted in memory
    try:
        audit = read_master_audit(workbook, path)
        reader = _SheetReader(workbook, path)
        return ReportInput(
            audit=audit,
            source=path.name,
            submissions=reader.submissions(),
            responses=reader.responses(audit),
            profiles=reader.profiles(),
            approaches=reader.approaches(),
            headlines=reader.numbered(layout.HEADLINES_SHEET, HEADLINE),
            key_findings=reader.key_findings(),
            quotes=reader.quotes(),
            reflections=reader.numbered(layout.REFLECTIONS_SHEET, REFLECTION),
            recommendations=reader.recommendations(),
            settings=reader.settings(),
            names_not_to_print=reader.names_not_to_print(),
            missing_sheets=tuple(s for s in layout.COORDINATOR_SHEETS if s not in workbook.sheetnames),
            today=today or date.today(),
        )
    finally:
        workbook.close()


class _SheetReader:
    def __init__(self, workbook, path: Path):
        self.workbook = workbook
        self.path = path

    def _records(self, sheet: str, header_row: int = 1) -> list[dict]:
        return sheet_records(self.workbook, sheet, header_row)

    def _at(self, sheet: str, record: dict, columns: tuple[str, ...], column: str | None = None) -> Location:
        col = columns.index(column) + 1 if column in columns else None
        return Location.of(self.path, sheet, record.get("_row"), col)

    # -- derived sheets (written by the merge) ------------------------------------------------
    def submissions(self) -> tuple[Submission, ...]:
        rows = self._records(layout.SUBMISSIONS_SHEET)
        return tuple(
            Submission.from_record(r)  # the merge's record, read back as the merge reads it
            for r in rows
            if text(r.get(SUB_AGENCY)) and text(r.get(SUB_STATUS))
        )

    def responses(self, audit: Audit) -> tuple[Response, ...]:
        found = []
        for r in self._records(layout.RESPONSES_SHEET):
            row = ResponseRow.from_record(r)  # the merge's own shape of the row
            question_id = text(row.question_id)
            question = audit.question(question_id)
            found.append(Response(
                case=text(row.case),
                agency=text(row.agency),
                section=question.section_id if question else text(row.section),
                question_id=question_id,
                answer=text(row.answer),
                score=_number(row.score),
                comment=text(row.comment),
                location=self._at(layout.RESPONSES_SHEET, r, layout.RESPONSES_COLUMNS, RESP_ANSWER),
            ))
        return tuple(found)

    def profiles(self) -> tuple[ProfileAnswer, ...]:
        records = [r for r in self._records(layout.CASE_PROFILES_SHEET) if text(r.get(PROF_CASE)) and text(r.get(PROF_QUESTION_ID))]
        given: dict[tuple[str, str], list[tuple[str, object]]] = {}
        for r in records:  # each agency's own row, under the combined row
            if text(r.get(PROF_AGENCY)):
                given.setdefault((text(r.get(PROF_CASE)), text(r.get(PROF_QUESTION_ID))), []).append(
                    (text(r.get(PROF_AGENCY)), r.get(PROF_AGENCY_ANSWER)))
        return tuple(
            ProfileAnswer(
                text(r.get(PROF_CASE)), text(r.get(PROF_QUESTION_ID)), text(r.get(PROF_ANSWER)),
                self._at(layout.CASE_PROFILES_SHEET, r, layout.CASE_PROFILES_COLUMNS, PROF_ANSWER),
                agreed=text(r.get(PROF_AGREED)).casefold() != "no",
                by_agency=answers_by_agency(given.get((text(r.get(PROF_CASE)), text(r.get(PROF_QUESTION_ID))), [])),
            )
            for r in records
            if not text(r.get(PROF_AGENCY))
        )

    def quotes(self) -> tuple[QuoteChoice, ...]:
        sheet, columns = layout.QUOTE_CHOICES_SHEET, layout.QUOTE_CHOICES_COLUMNS
        return tuple(
            QuoteChoice(
                line=text(r.get(QUOTE_LINE)), kind=text(r.get(QUOTE_KIND)), text=text(r.get(QUOTE_TEXT)),
                given_by=text(r.get(QUOTE_BY)), cases=text(r.get(QUOTE_CASES)),
                included=text(r.get(QUOTE_CHOICE)).casefold() == layout.QUOTE_INCLUDE.casefold(),
                location=self._at(sheet, r, columns, QUOTE_CHOICE),
            )
            for r in self._records(sheet)
            if text(r.get(QUOTE_TEXT))
        )

    # -- coordinator sheets (typed by hand) -----------------------------------------------------
    def _typed(self, sheet: str) -> list[dict]:
        return self._records(sheet, layout.COORDINATOR_HEADER_ROW)

    def approaches(self) -> tuple[PanelApproach, ...]:
        sheet = layout.PANEL_SHEET
        return tuple(
            PanelApproach(
                approach=text(r.get(PANEL_APPROACH)),
                held_on=_date(r.get(PANEL_DATE)),
                who_attended=text(r.get(PANEL_WHO)),
                number_attending=_whole(r.get(PANEL_NUMBER)),
                notes=text(r.get(PANEL_NOTES)),
                location=self._at(sheet, r, layout.PANEL_COLUMNS, PANEL_APPROACH),
            )
            for r in self._typed(sheet)
            if text(r.get(PANEL_APPROACH))
        )

    def numbered(self, sheet: str, column: str) -> tuple[NumberedText, ...]:
        columns = layout.HEADLINES_COLUMNS if sheet == layout.HEADLINES_SHEET else layout.REFLECTIONS_COLUMNS
        return tuple(
            NumberedText(text(r.get(NUMBER)), text(r.get(column)), self._at(sheet, r, columns, column))
            for r in self._typed(sheet)
            if text(r.get(column))
        )

    def key_findings(self) -> tuple[KeyFinding, ...]:
        sheet, columns = layout.KEY_FINDINGS_SHEET, layout.KEY_FINDINGS_COLUMNS
        return tuple(
            KeyFinding(text(r.get(KEY_LINE)), text(r.get(KEY_FINDING)), self._at(sheet, r, columns, KEY_FINDING))
            for r in self._typed(sheet)
            if text(r.get(KEY_LINE)) and text(r.get(KEY_FINDING))
        )

    def recommendations(self) -> tuple[Recommendation, ...]:
        """Rows with the same No. make one recommendation; a row without a No. continues the one above."""
        sheet, columns = layout.RECOMMENDATIONS_SHEET, layout.RECOMMENDATIONS_COLUMNS
        grouped: dict[str, dict] = {}
        current = None
        for r in self._typed(sheet):
            current = text(r.get(REC_NUMBER)) or current or str(len(grouped) + 1)
            entry = grouped.setdefault(current, {"text": "", "actions": [], "location": self._at(sheet, r, columns, REC_TEXT)})
            entry["text"] = entry["text"] or text(r.get(REC_TEXT))
            if text(r.get(REC_ACTION)):
                due = r.get(REC_DUE)
                entry["actions"].append(Action(
                    action=text(r.get(REC_ACTION)),
                    lead=text(r.get(REC_LEAD)),
                    due=_date(due) or (text(due) or None),
                    status=text(r.get(REC_STATUS)),
                    location=self._at(sheet, r, columns, REC_ACTION),
                ))
        return tuple(
            Recommendation(number, e["text"], tuple(e["actions"]), e["location"])
            for number, e in grouped.items()
            if e["text"] or e["actions"]
        )

    def names_not_to_print(self) -> tuple[str, ...]:
        names = (text(r.get(REDACT_NAME)) for r in self._typed(layout.REDACTIONS_SHEET))
        return tuple(dict.fromkeys(n for n in names if n))

    def settings(self) -> ReportSettings:
        """Key in column A, value in column B, from the row below the header row."""
        sheet = layout.REPORT_SETTINGS_SHEET
        if sheet not in self.workbook.sheetnames:
            return ReportSettings()
        values: dict[str, object] = {}
        for row in self.workbook[sheet].iter_rows(min_row=layout.COORDINATOR_HEADER_ROW + 1, max_col=2, values_only=True):
            if row and text(row[0]):
                values[text(row[0]).casefold()] = row[1] if len(row) > 1 else None
        get = lambda key: values.get(key.casefold())  # noqa: E731
        return ReportSettings(
            title=text(get(SETTING_TITLE)) or None,
            version=text(get(SETTING_VERSION)) or None,
            report_date=_date(get(SETTING_DATE)),
            author=text(get(SETTING_AUTHOR)) or None,
        )


# -- cell values ------------------------------------------------------------------------------


def text(value: object) -> str:
    """A cell value as the text a reader expects: 6.0 -> "6", a date -> "31/03/2026", None -> "".

    Characters a Word document cannot hold are dropped.
    """
    shown = without_illegal_characters(cell_text(value, uk_dates=True))
    return " ".join(shown.split()) if "\n" not in shown else shown.strip()


def _number(value: object) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return float(value)
    try:
        return float(str(value).strip())
    except ValueError:
        return None


def _whole(value: object) -> int | None:
    number = _number(value)
    return int(number) if number is not None and number == int(number) and number >= 0 else None


def _date(value: object) -> date | None:
    """A typed date; text such as "31/03/2027" or "2027-03-31" also counts (Calc may store text).

    A number is not a date here: a due date typed as 2027 is the text "2027", not a day in 1905."""
    return parse_date(value, serials=False)
