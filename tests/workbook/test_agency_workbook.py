"""The agency workbook as openpyxl sees it: validations, names, protection, marking, metadata."""

from __future__ import annotations

from datetime import datetime, timezone
from io import BytesIO

import openpyxl
import pytest

from ehwb_excel.excel import layout
from ehwb_excel.workbook.agency_workbook import agency_workbook, question_refs
from ehwb_excel.excel.meta_sheet import first_value
from ehwb_excel.audit.model import QuestionType
from tests.audit_factory import small_audit
from tests.workbook_checks import answer_rows, answer_sheets, key_row, meta, subject, unlocked_cells, validations_by_cell

WHEN = datetime(2026, 1, 5, 9, 30, tzinfo=timezone.utc)


def saved_and_loaded(wb):
    buffer = BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    return openpyxl.load_workbook(buffer)


@pytest.fixture(scope="module")
def audit():
    return small_audit()


@pytest.fixture(scope="module")
def sct(audit):
    return saved_and_loaded(agency_workbook(audit, "SCT", WHEN))


def test_sheets_are_start_cases_known_to_the_agency_then_hidden_ones(sct):
    assert sct.sheetnames == [layout.START_SHEET, "Case A", "Case B", layout.AGENCY_SHEET, layout.LISTS_SHEET, layout.META_SHEET]
    assert sct[layout.LISTS_SHEET].sheet_state == "hidden"
    assert sct[layout.META_SHEET].sheet_state == "veryHidden"
    assert sct.active.title == layout.START_SHEET


def test_an_agency_gets_only_its_own_cases(audit):
    wb = agency_workbook(audit, "CAMHS", WHEN)
    assert [ws.title for ws in answer_sheets(wb)] == ["Case A", layout.AGENCY_SHEET]


def test_unknown_agency_is_refused_with_the_known_codes(audit):
    with pytest.raises(ValueError, match="'NOPE' is not in audit EHWB-2026-Q1 .*SCT, CAMHS"):
        agency_workbook(audit, "NOPE")


def test_a_case_named_like_a_reserved_sheet_is_refused_not_renamed(audit):
    from dataclasses import replace

    from ehwb_excel.audit.model import Case

    clash = replace(audit, cases=(Case(layout.START_SHEET, ("SCT",)),))
    with pytest.raises(ValueError, match="sheet name 'Start' is used twice or is reserved"):
        agency_workbook(clash, "SCT")


def test_an_agency_that_knew_no_case_gets_only_the_agency_sheet(audit):
    from dataclasses import replace

    from ehwb_excel.audit.model import Agency

    wb = agency_workbook(replace(audit, agencies=(*audit.agencies, Agency("NEW", "New service"))), "NEW")
    assert [ws.title for ws in answer_sheets(wb)] == [layout.AGENCY_SHEET]
    assert "none" in " ".join(str(c.value) for row in wb[layout.START_SHEET].iter_rows() for c in row)


def test_key_row_is_hidden_above_the_header_and_names_the_subject(sct):
    for ws in answer_sheets(sct):
        row, keys = key_row(ws)
        assert ws.row_dimensions[row].hidden
        assert [k for k in keys if k != layout.COL_SUBJECT] == list(layout.ANSWER_SHEET_COLUMNS)
        assert ws.column_dimensions[openpyxl.utils.get_column_letter(keys[layout.COL_QUESTION_ID])].hidden
        assert ws.freeze_panes == f"A{row + 2}"
    assert subject(sct["Case A"]) == "case:Case A"
    assert subject(sct[layout.AGENCY_SHEET]) == "agency"


def test_questions_grouped_by_section_with_the_profile_first(sct, audit):
    ids = [r.question_id for r in answer_rows(sct["Case A"])]
    assert ids == ["gender", "months_known", "first_contact", "self_harm", "self_harm_detail", "voice", "voice_notes", "trauma"]
    assert [r.question_id for r in answer_rows(sct[layout.AGENCY_SHEET])] == ["training"]
    assert question_refs(audit)["gender"] == "1.1" and question_refs(audit)["voice"] == "2.1"
    ws = sct["Case A"]
    first = answer_rows(ws)[0].row
    assert ws.cell(row=first - 1, column=2).value == "Case profile"  # a section title row


def test_every_answer_cell_has_the_validation_its_type_asks_for(sct, audit):
    expected = {
        QuestionType.NUMBER: "decimal", QuestionType.DATE: "date", QuestionType.TEXT: "textLength",
        QuestionType.GRADE: "list", QuestionType.CHOICE: "list", QuestionType.YES_NO: "list",
    }
    for ws in answer_sheets(sct):
        validations = validations_by_cell(ws)
        for row in answer_rows(ws):
            question = audit.question(row.question_id)
            dv = validations[row.answer]
            assert dv.type == expected[question.type], (ws.title, row)
            assert dv.errorStyle == "stop" and dv.showErrorMessage and dv.error
            assert dv.showInputMessage and dv.prompt and len(dv.prompt) <= 255
            assert dv.promptTitle and len(dv.promptTitle) <= 32 and len(dv.errorTitle) <= 32
            assert not dv.showDropDown  # True would hide the arrow
            if dv.type == "list":
                assert dv.formula1 == layout.list_name_for(question.choice_list)
            assert row.comment not in validations


