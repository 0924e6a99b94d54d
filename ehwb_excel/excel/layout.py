"""The agreed shape of our workbooks: sheet names, hidden keys and table columns.

Writers and readers both import these names, so a return written by `agency_workbook` is
found again by the return reader, and a master written by the merge is read by the report.
Nothing here depends on a file format.
"""

# -- agency workbook (what an agency fills in and returns) -----------------------------------
RETURN_FORMAT = "ehwb-return/1"

START_SHEET = "Start"
AGENCY_SHEET = "Your agency"  # questions asked once per agency (not per case)
LISTS_SHEET = "Lists"  # hidden: one column per choice list, each a defined name
META_SHEET = "ehwb_meta"  # hidden (very hidden in Excel; LibreOffice saves it as hidden)

# Defined name for a choice list's values on LISTS_SHEET: list_name_for("grade") -> "ehwb_list_grade"
LIST_NAME_PREFIX = "ehwb_list_"


def list_name_for(choice_list: str) -> str:
    """The defined name that a dropdown for `choice_list` refers to."""
    safe = "".join(ch if ch.isalnum() or ch == "_" else "_" for ch in choice_list)
    return f"{LIST_NAME_PREFIX}{safe}"


# META_SHEET holds key/value rows from A1 (key in column A, value in column B):
META_FORMAT = "format"  # RETURN_FORMAT or MASTER_FORMAT
META_AUDIT_ID = "audit_id"
META_AGENCY = "agency_code"
META_TEMPLATE_VERSION = "template_version"
META_DEFINITION_CHECKSUM = "definition_checksum"
META_GENERATED_AT = "generated_at"  # ISO 8601, UTC
META_CASE_SHEETS = "case_sheet"  # one row per case sheet: case_sheet | sheet name | case reference
META_AGENCY_TOKEN = "agency_token"  # HMAC of audit, agency and cases under the master's key (audit/identity.py)
META_KEYS = (META_FORMAT, META_AUDIT_ID, META_AGENCY, META_TEMPLATE_VERSION, META_DEFINITION_CHECKSUM, META_GENERATED_AT,
             META_AGENCY_TOKEN)  # each at most once: a second row is refused, never silently the first or the last

# Every answer sheet (each case sheet and AGENCY_SHEET) has one hidden "key row" above its
# visible header. Each cell of that row names what its column holds, so answers are found by
# key and question id, never by a fixed address, even after an agency inserts rows or columns.
KEY_PREFIX = "ehwb:"
COL_REF = "ehwb:ref"  # "2.3": section and question number as printed
COL_QUESTION = "ehwb:question"
COL_ANSWER = "ehwb:answer"  # the validated, unlocked answer cell
COL_COMMENT = "ehwb:comment"  # unlocked free-text evidence / comment beside the answer
COL_GUIDANCE = "ehwb:guidance"
COL_QUESTION_ID = "ehwb:question_id"  # hidden column; holds the question id on every answer row
COL_SUBJECT = "ehwb:subject"  # the cell to its right says what the sheet is about:
SUBJECT_AGENCY = "agency"  # ... the agency sheet, or
SUBJECT_CASE_PREFIX = "case:"  # ... "case:Case A"
ANSWER_SHEET_COLUMNS = (COL_REF, COL_QUESTION, COL_ANSWER, COL_COMMENT, COL_GUIDANCE, COL_QUESTION_ID)


# -- master workbook (the coordinator's) ----------------------------------------------------
MASTER_FORMAT = "ehwb-master/1"
MASTER_META_SHEET = META_SHEET  # holds META_FORMAT, META_AUDIT_ID and the audit definition:
META_AUDIT_JSON = "audit_json"  # rows `audit_json | <chunk>` in order; join the chunks -> JSON
META_IDENTITY_KEY = "identity_key"  # the key agency tokens are made with (hex); only ever in the master

