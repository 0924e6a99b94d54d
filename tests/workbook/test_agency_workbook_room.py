"""What an agency officer sees: room for free text, numbers without gaps, one date style, counts that say what they count."""

from __future__ import annotations

import re
from datetime import datetime, timezone

import openpyxl
import pytest

from ehwb_excel.audit.default_audit import default_audit
from ehwb_excel.audit.model import QuestionType
from ehwb_excel.excel import layout
from ehwb_excel.workbook import style
from ehwb_excel.workbook.agency_workbook import long_date, agency_workbook
from tests.libreoffice import libreoffice, op  # noqa: F401  (module-scoped fixture)
from tests.sheet_xml import is_custom_height, row_attributes
from tests.workbook_checks import answer_rows, answer_sheets, key_row

AGENCY = "SCT"  # knows all four cases and answers the agency sheet
PARAGRAPH = " ".join(["The worker saw the child weekly and wrote down what she said about school."] * 6)


@pytest.fixture(scope="module")
def audit():
    return default_audit()


@pytest.fixture(scope="module")
def generated(audit, tmp_path_factory):
    """(path, loaded) of the default audit's workbook for AGENCY, as sent out."""
    path = tmp_path_factory.mktemp("room") / f"{AGENCY}.xlsx"
    workbook = agency_workbook(audit, AGENCY, datetime(2026, 1, 5, tzinfo=timezone.utc))
    workbook.save(path)
    return path, openpyxl.load_workbook(path)


def _text_rows(wb, audit):
    return [(ws, row) for ws in answer_sheets(wb) for row in answer_rows(ws) if audit.question(row.question_id).type is QuestionType.TEXT]


def test_rows_where_answers_are_typed_have_no_fixed_height_so_they_grow(generated):
    path, wb = generated
    for ws in answer_sheets(wb):
        rows = row_attributes(path, ws.title)
        for answer in answer_rows(ws):
            assert not is_custom_height(rows[answer.row]), (ws.title, answer)


def test_free_text_answers_start_a_paragraph_tall_in_a_wide_wrapped_cell(generated, audit):
    path, wb = generated
    text_rows = _text_rows(wb, audit)
    assert text_rows, "the default audit asks free-text questions"
    for ws, answer in text_rows:
        cell = ws[answer.answer]
        assert cell.alignment.wrap_text, answer
        assert ws.column_dimensions[cell.column_letter].width >= 40, "a paragraph's width, not a dropdown's"
        height = float(row_attributes(path, ws.title)[answer.row]["ht"])
        assert height >= style.PARAGRAPH_LINES * style.LINE_HEIGHT, (ws.title, answer, height)


def test_section_numbers_on_every_sheet_run_without_a_gap(generated):
    _, wb = generated
    for ws in answer_sheets(wb):
        ref_column = key_row(ws)[1][layout.COL_REF]
        refs = [ws.cell(row=r.row, column=ref_column).value for r in answer_rows(ws)]
        sections = list(dict.fromkeys(int(ref.split(".")[0]) for ref in refs))
        assert sections == list(range(sections[0], sections[0] + len(sections))), (ws.title, sections)
        for section in sections:
            numbers = [int(ref.split(".")[1]) for ref in refs if int(ref.split(".")[0]) == section]
            assert numbers == list(range(1, len(numbers) + 1)), (ws.title, section, numbers)
    assert ws.title == layout.AGENCY_SHEET  # the agency's own sections carry on after the case sheets'


def test_case_sheets_start_at_section_one(generated):
    _, wb = generated
    case = wb["Case A"]
    first = answer_rows(case)[0]
    assert case.cell(row=first.row, column=key_row(case)[1][layout.COL_REF]).value == "1.1"


def test_the_start_sheet_writes_every_date_one_way_and_says_what_it_counts(generated, audit):
    _, wb = generated
    text = " ".join(str(c.value) for row in wb[layout.START_SHEET].iter_rows() for c in row if isinstance(c.value, str))
    assert not re.search(r"\b\d{2}/\d{2}/\d{4}\b", text.replace("dd/mm/yyyy", "")), "a date written as dd/mm/yyyy"
    assert text.count(long_date(audit.settings.deadline)) == 2  # "Return by" and the step that says where to send it
    assert "Required now, given your answers" in text


def test_answer_sheet_and_start_sheet_say_the_same_about_where_answers_go(generated):
    _, wb = generated
    start = " ".join(str(c.value) for row in wb[layout.START_SHEET].iter_rows() for c in row if c.value)
    assert "Answer column too" in start and "'Comment / evidence' column" in start
    for ws in answer_sheets(wb):
        assert "Every answer goes in the Answer column" in ws["A2"].value


@pytest.mark.libreoffice
def test_a_paragraph_typed_in_libreoffice_grows_its_row(libreoffice, generated, audit, tmp_path):
    path, wb = generated
    ws, answer = _text_rows(wb, audit)[0]
    saved = tmp_path / "typed.xlsx"
    libreoffice.run_ok([
        op("open", path=str(path)),
        op("type_value", sheet=ws.title, cell=answer.answer, value=PARAGRAPH),
        op("save_as", path=str(saved)),
    ])
    before = float(row_attributes(path, ws.title)[answer.row]["ht"])
    after = row_attributes(saved, ws.title)[answer.row]
    assert float(after["ht"]) > before and not is_custom_height(after)
    assert openpyxl.load_workbook(saved)[ws.title][answer.answer].value == PARAGRAPH
