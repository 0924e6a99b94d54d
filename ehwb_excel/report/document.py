"""The Word report: the shape of a partnership's multi-agency case file audit report, built from a ReportInput."""

from __future__ import annotations

import io
import os
import re
from collections.abc import Sequence
from datetime import date, datetime, time
from pathlib import Path

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph

from ehwb_excel.excel import layout
from ehwb_excel.files import encryption
from ehwb_excel.files.atomic import write_bytes
from ehwb_excel.audit.enquiry import grade_scale
from ehwb_excel.problems.catalogue.report import (
    COORDINATOR_SHEET_EMPTY,
    KEY_FINDINGS_MISSING,
    NO_CASE_PROFILES,
    NO_QUOTES_CHOSEN,
    RECOMMENDATION_WITHOUT_ACTION,
    REPORT_SETTING_MISSING,
    RETURNS_OUTSTANDING,
)
from ehwb_excel.problems.location import Location
from ehwb_excel.problems.problem import Report
from ehwb_excel.report import accessibility, appendix, narrative
from ehwb_excel.report.appendix import write_quote
from ehwb_excel.report.charts import grades_chart_alt_text, grades_chart_png
from ehwb_excel.report.findings import GradeTable, LineFinding, findings, summary_table
from ehwb_excel.report.redaction import check_no_listed_names, redact_input
from ehwb_excel.report.values import KeyFinding, QuoteChoice, ReportInput
from ehwb_excel.report.styles import new_document
from ehwb_excel.report.tables import add_data_table, count_widths

# The report's numbered sections (Heading 1), as partnership audit reports have them; appendices follow.
AUDIT_PROCESS = "Audit process"
OVERVIEW = "Overview of the {cases}"
HEADLINES = "Audit headlines"
FINDINGS = "Findings by line of enquiry"
REFLECTIONS = "Independent scrutineer reflections"
RECOMMENDATIONS = "Recommendations and actions"
SECTIONS = (AUDIT_PROCESS, OVERVIEW, HEADLINES, FINDINGS, REFLECTIONS, RECOMMENDATIONS)
APPENDIX_RETURNS = "Appendix A: Agencies and returns"
APPENDIX_PROFILES = "Appendix B: Case profiles"
APPENDIX_GRADES = "Appendix C: Grades by case and by agency"
APPENDIX_QUOTES = "Appendix D: Every strength and area for development"


def section_headings(n_cases: int, *, all_quotes: bool = False) -> list[str]:
    """The Heading 1 texts of a report on `n_cases` cases, in order: "1. Audit process" ... then the appendices."""
    numbered = [f"{n}. {title.format(cases=narrative.count_of(n_cases, 'case'))}" for n, title in enumerate(SECTIONS, start=1)]
    return [*numbered, APPENDIX_RETURNS, APPENDIX_PROFILES, APPENDIX_GRADES, *([APPENDIX_QUOTES] if all_quotes else [])]


def build_report(report_input: ReportInput, template: Path | None = None, *, all_quotes: bool = False) -> tuple[Document, Report]:
    """The report as a python-docx Document, and the warnings met while writing it.

    `all_quotes` adds an appendix with every distinct strength and area for development.
    Writes no file. Raises EhwbError when the template cannot be used, or when a name listed
    on 'Names not to print' would still appear anywhere in the document (REP_002).
    """
    report = Report()
    data, redactions = redact_input(report_input)
    report.extend(redactions)
    document, style_problems = new_document(template)
    report.extend(style_problems)
    _Writer(document, data, report, all_quotes=all_quotes).write()
    check_no_listed_names(document, report_input.names_not_to_print, report_input.source)
    return document, report


