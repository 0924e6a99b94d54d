"""Writing the definition workbook and reading it back gives the same audit; typing variants are forgiven."""

from dataclasses import replace
from datetime import date, datetime

import openpyxl
import pytest

from ehwb_excel.definition import sheets
from ehwb_excel.audit.default_audit import default_audit
from ehwb_excel.definition.reader import load_definition, read_definition
from ehwb_excel.definition.writer import write_definition
from ehwb_excel.excel.palette import FONT_NAME
from ehwb_excel.audit.model import AskedPer, QuestionType
from tests.definition_helpers import (
    agency_column,
    case_row,
    cell,
    definition,
    question_row,
    save,
    section_row,
    setting_row,
)


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    path = tmp_path_factory.mktemp("definition") / "audit.xlsx"
    write_definition(default_audit(), path)
    return path


def test_read_back_is_the_same_audit_with_the_same_checksum(written):
    audit, report = read_definition(written)
    assert report.problems == []
    assert audit == default_audit()
    assert audit.checksum() == default_audit().checksum()


def test_load_definition_returns_the_audit(written):
    assert load_definition(written).settings.deadline == default_audit().settings.deadline


def test_own_dropdowns_use_defined_names_never_inline_or_cross_sheet(written):
    workbook = openpyxl.load_workbook(written)
    names = set(workbook.defined_names.keys())
    lists = [dv for ws in workbook for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert len(lists) >= 7
    for validation in lists:
        assert validation.formula1 in names, validation.formula1
        assert '"' not in validation.formula1 and "!" not in validation.formula1
        assert not validation.showDropDown  # True would hide the arrow (the OOXML flag is inverted)
        assert len(validation.promptTitle or "") <= 32 and len(validation.prompt or "") <= 255
    questions = workbook[sheets.QUESTIONS.name]
    by_column = {str(dv.sqref).split(":")[0][0]: dv.formula1 for dv in questions.data_validations.dataValidation}
    assert by_column["D"] == "def_types" and by_column["G"] == "def_asked_per"
    cases = {str(dv.sqref): dv.formula1 for dv in workbook["Cases"].data_validations.dataValidation}
    assert cases == {"C2:AG501": "def_yes", "C1:AG1": "def_agency_codes"}
    assert workbook.defined_names["def_agency_codes"].attr_text == "'Agencies'!$A$2:$A$501"
    dropdowns = workbook[sheets.DROPDOWNS_SHEET]
    assert dropdowns.sheet_state == "hidden"
    assert workbook.defined_names["def_types"].attr_text == "'Dropdowns'!$A$2:$A$7"
    assert [dropdowns.cell(r, 1).value for r in range(2, 8)] == [t.value for t in QuestionType]


def test_sheets_headers_notes_fonts_and_frozen_rows(written):
    workbook = openpyxl.load_workbook(written)
    assert workbook.sheetnames[:7] == [sheets.INSTRUCTIONS_SHEET, "Audit", "Agencies", "Cases", "Sections", "Questions", "Lists"]
    for spec in sheets.DATA_SHEETS:
        ws = workbook[spec.name]
        assert ws.freeze_panes == "A2"
        for column, expected in enumerate(spec.columns, start=1):
            header = ws.cell(1, column)
            assert header.value == expected.header
            assert header.comment is not None and header.comment.text == expected.note
        for row in ws.iter_rows():
            for c in row:
                if c.value is not None:
                    assert c.font.name == FONT_NAME, (spec.name, c.coordinate)
    cases = workbook["Cases"]
    assert [cases.cell(1, c).value for c in range(3, 14)] == [a.code for a in default_audit().agencies]
    assert isinstance(workbook["Audit"].cell(setting_row("Deadline"), 2).value, datetime)


def test_forgiving_headers_and_values_give_the_same_audit(tmp_path):
    q = question_row
    workbook = definition(
        {
            "Agencies!A1": "Agency code",
            "Agencies!B1": "  full   NAME ",
            "Cases!A1": "Case ref",
            "Sections!D1": "\u2018Case Profile\u2019",
            "Questions!A1": "Question_ID",
            "Questions!I1": "Only\u00a0if question",
            "Lists!D1": "Color",
            "Audit!A1": "settings",
            "Audit!A2": "audit_id",
            f"Audit!B{setting_row('Deadline')}": "29/01/2027",
            f"Audit!B{setting_row('Template version')}": 1.0,
            f"Cases!{agency_column('SCT')}{case_row('Case A')}": "y",
            f"Cases!{agency_column('CCG')}{case_row('Case A')}": True,
            f"Cases!{agency_column('WMP')}{case_row('Case A')}": "✓",
            f"Sections!D{section_row('profile')}": "TRUE",
            f"Sections!D{section_row('voice')}": False,
            cell(sheets.QUESTIONS, "type", q("ehe_reason")): "Free Text",
            cell(sheets.QUESTIONS, "type", q("auditor_role")): "text",
            cell(sheets.QUESTIONS, "type", q("ehe")): "yes no",
            cell(sheets.QUESTIONS, "type", q("anxiety")): "Yes/No",
            cell(sheets.QUESTIONS, "choice_list", q("anxiety")): None,  # yes/no defaults to yes_no
            cell(sheets.QUESTIONS, "choice_list", q("voice_grade")): None,  # grade defaults to grade
            cell(sheets.QUESTIONS, "required", q("gender")): "Y",
            cell(sheets.QUESTIONS, "asked_per", q("date_completed")): "Once per agency",
            cell(sheets.QUESTIONS, "condition_value", q("ehe_reason")): " yes\u00a0",
            cell(sheets.QUESTIONS, "id", q("gender")): "\u00a0gender ",
            cell(sheets.QUESTIONS, "section", q("gender")): "Profile",
            cell(sheets.QUESTIONS, "choice_list", q("gender")): "GENDER",
            cell(sheets.QUESTIONS, "condition_question", q("ehe_reason")): "EHE",
            "Lists!C2": "4",
            "Lists!D2": "#00b050",
        }
    )
    audit, report = read_definition(save(workbook, tmp_path))
    assert report.problems == []
    assert audit == default_audit()


def test_a_deadline_typed_as_iso_text_and_blank_optional_settings(tmp_path):
    workbook = definition({
        f"Audit!B{setting_row('Deadline')}": "2027-01-29",
        f"Audit!B{setting_row('Protective marking')}": None,
        f"Audit!B{setting_row('Template version')}": None,
    })
    audit, report = read_definition(save(workbook, tmp_path))
    assert report.valid
    assert audit.settings.deadline == date(2027, 1, 29)
    assert audit.settings.protective_marking == "OFFICIAL-SENSITIVE" and audit.settings.template_version == "1"


def test_agency_columns_in_another_order_keep_the_agencies_order(tmp_path):
    workbook = definition()
    cases = workbook["Cases"]
    cases.move_range("C1:M5", cols=1)  # shift agencies right by one ...
    cases.move_range("N1:N5", cols=-11)  # ... and bring the last (MST) to the front
    audit, report = read_definition(save(workbook, tmp_path))
    assert report.valid, report.problems
    assert audit.cases == default_audit().cases


def test_text_that_looks_like_a_formula_stays_text(tmp_path):
    original = default_audit()
    question = replace(original.questions[-1], guidance="=HYPERLINK(\"http://x\")")
    audit = replace(original, questions=original.questions[:-1] + (question,))
    path = tmp_path / "audit.xlsx"
    write_definition(audit, path)
    ws = openpyxl.load_workbook(path)["Questions"]
    guidance = ws.cell(len(audit.questions) + 1, 8)
    assert guidance.data_type == "s" and guidance.value.startswith("=")
    assert read_definition(path)[0].questions[-1].guidance == question.guidance


def test_agency_questions_and_types_survive(written):
    audit = load_definition(written)
    assert audit.question("auditor_role").asked_per is AskedPer.AGENCY
    assert audit.question("csc_years_known").type is QuestionType.NUMBER


def test_a_report_label_typed_by_the_coordinator_is_read_and_a_blank_one_is_derived(written, tmp_path):
    book = openpyxl.load_workbook(written)
    questions = book[sheets.QUESTIONS.name]
    header = [c.value for c in questions[1]]
    label_column, id_column = header.index("Report label") + 1, header.index("ID") + 1
    rows = {questions.cell(row=r, column=id_column).value: r for r in range(2, questions.max_row + 1)}
    questions.cell(row=rows["disclosure_made"], column=label_column, value="Disclosed sexual abuse")
    questions.cell(row=rows["gender"], column=label_column).value = None  # cell(value=None) would keep the old value
    book.save(tmp_path / "edited.xlsx")
    audit = load_definition(tmp_path / "edited.xlsx")
    assert audit.question("disclosure_made").label == "Disclosed sexual abuse"
    assert audit.question("gender").label == "Gender of the child"  # blank: the question's own words
    assert audit.question("auditor_role").label == "Role of the person completing this audit"
    assert default_audit().question("last_assessment_date").label == "Date of the agency's most recent assessment"
