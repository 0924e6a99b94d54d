"""Read one returned agency workbook into a ReturnFile: values only, every answer located.

Values are read with python-calamine: it never evaluates formulas (a formula cell gives the
result the saving application cached, or nothing), never runs macros and reads a default
return in about 5 ms (openpyxl read-only: about 87 ms, measured on the SCT return). Answers are
found by the hidden key row and the question id in each row, never by a fixed address, so
rows and columns an agency inserts do not matter. Cell addresses are the real Excel ones.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from ehwb_excel.excel import layout
from ehwb_excel.problems.catalogue import returns as ret
from ehwb_excel.returns.intake import look_at_file
from ehwb_excel.problems.location import Location, column_letter, quoted
from ehwb_excel.excel.meta_sheet import first_value, parse_meta, repeated_keys
from ehwb_excel.audit.model import Audit
from ehwb_excel.returns.returned import Answer, AnswerValue, ReturnFile

# what python-calamine gives for a cell: "" for an empty one, never None
CellValue = int | float | str | bool | time | date | datetime | timedelta
Rows = list[list[CellValue]]


def read_return(path: str | os.PathLike, audit: Audit | None = None, *, identity_key: bytes | None = None,
                password: str | None = None) -> ReturnFile:
    """Everything in one returned file, checked; never raises for a bad file.

    A refused file (not a workbook, encrypted, not ours ...) comes back with no answers and
    a located reason in `problems`. With `audit`, every check in `ehwb_excel.returns.checks` has run
    and its problems are in `problems` too (`rejected` is then final); with the master's
    `identity_key` too, its identity token is checked. `password` opens an encrypted return (in memory).
    """
    from ehwb_excel.returns.checks import check_return  # the checks import this module's neighbours

    try:
        facts = look_at_file(path, password)
    except OSError as error:  # permissions, a cloud placeholder not yet downloaded, a vanished file
        problem = ret.FILE_UNREADABLE(Location.of(path), why=error.strerror or type(error).__name__)
        return ReturnFile(path=os.fspath(path), file_name=os.path.basename(os.fspath(path)), sha256="", size=0, modified=None, problems=[problem])
    found = ReturnFile(
        path=os.fspath(path), file_name=facts.file_name, sha256=facts.sha256, size=facts.size,
        modified=facts.modified, saved_at=facts.saved_at if facts.readable else None,
        application=facts.application, problems=list(facts.problems),
    )
    if not facts.readable:
        return found
    try:
        with native_output_hidden():
            sheets = read_sheets(facts.content)
    except Exception as error:  # calamine raises its own errors for damaged parts; none may escape
        found.problems.append(ret.CORRUPT_WORKBOOK(Location.of(path), why=_reader_why(error)))
        return found
    except BaseException as error:
        if type(error).__name__ != "PanicException":  # a Rust panic inside calamine (pyo3 makes it a BaseException)
            raise
        found.problems.append(ret.CORRUPT_WORKBOOK(Location.of(path), why=f"the reader failed: {_first_line(error)}"))
        return found
    _identify(found, sheets)
    if found.return_format == layout.RETURN_FORMAT:
        for sheet_name, rows in sheets.items():
            _read_answer_sheet(found, sheet_name, rows, facts.long_texts)
    found.problems.extend(check_return(audit, found, identity_key=identity_key))
    return found


# -- workbook -> rows ----------------------------------------------------------------------


def read_sheets(content: bytes) -> dict[str, Rows]:
    """Worksheet name -> rows of values from A1 (hidden and very hidden sheets included).

    Reads the bytes that were fingerprinted, so the SHA-256 on record is of what was read,
    even if the file changes on disk meanwhile (a sync client, an agency saving again).
    """
    from python_calamine import CalamineWorkbook, SheetTypeEnum

    workbook = CalamineWorkbook.from_filelike(io.BytesIO(content))
    try:
        sheets = {}
        for meta in workbook.sheets_metadata:
            if meta.typ != SheetTypeEnum.WorkSheet:  # chart, dialog and macro sheets hold no answers
                continue
            # skip_empty_area=False keeps leading empty rows and columns, so index + 1 is
            # the Excel row/column number even when the sheet starts below A1
            sheets[meta.name] = workbook.get_sheet_by_name(meta.name).to_python(skip_empty_area=False)
        return sheets
    finally:
        workbook.close()


@contextmanager
def native_output_hidden() -> Iterator[None]:
    """The process's standard error (file descriptor 2) sent nowhere while the block runs.

    A Rust panic inside python-calamine is raised as an exception we catch, but the panic
    message (and, with RUST_BACKTRACE set, a backtrace) is written by the native library
    straight to descriptor 2, past Python: only redirecting the descriptor keeps it from the user.
    """
    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, ValueError, AttributeError):  # no descriptor 2 (a GUI host such as Excel's): nothing reaches a user
        yield
        return
    try:
        nowhere = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(nowhere, 2)
        finally:
            os.close(nowhere)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def _reader_why(error: Exception) -> str:
    """Why python-calamine could not read the workbook, in a coordinator's words."""
    if type(error).__name__ == "WorksheetNotFound":  # its message is the sheet's name alone
        return f"the sheet '{quoted(_first_line(error))}' is listed in the workbook but cannot be found in the file"
    return f"{type(error).__name__}: {_first_line(error)}" if type(error).__module__.startswith("python_calamine") else _first_line(error)