def save_report(document: Document, path: str | os.PathLike, password: str | None = None) -> Path:
    """Write the report atomically (an earlier report stays whole if this fails); the folder is
    made when missing. With `password` the .docx is encrypted (password to open, as Word writes it).
    Returns the path written."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    document.save(buffer)  # built in memory first: a failing save leaves no file at all
    data = buffer.getvalue()
    return write_bytes(path, encryption.encrypt(data, password) if password is not None else data)


class _Writer:
    def __init__(self, document: Document, data: ReportInput, report: Report, *, all_quotes: bool = False):
        self.doc = document
        self.data = data
        self.audit = data.audit
        self.report = report
        self.all_quotes = all_quotes
        self.headings = section_headings(len(data.audit.cases), all_quotes=all_quotes)
        self.figures = 0
        self.tables = 0
        self.contents: Paragraph | None = None  # the paragraph that holds the contents field
        self.lines = findings(self.audit, data.responses)

    def warn(self, problem) -> None:
        self.report.add(problem)

    def write(self) -> None:
        settings = self._report_settings()
        self._properties(settings)
        self._headers_and_footers()
        self._title_page(settings)
        self._contents()
        process, overview, headlines, found, reflections, recommendations, *appendices = self.headings
        self._audit_process(process)
        self._overview(overview)
        self._numbered_section(headlines, self.data.headlines, layout.HEADLINES_SHEET, "audit headlines")
        self._findings(found)
        self._numbered_section(reflections, self.data.reflections, layout.REFLECTIONS_SHEET,
                               "the independent scrutineer's reflections")
        self._recommendations(recommendations)
        self._page_break()
        appendix.write_appendices(self, appendices)
        if self.contents is not None:  # written by _contents, always first
            accessibility.add_table_of_contents(self.contents, self._headings())

    # -- settings, properties, header and footer -----------------------------------------------
    def _report_settings(self) -> dict[str, str]:
        chosen = self.data.settings
        audit = self.audit.settings
        defaults = {
            "title": (chosen.title, default_title(audit.theme)),
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
            title=document_title(settings["title"], audit.period),
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
        details = self.doc.add_paragraph()
        details.paragraph_format.space_before = Pt(36)
        for label, value in (("Period audited", audit.period.rstrip(".")), ("Date", settings["date"]), ("Version", settings["version"]),
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
        # by the paragraph's style id: `paragraph.style` looks the style up among all the document's
        # styles for every paragraph, which was a fifth of building the demo's report
        levels = {self.doc.styles[f"Heading {n}"].style_id: n for n in (1, 2, 3)}
        return [(levels[p._p.style], p.text) for p in self.doc.paragraphs if p._p.style in levels]

    def _page_break(self) -> None:
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    # -- 1. audit process ---------------------------------------------------------------------------
    def _audit_process(self, heading: str) -> None:
        audit = self.audit
        self.doc.add_heading(heading, level=1)
        self.doc.add_paragraph(
            f"{audit.settings.partnership} audits how well agencies work together for children. "
            f"The theme of this audit was {audit.settings.theme}. {narrative.period_sentence(audit.settings.period)}"
        )
        approaches = self.data.approaches
        if approaches:
            self.doc.add_paragraph(" ".join(narrative.approach_sentence(
                a.approach, number=a.number_attending, who=a.who_attended, held_on=a.held_on, notes=a.notes,
            ) for a in approaches))
        else:
            self._sheet_problem(layout.PANEL_SHEET, "the audit approaches (such as practitioner discussion forums)")
            self.doc.add_paragraph("The audit approaches (such as practitioner discussion forums) have not been recorded yet.")
        cases = [c.reference for c in audit.cases]
        sample = narrative.case_sample_sentence(len(cases))
        if cases:
            sample = f"{sample[:-1]}: {narrative.join_and(cases)}."
        grades = grade_scale(audit)
        if grades:
            sample += (f" Each agency that knew a case was asked to complete an audit tool for it, grading its practice on each key "
                       f"line of enquiry as {narrative.join_and(grades).replace(' and ', ' or ')}.")
        received, missing = self.data.received_agencies(), self.data.outstanding_agencies()
        self.doc.add_paragraph(" ".join([sample, *narrative.returns_sentences(received, missing)]))
        if missing:
            self.warn(RETURNS_OUTSTANDING(Location(self.data.source, layout.SUBMISSIONS_SHEET), agencies=narrative.join_and(missing)))

    # -- 2. overview of the cases ---------------------------------------------------------------------
    def profile_questions(self):
        """The case-profile questions that are facts about the child.

        Left out: a question that only opens an agency's other sections ("Was the child known to
        your agency?") and the questions asked only when it is Yes ("the date of your agency's most
        recent assessment"): their answers describe each agency's work, not the case.
        """
        audit = self.audit
        profile = {q.id for s in audit.sections if s.is_profile for q in audit.questions_in(s.id)}
        gates = {q.condition.question_id for q in audit.questions
                 if q.condition and q.id not in profile and q.condition.question_id in profile}
        return [audit.question(qid) for qid in profile_order(audit)
                if qid not in gates and not (audit.question(qid).condition and audit.question(qid).condition.question_id in gates)]

    def _overview(self, heading: str) -> None:
        self.doc.add_heading(heading, level=1)
        answers = {(p.case, p.question_id): p.answer for p in self.data.profiles}
        questions = [q for q in self.profile_questions() if any((c.reference, q.id) in answers for c in self.audit.cases)]
        profiles = {c.reference: {q.id: answers.get((c.reference, q.id), "") for q in questions} for c in self.audit.cases}
        order = {q.id: choices.values for q in questions if (choices := self.audit.choices_for(q)) is not None}
        if not self.data.profiles and self.audit.cases:
            self.warn(NO_CASE_PROFILES(Location(self.data.source, layout.CASE_PROFILES_SHEET)))
        labels = {q.id: q.label for q in questions}
        text = " ".join(narrative.overview_sentences(profiles, order, labels))
        if questions:
            text += f" What the agencies' records show about each case is set out in {APPENDIX_PROFILES.split(':')[0]}."
        self.doc.add_paragraph(text)

    # -- 4. findings by line of enquiry -------------------------------------------------------------------
    def _findings(self, heading: str) -> None:
        self.doc.add_heading(heading, level=1)
        graded = [f for f in self.lines if f.distribution]
        intro = ("Table 1 counts the grades the agencies gave for each key line of enquiry, and Figure 1 shows how they were "
                 "spread. An answer of Not applicable is not a grade: it is counted on its own and left out of the totals."
                 + self._not_counted()
                 + f" The grades given for each case and by each agency are in {APPENDIX_GRADES.split(':')[0]}.")
        self.doc.add_paragraph(intro if graded else "No grades have been returned yet." + self._not_counted())
        if any(f.grades_given for f in graded):
            table = summary_table(graded)
            self.table_of(table, "Grades given for each key line of enquiry", weights=count_widths(table.header(), [4.3], 9), size=9)
            self._chart(graded)
        chosen = [q for q in self.data.quotes if q.included]
        if not chosen:
            self.warn(NO_QUOTES_CHOSEN(Location(self.data.source, layout.QUOTE_CHOICES_SHEET)))
            self.doc.add_paragraph(
                f"The panel has not chosen any quotes from the returns for this report. To quote a strength or an area for "
                f"development, set it to {layout.QUOTE_INCLUDE} on the master's '{layout.QUOTE_CHOICES_SHEET}' sheet.")
        key_findings = {k.line.casefold(): k for k in self.data.key_findings}
        missing = []
        for number, finding in enumerate(self.lines, start=1):
            key = key_findings.get(finding.section.title.casefold())
            if key is None:
                missing.append(finding.section.title)
            self._line_of_enquiry(f"4.{number}", finding, key, [q for q in chosen if _same_line(q.line, finding.section.title)])
        if missing:
            self.warn(KEY_FINDINGS_MISSING(Location(self.data.source, layout.KEY_FINDINGS_SHEET),
                                           lines=narrative.join_and(missing), count=len(missing)))

    def _not_counted(self) -> str:
        missing = self.data.outstanding_agencies()
        if not missing:
            return ""
        whose = "The return" if len(missing) == 1 else "The returns"
        return f" {whose} from {narrative.join_and(missing)} had not been received, so {'its' if len(missing) == 1 else 'their'} grades are not counted."

    def _line_of_enquiry(self, number: str, finding: LineFinding, key: KeyFinding | None, quotes: Sequence[QuoteChoice]) -> None:
        heading = finding.section.title
        title = _in_sentence(heading)
        self.doc.add_heading(f"{number} {heading}", level=2)
        if key is not None:
            self.doc.add_paragraph(key.text)
        else:
            self.doc.add_paragraph(f"The panel's key finding on {title} has not been written yet.")
        if finding.grades_given == 0 and not finding.not_counted:
            self.doc.add_paragraph(f"No grades were returned for {title}.")
        else:
            self.doc.add_paragraph(narrative.grade_summary_sentence(
                finding.distribution, finding.not_counted, [r.agency for r in finding.refused]))
        for quote in quotes:
            paragraph = self.doc.add_paragraph(style="List Bullet")
            write_quote(paragraph, quote)

    def _chart(self, lines: Sequence[LineFinding]) -> None:
        self.figures += 1
        counts = [(f.section.title, f.distribution) for f in lines]
        paragraph = self.doc.add_paragraph()
        paragraph.paragraph_format.keep_with_next = True
        shape = paragraph.add_run().add_picture(io.BytesIO(grades_chart_png(counts)), width=Cm(16))
        caption = "Grades given for each key line of enquiry"
        accessibility.set_alt_text(shape, grades_chart_alt_text(counts), title=caption)
        self.doc.add_paragraph(f"Figure {self.figures}: {caption}", style="Caption")

    # -- 3 and 5: headlines and reflections; 6: recommendations ---------------------------------------------
    def _numbered_section(self, heading: str, items, sheet: str, what: str) -> None:
        self.doc.add_heading(heading, level=1)
        if not items:
            self._sheet_problem(sheet, what)
            self.doc.add_paragraph(f"{what[0].upper()}{what[1:]} have not been entered yet.")
            return
        for index, item in enumerate(items, start=1):
            _numbered(self.doc.add_paragraph(), item.number or str(index), item.text)

    def _recommendations(self, heading: str) -> None:
        self.doc.add_heading(heading, level=1)
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
            self.table(["Action", "Lead", "Due date", "Status"], rows, f"Actions for recommendation {number}", weights=[3, 1.2, 1.3, 1.1])

    # -- shared pieces (the appendices use them too) ------------------------------------------------------
    def _sheet_problem(self, sheet: str, what: str) -> None:
        why = f"the master has no '{sheet}' sheet" if sheet in self.data.missing_sheets else f"the '{sheet}' sheet has no entries"
        self.warn(COORDINATOR_SHEET_EMPTY(Location(self.data.source, sheet), why=why, what=what, sheet=sheet,
                                          row=layout.COORDINATOR_HEADER_ROW + 1))

    def table(self, header: Sequence[str], rows: Sequence[Sequence[str]], caption: str, *,
              total_row: bool = False, weights: Sequence[float] | None = None, size: float = 10) -> None:
        self.tables += 1
        add_data_table(self.doc, header, rows, caption, number=self.tables, total_row=total_row, weights=weights, size=size)

    def table_of(self, grades: GradeTable, caption: str, *, weights: Sequence[float] | None = None, size: float = 10) -> None:
        self.table(grades.header(), grades.body(), caption, total_row=True, weights=weights, size=size)


def default_title(theme: str) -> str:
    """The report's title when the coordinator set none: the audit's theme."""
    return f"{theme}: multi-agency case file audit"


def document_title(title: str, period: str) -> str:
    """The title a screen reader and a PDF viewer show: the title and the dates of the period audited."""
    dates = _PERIOD_DATES.search(period)
    shown = dates.group(0) if dates else period.strip().rstrip(".")
    return f"{title}, {shown}" if shown and shown.casefold() not in title.casefold() else title


_PERIOD_DATES = re.compile(r"\d{1,2} \w+ \d{4} to \d{1,2} \w+ \d{4}")


def profile_order(audit) -> list[str]:
    return [q.id for s in audit.sections if s.is_profile for q in audit.questions_in(s.id)]


def _same_line(a: str, b: str) -> bool:
    return a.strip().casefold() == b.strip().casefold()


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


def _in_sentence(title: str) -> str:
    """"The child's voice" -> "the child's voice"; other titles (names, abbreviations) as they are."""
    return "the" + title[3:] if title.startswith("The ") else title
