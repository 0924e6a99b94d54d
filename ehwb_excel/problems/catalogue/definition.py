"""Problems found in the definition stage (codes DEF_nnn)."""

from ehwb_excel.problems.problem import ProblemType, Severity

E, W = Severity.ERROR, Severity.WARNING

# -- the file and its sheets --------------------------------------------------------------------
FILE_UNREADABLE = ProblemType(
    "DEF_001", "file-unreadable", E,
    "cannot read this file as an Excel workbook ({why}). Save it from Excel as 'Excel Workbook (.xlsx)' and try again.",
)
MISSING_SHEET = ProblemType(
    "DEF_002", "missing-sheet", E,
    "there is no '{sheet}' sheet{suggestion}. Add it, or rename the sheet that holds the {what} to '{sheet}'.",
)
MISSING_COLUMN = ProblemType(
    "DEF_003", "missing-column", E,
    "there is no '{column}' column{suggestion}; headers are in row 1 (found: {found}). Add the header, or correct it.",
)
DUPLICATE_COLUMN = ProblemType(
    "DEF_004", "duplicate-column", E,
    "'{column}' is a header twice (also in {other}). Delete or rename one of them.",
)
EMPTY_SHEET = ProblemType(
    "DEF_005", "empty-sheet", E,
    "the sheet has no {what} below its header row. Add at least one, from row 2.",
)
NOT_YES_NO = ProblemType(
    "DEF_006", "not-yes-no", E,
    "'{value}' in column '{column}' is not Yes or No. Choose Yes or No from the dropdown in {cell}.",
)
TEXT_TOO_LONG = ProblemType(
    "DEF_007", "cell-text-too-long", E,
    "the text is {length:,} characters long; an Excel cell holds at most {limit:,}. Shorten it.",
)
FILE_EXISTS = ProblemType(
    "DEF_008", "definition-exists", E,
    "the file already exists, and 'ehwb init' does not replace it. Choose another name, or add --force to replace it.",
)
NOT_XLSX_NAME = ProblemType(
    "DEF_009", "definition-not-xlsx", E,
    "a definition workbook must be an Excel workbook. Give a file name ending in .xlsx.",
)

# -- the Audit sheet (settings) ---------------------------------------------------------------
MISSING_SETTING = ProblemType(
    "DEF_010", "missing-setting", E,
    "the setting '{setting}' is missing or blank. Add a row '{setting}' with its value in column B ({about}).",
)
BAD_DATE = ProblemType(
    "DEF_011", "bad-date", E,
    "'{value}' is not a date, so '{setting}' cannot be read. Type a date such as 29/01/2027 in {cell}.",
)
UNKNOWN_SETTING = ProblemType(
    "DEF_012", "unknown-setting", W,
    "'{setting}' is not a setting we know, so it is ignored (known: {known}). Correct the name or delete the row.",
)
DUPLICATE_SETTING = ProblemType(
    "DEF_013", "duplicate-setting", E,
    "the setting '{setting}' is given twice (also in row {first}). Delete one of the rows.",
)
BAD_EMAIL = ProblemType(
    "DEF_014", "bad-email", W,
    "'{value}' does not look like an email address; agencies will be told to send returns to it. Correct it in {cell}.",
)

# -- Agencies ---------------------------------------------------------------------------------
BLANK_AGENCY_CODE = ProblemType(
    "DEF_020", "blank-agency-code", E,
    "this agency has no code. Give a short code such as 'CAMHS' in {cell}, or delete the row.",
)
DUPLICATE_AGENCY_CODE = ProblemType(
    "DEF_021", "duplicate-agency-code", E,
    "agency code '{code}' is used twice (also in row {first}); codes must differ, ignoring capitals. Change one of them.",
)
BAD_AGENCY_CODE = ProblemType(
    "DEF_022", "bad-agency-code", E,
    "agency code '{code}' contains {chars}, which cannot be part of a file name. Remove them from {cell}.",
)
AGENCY_NAME_MISSING = ProblemType(
    "DEF_023", "agency-name-missing", W,
    "agency '{code}' has no full name, so its code is used in the report. Type the full name in {cell}.",
)
AGENCY_KNOWS_NO_CASE = ProblemType(
    "DEF_024", "agency-knows-no-case", W,
    "agency '{code}' knows none of the cases, so it gets no workbook. Mark Yes in its column on the 'Cases' sheet, or delete the agency.",
)

