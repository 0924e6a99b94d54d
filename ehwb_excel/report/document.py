"""The Word report: the shape of a partnership's multi-agency case file audit report, built from a ReportInput."""

from __future__ import annotations

import io
import os
from collections.abc import Sequence
from datetime import date, datetime, time
from pathlib import Path

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Cm, Pt

from ehwb_excel.excel import layout
from ehwb_excel.files.atomic import write_bytes
from ehwb_excel.problems.catalogue.report import (
    COORDINATOR_SHEET_EMPTY,
    NO_CASE_PROFILES,
    RECOMMENDATION_WITHOUT_ACTION,
    REPORT_SETTING_MISSING,
    RETURNS_OUTSTANDING,
)
from ehwb_excel.problems.location import Location
from ehwb_excel.audit.model import QuestionType
from ehwb_excel.problems.problem import Report
from ehwb_excel.report import accessibility, narrative
from ehwb_excel.report.charts import grade_chart_alt_text, grade_chart_png
from ehwb_excel.report.findings import GradeTable, LineFinding, Quote, findings
from ehwb_excel.report.redaction import check_no_listed_names, redact_input
from ehwb_excel.report.values import ReportInput, Submission
from ehwb_excel.report.styles import new_document
from ehwb_excel.report.tables import add_data_table

# The report's Heading 1 sections, in order (tests and the demo check them).
AUDIT_PROCESS = "Audit process"
OVERVIEW = "Overview of the cases"
FINDINGS = "Findings"
HEADLINES = "Audit headlines"
REFLECTIONS = "Independent scrutineer reflections"
RECOMMENDATIONS = "Recommendations"
APPENDIX = "Appendix"
SECTION_HEADINGS = (AUDIT_PROCESS, OVERVIEW, FINDINGS, HEADLINES, REFLECTIONS, RECOMMENDATIONS, APPENDIX)

NOT_RECORDED = "Not recorded"
CASES_PER_PROFILE_TABLE = 5  # more columns do not fit a portrait A4 page at a readable size


def build_report(report_input: ReportInput, template: Path | None = None) -> tuple[Document, Report]:
    """The report as a python-docx Document, and the warnings met while writing it.

    Writes no file. Raises EhwbError when the template cannot be used, or when a name listed
    on 'Names not to print' would still appear anywhere in the document (REP_002).
    """
    report = Report()
    data, redactions = redact_input(report_input)
    report.extend(redactions)
    document, style_problems = new_document(template)
    report.extend(style_problems)
    _Writer(document, data, report).write()
    check_no_listed_names(document, report_input.names_not_to_print, report_input.source)
    return document, report


