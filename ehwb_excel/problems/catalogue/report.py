"""Problems found in the report stage (codes REP_nnn)."""

from ehwb_excel.problems.problem import ProblemType, Severity

E, W = Severity.ERROR, Severity.WARNING

# A warning never prints the listed name itself: warnings reach consoles, logs and e-mails.
NAME_REDACTED = ProblemType(
    "REP_001", "name-redacted", W,
    "a name listed on the 'Names not to print' sheet appeared in {what} ({case}, {question}); "
    "the report prints '[name removed]' instead. Correct the text in the return or the master if it should not hold a name.",
)
LISTED_NAME_IN_REPORT = ProblemType(
    "REP_002", "listed-name-in-report", E,
    "a name listed on the 'Names not to print' sheet would appear in the report ({where}); the report was not written. "
    "Find the text on the master's sheets, remove the name, and build the report again.",
)
RETURNS_OUTSTANDING = ProblemType(
    "REP_003", "returns-outstanding", W,
    "no usable return from {agencies}: the report says these returns had not been received. "
    "Merge their returns into the master, then build the report again.",
)
COORDINATOR_SHEET_EMPTY = ProblemType(
    "REP_004", "coordinator-sheet-empty", W,
    "{why}: the report says that {what} have not been entered yet. "
    "Type them on the '{sheet}' sheet of the master, from row {row}.",
)
NO_CASE_PROFILES = ProblemType(
    "REP_005", "no-case-profiles", W,
    "the master holds no case profile answers: the overview says the cases cannot be described yet. "
    "Merge the returns into the master first.",
)
REPORT_SETTING_MISSING = ProblemType(
    "REP_006", "report-setting-missing", W,
    "'{key}' is not set: the report uses '{used}'. Set it on the 'Report settings' sheet of the master.",
)
TEMPLATE_UNUSABLE = ProblemType(
    "REP_007", "template-unusable", E,
    "the Word template cannot be used: {why}. Give a .docx or .dotx saved by Word, or leave out --template to use the built-in styles.",
)
TEMPLATE_STYLE_MISSING = ProblemType(
    "REP_008", "template-style-missing", W,
    "the template has no '{style}' style: a plain one was added. Add a '{style}' style to the template to control its look.",
)
LIBREOFFICE_MISSING = ProblemType(
    "REP_009", "libreoffice-missing", W,
    "LibreOffice is not installed: the .docx is written; install LibreOffice to also get a PDF.",
)
PDF_FAILED = ProblemType(
    "REP_010", "pdf-failed", W,
    "LibreOffice could not convert the report to PDF ({why}); the .docx is written. "
    "Open it in Word or LibreOffice and save it as PDF.",
)
RECOMMENDATION_WITHOUT_ACTION = ProblemType(
    "REP_011", "recommendation-without-action", W,
    "recommendation {number} has no action: the report says that its actions are to be agreed. "
    "Add one row per action (Action, Lead agency, Due date, Status) with No. {number}.",
)
CONTENTS_NOT_NUMBERED = ProblemType(
    "REP_012", "contents-not-numbered", W,
    "the PDF is written, but its contents list has no page numbers ({why}). "
    "For a printed copy, open the .docx in Word, answer Yes to update the fields, and save it as PDF.",
)
KEY_FINDINGS_MISSING = ProblemType(
    "REP_013", "key-findings-missing", W,
    "{count} lines of enquiry have no key finding ({lines}): the report says it has not been written yet. "
    "Type the panel's key finding beside each line of enquiry on the 'Key findings' sheet of the master.",
)
NO_QUOTES_CHOSEN = ProblemType(
    "REP_014", "no-quotes-chosen", W,
    "no quote is set to Include: the report quotes no strengths or areas for development. "
    "Choose the few that say most on the 'Quote choices' sheet of the master, or build the report with --all-quotes.",
)