# -- Cases ----------------------------------------------------------------------------------
BLANK_CASE_REFERENCE = ProblemType(
    "DEF_030", "blank-case-reference", E,
    "this case has no reference. Type an anonymous reference such as 'Case A' in {cell}, or delete the row.",
)
DUPLICATE_CASE_REFERENCE = ProblemType(
    "DEF_031", "duplicate-case-reference", E,
    "case reference '{reference}' is used twice (also in row {first}); references must differ, ignoring capitals. Change one of them.",
)
CASE_WITHOUT_AGENCIES = ProblemType(
    "DEF_032", "case-without-agencies", E,
    "no agency knows case '{reference}'. Mark Yes under each agency that knows it, in row {row}.",
)
UNKNOWN_AGENCY_COLUMN = ProblemType(
    "DEF_033", "unknown-agency-column", E,
    "'{code}' is not an agency code on the 'Agencies' sheet (known: {known}). Correct the header in {cell}, or add the agency.",
)
REFERENCE_LOOKS_LIKE_NAME = ProblemType(
    "DEF_034", "reference-not-anonymous", W,
    "case reference '{reference}' is not of the form 'Case A'; it becomes a sheet name in every workbook. Never use a child's name: use 'Case' and a letter or number.",
)
BAD_CASE_SHEET_NAME = ProblemType(
    "DEF_035", "case-reference-not-a-sheet-name", E,
    "case reference '{reference}' cannot be a sheet name in Excel: {why}. Change it in {cell}.",
)

# -- Sections -------------------------------------------------------------------------------
BLANK_SECTION_ID = ProblemType(
    "DEF_040", "blank-section-id", E,
    "this section has no ID. Type a short ID such as 'voice' in {cell}, or delete the row.",
)
DUPLICATE_SECTION_ID = ProblemType(
    "DEF_041", "duplicate-section-id", E,
    "section ID '{section}' is used twice (also in row {first}). Change one of them.",
)
BLANK_SECTION_TITLE = ProblemType(
    "DEF_042", "blank-section-title", E,
    "section '{section}' has no title; agencies see the title above its questions. Type it in {cell}.",
)
TWO_PROFILE_SECTIONS = ProblemType(
    "DEF_043", "two-profile-sections", E,
    "section '{section}' is marked as the case profile, but so is '{first}' (row {row}). Only one section can be the case profile: answer No in {cell}.",
)

