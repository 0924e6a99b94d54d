"""Small audits, report inputs and master workbooks for the report's tests (built the way layout.py says)."""

from __future__ import annotations

import zipfile
from dataclasses import replace
from datetime import date
from pathlib import Path

from defusedxml import ElementTree
from openpyxl import Workbook

from ehwb_excel.excel import layout
from ehwb_excel.audit.stored import audit_rows
from ehwb_excel.audit.model import (
    Agency, Audit, Case, Choice, ChoiceList, Question, QuestionType, Section, Settings,
)
from ehwb_excel.report.report_input import (
    Action, KeyFinding, NumberedText, PanelApproach, ProfileAnswer, QuoteChoice, Recommendation, ReportInput, ReportSettings,
    Response, Submission,
)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
GRADES = ("Outstanding", "Good", "Requires improvement", "Inadequate", "Not applicable")


def small_audit() -> Audit:
    """3 cases, 4 agencies, a case profile and 2 key lines of enquiry."""
    g, t, yn, c = QuestionType.GRADE, QuestionType.TEXT, QuestionType.YES_NO, QuestionType.CHOICE
    return Audit(
        settings=Settings("T-1", "Emotional Health and Wellbeing", "Test Safeguarding Partnership",
                          "Work with the child from 1 April 2025 to 31 March 2026", date(2027, 1, 29),
                          "Audit Coordinator", "audit@example.org"),
        agencies=(Agency("SCT", "Sandwell Children's Trust"), Agency("CAMHS", "Child and Adolescent Mental Health Services"),
                  Agency("WMP", "West Midlands Police"), Agency("CCG", "Clinical Commissioning Group")),
        cases=(Case("Case A", ("SCT", "CAMHS", "WMP")), Case("Case B", ("SCT", "CCG")), Case("Case C", ("SCT", "CAMHS"))),
        sections=(
            Section("profile", "Case profile", is_profile=True),
            Section("voice", "The child's voice", "Was the child heard?"),
            Section("pathways", "Mental-health pathways", "Were pathways clear?"),
        ),
        questions=(
            Question("gender", "profile", "Gender of the child", c, "gender"),
            Question("ethnicity", "profile", "Ethnicity of the child", c, "ethnicity"),
            Question("anxiety", "profile", "Does the child experience anxiety?", yn, "yes_no"),
            Question("self_harm", "profile", "Has the child self-harmed?", yn, "yes_no"),
            Question("voice_grade", "voice", "How well was the child's voice heard?", g, "grade"),
            Question("seen_alone", "voice", "Was the child seen alone?", yn, "yes_no"),
            Question("voice_strengths", "voice", "Strengths", t, required=False),
            Question("voice_development", "voice", "Areas for development", t, required=False),
            Question("pathways_grade", "pathways", "How clear were pathways?", g, "grade"),
            Question("pathways_strengths", "pathways", "Strengths", t, required=False),
            Question("pathways_development", "pathways", "Areas for development", t, required=False),
        ),
        choice_lists=(
            ChoiceList("grade", tuple(Choice(v, s) for v, s in zip(GRADES, (4, 3, 2, 1, None)))),
            ChoiceList("yes_no", (Choice("Yes"), Choice("No"), Choice("Not known"))),
            ChoiceList("gender", (Choice("Female"), Choice("Male"), Choice("Not known"))),
            ChoiceList("ethnicity", (Choice("White British"), Choice("British Pakistani"), Choice("Not known"))),
        ),
    )


def _r(case, agency, section, qid, answer):
    return Response(case, agency, section, qid, answer)


