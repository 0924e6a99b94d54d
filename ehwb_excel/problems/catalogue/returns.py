"""Problems found in the returns stage (codes RET_nnn).

`rejects_file=True` means the file is not merged at all; every other problem keeps the
answers as typed and is listed beside them, so nothing is lost. The location (file, sheet,
cell) is printed in front of each template.
"""

from ehwb_excel.problems.problem import ProblemType, Severity

E, W = Severity.ERROR, Severity.WARNING

MASTER_NOT_OURS = ProblemType(
    "RET_001", "master-not-ours", E,
    "this is not an ehwb master workbook: {why}. Give the master written by 'ehwb generate' (its file name contains 'master').",
    rejects_file=True,
)

# -- the file itself (looked at before any parsing) ---------------------------------------
NOT_A_WORKBOOK = ProblemType(
    "RET_002", "not-a-workbook", E,
    "this file is not a spreadsheet ({why}). Returns must be Excel workbooks (.xlsx): ask the agency to send its return again, and move this file out of the returns folder.",
    rejects_file=True,
)
CORRUPT_WORKBOOK = ProblemType(
    "RET_003", "corrupt-workbook", E,
    "the workbook cannot be read ({why}). It may be damaged or only partly copied: ask the agency to open it in Excel, save it again as .xlsx and send it again.",
    rejects_file=True,
)
ENCRYPTED = ProblemType(
    "RET_004", "password-protected", E,
    "the workbook is password-protected (encrypted), so it cannot be read. If the workbooks were generated with a password, merge with --password; otherwise ask the agency to remove the password (Excel: File > Info > Protect Workbook > Encrypt with Password, clear it) and send it again.",
    rejects_file=True,
)
ENCRYPTED_DEFAULT_PASSWORD = ProblemType(
    "RET_005", "encrypted-default-password", E,
    "the workbook is encrypted with Excel's built-in default password, so Excel opens it without asking, but it is not merged unread. Ask the agency to save it as a plain Excel Workbook (.xlsx) without protection and send it again.",
    rejects_file=True,
)
LEGACY_XLS = ProblemType(
    "RET_006", "legacy-xls", E,
    "this is an old-style Excel 97-2003 (.xls) file, which loses the dropdowns and the hidden identification. Open it in Excel or LibreOffice, choose File > Save As > 'Excel Workbook (.xlsx)' and send the .xlsx.",
    rejects_file=True,
)
OPEN_DOCUMENT = ProblemType(
    "RET_007", "opendocument-spreadsheet", E,
    "this is an OpenDocument spreadsheet (.ods), not an Excel workbook. In LibreOffice choose File > Save As, set 'File type' to 'Excel 2007-365 (.xlsx)', keep the current format when asked, and send the .xlsx.",
    rejects_file=True,
)
STRICT_OPEN_XML = ProblemType(
    "RET_008", "strict-open-xml", E,
    "the workbook is saved as 'Strict Open XML', which the merge cannot read reliably. In Excel choose File > Save As > 'Excel Workbook (.xlsx)' (not 'Strict Open XML Spreadsheet') and send it again.",
    rejects_file=True,
)
MACRO_ENABLED = ProblemType(
    "RET_009", "macro-enabled", E,
    "the workbook contains macros ({why}); returns must be plain .xlsx files, and macros are never run or merged. In Excel choose File > Save As > 'Excel Workbook (.xlsx)' (this removes the macros) and send it again.",
    rejects_file=True,
)
TOO_LARGE = ProblemType(
    "RET_010", "package-too-large", E,
    "the workbook is far larger than a return can be ({why}), so it is not opened. Ask the agency to send the workbook they were given, filled in, without added pictures or data.",
    rejects_file=True,
)
NOT_OUR_RETURN = ProblemType(
    "RET_011", "not-our-return", E,
    "this is not an ehwb return: {why}. Only the agency workbooks made by 'ehwb generate' can be merged; ask the agency to fill in the workbook they were sent.",
    rejects_file=True,
)
OTHER_AUDIT = ProblemType(
    "RET_012", "return-from-another-audit", E,
    "this return belongs to audit '{found}', not '{expected}'. Move it out of this returns folder; if the agency filled in an old workbook, send them this audit's workbook.",
    rejects_file=True,
)
UNKNOWN_AGENCY = ProblemType(
    "RET_013", "unknown-agency", E,
    "the return names agency '{agency}', which is not an agency of this audit ({known}). Check the agencies in the definition, or ask the sender which workbook they filled in.",
    rejects_file=True,
)
TEMPLATE_VERSION_DIFFERS = ProblemType(
    "RET_014", "template-version-differs", W,
    "the return was made from template version '{found}', the audit is now at version '{expected}'. Answers to questions that still exist are merged; check the problems below for any that no longer match.",
)
DEFINITION_CHANGED = ProblemType(
    "RET_015", "definition-changed", W,
    "the audit definition changed after this workbook was sent (checksum {found} is now {expected}). Answers to questions that still exist are merged by question id; rows for removed questions are reported separately.",
)