def save_report(document: Document, path: str | os.PathLike) -> Path:
    """Write the report atomically (an earlier report stays whole if this fails); the folder is
    made when missing. Returns the path written."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    document.save(buffer)  # built in memory first: a failing save leaves no file at all
    return write_bytes(path, buffer.getvalue())


class _Writer:
    def __init__(self, document: Document, data: ReportInput, report: Report):
        self.doc = document
        self.data = data
        self.audit = data.audit
        self.report = report
        self.figures = 0
        self.tables = 0
        self.contents = None  # the paragraph that holds the contents field

    def warn(self, problem) -> None:
        self.report.add(problem)

    def write(self) -> None:
        settings = self._report_settings()
        self._properties(settings)
        self._headers_and_footers()
        self._title_page(settings)
        self._contents()
        self._audit_process()
        self._overview()
        self._findings()
        self._numbered_section(HEADLINES, self.data.headlines, layout.HEADLINES_SHEET, "audit headlines")
        self._numbered_section(REFLECTIONS, self.data.reflections, layout.REFLECTIONS_SHEET, "the independent scrutineer's reflections")
        self._recommendations()
        self._appendix()
        accessibility.add_table_of_contents(self.contents, self._headings())

    # -- settings, properties, header and footer -----------------------------------------------
    def _report_settings(self) -> dict[str, str]:
        chosen = self.data.settings
        audit = self.audit.settings
        defaults = {
            "title": (chosen.title, f"Multi-agency case file audit: {audit.theme}"),
            "version": (chosen.version, "Draft"),
            "date": (narrative.long_date(chosen.report_date) if chosen.report_date else None, narrative.long_date(self.data.today)),
            "author": (chosen.author, audit.coordinator),
        }
        keys = dict(zip(("title", "version", "date", "author"), layout.REPORT_SETTINGS_KEYS))
        sheet_missing = layout.REPORT_SETTINGS_SHEET in self.data.missing_sheets
        if sheet_missing:
            self._sheet_problem(layout.REPORT_SETTINGS_SHEET, "the report title, version, date and author")
        values = {}
        for key, (value, fallback) in defaults.items():
            if not value and not sheet_missing:
                self.warn(REPORT_SETTING_MISSING(Location(self.data.source, layout.REPORT_SETTINGS_SHEET), key=keys[key], used=fallback))
            values[key] = value or fallback
        return values

    def _properties(self, settings: dict[str, str]) -> None:
        audit = self.audit.settings
        accessibility.set_properties(
            self.doc,
            title=settings["title"],
            subject=audit.theme,
            keywords=f"{audit.protective_marking}; multi-agency case file audit; {audit.partnership}",
            author=audit.partnership,
        )
        accessibility.set_language(self.doc, "en-GB")
        accessibility.update_fields_on_open(self.doc)
        # the built-in template's own dates (2013) would otherwise show as the report's
        written = datetime.combine(self.data.settings.report_date or self.data.today, time(9, 0))
        self.doc.core_properties.created = self.doc.core_properties.modified = written
        self.doc.core_properties.category = "Multi-agency case file audit report"

    def _headers_and_footers(self) -> None:
        """The protective marking at the top and bottom of every page, the title page included."""
        marking = self.audit.settings.protective_marking
        for section in self.doc.sections:
            section.different_first_page_header_footer = True  # no page number on the title page
            for header in (section.header, section.first_page_header):
                header.is_linked_to_previous = False
                _marking_paragraph(header.paragraphs[0], marking)
            for footer, numbered in ((section.footer, True), (section.first_page_footer, False)):
                footer.is_linked_to_previous = False
                _marking_paragraph(footer.paragraphs[0], marking)
                if numbered:
                    pages = footer.add_paragraph(style="Footer")
                    pages.alignment = WD_ALIGN_PARAGRAPH.CENTER
                    accessibility.add_page_numbers(pages)

    # -- title page and contents ----------------------------------------------------------------
    def _title_page(self, settings: dict[str, str]) -> None:
        audit = self.audit.settings
        title = settings["title"]
        self.doc.add_paragraph(audit.partnership, style="Subtitle")
        if "audit" not in title.casefold():
            self.doc.add_paragraph("Multi-agency case file audit report", style="Subtitle")
        self.doc.add_paragraph(title, style="Title")
        if audit.theme.casefold() not in title.casefold():
            self.doc.add_paragraph(audit.theme, style="Subtitle")
        self.doc.add_paragraph(f"Period audited: {audit.period}")
        details = self.doc.add_paragraph()
        details.paragraph_format.space_before = Pt(36)
        for label, value in (("Date", settings["date"]), ("Version", settings["version"]),
                             ("Author", settings["author"]), ("Audit reference", audit.audit_id)):
            details.add_run(f"{label}: ").bold = True
            details.add_run(value)
            details.add_run().add_break()
        marking = self.doc.add_paragraph()
        marking.paragraph_format.space_before = Pt(24)
        marking.add_run(f"Protective marking: {audit.protective_marking}").bold = True
        self.doc.add_paragraph(
            "This report contains no child's name: cases are known only by their anonymous reference. "
            "Handle and share it according to its protective marking."
        )
        self._page_break()

    def _contents(self) -> None:
        self.doc.add_paragraph("Contents", style="TOC Heading")
        self.contents = self.doc.add_paragraph()  # filled when every heading is written
        self._page_break()

    def _headings(self) -> list[tuple[int, str]]:
        levels = {f"Heading {n}": n for n in (1, 2, 3)}
        return [(levels[p.style.name], p.text) for p in self.doc.paragraphs if p.style is not None and p.style.name in levels]

    def _page_break(self) -> None:
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    # -- audit process ----------------------------------------------------------------------------
    def _audit_process(self) -> None:
        audit = self.audit
        self.doc.add_heading(AUDIT_PROCESS, level=1)
        self.doc.add_paragraph(
            f"{audit.settings.partnership} audits how well agencies work together for children. "
            f"The theme of this audit was {audit.settings.theme}. Period audited: {audit.settings.period.rstrip('.')}."
        )
        approaches = self.data.approaches
        if approaches:
            for approach in approaches:
                self.doc.add_paragraph(narrative.approach_sentence(
                    approach.approach, number=approach.number_attending, who=approach.who_attended,
                    held_on=approach.held_on, notes=approach.notes,
                ))
        else:
            self._sheet_problem(layout.PANEL_SHEET, "the audit approaches (such as practitioner discussion forums)")
            self.doc.add_paragraph("The audit approaches (such as practitioner discussion forums) have not been recorded yet.")
        cases = [c.reference for c in audit.cases]
        sample = narrative.case_sample_sentence(len(cases))
        if cases:
            sample = f"{sample[:-1]}: {narrative.join_and(cases)}."
        grades = self._grade_names()
        if grades:
            sample += (f" Each agency that knew a case was asked to complete an audit tool for it, grading its practice on each key "
                       f"line of enquiry as {narrative.join_and(grades).replace(' and ', ' or ')}.")
        self.doc.add_paragraph(sample)
        received, outstanding = self.data.received_agencies(), self.data.outstanding_agencies()
        self.doc.add_paragraph(" ".join(narrative.returns_sentences(received, outstanding)))
        if outstanding:
            self.warn(RETURNS_OUTSTANDING(Location(self.data.source, layout.SUBMISSIONS_SHEET), agencies=narrative.join_and(outstanding)))

    def _grade_names(self) -> list[str]:
        grade_question = next((q for q in self.audit.questions if q.type is QuestionType.GRADE), None)
        choices = self.audit.choices_for(grade_question) if grade_question else None
        return [c.value for c in choices.choices if c.score is not None] if choices else []

    # -- overview of the cases ----------------------------------------------------------------------
    def _profile_questions(self):
        """The case-profile questions, less those that only open an agency's other sections
        ("Was the child known to your agency?"): their combined answer says nothing about the case."""
        gates = {q.condition.question_id for q in self.audit.questions
                 if q.condition and not (self.audit.section(q.section_id) and self.audit.section(q.section_id).is_profile)}
        return [q for s in self.audit.sections if s.is_profile for q in self.audit.questions_in(s.id) if q.id not in gates]

    def _overview(self) -> None:
        self.doc.add_heading(OVERVIEW, level=1)
        answers = {(p.case, p.question_id): p.answer for p in self.data.profiles}
        questions = [q for q in self._profile_questions() if any((c.reference, q.id) in answers for c in self.audit.cases)]
        profiles = {c.reference: {q.id: answers.get((c.reference, q.id), "") for q in questions} for c in self.audit.cases}
        order = {q.id: self.audit.choices_for(q).values for q in questions if self.audit.choices_for(q)}
        if not self.data.profiles and self.audit.cases:
            self.warn(NO_CASE_PROFILES(Location(self.data.source, layout.CASE_PROFILES_SHEET)))
        self.doc.add_paragraph(" ".join(narrative.overview_sentences(profiles, order)))
        if not questions:
            return
        self.doc.add_heading("Case profiles", level=2)
        self.doc.add_paragraph("What the agencies' records show about each case, combined across the returns.")
        cases = [c.reference for c in self.audit.cases]
        for start in range(0, len(cases), CASES_PER_PROFILE_TABLE):
            chunk = cases[start:start + CASES_PER_PROFILE_TABLE]
            rows = [[q.text, *[answers.get((case, q.id)) or NOT_RECORDED for case in chunk]] for q in questions]
            self._table(["Question", *chunk], rows, f"Case profiles: {narrative.join_and(chunk)}", weights=[2.2] + [1] * len(chunk))

    # -- findings ------------------------------------------------------------------------------------
    def _findings(self) -> None:
        self.doc.add_heading(FINDINGS, level=1)
        self.doc.add_paragraph(
            "For each key line of enquiry, the tables count the grades the agencies gave, by case and by agency, "
            "and the chart shows how the grades were spread. The strengths and areas for development are quoted "
            "from the returns, attributed to the agency that wrote them."
            + self._not_counted()
        )
        for finding in findings(self.audit, self.data.responses):
            self._line_of_enquiry(finding)

    def _not_counted(self) -> str:
        outstanding = self.data.outstanding_agencies()
        if not outstanding:
            return ""
        whose = "The return" if len(outstanding) == 1 else "The returns"
        return f" {whose} from {narrative.join_and(outstanding)} had not been received, so {'its' if len(outstanding) == 1 else 'their'} grades are not counted."

    def _line_of_enquiry(self, finding: LineFinding) -> None:
        heading = finding.section.title
        title = _in_sentence(heading)
        self.doc.add_heading(heading, level=2)
        if finding.section.description:
            self.doc.add_paragraph(f"Key question: {finding.section.description}").paragraph_format.keep_with_next = True
        if finding.grades_given == 0:
            self.doc.add_paragraph(f"No grades were returned for {title}.")
        else:
            self._grade_table(finding.by_case, f"Grades for {title}, by case")
            self._grade_table(finding.by_agency, f"Grades for {title}, by agency")
            self._chart(title, finding.distribution)
        for answer in finding.answers:
            counts = ", ".join(f"{value} {n}" for value, n in answer.counts)
            self.doc.add_paragraph(f"{answer.question} {counts}.", style="List Bullet")
        self.doc.add_heading("Strengths", level=3)
        self._quotes(finding.strengths, f"No strengths were recorded in the returns for {title}.")
        self.doc.add_heading("Areas for development", level=3)
        self._quotes(finding.development, f"No areas for development were recorded in the returns for {title}.")

    def _grade_table(self, table: GradeTable, caption: str) -> None:
        self._table(table.header(), table.body(), caption, total_row=True, weights=[1.45] + [1.25] * len(table.grades) + [0.7])

    def _chart(self, title: str, counts: Sequence[tuple[str, int]]) -> None:
        self.figures += 1
        alt = grade_chart_alt_text(title, counts)
        paragraph = self.doc.add_paragraph()
        paragraph.paragraph_format.keep_with_next = True
        shape = paragraph.add_run().add_picture(io.BytesIO(grade_chart_png(counts)), width=Cm(15))
        accessibility.set_alt_text(shape, alt, title=f"Grades given for {title}")
        self.doc.add_paragraph(f"Figure {self.figures}: grades given for {title}. {narrative.distribution_sentence(counts)}", style="Caption")

    def _quotes(self, quotes: Sequence[Quote], none_text: str) -> None:
        if not quotes:
            self.doc.add_paragraph(none_text)
            return
        for quote in quotes:
            paragraph = self.doc.add_paragraph(style="List Bullet")
            paragraph.add_run(f"{quote.attribution}: ").bold = True
            paragraph.add_run(f"\u201c{quote.text}\u201d")

    # -- headlines, reflections, recommendations ---------------------------------------------------------
    def _numbered_section(self, heading: str, items, sheet: str, what: str) -> None:
        self.doc.add_heading(heading, level=1)
        if not items:
            self._sheet_problem(sheet, what)
            self.doc.add_paragraph(f"{what[0].upper()}{what[1:]} have not been entered yet.")
            return
        for index, item in enumerate(items, start=1):
            _numbered(self.doc.add_paragraph(), item.number or str(index), item.text)

    def _recommendations(self) -> None:
        self.doc.add_heading(RECOMMENDATIONS, level=1)
        if not self.data.recommendations:
            self._sheet_problem(layout.RECOMMENDATIONS_SHEET, "recommendations")
            self.doc.add_paragraph("Recommendations have not been entered yet.")
            return
        for index, recommendation in enumerate(self.data.recommendations, start=1):
            number = recommendation.number or str(index)
            self.doc.add_heading(f"Recommendation {number}", level=2)
            self.doc.add_paragraph(recommendation.text or "The wording of this recommendation has not been entered yet.")
            if not recommendation.actions:
                self.warn(RECOMMENDATION_WITHOUT_ACTION(recommendation.location, number=number))
                self.doc.add_paragraph("Its actions are to be agreed.")
                continue
            rows = [[a.action, a.lead or "To be agreed", _due(a.due), a.status or "Not started"] for a in recommendation.actions]
            self._table(["Action", "Lead", "Due date", "Status"], rows, f"Actions for recommendation {number}", weights=[3, 1.2, 1.3, 1.1])

    # -- appendix ---------------------------------------------------------------------------------------
    def _appendix(self) -> None:
        self.doc.add_heading(APPENDIX, level=1)
        self.doc.add_heading("Agency abbreviations", level=2)
        self._table(["Abbreviation", "Agency"], [[a.code, a.name] for a in self.audit.agencies], "Agency abbreviations",
                    weights=[1, 3])
        self.doc.add_heading("Returns received and outstanding", level=2)
        statuses = {s.agency.casefold(): s for s in self.data.submissions}
        received = set(self.data.received_agencies())
        rows = []
        for agency in self.audit.agencies:
            cases = [c.reference for c in self.audit.cases_for(agency.code)]
            if not cases:
                continue
            status = _return_status(statuses.get(agency.code.casefold()), agency.code in received)
            rows.append([agency.code, narrative.join_and(cases), status])
        self._table(["Agency", "Cases known", "Return"], rows, "Returns received and outstanding", weights=[1, 2, 1.6])

    # -- shared pieces --------------------------------------------------------------------------------------
    def _sheet_problem(self, sheet: str, what: str) -> None:
        why = f"the master has no '{sheet}' sheet" if sheet in self.data.missing_sheets else f"the '{sheet}' sheet has no entries"
        self.warn(COORDINATOR_SHEET_EMPTY(Location(self.data.source, sheet), why=why, what=what, sheet=sheet,
                                          row=layout.COORDINATOR_HEADER_ROW + 1))

    def _table(self, header: Sequence[str], rows: Sequence[Sequence[str]], caption: str, *,
               total_row: bool = False, weights: Sequence[float] | None = None) -> None:
        self.tables += 1
        add_data_table(self.doc, header, rows, caption, number=self.tables, total_row=total_row, weights=weights)


def _marking_paragraph(paragraph, marking: str) -> None:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run(marking).bold = True


def _numbered(paragraph, number: str, text: str) -> None:
    """'1.  text' with a hanging indent; the coordinator's own numbers, so the report matches the sheet."""
    paragraph.paragraph_format.left_indent = Cm(0.9)
    paragraph.paragraph_format.first_line_indent = Cm(-0.9)
    paragraph.add_run(f"{number.rstrip('.')}.\t")
    paragraph.add_run(text)


def _due(due) -> str:
    if isinstance(due, date):
        return narrative.long_date(due)
    return due or "To be agreed"


def _return_status(submission: Submission | None, received: bool) -> str:
    status = submission.status.strip().casefold() if submission else ""
    if status == "late":
        return "Received late"
    if status == "rejected":
        return "Outstanding (the return received could not be used)"
    return "Received" if received else "Outstanding"


def _in_sentence(title: str) -> str:
    """"The child's voice" -> "the child's voice"; other titles (names, abbreviations) as they are."""
    return "the" + title[3:] if title.startswith("The ") else title
