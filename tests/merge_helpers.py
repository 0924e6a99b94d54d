"""Builders for merge tests: a small audit, returns as plain values, and a minimal master workbook."""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from openpyxl import Workbook

from ehwb_excel.excel import layout
from ehwb_excel.problems.location import Location
from ehwb_excel.audit.stored import audit_rows
from ehwb_excel.audit.model import (
    Agency, AskedPer, Audit, Case, Choice, ChoiceList, Question, QuestionType, Section, Settings,
)
from ehwb_excel.problems.problem import Problem
from ehwb_excel.returns.returned import Answer, ReturnFile

if TYPE_CHECKING:
    from ehwb_excel.merge.previous import MasterState

DEADLINE = date(2026, 3, 31)
ON_TIME = datetime(2026, 3, 30, 9, 0)
LATE = datetime(2026, 4, 1, 0, 30)  # half an hour into the day after the deadline
NOW = datetime(2026, 4, 2, 12, 0)

GRADE = ChoiceList("grade", (
    Choice("Outstanding", 4, "00B050"), Choice("Good", 3, "92D050"),
    Choice("Requires improvement", 2, "FFC000"), Choice("Inadequate", 1, "FF0000"), Choice("Not applicable"),
))
YES_NO = ChoiceList("yes_no", (Choice("Yes"), Choice("No"), Choice("Not known")))
GENDER = ChoiceList("gender", (Choice("Female"), Choice("Male"), Choice("Not known")))


def merge_audit() -> Audit:
    """SCT, CAMHS and WMP; Case A known to all three, Case B to SCT and WMP."""
    return Audit(
        settings=Settings("EHWB-T", "Theme", "Partnership", "2025-26", DEADLINE, "Coordinator", "c@example.org"),
        agencies=(Agency("SCT", "Children's Trust", "sct@example.org"), Agency("CAMHS", "CAMHS"), Agency("WMP", "Police")),
        cases=(Case("Case A", ("SCT", "CAMHS", "WMP")), Case("Case B", ("SCT", "WMP"))),
        sections=(Section("profile", "Case profile", is_profile=True), Section("voice", "The child's voice"), Section("about", "About")),
        questions=(
            Question("gender", "profile", "Gender of the child", QuestionType.CHOICE, "gender"),
            Question("self_harm", "profile", "Has the child self-harmed?", QuestionType.YES_NO, "yes_no"),
            Question("years_known", "profile", "Years known", QuestionType.NUMBER, required=False),
            Question("assessed", "profile", "Date of last assessment", QuestionType.DATE, required=False),
            Question("voice_grade", "voice", "How well was the voice heard?", QuestionType.GRADE, "grade"),
            Question("voice_notes", "voice", "Strengths", QuestionType.TEXT, required=False),
            Question("role", "about", "Role of the auditor", QuestionType.TEXT, asked_per=AskedPer.AGENCY),
        ),
        choice_lists=(GRADE, YES_NO, GENDER),
    )


def case_sheet(case: str) -> str:
    return case


def return_file(
    agency: str,
    answers: dict[tuple[str | None, str], object],
    *,
    name: str | None = None,
    modified: datetime = ON_TIME,
    comments: dict[tuple[str | None, str], str] | None = None,
    problems: list[Problem] | None = None,
    version: str = "1",
) -> ReturnFile:
    """A return as the reader gives it: answers keyed by (case or None, question id).

    Cells are numbered down from row 5 per sheet in the order given; the SHA-256 changes with
    the content and `version`, so a corrected return has another checksum.
    """
    name = name or f"{agency} return.xlsx"
    comments = comments or {}
    rows: dict[str, int] = {}
    found = []
    for (case, question_id), value in answers.items():
        sheet = case_sheet(case) if case else layout.AGENCY_SHEET
        rows[sheet] = rows.get(sheet, 4) + 1
        found.append(Answer(
            question_id, case, value, comments.get((case, question_id)),
            Location(name, sheet, f"C{rows[sheet]}"), Location(name, sheet, f"D{rows[sheet]}"),
        ))
    digest = hashlib.sha256(repr((agency, sorted(answers.items(), key=repr), comments, version)).encode()).hexdigest()
    audit = merge_audit()
    return ReturnFile(
        path=f"/returns/{name}", file_name=name, sha256=digest, size=1000, modified=modified,
        application="Microsoft Excel", audit_id=audit.settings.audit_id, agency_code=agency, template_version="1",
        definition_checksum=audit.checksum(), case_sheets={c.reference: c.reference for c in audit.cases_for(agency)},
        answers=found, problems=list(problems or []),
    )


def full_answers(agency: str, *, gender: str = "Female", grade: str = "Good", self_harm: str = "No") -> dict:
    """Every question answered for each of the agency's cases, plus the agency question."""
    audit = merge_audit()
    answers: dict = {}
    for case in audit.cases_for(agency):
        ref = case.reference
        answers.update({
            (ref, "gender"): gender, (ref, "self_harm"): self_harm, (ref, "years_known"): 3,
            (ref, "assessed"): datetime(2026, 1, 15), (ref, "voice_grade"): grade,
            (ref, "voice_notes"): f"{agency} notes on {ref}",
        })
    answers[(None, "role")] = "Designated lead"
    return answers