# -- identity: which agency and audit a workbook was made for (RET_12x, audit/identity.py) ------
TOKEN_MISSING = ProblemType(
    "RET_120", "identity-token-missing", E,
    "the return carries no identity token, so it cannot be shown to be the workbook sent to {agency}: its hidden "
    "metadata was removed or replaced. It is not merged; ask {agency} to fill in the workbook they were sent and send it again.",
    rejects_file=True,
)
TOKEN_MISMATCH = ProblemType(
    "RET_121", "identity-token-mismatch", E,
    "the return says it is from {agency} (cases: {cases}), but its identity token was not made for that agency and "
    "those cases: its hidden metadata was changed, or taken from another agency's workbook. It is not merged; ask the "
    "sender to send the workbook they were given, changed only by their answers.",
    rejects_file=True,
)
CASE_SHEET_NOT_SENT = ProblemType(
    "RET_122", "case-sheet-not-sent", E,
    "this sheet holds answers for '{case}', but the workbook from {agency} was not sent with that case (it was sent "
    "with: {cases}): the sheet was copied in from another workbook. The file is not merged; ask {agency} to fill in the "
    "workbook they were sent and send it again.",
    rejects_file=True,
)
METADATA_KEY_REPEATED = ProblemType(
    "RET_123", "metadata-key-repeated", E,
    "the hidden metadata names '{key}' {count} times (rows {rows}), so it cannot say which agency or audit the "
    "file is for. It is not merged; ask the sender to send the workbook they were given, unchanged apart from their answers.",
    rejects_file=True,
)
QUESTION_ROW_MOVED = ProblemType(
    "RET_124", "question-row-moved", E,
    "this row shows question {shown} ('{text}') but its hidden Question ID says {question_id}: the rows were sorted or "
    "moved without the hidden column, so the answer '{value}' is not merged (it could land under the wrong question). "
    "Undo the sort (or give the answer on question {shown}'s own row) and send the return again.",
    rejects_answer=True,
)
QUESTION_TEXT_CHANGED = ProblemType(
    "RET_125", "question-text-changed", W,
    "this row's question reads '{text}', not '{expected}' as question {question_id} was sent; the answer is merged "
    "under question {question_id} by its hidden id. Check that the answer is to that question.",
)
MERGE_IN_PROGRESS = ProblemType(
    "RET_127", "merge-in-progress", E,
    "another merge of this master is running ({holder}), so this one stopped before reading anything; nothing was "
    "changed. Wait for it to finish and merge again.",
)
WRONG_PASSWORD = ProblemType(
    "RET_128", "wrong-password", E,
    "the workbook is encrypted and {why}. Give the password it was generated with ('ehwb generate --password'); if the "
    "agency set a password of its own, ask them for it, or to send the workbook again without it.",
    rejects_file=True,
)
MASTER_ENCRYPTED = ProblemType(
    "RET_129", "master-encrypted", E,
    "the master workbook is encrypted (a password to open it), so it cannot be read without the password. Give it with "
    "--password (or the EHWB_PASSWORD environment variable); the ribbon button cannot merge into an encrypted master: "
    "use 'ehwb merge --password' on the command line.",
)
TRAIL_NOT_WRITTEN = ProblemType(
    "RET_130", "trail-not-written", W,
    "the audit trail beside the master could not be added to ({why}); the {what} itself is done. Check that the folder "
    "can be written, so that the next one is recorded.",
)
MASTER_WITHOUT_IDENTITY_KEY = ProblemType(
    "RET_126", "master-without-identity-key", W,
    "this master was made before workbooks carried identity tokens, so returns cannot be checked against the agency "
    "they were sent to (a return whose hidden agency code was changed would merge). Generate the next audit with "
    "'ehwb generate' into a new folder to have them checked.",
)

