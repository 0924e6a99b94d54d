"""The report's appendices: agencies and returns, case profiles, grade tables, and (when asked) every quote."""

from __future__ import annotations

from collections.abc import Sequence

from ehwb_excel.audit.enquiry import QUOTE_KINDS
from ehwb_excel.report import narrative
from ehwb_excel.report.findings import GradeTable, LineFinding
from ehwb_excel.report.values import QuoteChoice, Submission
from ehwb_excel.report.tables import count_widths

NOT_RECORDED = "Not recorded"
NOT_APPLICABLE = "Not applicable"
CASES_PER_PROFILE_TABLE = 5  # more columns do not fit a portrait A4 page at a readable size
SMALL = 9  # points: the appendix tables are for looking things up


def write_appendices(writer, headings: Sequence[str]) -> None:
    """Each appendix under its Heading 1, in the order of `headings` (from document.section_headings)."""
    returns, profiles, grades, *quotes = headings
    _returns(writer, returns)
    _profiles(writer, profiles)
    _grades(writer, grades)
    if quotes:
        _quotes(writer, quotes[0])


# -- A: agencies and returns -----------------------------------------------------------------------


def _returns(writer, heading: str) -> None:
    data, audit = writer.data, writer.audit
    writer.doc.add_heading(heading, level=1)
    statuses: dict[str, Submission] = {}
    for submission in data.submissions:  # the agency's own row comes first; superseded or refused files follow
        statuses.setdefault(submission.agency.casefold(), submission)
    received = set(data.received_agencies())
    rows = []
    for agency in audit.agencies:
        cases = [c.reference for c in audit.cases_for(agency.code)]
        status = _return_status(statuses.get(agency.code.casefold()), agency.code in received) if cases else "No case known"
        rows.append([agency.code, agency.name, narrative.join_and(cases) or "None", status])
    writer.table(["Agency", "Full name", "Cases known", "Return"], rows, "Agencies, the cases they knew and their returns",
                 weights=[1.2, 3, 1.8, 1.6], size=SMALL)


def _return_status(submission: Submission | None, received: bool) -> str:
    status = submission.status.strip().casefold() if submission else ""
    if status == "late":
        return "Received late"
    if status == "in progress":
        return "Received, incomplete"
    if status == "rejected":
        return "Not received (the file sent could not be used)"
    return "Received" if received else "Not received"


# -- B: case profiles -----------------------------------------------------------------------------------


def _profiles(writer, heading: str) -> None:
    data, audit = writer.data, writer.audit
    writer.doc.add_heading(heading, level=1)
    answers = {(p.case, p.question_id): p.answer for p in data.profiles}
    questions = [q for q in writer.profile_questions() if any((c.reference, q.id) in answers for c in audit.cases)]
    if not questions:
        writer.doc.add_paragraph("No case profile answers have been merged into the master yet.")
        return
    writer.doc.add_paragraph("What the agencies' records show about each case, combined across the returns by the rules "
                             "stated on the master's 'Case profiles' sheet.")
    cases = [c.reference for c in audit.cases]
    for start in range(0, len(cases), CASES_PER_PROFILE_TABLE):
        chunk = cases[start:start + CASES_PER_PROFILE_TABLE]
        rows = [[q.label, *[_profile_value(audit, q, case, answers) for case in chunk]] for q in questions]
        writer.table(["Question", *chunk], rows, f"Case profiles: {narrative.join_and(chunk)}",
                     weights=[2.4] + [1] * len(chunk), size=SMALL)
    _differences(writer, questions)


def _differences(writer, questions) -> None:
    """Every case and question on which the agencies' records differed, once, with each agency's answer."""
    shown = {q.id: q for q in questions}
    differed = [p for p in writer.data.profiles if not p.agreed and p.question_id in shown and p.by_agency]
    if not differed:
        return
    writer.doc.add_paragraph(
        "Where the agencies' records of a case differed, the table shows the answer the rule gave, or Recorded differently "
        "where no answer won; each agency's answer is below.").paragraph_format.keep_with_next = True
    for profile in differed:
        paragraph = writer.doc.add_paragraph(style="List Bullet")
        paragraph.add_run(f"{profile.case}, {shown[profile.question_id].label}: ").bold = True
        paragraph.add_run(f"{profile.by_agency}.")