def sample_input(**changes) -> ReportInput:
    """Every agency returned except CCG; profiles, panel notes, headlines and recommendations filled in."""
    responses = (
        _r("Case A", "SCT", "voice", "voice_grade", "Good"),
        _r("Case A", "CAMHS", "voice", "voice_grade", "Requires improvement"),
        _r("Case A", "WMP", "voice", "voice_grade", "Good"),
        _r("Case C", "SCT", "voice", "voice_grade", "Inadequate"),
        _r("Case C", "CAMHS", "voice", "voice_grade", "good"),  # typed in lower case: counted as Good
        _r("Case A", "SCT", "voice", "seen_alone", "Yes"),
        _r("Case A", "CAMHS", "voice", "seen_alone", "No"),
        _r("Case A", "CAMHS", "voice", "voice_strengths", "The worker saw the young person weekly."),
        _r("Case C", "SCT", "voice", "voice_development", "Wishes and feelings were not recorded."),
        _r("Case A", "SCT", "pathways", "pathways_grade", "Outstanding"),
    )
    profiles = tuple(
        ProfileAnswer(case, qid, answer)
        for case, answers in {
            "Case A": {"gender": "Female", "ethnicity": "White British", "anxiety": "Yes", "self_harm": "Yes"},
            "Case B": {"gender": "Female", "ethnicity": "White British", "anxiety": "Yes", "self_harm": "No"},
            "Case C": {"gender": "Male", "ethnicity": "British Pakistani", "anxiety": "Yes", "self_harm": "Yes"},
        }.items()
        for qid, answer in answers.items()
    )
    values = dict(
        audit=small_audit(),
        source="master.xlsx",
        submissions=tuple(Submission(agency=code, agency_name="", status=status) for code, status in (
            ("SCT", "received"), ("CAMHS", "late"), ("WMP", "received"), ("CCG", "missing"))),
        responses=responses,
        profiles=profiles,
        approaches=(PanelApproach("Practitioner discussion forums", date(2026, 3, 3), "SCT, CAMHS and WMP", 14),),
        headlines=(NumberedText("1", "Children's voices were heard but not always acted on."),),
        key_findings=(KeyFinding("The child's voice", "Children were seen, but their views rarely changed the plan."),
                      KeyFinding("Mental-health pathways", "Practitioners knew where to refer.")),
        quotes=(
            QuoteChoice("The child's voice", "Strength", "The worker saw the young person weekly.", "CAMHS", "Case A", True),
            QuoteChoice("The child's voice", "Area for development", "Wishes and feelings were not recorded.", "SCT", "Case C"),
        ),
        reflections=(NumberedText("1", "Agencies knew the children well."),),
        recommendations=(Recommendation("1", "Record the child's wishes and feelings.", (
            Action("Add a wishes and feelings prompt to the case recording system", "SCT", date(2027, 3, 31), "In progress"),
            Action("Brief CAMHS practitioners", "CAMHS", "Spring 2027", "Not started"),
        )),),
        settings=ReportSettings("Emotional Health and Wellbeing audit report", "1.0", date(2027, 2, 14), "Audit Coordinator"),
        today=date(2027, 2, 15),
    )
    values.update(changes)
    return ReportInput(**values)


def empty_input(**changes) -> ReportInput:
    """No returns merged and nothing typed on the coordinator's sheets."""
    return replace(ReportInput(audit=small_audit(), source="master.xlsx", today=date(2027, 2, 15)), **changes)


# -- a master workbook on disk ----------------------------------------------------------------------


