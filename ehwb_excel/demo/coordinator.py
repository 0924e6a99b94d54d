"""What a coordinator would type into the master's own sheets, for the built-in demo."""

from __future__ import annotations

from datetime import date

from ehwb_excel.excel import layout
from ehwb_excel.workbook.style import fit_row_height

PANEL_NOTES = [
    ("Practitioner discussion forums", date(2026, 4, 21), "SCT, CAMHS, Education, WMP, Inclusion Support", 14,
     "Practitioners who knew the cases met to discuss what worked and what got in the way."),
    ("Case file audit", date(2026, 4, 28), "", None,
     "Four cases were selected at random; each agency that knew a case completed an audit tool."),
    ("Multi-agency audit panel", date(2026, 5, 6), "SCT, CAMHS, CCG, Education, WMP", 9,
     "The panel read every return, tested the grades and agreed the headlines and recommendations."),
]

HEADLINES = [
    (1, "Relationship-based practice was a consistent strength: young people could name a trusted adult in every case."),
    (2, "The voice of the child was recorded but did not always shape the plan; it was strongest where one worker stayed with the child."),
    (3, "Access to specialist counselling took too long, and young people waited without interim support."),
    (4, "Step-down from child protection plans was not always co-ordinated, and GPs were rarely part of early help planning."),
    (5, "Practitioners were unclear about the mental-health pathways and thresholds between early help, CAMHS and specialist services."),
]

REFLECTIONS = [
    (1, "The audit shows a partnership that knows its young people well, but one that relies on individual relationships rather than shared systems."),
    (2, "Agencies graded themselves more generously than the panel did on timeliness; the partnership should test its own assurance."),
    (3, "The panel's most useful discussions came from practitioners, not from the files: the forum should be part of every audit."),
]

RECOMMENDATIONS = [
    (1, "Publish a single, clear mental-health pathway for children and young people, with thresholds explained for practitioners.",
     "Draft the pathway with CAMHS, SCT and Education and consult practitioners", "CAMHS", date(2026, 9, 30), "In progress"),
    (1, "", "Brief every designated safeguarding lead on the pathway", "Education", date(2026, 11, 30), "Not started"),
    (2, "Make sure young people waiting for specialist counselling are offered interim support.",
     "Agree an interim offer and who provides it", "CCG", date(2026, 10, 31), "Not started"),
    (3, "Involve GPs in early help and step-down planning.",
     "Add the GP to the step-down checklist and invite them to the first early help meeting", "SCT", date(2026, 8, 31), "Complete"),
]

REPORT_SETTINGS = {"Report title": "Multi-agency case file audit", "Version": "1.0 (draft for the partnership board)",
                   "Report date": date(2026, 6, 15), "Author": "Audit coordinator"}


def coordinator_rows() -> dict[str, list[tuple]]:
    """Sheet name -> rows to type below the header, as the demo coordinator would.

    The names-not-to-print sheet stays empty: even a demo writes no child's name into a file.
    """
    return {
        layout.PANEL_SHEET: PANEL_NOTES,
        layout.HEADLINES_SHEET: HEADLINES,
        layout.REFLECTIONS_SHEET: REFLECTIONS,
        layout.RECOMMENDATIONS_SHEET: RECOMMENDATIONS,
        layout.REPORT_SETTINGS_SHEET: list(REPORT_SETTINGS.items()),
    }


def type_into_master(workbook) -> None:
    """Fill the coordinator sheets of an openpyxl master below their header rows."""
    for sheet, rows in coordinator_rows().items():
        worksheet = workbook[sheet]
        for offset, row in enumerate(rows, start=layout.COORDINATOR_HEADER_ROW + 1):
            for column, value in enumerate(row, start=1):
                worksheet.cell(row=offset, column=column, value=value)
            fit_row_height(worksheet, offset)  # as Excel grows a row when someone types wrapped text