# -- one answer (the answer is kept as typed; the file still merges) ---------------------
ANSWER_NOT_IN_LIST = ProblemType(
    "RET_016", "answer-not-in-list", E,
    "answer '{value}' is not in the list '{list}' ({choices}). Choose one from the dropdown in {cell} and send the return again.",
)
NOT_A_NUMBER = ProblemType(
    "RET_017", "answer-not-a-number", E,
    "answer '{value}' to question {ref} is not a number. Type a number such as 6 in {cell} and send the return again.",
)
NOT_A_DATE = ProblemType(
    "RET_018", "answer-not-a-date", E,
    "answer '{value}' to question {ref} is not a date. Type a date such as 31/03/2026 in {cell} and send the return again.",
)
REQUIRED_MISSING = ProblemType(
    "RET_019", "required-answer-missing", E,
    "question {ref} ('{question}') needs an answer{where}. Answer it in {cell} and send the return again.",
)
ANSWER_NOT_APPLICABLE = ProblemType(
    "RET_020", "answer-not-applicable", W,
    "question {ref} was answered '{value}', but it applies only when '{condition}' is '{expected}' (the answer there is '{found}'). Check both answers; the answer is kept as typed.",
)
CASE_SHEET_MISSING = ProblemType(
    "RET_021", "case-sheet-missing", E,
    "the sheet for {case} (sent as '{sheet_name}') is not in the return, so none of its answers arrived. The other cases are merged; ask the agency to fill in {case} in the workbook they were sent and send it again.",
)
CASE_SHEET_RENAMED = ProblemType(
    "RET_022", "case-sheet-renamed", W,
    "this sheet was sent as '{expected}' and renamed; it still holds the answers for {case}, which are merged. Nothing to do, though keeping the sheet names helps everyone find the answers.",
)
UNKNOWN_CASE = ProblemType(
    "RET_023", "unknown-case", W,
    "this sheet holds answers for '{case}', which is not a case of agency {agency} in this audit, so its answers are not merged. Check whether the sheet was copied from another workbook.",
)
UNKNOWN_QUESTION = ProblemType(
    "RET_024", "unknown-question", W,
    "this row carries question id '{question_id}', which is not in this audit, so its answer is not merged. The question may have been removed from the definition, or the row copied from another workbook.",
)
TEXT_TOO_LONG = ProblemType(
    "RET_025", "text-too-long", E,
    "the {what} has {length:,} characters, more than the 32,767 an Excel cell can hold. The master shows it cut to 32,767 characters, ending in '…'; shorten it and send the return again.",
)
ILLEGAL_CHARACTERS = ProblemType(
    "RET_026", "illegal-characters", E,
    "the {what} contains {count} invisible control character(s) (such as {example}) that a workbook cannot store. The master stores the text without them; retype the text in {cell} if anything is missing.",
)
DUPLICATE_QUESTION_ROW = ProblemType(
    "RET_027", "question-row-duplicated", W,
    "question {ref} appears more than once (first in {other}); both answers are kept as typed, and the first one decides which later questions apply. Delete the copied row and send the return again.",
)
LOCK_FILE = ProblemType(
    "RET_028", "lock-file-skipped", W,
    "this is a lock file left by {application}: '{original}' is open there or was not closed cleanly. It is skipped; if '{original}' was being changed, close it and merge again.",
)
FOLDER_SKIPPED = ProblemType(
    "RET_034", "folder-skipped", W,
    "this is a folder, not a workbook file, so it is skipped. If a return is inside it, move the .xlsx file itself into the returns folder and merge again.",
)
LINK_NOT_FOLLOWED = ProblemType(
    "RET_035", "link-not-followed", W,
    "this is a link (shortcut) to a file outside the returns folder, or to nothing, so it is not opened. Copy the return itself into the returns folder and merge again.",
)
FILE_UNREADABLE = ProblemType(
    "RET_033", "file-unreadable", E,
    "the file cannot be opened ({why}); it may still be downloading or syncing, or be locked by another program. Close it there, wait for the copy to finish, and merge again.",
    rejects_file=True,
)