def _profile_value(audit, question, case: str, answers: dict) -> str:
    """The combined answer; a question asked only when another answer says so reads Not applicable when it did not."""
    given = answers.get((case, question.id))
    if given:
        return given
    condition = question.condition
    if condition is not None:
        opened_by = answers.get((case, condition.question_id))
        if opened_by and opened_by.strip().casefold() != condition.value.strip().casefold():
            return NOT_APPLICABLE
    return NOT_RECORDED


# -- C: grade tables ------------------------------------------------------------------------------------


def _grades(writer, heading: str) -> None:
    writer.doc.add_heading(heading, level=1)
    lines = [f for f in writer.lines if f.by_case.grades]
    if not any(f.grades_given or f.not_counted for f in lines):
        writer.doc.add_paragraph("No grades have been returned yet.")
        return
    writer.doc.add_paragraph("The grades each case received and each agency gave, for every key line of enquiry. "
                             "Answers of Not applicable are shown beside the totals, not in them.")
    header = lines[0].by_case.header()
    writer.table(["Line of enquiry", *header], _with_case_column(lines), "Grades by line of enquiry and case",
                 weights=count_widths(["Line of enquiry", *header], [3.5, 1.6], SMALL), size=SMALL)
    writer.table_of(_by_agency(lines), "Grades given by each agency, all lines of enquiry together",
                    weights=count_widths(header, [3.0], SMALL), size=SMALL)
    answered = [(f.section.title, a) for f in writer.lines for a in f.answers]
    if answered:
        rows = [[title, a.question, ", ".join(f"{value} {n}" for value, n in a.counts)] for title, a in answered]
        writer.table(["Line of enquiry", "Question", "Answers"], rows, "Other answers in the lines of enquiry",
                     weights=[2.0, 3.0, 2.2], size=SMALL)


def _with_case_column(lines: Sequence[LineFinding]) -> list[list[str]]:
    rows = []
    for finding in lines:
        for line in finding.by_case.body()[:-1]:  # the totals are in Table 1
            rows.append([finding.section.title, *line])
    return rows


def _by_agency(lines: Sequence[LineFinding]) -> GradeTable:
    totals: dict[str, list[int]] = {}
    for finding in lines:
        for agency, counts in finding.by_agency.rows:
            running = totals.setdefault(agency, [0] * len(counts))
            totals[agency] = [a + b for a, b in zip(running, counts)]
    return GradeTable("Agency", lines[0].by_case.grades, tuple((a, tuple(c)) for a, c in totals.items()), lines[0].by_case.not_grades)


def write_quote(paragraph, quote: QuoteChoice) -> None:
    """'Strength: "the words" (SCT and CAMHS, Case A)': the kind in bold, the words quoted, attributed to agencies."""
    paragraph.add_run(f"{quote.kind}: ").bold = True
    paragraph.add_run(f"\u201c{quote.text.rstrip()}\u201d ({quote.attribution})")


# -- D: every quote ---------------------------------------------------------------------------------------


def _quotes(writer, heading: str) -> None:
    writer.doc.add_heading(heading, level=1)
    quotes = writer.data.quotes
    if not quotes:
        writer.doc.add_paragraph("The returns merged so far hold no strengths or areas for development.")
        return
    writer.doc.add_paragraph("Every distinct strength and area for development in the returns, once each, "
                             "with the agencies that wrote it and the cases it is about.")
    for finding in writer.lines:
        title = finding.section.title
        mine = [q for q in quotes if q.line.strip().casefold() == title.casefold()]
        if not mine:
            continue
        writer.doc.add_heading(title, level=2)
        for kind in QUOTE_KINDS:
            for quote in (q for q in mine if q.kind == kind):
                paragraph = writer.doc.add_paragraph(style="List Bullet")
                write_quote(paragraph, quote)