def test_list_validations_name_a_defined_range_on_the_hidden_lists_sheet(sct, audit):
    lists = sct[layout.LISTS_SHEET]
    for ws in answer_sheets(sct):
        for dv in ws.data_validations.dataValidation:
            if dv.type != "list":
                continue
            assert not dv.formula1.startswith('"') and len(dv.formula1) <= 255
            name = sct.defined_names[dv.formula1.lstrip("=")]
            ((sheet, cells),) = name.destinations
            assert sheet == layout.LISTS_SHEET and cells.count("$") == 4
            choice_list = audit.choice_list(lists[cells.replace("$", "").split(":")[0]].offset(-1).value)
            assert [c.value for c in lists[cells.replace("$", "")] for c in c] == list(choice_list.values)


def test_long_guidance_is_trimmed_for_the_prompt_but_kept_beside_the_question(sct, audit):
    ws = sct["Case A"]
    row = next(r for r in answer_rows(ws) if r.question_id == "voice")
    prompt = validations_by_cell(ws)[row.answer].prompt
    assert len(prompt) == 255 and prompt.endswith("\u2026")
    assert audit.question("voice").guidance in ws.cell(row=row.row, column=5).value


def test_answer_sheets_are_protected_with_only_answer_and_comment_cells_unlocked(sct):
    for ws in answer_sheets(sct):
        assert ws.protection.sheet
        rows = answer_rows(ws)
        assert unlocked_cells(ws) == {r.answer for r in rows} | {r.comment for r in rows}
    assert sct[layout.START_SHEET].protection.sheet
    assert unlocked_cells(sct[layout.START_SHEET]) == set()


def test_marking_in_every_header_and_footer_with_page_numbers(sct):
    for ws in sct.worksheets:
        for part in (ws.oddHeader, ws.oddFooter, ws.firstHeader, ws.firstFooter):
            assert part.center.text == "OFFICIAL-SENSITIVE", ws.title
        assert "&P" in ws.oddFooter.right.text


def test_every_font_is_named(sct):
    for ws in sct.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.has_style:
                    assert cell.font.name == "Arial", (ws.title, cell.coordinate)


def test_metadata_identifies_audit_agency_version_and_cases(sct, audit):
    found = meta(sct)
    assert first_value(found, layout.META_FORMAT) == layout.RETURN_FORMAT
    assert first_value(found, layout.META_AUDIT_ID) == "EHWB-2026-Q1"
    assert first_value(found, layout.META_AGENCY) == "SCT"
    assert first_value(found, layout.META_TEMPLATE_VERSION) == "1"
    assert first_value(found, layout.META_DEFINITION_CHECKSUM) == audit.checksum()
    assert first_value(found, layout.META_GENERATED_AT) == "2026-01-05T09:30:00+00:00"
    assert found[layout.META_CASE_SHEETS] == [["Case A", "Case A"], ["Case B", "Case B"]]


def test_definition_text_starting_with_equals_is_written_as_text_not_a_formula(sct):
    ws = sct["Case A"]
    row = next(r for r in answer_rows(ws) if r.question_id == "voice")
    cell = ws.cell(row=row.row, column=2)
    assert cell.value == "=Was the child's voice heard?" and cell.data_type == "s"


def test_progress_table_counts_each_sheet_with_live_formulas(sct):
    ws = sct[layout.START_SHEET]
    rows = {ws.cell(row=r, column=1).value: r for r in range(1, ws.max_row + 1)}
    row = rows["Case A"]
    assert ws.cell(row=row, column=3).value == 8  # questions
    required = ws.cell(row=row, column=4).value
    assert required.startswith("=") and "'Case A'!$C$" in required  # the conditional question counts when its answer is Yes
    assert ws.cell(row=row, column=5).value.startswith("=COUNTA('Case A'!$C$")
    assert ws.cell(row=row, column=1).hyperlink.location == "'Case A'!A1"
    assert sct.calculation.fullCalcOnLoad


def test_grade_answers_are_coloured_and_required_ones_highlighted(sct):
    ws = sct["Case A"]
    rows = {r.question_id: r.answer for r in answer_rows(ws)}
    formats = {str(cf.sqref): [rule for rule in cf.rules] for cf in ws.conditional_formatting}
    grade = next(rules for ref, rules in formats.items() if rows["voice"] in ref.split() and rows["trauma"] in ref.split())
    assert '"Good"' in [rule.formula[0] for rule in grade]
    assert formats[rows["gender"]][0].formula == [f"LEN(TRIM(${rows['gender'][0]}${rows['gender'][1:]}))=0"]
    assert "AND(" in formats[rows["self_harm_detail"]][0].formula[0]
    assert rows["first_contact"] not in formats  # optional: never highlighted


def test_no_person_in_workbook_properties(sct):
    assert sct.properties.creator == "ehwb_excel"
    assert not sct.properties.lastModifiedBy
    assert "Emotional Health" in sct.properties.title