# -- Questions ------------------------------------------------------------------------------
BLANK_QUESTION_ID = ProblemType(
    "DEF_050", "blank-question-id", E,
    "this question has no ID. Type a short ID such as 'child_seen_alone' in {cell}, or delete the row.",
)
DUPLICATE_QUESTION_ID = ProblemType(
    "DEF_051", "duplicate-question-id", E,
    "question ID '{question}' is used twice (also in row {first}). Change one of them.",
)
BAD_QUESTION_ID = ProblemType(
    "DEF_052", "bad-question-id", E,
    "question ID '{question}' may hold only letters, digits and underscores, starting with a letter (for example '{suggestion}'). Change it in {cell}.",
)
BLANK_QUESTION_TEXT = ProblemType(
    "DEF_053", "blank-question-text", E,
    "question '{question}' has no text to show agencies. Type the question in {cell}.",
)
UNKNOWN_SECTION = ProblemType(
    "DEF_054", "unknown-section", E,
    "section '{section}' is not on the 'Sections' sheet (known: {known}). Add it there, or correct the ID in {cell}.",
)
UNKNOWN_TYPE = ProblemType(
    "DEF_055", "unknown-question-type", E,
    "'{value}' is not a question type (known: {known}). Choose one from the dropdown in {cell}.",
)
LIST_REQUIRED = ProblemType(
    "DEF_056", "choice-question-without-list", E,
    "question '{question}' is a {type} question but names no choice list (known: {known}). Name one in {cell}.",
)
UNKNOWN_LIST = ProblemType(
    "DEF_057", "unknown-choice-list", E,
    "choice list '{name}' is not on the 'Lists' sheet (known: {known}). Add it there, or correct the name in {cell}.",
)
LIST_NOT_USED_BY_TYPE = ProblemType(
    "DEF_058", "list-on-question-without-dropdown", W,
    "question '{question}' is a {type} question, which has no dropdown, so choice list '{name}' is ignored. Clear {cell}, or change the type.",
)
UNKNOWN_ASKED_PER = ProblemType(
    "DEF_059", "unknown-asked-per", E,
    "'{value}' is not a way of asking (known: case, agency). Choose 'case' (answered for every case) or 'agency' (once per agency) in {cell}.",
)
CONDITION_INCOMPLETE = ProblemType(
    "DEF_060", "condition-incomplete", E,
    "question '{question}' has only half a condition: '{missing}' is blank. Fill in both 'Only if question' and 'equals', or clear both.",
)
CONDITION_UNKNOWN_QUESTION = ProblemType(
    "DEF_061", "condition-on-unknown-question", E,
    "the condition refers to question '{target}', which is not on the 'Questions' sheet{suggestion}. Correct the ID in {cell}.",
)
CONDITION_VALUE_NOT_IN_LIST = ProblemType(
    "DEF_062", "condition-value-not-in-list", E,
    "'{value}' is not an answer to question '{target}' (its list '{name}' has: {known}). Correct the value in {cell}.",
)
CONDITION_NOT_EARLIER = ProblemType(
    "DEF_063", "condition-on-later-question", E,
    "question '{question}' depends on '{target}', {why}. A question can only depend on one asked before it: move it below row {target_row}, or change the condition.",
)
CONDITION_WITHOUT_LIST = ProblemType(
    "DEF_064", "condition-on-question-without-dropdown", E,
    "the condition tests question '{target}', a {type} question without a dropdown. A condition can only test a grade, choice or yes/no question: change it in {cell}.",
)
CONDITION_ASKED_DIFFERENTLY = ProblemType(
    "DEF_065", "condition-asked-differently", E,
    "question '{question}' is asked per {asked_per}, but the question it depends on, '{target}', is asked per {target_asked_per}. Make both the same in column '{column}'.",
)
GUIDANCE_TOO_LONG = ProblemType(
    "DEF_066", "guidance-too-long", E,
    "the guidance of question '{question}' is {length} characters; Excel shows at most {limit} in an input prompt. Shorten it by {over} characters.",
)

# -- Lists ----------------------------------------------------------------------------------
BLANK_LIST_NAME = ProblemType(
    "DEF_070", "blank-list-name", E,
    "the value '{value}' belongs to no list. Type the list's name in {cell}, or delete the row.",
)
BLANK_LIST_VALUE = ProblemType(
    "DEF_071", "blank-list-value", E,
    "list '{name}' has a row without a value. Type the value in {cell}, or delete the row.",
)
DUPLICATE_LIST_VALUE = ProblemType(
    "DEF_072", "duplicate-list-value", E,
    "'{value}' is in list '{name}' twice (also in row {first}); values must differ, ignoring capitals. Delete or change one.",
)
BAD_SCORE = ProblemType(
    "DEF_073", "bad-score", E,
    "score '{value}' is not a number. Type a number such as 3 in {cell}, or leave it blank for no score.",
)
BAD_COLOUR = ProblemType(
    "DEF_074", "bad-colour", E,
    "colour '{value}' is not six hexadecimal digits RRGGBB (for example 00B050 for green). Correct it in {cell}, or leave it blank.",
)
BAD_LIST_NAME = ProblemType(
    "DEF_075", "bad-list-name", E,
    "list name '{name}' cannot name a dropdown range in Excel: {why}. Change it in {cell} and where questions use it.",
)
LIST_VALUE_TOO_LONG = ProblemType(
    "DEF_076", "list-value-too-long", E,
    "a value in list '{name}' is {length} characters; a dropdown entry may have at most {limit}. Shorten it.",
)
LIST_TOO_LONG = ProblemType(
    "DEF_077", "list-too-long", E,
    "list '{name}' has {count:,} values; a dropdown holds at most {limit:,}. Split the list.",
)
LIST_NOT_USED = ProblemType(
    "DEF_078", "list-not-used", W,
    "no question uses list '{name}'. Name it in a question's 'Choice list' column, or delete its rows.",
)
LIST_NAME_MISTYPED = ProblemType(
    "DEF_080", "list-name-mistyped", E,
    "no question uses list '{name}', so its values ({values}) are in no dropdown (did you mean {suggestion}?). "
    "Correct the name in {cell}.",
)
EMPTY_LIST = ProblemType(
    "DEF_079", "empty-list", E,
    "list '{name}' has no values, so its dropdown would be empty. Type its values in column '{column}', one per row.",
)