def blank_master(path: Path, audit: Audit | None = None) -> Path:
    """A minimal master: coordinator sheets with headers, empty derived sheets, the hidden meta sheet."""
    audit = audit or merge_audit()
    workbook = Workbook()
    workbook.remove(workbook.active)
    coordinator = {
        layout.PANEL_SHEET: layout.PANEL_COLUMNS, layout.HEADLINES_SHEET: layout.HEADLINES_COLUMNS,
        layout.REFLECTIONS_SHEET: layout.REFLECTIONS_COLUMNS, layout.RECOMMENDATIONS_SHEET: layout.RECOMMENDATIONS_COLUMNS,
        layout.REDACTIONS_SHEET: layout.REDACTIONS_COLUMNS, layout.REPORT_SETTINGS_SHEET: ("Setting", "Value"),
        layout.KEY_FINDINGS_SHEET: layout.KEY_FINDINGS_COLUMNS,
    }
    for name in layout.COORDINATOR_SHEETS:
        sheet = workbook.create_sheet(name)
        sheet["A1"] = name
        sheet["A2"] = "Type below the headers."
        for column, header in enumerate(coordinator[name], start=1):
            sheet.cell(row=layout.COORDINATOR_HEADER_ROW, column=column, value=header)
    headers = {
        layout.SUBMISSIONS_SHEET: layout.SUBMISSIONS_COLUMNS, layout.RESPONSES_SHEET: layout.RESPONSES_COLUMNS,
        layout.GRADES_SHEET: layout.GRADES_COLUMNS, layout.CASE_PROFILES_SHEET: layout.CASE_PROFILES_COLUMNS,
        layout.ISSUES_SHEET: layout.ISSUES_COLUMNS, layout.MERGE_LOG_SHEET: layout.MERGE_LOG_COLUMNS,
        layout.HISTORY_SHEET: layout.HISTORY_COLUMNS, layout.QUOTE_CHOICES_SHEET: layout.QUOTE_CHOICES_COLUMNS,
    }
    for name in layout.DERIVED_SHEETS:
        sheet = workbook.create_sheet(name)
        sheet.append(list(headers[name]))
    meta = workbook.create_sheet(layout.MASTER_META_SHEET)
    meta.append([layout.META_FORMAT, layout.MASTER_FORMAT])
    meta.append([layout.META_AUDIT_ID, audit.settings.audit_id])
    for row in audit_rows(audit):
        meta.append(list(row))
    meta.sheet_state = "veryHidden"
    workbook.save(path)
    return path


def state_after(result) -> "MasterState":
    """The MasterState a master would hold after `result` was written, without a file."""
    from ehwb_excel.merge.previous import state_from_records
    from ehwb_excel.merge.quote_choices import choices_from_records

    def records(name: str) -> list[dict]:
        return result.sheet(name).records()

    return state_from_records(
        result.audit, responses=records(layout.RESPONSES_SHEET), submissions=records(layout.SUBMISSIONS_SHEET),
        history=records(layout.HISTORY_SHEET), merge_log=records(layout.MERGE_LOG_SHEET),
        quote_choices=choices_from_records(records(layout.QUOTE_CHOICES_SHEET)),
    )


DATA_SHEETS = (layout.SUBMISSIONS_SHEET, layout.RESPONSES_SHEET, layout.GRADES_SHEET, layout.CASE_PROFILES_SHEET, layout.HISTORY_SHEET)


def data_of(result) -> dict[str, list[tuple]]:
    """The rows that must not change when the same folder is merged again (all but Issues and the log)."""
    return {name: result.sheet(name).rows for name in DATA_SHEETS}


# -- real workbooks (the generator's agency workbooks and master, filled in by id) ------------------


# The identity key `ehwb generate` would keep in the master; the real returns' tokens are made with it.
HELPER_KEY = bytes(range(32))


def real_master(path: Path, audit: Audit | None = None) -> Path:
    """The master `ehwb generate` writes (with HELPER_KEY), saved at `path`."""
    from ehwb_excel.workbook.master_skeleton import master_workbook

    master_workbook(audit or merge_audit(), HELPER_KEY).save(path)
    return path


def real_return(folder: Path, agency: str, answers: dict, *, name: str | None = None,
                modified: datetime | None = ON_TIME, comments: dict | None = None) -> Path:
    """The agency's generated workbook (its token made with HELPER_KEY) with `answers` filled in by (case, question id), saved at `modified` (UTC).

    The time is the workbook's own last-saved time and the file's; None leaves both as now.
    """
    from ehwb_excel.workbook.agency_workbook import agency_workbook
    from ehwb_excel.demo.returns import fill_answers
    from ehwb_excel.demo.saved_time import set_saved_time

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (name or f"{agency} return.xlsx")
    agency_workbook(merge_audit(), agency, identity_key=HELPER_KEY).save(path)
    fill_answers(path, answers, comments=comments)
    if modified is not None:
        set_saved_time(path, modified)
    return path