# Sheets the coordinator types into; the merge never writes them. Title in row 1, guidance in
# row 2, headers in COORDINATOR_HEADER_ROW, data below.
COORDINATOR_HEADER_ROW = 4
PANEL_SHEET = "Panel notes"
PANEL_COLUMNS = ("Approach", "Date", "Who attended", "Number attending", "Notes")
HEADLINES_SHEET = "Headlines"
HEADLINES_COLUMNS = ("No.", "Headline")
REFLECTIONS_SHEET = "Scrutineer reflections"
REFLECTIONS_COLUMNS = ("No.", "Reflection")
RECOMMENDATIONS_SHEET = "Recommendations"
# One row per action; rows with the same No. belong to one recommendation.
RECOMMENDATIONS_COLUMNS = ("No.", "Recommendation", "Action", "Lead agency", "Due date", "Status")
ACTION_STATUSES = ("Not started", "In progress", "Complete", "Overdue")
REDACTIONS_SHEET = "Names not to print"  # never printed; the report redacts these names
REDACTIONS_COLUMNS = ("Case", "Name or word that must not appear")
REPORT_SETTINGS_SHEET = "Report settings"  # key/value from row COORDINATOR_HEADER_ROW + 1
REPORT_SETTINGS_KEYS = ("Report title", "Version", "Report date", "Author")
KEY_FINDINGS_SHEET = "Key findings"  # one row per line of enquiry, written by the skeleton; the panel types the finding
KEY_FINDINGS_COLUMNS = ("Line of enquiry", "Key finding")
COORDINATOR_SHEETS = (PANEL_SHEET, HEADLINES_SHEET, KEY_FINDINGS_SHEET, REFLECTIONS_SHEET, RECOMMENDATIONS_SHEET,
                      REDACTIONS_SHEET, REPORT_SETTINGS_SHEET)

# Sheets the merge derives from the returns; headers in row 1, data from row 2.
SUBMISSIONS_SHEET = "Submissions"
# Times on Submissions are UK times, as the coordinator reads and types them; "Received" may be
# typed over (a date or a date and time) and is then kept across merges.
SUBMISSIONS_COLUMNS = (
    "Agency", "Agency name", "Status", "Why", "File", "Saved by", "Last saved", "Modified", "Received",
    "Received from", "SHA-256", "Answers", "Required missing", "Errors", "Warnings",
)
# not started: our workbook with no answer; in progress: some required answers blank;
# superseded: an older file from an agency that sent a newer one
SUBMISSION_STATUSES = ("not started", "in progress", "received", "late", "rejected", "missing", "superseded")
MERGED_STATUSES = ("in progress", "received", "late")  # the version's answers are in Responses
# where a return's received time came from, in the order it is looked for
RECEIVED_SOURCES = ("typed in Submissions", "workbook's last save", "file's modified time")
RESPONSES_SHEET = "Responses"
RESPONSES_TABLE = "Responses"  # the Excel table (ListObject) name, for Power Query / Power BI
RESPONSES_COLUMNS = (
    "Audit", "Case", "Agency", "Section", "Question ID", "Question", "Answer", "Score",
    "Comment", "Source file", "Sheet", "Cell",
)
GRADES_SHEET = "Grades"
CASE_PROFILES_SHEET = "Case profiles"
# One row per case and profile question (Agency blank) with the combined answer, then one row
# per agency that answered it: each agency's answer has its own cell, so no cell grows with
# the number of agencies (joined in one cell, 2,000 returns made 162,489 characters: unsaveable).
CASE_PROFILES_COLUMNS = ("Case", "Question ID", "Question", "Combined answer", "Rule", "Agreed", "Agency", "Agency's answer")
RECORDED_DIFFERENTLY = "Recorded differently"  # the combined answer when agencies' answers tie: no answer wins
ISSUES_SHEET = "Issues"
ISSUES_COLUMNS = ("File", "Sheet", "Cell", "Code", "Severity", "Message")
MERGE_LOG_SHEET = "Merge log"
MERGE_LOG_COLUMNS = ("Merged at", "Files read", "Accepted", "Rejected", "Answers read", "Response rows", "Problems")
HISTORY_SHEET = "Replaced returns"  # replaced versions of returns, never deleted
HISTORY_SHEET_BEFORE = "History"  # its name in masters made before: Excel reserves "History", so it was renamed
HISTORY_COLUMNS = ("Replaced at", "Agency", "File", "SHA-256", "Answers", "Replaced by SHA-256")
# Every distinct strength and area for development, offered once with the agencies that gave it.
# The merge writes it; its last column is the panel's choice, which every merge carries over.
QUOTE_CHOICES_SHEET = "Quote choices"
QUOTE_CHOICES_COLUMNS = ("Line of enquiry", "Kind", "Quote", "Given by", "Cases", "In the report")
QUOTE_INCLUDE, QUOTE_LEAVE_OUT = "Include", "Leave out"
DERIVED_SHEETS = (SUBMISSIONS_SHEET, RESPONSES_SHEET, GRADES_SHEET, CASE_PROFILES_SHEET, QUOTE_CHOICES_SHEET, ISSUES_SHEET,
                  MERGE_LOG_SHEET, HISTORY_SHEET)
GRADES_COLUMNS = ("Section", "Question ID", "Question")  # then one column per case and agency: grade_column()


def grade_column(case: str, agency: str) -> str:
    """The Grades header over one agency's grades for one case: 'Case A: SCT'."""
    return f"{case}: {agency}"