def _first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return text[0] if text else type(error).__name__


# -- identification ------------------------------------------------------------------------


def _identify(found: ReturnFile, sheets: dict[str, Rows]) -> None:
    """Fill audit, agency, template version and the sent case sheets from the metadata sheet."""
    name: str | None = layout.META_SHEET if layout.META_SHEET in sheets else None
    if name is None:  # renamed: look for a sheet that starts with our format key
        name = next((n for n, r in sheets.items() if r and r[0] and _text(r[0][0]) == layout.META_FORMAT), None)
    if name is None:
        return
    rows = sheets[name]
    meta = parse_meta(rows)
    found.meta_sheet = name
    found.repeated_meta = repeated_keys(rows, layout.META_KEYS)
    found.agency_token = first_value(meta, layout.META_AGENCY_TOKEN)
    found.return_format = first_value(meta, layout.META_FORMAT)
    found.audit_id = first_value(meta, layout.META_AUDIT_ID)
    found.agency_code = first_value(meta, layout.META_AGENCY)
    found.template_version = first_value(meta, layout.META_TEMPLATE_VERSION)
    found.definition_checksum = first_value(meta, layout.META_DEFINITION_CHECKSUM)
    found.generated_at = first_value(meta, layout.META_GENERATED_AT)
    for values in meta.get(layout.META_CASE_SHEETS, []):
        if len(values) >= 2 and values[0] and values[1]:
            found.sent_case_sheets[values[1]] = values[0]  # case reference -> sheet name


# -- one answer sheet ----------------------------------------------------------------------


@dataclass(frozen=True)
class KeyRow:
    """Where the hidden key row is and which column holds what (1-based, as Excel counts)."""

    row: int
    columns: dict[str, int]
    subject: str | None


def find_key_row(rows: Rows) -> KeyRow | None:
    """The key row of an answer sheet, wherever rows or columns were inserted; None if absent."""
    subject = None
    key_row = None
    for r, row in enumerate(rows, start=1):
        texts = [_text(v) for v in row]
        if layout.COL_SUBJECT in texts and subject is None:
            at = texts.index(layout.COL_SUBJECT)
            subject = next((t for t in texts[at + 1 :] if t), None)
        if key_row is None and layout.COL_QUESTION_ID in texts:
            columns = {t: c for c, t in enumerate(texts, start=1) if t.startswith(layout.KEY_PREFIX)}
            key_row = (r, columns)
        if key_row and subject:
            break
    if key_row is None or layout.COL_ANSWER not in key_row[1]:
        return None
    return KeyRow(key_row[0], key_row[1], subject)


