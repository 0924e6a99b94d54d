"""A returned agency workbook as plain values: who sent it, what it says, where each answer sits."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from ehwb_excel.problems.location import Location, printable
from ehwb_excel.problems.problem import Problem

AnswerValue = str | int | float | bool | date | datetime | None


@dataclass(frozen=True)
class Answer:
    """One answer row found in a return, with the raw value as the spreadsheet stored it.

    `value` is None for a blank answer cell (blank rows are kept: a required answer can be
    missing). `case` is None for questions asked once per agency. `location` is the answer
    cell as Excel names it in the returned file (after any rows the agency inserted).
    """

    question_id: str
    case: str | None
    value: AnswerValue
    comment: str | None
    location: Location
    comment_location: Location | None = None  # the comment cell on the same row, when the sheet has one
    question_text: str | None = None  # the visible question text on the row (None: the sheet has no question column)

    @property
    def is_blank(self) -> bool:
        return self.value is None or (isinstance(self.value, str) and not self.value.strip())


@dataclass
class ReturnFile:
    """Everything read from one file in the returns folder.

    A file that could not be read at all (not a workbook, encrypted, not ours) has
    `agency_code` None, no answers and at least one error in `problems`.
    """

    path: str
    file_name: str
    sha256: str
    size: int
    modified: datetime | None  # file system modification time, UTC
    saved_at: datetime | None = None  # the workbook's own last-saved time (docProps/core.xml), UTC; None when not recorded
    application: str = ""  # "Microsoft Excel 16.0300", "LibreOffice/7.4...", "" when not known
    audit_id: str | None = None
    agency_code: str | None = None
    template_version: str | None = None
    definition_checksum: str | None = None
    case_sheets: dict[str, str] = field(default_factory=dict)  # case reference -> sheet name found
    return_format: str | None = None  # META_FORMAT as found: layout.RETURN_FORMAT for our returns
    generated_at: str | None = None  # META_GENERATED_AT as written (ISO 8601, UTC)
    agency_token: str | None = None  # META_AGENCY_TOKEN as written (audit.identity); None when the workbook has none
    meta_sheet: str | None = None  # the name of the sheet the metadata was found on
    repeated_meta: dict[str, list[int]] = field(default_factory=dict)  # a metadata key on more than one row -> those rows
    sent_case_sheets: dict[str, str] = field(default_factory=dict)  # case reference -> sheet name when sent
    agency_sheet: str | None = None  # the sheet holding the questions asked once per agency, if found
    answers: list[Answer] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # (case, question id, sheet, cell) of an answer -> its canonical value or the Problem why it
    # has none, worked out once by answer_values.canonical_of for the checks and the merge alike
    canonical: dict[tuple[str | None, str, str | None, str | None], object] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        # the name goes into master cells and one-line messages: a line break or control
        # character in it would make the master unsaveable and the message two lines
        self.file_name = printable(self.file_name)

    @property
    def rejected(self) -> bool:
        """True when the file is not merged at all (not a workbook, not ours, unknown agency ...).

        An answer-level error (a pasted value outside its list) does not reject the file: the
        answer is kept as typed and the problem is listed, so nothing is lost.
        """
        return any(p.type.rejects_file for p in self.problems)

    @property
    def answered(self) -> list[Answer]:
        return [a for a in self.answers if not a.is_blank]
