"""Problems with what was typed on the command line: paths, names, outputs (codes CLI_nnn)."""

from ehwb_excel.problems.problem import ProblemType, Severity

E = Severity.ERROR

# -- inputs -----------------------------------------------------------------------------------
NO_SUCH_FILE = ProblemType(
    "CLI_001", "no-such-file", E,
    "there is no such file{near}. Check the name and the folder, or give the full path of the {what}.",
)
FOLDER_NOT_FILE = ProblemType(
    "CLI_002", "folder-not-file", E,
    "this is a folder, not a file: give the {what} itself{inside}.",
)
WRONG_KIND = ProblemType(
    "CLI_003", "wrong-kind-of-file", E,
    "{kind}, not an Excel workbook. Give the {what} (.xlsx); if this is it, open it in Excel and "
    "save it as 'Excel Workbook (.xlsx)'.",
)

# -- outputs ----------------------------------------------------------------------------------
OUTPUT_EXISTS = ProblemType(
    "CLI_010", "output-exists", E,
    "the {what} already exists and was not replaced. Choose another name, or add --force to replace it.",
)
OUTPUT_NAME = ProblemType(
    "CLI_011", "output-name", E,
    "{why}. Give a name ending in {suffixes}.",
)
OUTPUTS_EXIST = ProblemType(
    "CLI_012", "outputs-exist", E,
    "{count} of the workbooks to write are already in this folder ({names}); nothing was replaced. "
    "Add --force to replace them (a master is never replaced), or give another --out folder.",
)

# -- the run itself ---------------------------------------------------------------------------
USAGE = ProblemType(
    "CLI_020", "usage", E,
    "{why}. Run '{command} --help' to see what it takes.",
)
CANNOT_CONTINUE = ProblemType(
    "CLI_021", "cannot-continue", E,
    "{why}",
)
INTERRUPTED = ProblemType(
    "CLI_022", "interrupted", E,
    "interrupted: nothing half-written was left.",
)
INTERNAL_ERROR = ProblemType(
    "CLI_023", "internal-error", E,
    "internal error: {why}. Nothing was written; run again with --debug and report the traceback.",
)

# -- passwords (--password, the EHWB_PASSWORD environment variable or a prompt)
PASSWORD_EMPTY = ProblemType(
    "CLI_030", "password-empty", E,
    "the password is empty, so nothing was written. Give a password (at least {minimum} characters) after --password, in the "
    "EHWB_PASSWORD environment variable, or type it when asked.",
)
PASSWORDS_DIFFER = ProblemType(
    "CLI_031", "passwords-differ", E,
    "the two passwords typed differ, so nothing was written. Run the command again and type the same password twice.",
)
NO_TERMINAL_FOR_PASSWORD = ProblemType(
    "CLI_039", "no-terminal-for-password", E,
    "--password was given without a password and no password was typed (there is no terminal to ask on, or the prompt "
    "was closed), so nothing was written. Set the {variable} environment variable, or run the command in a terminal "
    "and type the password when asked.",
)
PDF_NOT_ENCRYPTED = ProblemType(
    "CLI_032", "pdf-not-encrypted", E,
    "a PDF cannot be written with a password to open it, so with --password the report is the encrypted .docx only. "
    "Leave out --pdf (make a PDF from the decrypted .docx in Word if one is needed).",
)