# -- what a file is and holds, beyond what any application writes (RET_10x) ---------------
PROPERTY_UNUSABLE = ProblemType(
    "RET_100", "document-property-unusable", W,
    "the workbook's document properties name the application that saved it {why}, which no application writes, so the master "
    "shows {shown} as the application. The answers are merged as usual; if the agency did not expect this, ask which program saved the file.",
)
FILE_NAME_NOT_TEXT = ProblemType(
    "RET_101", "file-name-not-text", W,
    "the file's name is not valid text (each byte that is not is shown as \\xNN); the file is read as usual and named so everywhere. "
    "Rename it (for example to the agency's code and 'return.xlsx') so that everyone can find it.",
)
NOT_A_REGULAR_FILE = ProblemType(
    "RET_102", "not-a-regular-file", W,
    "this is {what}, not a file, so it is never opened. If a return was meant to be here, save the .xlsx file itself into the returns folder and merge again.",
)
COMMENT_WITHOUT_ANSWER = ProblemType(
    "RET_103", "comment-without-answer", W,
    "a comment is typed beside question {ref}, whose answer is blank, so it is on no other sheet; it reads: \"{comment}\". "
    "If it was meant as the answer, type the answer in {cell} and send the return again.",
)
NUMBER_OUT_OF_RANGE = ProblemType(
    "RET_104", "number-out-of-range", E,
    "answer '{value}' to question {ref} is not a number a workbook can hold ({why}). Type the number meant in {cell} and send the return again.",
)

# -- across files (decided by the merge) ---------------------------------------------------
DUPLICATE_AGENCY = ProblemType(
    "RET_029", "duplicate-agency-return", W,
    "this file and '{other}' are both returns from {agency}; the newer one ({newer}) is merged and the other is kept in the history. Remove the older file from the returns folder.",
)
LATE_RETURN = ProblemType(
    "RET_030", "late-return", W,
    "the return from {agency} was received on {received} ({source}), after the deadline of {deadline}. It is merged; note the lateness "
    "for the audit report. If it arrived earlier, type when in its Received cell on the Submissions sheet and merge again.",
)
MISSING_RETURN = ProblemType(
    "RET_031", "missing-return", W,
    "no return from {agency} ({agency_name}) is in the returns folder. Remind {contact} that the deadline is {deadline}.",
)
RETURN_NOT_STARTED = ProblemType(
    "RET_036", "return-not-started", W,
    "the return from {agency} has no answers yet: it is the workbook as it was sent. Remind {contact} to fill it in and send it again by {deadline}.",
)
MASTER_LOCKED = ProblemType(
    "RET_032", "master-locked", E,
    "the master workbook cannot be written ({why}); it is probably open in Excel or LibreOffice. Close it there and merge again; nothing was changed.",
)

# -- the merge and the master it writes (RET_05x) -------------------------------------------
PREVIOUS_ANSWERS_KEPT = ProblemType(
    "RET_051", "previous-answers-kept", W,
    "the {answers} answers {agency} sent in this file, merged earlier, are kept because {why}. Nothing is lost; if that is not expected, put the agency's return in the returns folder and merge again.",
)
RETURNS_FOLDER_NOT_FOUND = ProblemType(
    "RET_052", "returns-folder-not-found", E,
    "the returns folder {why}. Give the folder the agencies' returns were saved in.",
)
MASTER_TEXT_UNWRITABLE = ProblemType(
    "RET_053", "master-text-unwritable", E,
    "this text cannot be stored in an Excel cell ({why}), so the master was not changed. Shorten or retype the text where it came from ({source}) and merge again.",
)
MASTER_NOT_SAVED = ProblemType(
    "RET_054", "master-not-saved", E,
    "the master workbook could not be saved ({why}); the previous master is unchanged. Check there is free disk space and that the folder can be written, then merge again.",
)
MASTER_WOULD_LOSE = ProblemType(
    "RET_055", "master-would-lose-content", E,
    "the master holds {what}, which 'ehwb merge' would drop: it rewrites the file with openpyxl, which cannot keep them. Nothing was changed. Merge with the Merge returns button in Excel, which keeps them, or run again with --allow-loss (the previous master is then kept in backups/).",
)
PROFILE_RECORDS_DIFFER = ProblemType(
    "RET_090", "profile-records-differ", W,
    "for {case}, the agencies' records differ on '{question}' ({answers}); the report {outcome}. "
    "Check the case records with these agencies, and correct the return that is wrong.",
)
QUOTE_CHOICE_GONE = ProblemType(
    "RET_091", "chosen-quote-gone", W,
    "a quote the panel chose for {line} is no longer in any return (\"{words}\"): the report leaves it out. "
    "If an agency reworded it in a corrected return, set the new wording to Include.",
)