def write_master(path: Path, data: ReportInput, *, omit: tuple[str, ...] = ()) -> Path:
    """A master as the merge and the skeleton write it, holding `data`; sheets named in `omit` left out."""
    workbook = Workbook()
    workbook.remove(workbook.active)

    def derived(name, columns, rows):
        if name in omit:
            return
        sheet = workbook.create_sheet(name)
        sheet.append(list(columns))
        for row in rows:
            sheet.append([row.get(c) for c in columns])

    def typed(name, columns, rows):
        if name in omit:
            return
        sheet = workbook.create_sheet(name)
        sheet["A1"], sheet["A2"] = name, "Type below the headers."
        for column, header in enumerate(columns, start=1):
            sheet.cell(layout.COORDINATOR_HEADER_ROW, column, header)
        for offset, row in enumerate(rows, start=1):
            for column, value in enumerate(row, start=1):
                sheet.cell(layout.COORDINATOR_HEADER_ROW + offset, column, value)

    derived(layout.SUBMISSIONS_SHEET, layout.SUBMISSIONS_COLUMNS,
            [{"Agency": s.agency, "Status": s.status} for s in data.submissions])
    derived(layout.RESPONSES_SHEET, layout.RESPONSES_COLUMNS, [
        {"Audit": data.audit.settings.audit_id, "Case": r.case, "Agency": r.agency, "Section": r.section,
         "Question ID": r.question_id, "Answer": r.answer, "Score": r.score, "Comment": r.comment}
        for r in data.responses
    ])
    derived(layout.CASE_PROFILES_SHEET, layout.CASE_PROFILES_COLUMNS,
            [{"Case": p.case, "Question ID": p.question_id, "Combined answer": p.answer} for p in data.profiles])
    typed(layout.PANEL_SHEET, layout.PANEL_COLUMNS,
          [(a.approach, a.held_on, a.who_attended, a.number_attending, a.notes) for a in data.approaches])
    typed(layout.HEADLINES_SHEET, layout.HEADLINES_COLUMNS, [(h.number, h.text) for h in data.headlines])
    typed(layout.REFLECTIONS_SHEET, layout.REFLECTIONS_COLUMNS, [(r.number, r.text) for r in data.reflections])
    typed(layout.KEY_FINDINGS_SHEET, layout.KEY_FINDINGS_COLUMNS, [(k.line, k.text) for k in data.key_findings])
    derived(layout.QUOTE_CHOICES_SHEET, layout.QUOTE_CHOICES_COLUMNS, [
        dict(zip(layout.QUOTE_CHOICES_COLUMNS, (q.line, q.kind, q.text, q.given_by, q.cases,
                                                layout.QUOTE_INCLUDE if q.included else layout.QUOTE_LEAVE_OUT)))
        for q in data.quotes
    ])
    typed(layout.RECOMMENDATIONS_SHEET, layout.RECOMMENDATIONS_COLUMNS, [
        (rec.number if i == 0 else None, rec.text if i == 0 else None, a.action, a.lead, a.due, a.status)
        for rec in data.recommendations for i, a in enumerate(rec.actions or (Action(""),))
    ])
    typed(layout.REDACTIONS_SHEET, layout.REDACTIONS_COLUMNS, [("", n) for n in data.names_not_to_print])
    s = data.settings
    typed(layout.REPORT_SETTINGS_SHEET, ("Setting", "Value"), [
        (key, value) for key, value in zip(layout.REPORT_SETTINGS_KEYS, (s.title, s.version, s.report_date, s.author))
    ])
    meta = workbook.create_sheet(layout.MASTER_META_SHEET)
    for row in [(layout.META_FORMAT, layout.MASTER_FORMAT), (layout.META_AUDIT_ID, data.audit.settings.audit_id),
                *audit_rows(data.audit)]:
        meta.append(list(row))
    meta.sheet_state = "hidden"
    workbook.save(path)
    return path


# -- reading a saved .docx back as XML -----------------------------------------------------------------


def docx_xml(path: Path, part: str):
    """The parsed XML of one part of a saved .docx ("word/document.xml")."""
    with zipfile.ZipFile(path) as package:
        return ElementTree.fromstring(package.read(part))


def docx_parts(path: Path, prefix: str) -> list[str]:
    with zipfile.ZipFile(path) as package:
        return sorted(n for n in package.namelist() if n.startswith(prefix))


def paragraph_text(element) -> str:
    """The text of an element as Word shows it: runs' text, tabs and line breaks."""
    parts = []
    shown = {f"{W}tab": "\t", f"{W}br": "\n"}
    for node in element.iter():
        if node.tag == f"{W}t":
            parts.append(node.text or "")
        elif node.tag in shown:
            parts.append(shown[node.tag])
    return "".join(parts)


def headings(path: Path) -> list[tuple[int, str]]:
    """(level, text) of every Heading 1-9 paragraph in the saved document, in order."""
    found = []
    for p in docx_xml(path, "word/document.xml").iter(f"{W}p"):
        style = p.find(f"{W}pPr/{W}pStyle")
        value = style.get(f"{W}val") if style is not None else ""
        if value.startswith("Heading") and value[7:].isdigit():
            found.append((int(value[7:]), paragraph_text(p)))
    return found
