"""Build returns for tests: a generated agency workbook, filled in by case and question id, then edited."""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Mapping
from pathlib import Path

from openpyxl import Workbook, load_workbook

from ehwb_excel.excel import layout
from ehwb_excel.workbook.agency_workbook import agency_workbook
from ehwb_excel.demo.returns import fill_answers
from ehwb_excel.audit.model import Audit
from ehwb_excel.returns.reader import find_key_row
from tests.audit_factory import small_audit

# Answers that make a small_audit() return from SCT complete and valid.
SCT_COMPLETE = {
    ("Case A", "gender"): "Female",
    ("Case A", "months_known"): 14,
    ("Case A", "self_harm"): "No",
    ("Case A", "voice"): "Good",
    ("Case A", "trauma"): "Requires improvement",
    ("Case B", "gender"): "Male",
    ("Case B", "months_known"): 3,
    ("Case B", "self_harm"): "Yes",
    ("Case B", "self_harm_detail"): "Referred to the school nurse the same day; safety plan agreed with the family.",
    ("Case B", "voice"): "Outstanding",
    ("Case B", "trauma"): "Good",
    (None, "training"): "Yes",
}


def generated_return(folder: Path, audit: Audit | None = None, agency: str = "SCT", name: str | None = None) -> Path:
    """The workbook `ehwb generate` would send `agency`, saved in `folder`."""
    audit = audit or small_audit()
    path = folder / (name or f"{agency} return.xlsx")
    agency_workbook(audit, agency).save(path)
    return path


def filled_return(
    folder: Path,
    answers: Mapping[tuple[str | None, str], object] = SCT_COMPLETE,
    audit: Audit | None = None,
    agency: str = "SCT",
    name: str | None = None,
    comments: Mapping[tuple[str | None, str], str] | None = None,
) -> Path:
    """A generated return with `answers` written by case and question id."""
    return fill_answers(generated_return(folder, audit, agency, name), answers, comments=comments)


def edit_return(path: Path, change: Callable[[Workbook], None]) -> Path:
    """Load with openpyxl, apply `change(wb)`, save in place (as a script or another app might)."""
    wb = load_workbook(path)
    change(wb)
    wb.save(path)
    return path


def answer_cell(path: Path, case: str | None, question_id: str) -> tuple[str, str]:
    """(sheet, cell) of the answer to `question_id` on the sheet for `case`, found by key row."""
    wb = load_workbook(path)
    subject = layout.SUBJECT_AGENCY if case is None else f"{layout.SUBJECT_CASE_PREFIX}{case}"
    for ws in wb.worksheets:
        rows = [list(r) for r in ws.iter_rows(min_row=1, min_col=1, values_only=True)]
        key = find_key_row(rows)
        if key is None or key.subject != subject:
            continue
        id_column = key.columns[layout.COL_QUESTION_ID]
        for r, row in enumerate(rows, start=1):
            if r > key.row and id_column <= len(row) and row[id_column - 1] == question_id:
                return ws.title, ws.cell(row=r, column=key.columns[layout.COL_ANSWER]).coordinate
    raise KeyError((case, question_id))


def set_meta(path: Path, key: str, value: str | None) -> Path:
    """Change (or, with None, remove) one key of the hidden metadata sheet."""

    def change(wb: Workbook) -> None:
        ws = wb[layout.META_SHEET]
        for row in ws.iter_rows():
            if row[0].value == key:
                if value is None:
                    ws.delete_rows(row[0].row)
                else:
                    row[1].value = value
                return
        raise KeyError(key)

    return edit_return(path, change)


def zip_file(path: Path, entries: Mapping[str, bytes | str]) -> Path:
    """A zip package with the given parts (for packages no application would write)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in entries.items():
            package.writestr(name, data)
    return path


def rewrite_parts(source: Path, target: Path, change: Callable[[str, bytes], bytes | None]) -> Path:
    """A copy of a package with each part passed through `change(name, data)` (None drops it)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = change(info.filename, old.read(info))
            if data is not None:
                new.writestr(info.filename, data)
    return target


def typed_in_calc(libreoffice, sent: Path, answers: dict, saved_as: Path | None = None) -> None:
    """An agency opens the workbook it was sent in LibreOffice Calc, types `answers`
    ({(case, question id): value}) through Calc's own validation, and saves (as `saved_as`,
    or in place); every answer must have been accepted."""
    from tests.libreoffice import op

    operations = [op("open", path=str(sent))]
    for (case, question_id), value in answers.items():
        sheet, cell = answer_cell(sent, case, question_id)
        operations.append(op("type_value", sheet=sheet, cell=cell, value=value))
    operations.append(op("save_as", path=str(saved_as or sent)))
    results = libreoffice.run(operations)
    assert not [r for r in results if "error" in r or r.get("accepted") is False], results