def _read_answer_sheet(found: ReturnFile, sheet_name: str, rows: Rows, long_texts: dict[tuple[str, str], str]) -> None:
    """The answers on one sheet; a cell whose text python-calamine cut at 32,767 characters gets its whole text (`long_texts`)."""
    if sheet_name == layout.META_SHEET:
        return
    key = find_key_row(rows)
    if key is None:
        return
    case = _case_of(found, sheet_name, key.subject)
    if case is _NOT_AN_ANSWER_SHEET:
        return
    if case is None:
        found.agency_sheet = found.agency_sheet or sheet_name
    else:
        found.case_sheets.setdefault(case, sheet_name)
    id_column = key.columns[layout.COL_QUESTION_ID]
    answer_column = key.columns[layout.COL_ANSWER]
    comment_column = key.columns.get(layout.COL_COMMENT)
    question_column = key.columns.get(layout.COL_QUESTION)
    # the columns' letters are worked out once per sheet, not twice per answer
    answer_letter, comment_letter = column_letter(answer_column), column_letter(comment_column) if comment_column else ""
    header_row = _visible_header_row(rows, key.row)
    for r in range(header_row + 1, len(rows) + 1):
        row = rows[r - 1]
        question_id = _text(_cell(row, id_column))
        if not question_id:
            continue
        answer_cell, comment_cell = f"{answer_letter}{r}", f"{comment_letter}{r}" if comment_column else None
        value = _value(_cell(row, answer_column))
        comment = _value(_cell(row, comment_column)) if comment_column else None
        if long_texts:
            value = long_texts.get((sheet_name, answer_cell), value)
            comment = long_texts.get((sheet_name, comment_cell), comment) if comment_cell else None
        found.answers.append(Answer(
            question_id=question_id,
            case=case,
            value=value,
            comment=None if comment is None else comment if isinstance(comment, str) else _text(comment),  # as typed: never trimmed
            location=Location(found.file_name, sheet_name, answer_cell),
            comment_location=Location(found.file_name, sheet_name, comment_cell) if comment_cell else None,
            question_text=_text(_cell(row, question_column)) if question_column else None,
        ))


def _visible_header_row(rows: Rows, key_row: int) -> int:
    """The visible header ("No.", "Question", "Answer" ...): the first non-empty row below
    the hidden key row, even when an agency inserted empty rows between them."""
    for r in range(key_row + 1, len(rows) + 1):
        if any(_text(v) for v in rows[r - 1]):
            return r
    return key_row


_NOT_AN_ANSWER_SHEET = object()


def _case_of(found: ReturnFile, sheet_name: str, subject: str | None):
    """The case a sheet answers for (None: the agency sheet), by its subject cell first,
    then by the sheet name the workbook was sent with."""
    if subject:
        if subject.casefold() == layout.SUBJECT_AGENCY:
            return None
        if subject.casefold().startswith(layout.SUBJECT_CASE_PREFIX):
            return subject[len(layout.SUBJECT_CASE_PREFIX) :].strip()
    by_name = {sheet: case for case, sheet in found.sent_case_sheets.items()}
    if sheet_name in by_name:
        return by_name[sheet_name]
    return None if sheet_name == layout.AGENCY_SHEET else _NOT_AN_ANSWER_SHEET


def _cell(row: list[CellValue], column: int) -> CellValue | None:
    return row[column - 1] if 0 < column <= len(row) else None


def _value(raw: object) -> AnswerValue:
    """A cell value as stored: None for an empty cell; times as text (no question takes one)."""
    if raw is None or raw == "":
        return None
    if isinstance(raw, (str, bool, int, float, datetime, date)):
        return raw
    if isinstance(raw, (time, timedelta)):
        return str(raw)
    return str(raw)


def _text(raw: object) -> str:
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return str(raw).strip()
