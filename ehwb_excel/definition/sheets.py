"""The definition workbook's sheets, columns and settings, with the other names people give them.

The writer prints the canonical headers and notes; the reader maps whatever header it finds
("Agency code", "code ", "CODE") back to the canonical key through `canonical_header`.
"""

from __future__ import annotations

from dataclasses import dataclass

from ehwb_excel.excel.cell_text import folded
from ehwb_excel.excel.limits import PROMPT_MAX


@dataclass(frozen=True)
class Column:
    key: str  # what the reader calls it
    header: str  # what the coordinator sees in row 1
    note: str  # the header's comment: what to type in this column
    width: int = 18
    aliases: tuple[str, ...] = ()
    required: bool = True  # the sheet must have this column


@dataclass(frozen=True)
class SheetSpec:
    name: str
    what: str  # "agencies": what the sheet lists, for messages
    columns: tuple[Column, ...]

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)


INSTRUCTIONS_SHEET = "Instructions"
DROPDOWNS_SHEET = "Dropdowns"  # hidden: the fixed values behind this workbook's own dropdowns

AUDIT = SheetSpec("Audit", "audit settings", (
    Column("setting", "Setting", "The name of the setting. Keep these names as they are.", 24, ("settings", "name", "key", "field")),
    Column("value", "Value", "The value of the setting. The deadline is a date such as 29/01/2027.", 60, ("values", "setting value")),
    Column("about", "What it is", "Explains the setting; not read.", 60, ("about", "notes", "description", "help"), required=False),
))

AGENCIES = SheetSpec("Agencies", "agencies", (
    Column("code", "Code", "A short code for the agency, e.g. CAMHS. It appears in file names and headers, so keep it short; each code once.", 20,
           ("agency code", "agency", "short name", "abbreviation")),
    Column("name", "Full name", "The agency's full name, as it should appear in the report.", 55, ("agency name", "name", "full agency name")),
    Column("contact", "Contact", "Who in the agency receives the workbook: a role or team mailbox, not a personal name.", 40,
           ("contact email", "email", "e-mail", "agency contact"), required=False),
))

CASE_REFERENCE = Column(
    "reference", "Reference", "An anonymous reference such as 'Case A'. Never a child's name: it becomes a sheet name in every workbook.", 14,
    ("case reference", "case", "case ref", "ref", "case id"))
CASE_SUMMARY = Column(
    "summary", "Summary", "A short anonymous summary for the audit panel (no names, no dates of birth). Optional.", 60,
    ("case summary", "description", "notes"), required=False)
CASES = SheetSpec("Cases", "cases", (CASE_REFERENCE, CASE_SUMMARY))
CASE_AGENCY_NOTE = "Yes if this agency knows the case and must complete an audit tool for it; otherwise leave blank."

SECTIONS = SheetSpec("Sections", "sections", (
    Column("id", "ID", "A short ID for the section, e.g. voice. Questions name their section by this ID.", 16, ("section id", "section", "key")),
    Column("title", "Title", "The key line of enquiry as agencies see it.", 45, ("section title", "name", "line of enquiry", "heading")),
    Column("description", "Description", "What the section looks at; shown under the title. Optional.", 60, ("about", "notes", "explanation"), required=False),
    Column("is_profile", "Case profile?", "Yes for the one section that describes the child (gender, ethnicity, ...); No for a line of enquiry.", 14,
           ("profile", "is profile", "case profile", "profile section"), required=False),
))

QUESTIONS = SheetSpec("Questions", "questions", (
    Column("id", "ID", "A short unique ID: letters, digits and _, e.g. child_seen_alone. Keep it when you reword the question.", 24,
           ("question id", "question_id", "key", "name")),
    Column("section", "Section", "The ID of the section (from the Sections sheet) this question belongs to.", 14, ("section id", "section_id")),
    Column("text", "Question", "The question as agencies read it.", 42, ("question text", "label", "wording")),
    Column("type", "Type", "grade, choice, yes/no, number, date or free text.", 12, ("question type", "answer type", "kind")),
    Column("choice_list", "Choice list", "For grade, choice and yes/no questions: the list (from the Lists sheet) the dropdown shows. Blank means grade or yes_no.", 14,
           ("list", "list name", "choices", "choice list name", "dropdown")),
    Column("required", "Required", "Yes if the agency must answer; No if it may leave it blank.", 10, ("mandatory", "must answer", "required?")),
    Column("asked_per", "Asked per", "case: answered for every case; agency: answered once by each agency.", 11, ("asked", "per", "asked once per", "level")),
    Column("guidance", "Guidance", f"Help shown beside the question and as the cell's input prompt; at most {PROMPT_MAX} characters.", 42, ("help", "hint", "notes", "prompt")),
    Column("condition_question", "Only if question", "Optional: ask this question only when the answer to this earlier question...", 18,
           ("condition", "only if", "depends on", "condition question", "show if question")),
    Column("condition_value", "equals", "...equals this value, e.g. Yes.", 12, ("condition value", "value", "is", "only if value", "show if value")),
    Column("report_label", "Report label", "Optional: how the report names this question for its readers, e.g. 'Disclosure of sexual abuse "
           "to the agency'. Blank: the question's own words, with 'your agency' as 'the agency'.", 26,
           ("report wording", "label in report", "report text", "report name"), required=False),
))

