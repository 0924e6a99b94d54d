"""What a coordinator would type into the master's own sheets, for the built-in demo."""

from __future__ import annotations

from datetime import date

from ehwb_excel.audit.enquiry import DEVELOPMENT, STRENGTH, lines_of_enquiry
from ehwb_excel.audit.model import Audit
from ehwb_excel.demo.story import KEY_FINDINGS
from ehwb_excel.excel import layout
from ehwb_excel.workbook.style import fit_row_height

# The story runs in order: the period audited (April 2025 to March 2026), returns by the deadline
# (29 January 2027), the merges a week later, the practitioners' forum and the panel in February,
# the report in March, actions due after it.
PANEL_NOTES = [
    ("Practitioner discussion forums", date(2027, 2, 16), "SCT, CAMHS, Education, WMP, Inclusion Support", 14,
     "Practitioners who knew the cases met to discuss what worked and what got in the way."),
    ("Multi-agency audit panel", date(2027, 2, 23), "SCT, CAMHS, CCG, Education, WMP", 9,
     "The panel read every return, tested the grades and agreed the headlines and recommendations."),
]

HEADLINES = [
    (1, "Relationship-based practice was the clearest strength: young people could name a trusted adult, "
        "and most grades were Good or Outstanding."),
    (2, "Responses to disclosures of sexual abuse were prompt and joined up."),
    (3, "Young people's views were recorded, but it was often not clear how they shaped the plan."),
    (4, "Access to specialist counselling and mental-health pathways were the weakest areas: most grades were Requires "
        "improvement or Inadequate, and young people waited without interim support."),
    (5, "Early help was not well co-ordinated, and it rarely involved the GP."),
]

REFLECTIONS = [
    (1, "The audit shows a partnership that knows its young people well, but one that relies on individual relationships "
        "rather than shared systems."),
    (2, "The weakest areas, counselling and mental-health pathways, depend on services commissioned across the partnership: "
        "no single agency can put them right alone."),
    (3, "The practitioners' forum added what the files could not: it should be part of every audit."),
]

RECOMMENDATIONS = [
    (1, "Publish a single, clear mental-health pathway for children and young people, with thresholds explained for practitioners.",
     "Draft the pathway with CAMHS, SCT and Education and consult practitioners", "CAMHS", date(2027, 6, 30), "In progress"),
    (1, "", "Brief every designated safeguarding lead on the pathway", "Education", date(2027, 9, 30), "Not started"),
    (2, "Make sure young people waiting for specialist counselling are offered interim support.",
     "Agree an interim offer and who provides it", "CCG", date(2027, 7, 31), "Not started"),
    (3, "Involve GPs in early help and step-down planning.",
     "Add the GP to the step-down checklist and invite them to the first early help meeting", "SCT", date(2027, 5, 31), "In progress"),
]

# The report's title is left as the master proposes it: the audit's theme.
REPORT_SETTINGS = {"Report title": None, "Version": "1.0 (draft for the partnership board)",
                   "Report date": date(2027, 3, 15), "Author": "Audit coordinator"}

# Lines of enquiry whose words the panel quotes: one strength or one area for development each.
QUOTED = {
    "relationships": STRENGTH, "disclosures": STRENGTH, "voice": DEVELOPMENT, "counselling": DEVELOPMENT,
    "stepdown": DEVELOPMENT, "early_help": DEVELOPMENT, "pathways": DEVELOPMENT,
}


def coordinator_rows(audit: Audit) -> dict[str, list[tuple]]:
    """Sheet name -> rows to type below the header, as the demo coordinator would.

    The names-not-to-print sheet stays empty: even a demo writes no child's name into a file.
    """
    return {
        layout.PANEL_SHEET: PANEL_NOTES,
        layout.HEADLINES_SHEET: HEADLINES,
        layout.KEY_FINDINGS_SHEET: [(s.title, KEY_FINDINGS.get(s.id)) for s in lines_of_enquiry(audit)],
        layout.REFLECTIONS_SHEET: REFLECTIONS,
        layout.RECOMMENDATIONS_SHEET: RECOMMENDATIONS,
        layout.REPORT_SETTINGS_SHEET: list(REPORT_SETTINGS.items()),
    }


def type_into_master(workbook, audit: Audit) -> None:
    """Fill the coordinator sheets of an openpyxl master below their header rows; None leaves a cell as it is."""
    for sheet, rows in coordinator_rows(audit).items():
        worksheet = workbook[sheet]
        for offset, row in enumerate(rows, start=layout.COORDINATOR_HEADER_ROW + 1):
            for column, value in enumerate(row, start=1):
                if value is not None:
                    worksheet.cell(row=offset, column=column, value=value)
            fit_row_height(worksheet, offset)  # as Excel grows a row when someone types wrapped text


def choose_quotes(workbook, audit: Audit) -> int:
    """Set a few quotes to Include on the Quote choices sheet, as a panel would; how many were chosen.

    For each line of enquiry in QUOTED, the quote of that kind that the fewest agencies gave: a telling detail.
    """
    sheet = workbook[layout.QUOTE_CHOICES_SHEET]
    columns = {header: index for index, header in enumerate(layout.QUOTE_CHOICES_COLUMNS, start=1)}
    titles = {s.title: s.id for s in lines_of_enquiry(audit)}
    best: dict[str, tuple[int, int]] = {}  # section id -> (agencies, row)
    for row in range(2, sheet.max_row + 1):
        line, kind = (sheet.cell(row=row, column=columns[h]).value for h in ("Line of enquiry", "Kind"))
        section = titles.get(line)
        if section is None or QUOTED.get(section) != kind:
            continue
        agencies = str(sheet.cell(row=row, column=columns["Given by"]).value or "").count(",") + 1
        if section not in best or agencies < best[section][0]:
            best[section] = (agencies, row)
    for _, row in best.values():
        sheet.cell(row=row, column=columns["In the report"], value=layout.QUOTE_INCLUDE)
    return len(best)