LISTS = SheetSpec("Lists", "choice lists", (
    Column("list", "List", "The list's name; one row per value, in the order the dropdown shows them.", 14, ("list name", "name", "choice list")),
    Column("value", "Value", "One value of the dropdown.", 30, ("choice", "option", "label", "values")),
    Column("score", "Score", "Optional number used to average grades, e.g. Good = 3. Blank for no score.", 8, ("points", "weight")),
    Column("colour", "Colour", "Optional fill colour as six hex digits RRGGBB, e.g. 00B050 (green).", 10, ("color", "fill", "colour code")),
))

DATA_SHEETS = (AUDIT, AGENCIES, CASES, SECTIONS, QUESTIONS, LISTS)


# -- settings on the Audit sheet ----------------------------------------------------------------

@dataclass(frozen=True)
class SettingSpec:
    field: str  # the Settings attribute
    label: str
    about: str
    required: bool = True
    aliases: tuple[str, ...] = ()


SETTINGS = (
    SettingSpec("audit_id", "Audit ID", "A unique ID for this audit; every return carries it, e.g. EHWB-2026-Q1.", aliases=("id", "audit", "audit reference")),
    SettingSpec("theme", "Theme", "The theme of this quarter's audit.", aliases=("audit theme", "title")),
    SettingSpec("partnership", "Partnership", "The safeguarding partnership running the audit.", aliases=("partnership name", "lscp")),
    SettingSpec("period", "Period", "The period of work the audit looks at.", aliases=("audit period", "period audited")),
    SettingSpec("deadline", "Deadline", "The date returns are due.", aliases=("due date", "return date", "returns due")),
    SettingSpec("coordinator", "Coordinator", "Who coordinates the audit (a role is enough).", aliases=("coordinator name", "audit coordinator", "contact")),
    SettingSpec("coordinator_email", "Coordinator email", "Where agencies send their returns.",
                aliases=("email", "e-mail", "coordinator e-mail", "contact email", "return to")),
    SettingSpec("coordinator_phone", "Coordinator phone", "A phone number for questions. Optional.", False, ("phone", "telephone", "contact phone")),
    SettingSpec("protective_marking", "Protective marking", "Printed in every header and footer. Blank means OFFICIAL-SENSITIVE.", False,
                ("marking", "classification", "security marking")),
    SettingSpec("template_version", "Template version", "Raise it when you change questions after sending workbooks. Blank means 1.", False,
                ("version", "template")),
)


# -- forgiving names ----------------------------------------------------------------------------

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " ", "\u2007": " ", "\u202f": " "})


def loose(text: object) -> str:
    """A header or name as compared: no quotes (smart or plain) or '?', spaces collapsed, no case, '_' as space."""
    text = "" if text is None else str(text)
    text = text.translate(_QUOTES).replace("_", " ")
    return folded("".join(ch for ch in text if ch not in "'\"?"))


def canonical_header(spec: SheetSpec, header: object) -> str | None:
    """The key of the column `header` names on `spec`'s sheet; None when it is none of them."""
    wanted = loose(header)
    if not wanted:
        return None
    for column in spec.columns:
        if wanted in {loose(column.header), loose(column.key), *(loose(a) for a in column.aliases)}:
            return column.key
    return None


def setting_for(label: object) -> SettingSpec | None:
    """The setting a label on the Audit sheet names ("audit id", "Audit_ID", "ID"); None if unknown."""
    wanted = loose(label)
    for setting in SETTINGS:
        if wanted in {loose(setting.label), loose(setting.field), *(loose(a) for a in setting.aliases)}:
            return setting
    return None
