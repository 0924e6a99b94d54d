"""A generated agency workbook as a real client sees it: LibreOffice Calc over UNO."""

from __future__ import annotations

from datetime import datetime, timezone

import openpyxl
import pytest

from ehwb_excel.excel import layout
from ehwb_excel.workbook.agency_workbook import agency_workbook
from ehwb_excel.audit.default_audit import default_audit
from ehwb_excel.audit.model import QuestionType
from tests.libreoffice import libreoffice, op  # noqa: F401  (module-scoped fixture)
from tests.workbook_checks import answer_rows, answer_sheets, key_row, meta, unlocked_cells, validations_by_cell

pytestmark = pytest.mark.libreoffice

AGENCY = "SCT"  # knows all four cases and answers the agency sheet
LO_TYPES = {
    QuestionType.GRADE: "LIST", QuestionType.CHOICE: "LIST", QuestionType.YES_NO: "LIST",
    QuestionType.NUMBER: "DECIMAL", QuestionType.DATE: "DATE", QuestionType.TEXT: "TEXT_LEN",
}


@pytest.fixture(scope="module")
def audit():
    return default_audit()


@pytest.fixture(scope="module")
def generated(audit, tmp_path_factory):
    path = tmp_path_factory.mktemp("agency") / f"{AGENCY}.xlsx"
    agency_workbook(audit, AGENCY, datetime(2026, 1, 5, tzinfo=timezone.utc)).save(path)
    return path, openpyxl.load_workbook(path)


@pytest.fixture(scope="module")
def first_case(generated, audit):
    """Rows of the first case sheet: a grade, a yes/no and a number question to type into."""
    _, wb = generated
    rows = {r.question_id: r for r in answer_rows(wb[audit.cases[0].reference])}
    by_type = {}
    for qid, row in rows.items():
        by_type.setdefault(audit.question(qid).type, row)
    return by_type


@pytest.fixture(scope="module")
def seen(libreoffice, generated, first_case):
    """One LibreOffice session: read every sheet, type answers as a user would, save as xlsx."""
    path, wb = generated
    case = first_case[QuestionType.GRADE].sheet
    operations = [op("open", path=str(path))]
    for ws in answer_sheets(wb):
        answer_column = ws.cell(row=1, column=key_row(ws)[1][layout.COL_ANSWER]).column_letter
        operations += [
            op("sheet_info", sheet=ws.title),
            op("validations", sheet=ws.title, range=f"{answer_column}1:{answer_column}{ws.max_row + 5}"),
            op("unlocked_cells", sheet=ws.title, range=f"A1:J{ws.max_row + 5}"),
        ]
    for name in (layout.START_SHEET, layout.LISTS_SHEET, layout.META_SHEET):
        operations.append(op("sheet_info", sheet=name))
    grade, yes_no, number = (first_case[t].answer for t in (QuestionType.GRADE, QuestionType.YES_NO, QuestionType.NUMBER))
    saved = path.with_name("saved by libreoffice.xlsx")
    progress = [op("get_value", sheet=layout.START_SHEET, cell=f"{column}{_progress_row(wb, case)}") for column in "DEF"]
    operations += [
        op("recalculate"),
        *progress,
        op("type_value", sheet=case, cell=grade, value="Good"),
        op("type_value", sheet=case, cell=yes_no, value="Maybe"),
        op("type_value", sheet=case, cell=yes_no, value="yes"),  # case-insensitive, as in Excel
        op("type_value", sheet=case, cell=number, value=-3),
        op("type_value", sheet=case, cell=number, value=12),
        op("type_value", sheet=case, cell=first_case[QuestionType.DATE].answer, value="1999-12-31"),
        op("type_value", sheet=case, cell=first_case[QuestionType.DATE].answer, value="2026-01-05"),
        op("set_value", sheet=case, cell=first_case[QuestionType.TEXT].answer, value="=1+1 typed as text"),
        op("recalculate"),
        *progress,
        op("save_as", path=str(saved)),
    ]
    results = libreoffice.run_ok(operations)
    return results, saved


def _progress_row(wb, sheet: str) -> int:
    """The start sheet's progress row for `sheet` (its name in column A)."""
    ws = wb[layout.START_SHEET]
    return next(r for r in range(1, ws.max_row + 1) if ws.cell(row=r, column=1).value == sheet)


def _results(seen, name, sheet=None):
    results, _ = seen
    return [r for i, r in enumerate(results) if r["op"] == name]


def _by_sheet(seen, generated, name):
    _, wb = generated
    sheets = [ws.title for ws in answer_sheets(wb)]
    return dict(zip(sheets, _results(seen, name)))


def test_libreoffice_shows_a_dropdown_with_the_right_entries_on_every_answer_cell(seen, generated, audit):
    _, wb = generated
    validations = _by_sheet(seen, generated, "validations")
    checked = 0
    for ws in answer_sheets(wb):
        cells = validations[ws.title]["cells"]
        for row in answer_rows(ws):
            question = audit.question(row.question_id)
            found = cells[row.answer]
            assert found["type"] == LO_TYPES[question.type], (ws.title, row)
            assert found["error_style"] == "STOP" and found["show_error"] and found["error_message"]
            assert found["show_input"] and found["input_message"]
            if found["type"] == "LIST":
                assert found["entries"] == list(audit.choices_for(question).values), (ws.title, row)
                assert found["show_list"] != 0  # the arrow is shown
                assert found["formula1"] == layout.list_name_for(question.choice_list)
            checked += 1
    assert checked == sum(len(answer_rows(ws)) for ws in answer_sheets(wb)) > 100


def test_libreoffice_sees_every_case_sheet_protected_with_only_input_cells_unlocked(seen, generated):
    _, wb = generated
    infos = _by_sheet(seen, generated, "sheet_info")
    unlocked = _by_sheet(seen, generated, "unlocked_cells")
    for ws in answer_sheets(wb):
        assert infos[ws.title]["protected"] and infos[ws.title]["visible"]
        assert set(unlocked[ws.title]["cells"]) == unlocked_cells(ws) != set()
        row, keys = key_row(ws)
        assert row in infos[ws.title]["hidden_rows"]
        assert ws.cell(row=row, column=keys[layout.COL_QUESTION_ID]).column_letter in infos[ws.title]["hidden_columns"]


def test_lists_and_metadata_sheets_are_hidden_and_the_start_sheet_protected(seen):
    start, lists, meta_info = _results(seen, "sheet_info")[-3:]
    assert start["visible"] and start["protected"]
    assert not lists["visible"] and not meta_info["visible"]


def test_a_value_from_the_list_is_accepted_and_one_outside_it_refused(seen):
    good, maybe, yes, negative, twelve, too_early, in_range = _results(seen, "type_value")
    assert good["accepted"] and good["string"] == "Good"
    assert not maybe["accepted"] and maybe["kind"] == "EMPTY"  # refused and taken back
    assert yes["accepted"]
    assert not negative["accepted"]
    assert twelve["accepted"] and twelve["value"] == 12
    assert not too_early["accepted"]  # dates before 2000 are typing mistakes
    assert in_range["accepted"] and in_range["string"] == "05/01/2026"  # shown as dd/mm/yyyy


def test_saved_back_as_xlsx_the_answers_validations_and_metadata_survive(seen, generated, first_case, audit):
    _, saved = seen
    path, original = generated
    back = openpyxl.load_workbook(saved)
    case = first_case[QuestionType.GRADE].sheet
    ws = back[case]
    assert ws[first_case[QuestionType.GRADE].answer].value == "Good"
    assert ws[first_case[QuestionType.YES_NO].answer].value == "yes"
    assert ws[first_case[QuestionType.NUMBER].answer].value == 12
    assert ws[first_case[QuestionType.DATE].answer].value == datetime(2026, 1, 5)
    assert [r.question_id for r in answer_rows(ws)] == [r.question_id for r in answer_rows(original[case])]
    assert back[layout.LISTS_SHEET].sheet_state == "hidden"
    assert back[layout.META_SHEET].sheet_state in ("hidden", "veryHidden")  # LibreOffice: hidden
    assert meta(back) == meta(original)
    for sheet in answer_sheets(back):
        assert sheet.protection.sheet
        row, keys = key_row(sheet)
        assert sheet.row_dimensions[row].hidden
        assert sheet.column_dimensions[openpyxl.utils.get_column_letter(keys[layout.COL_QUESTION_ID])].hidden
        lists = [dv for dv in sheet.data_validations.dataValidation if dv.type == "list"]
        assert all(back.defined_names[dv.formula1.lstrip("=")] for dv in lists)
        # LibreOffice writes "&10 OFFICIAL-SENSITIVE": openpyxl keeps the space after the size code
        assert sheet.oddHeader.center.text.strip() == audit.settings.protective_marking


def test_the_start_sheet_progress_counts_answers_live(seen):
    (before_required, before_answered, before_to_do), (after_required, after_answered, after_to_do) = (
        [v["value"] for v in values] for values in (_results(seen, "get_value")[:3], _results(seen, "get_value")[3:])
    )
    assert before_answered == 0 and before_to_do == before_required > 0
    assert after_answered == 5  # Good, yes, 12, the date and the text
    assert 0 < after_required - after_to_do <= after_answered  # required answers now given
    # 'yes' to "known to your agency?" makes the questions that depend on it required
    assert after_required > before_required


def test_text_starting_with_equals_stays_text_after_a_libreoffice_save(seen, first_case):
    _, saved = seen
    cell = openpyxl.load_workbook(saved)[first_case[QuestionType.TEXT].sheet][first_case[QuestionType.TEXT].answer]
    assert cell.value == "=1+1 typed as text" and cell.data_type == "s"


def test_rows_inserted_by_an_agency_move_answers_keys_and_validations_together(libreoffice, generated, first_case, tmp_path):
    path, original = generated
    grade = first_case[QuestionType.GRADE]
    saved = tmp_path / "with rows inserted.xlsx"
    libreoffice.run_ok([
        op("open", path=str(path)),
        op("unprotect", sheet=grade.sheet),
        op("insert_rows", sheet=grade.sheet, row=grade.row, count=2),
        op("type_value", sheet=grade.sheet, cell=f"{grade.answer[0]}{grade.row + 2}", value="Inadequate"),
        op("save_as", path=str(saved)),
    ])
    ws = openpyxl.load_workbook(saved)[grade.sheet]
    moved = {r.question_id: r for r in answer_rows(ws)}
    assert list(moved) == [r.question_id for r in answer_rows(original[grade.sheet])]
    assert moved[grade.question_id].row == grade.row + 2
    assert ws[moved[grade.question_id].answer].value == "Inadequate"
    dv = validations_by_cell(ws)[moved[grade.question_id].answer]
    assert dv.type == "list" and dv.formula1.startswith(layout.LIST_NAME_PREFIX)


def test_the_master_recommendations_offer_agency_codes_and_statuses_in_libreoffice(libreoffice, audit, tmp_path):
    from ehwb_excel.workbook.master_skeleton import master_workbook

    path = tmp_path / "master.xlsx"
    master_workbook(audit).save(path)
    first = layout.COORDINATOR_HEADER_ROW + 1
    _, found = libreoffice.run_ok([
        op("open", path=str(path)),
        op("validations", sheet=layout.RECOMMENDATIONS_SHEET, range=f"A{first}:F{first}"),
    ])
    column = {h: "ABCDEF"[i] for i, h in enumerate(layout.RECOMMENDATIONS_COLUMNS)}
    cells = found["cells"]
    assert cells[f"{column['Lead agency']}{first}"]["entries"] == [a.code for a in audit.agencies]
    assert cells[f"{column['Status']}{first}"]["entries"] == list(layout.ACTION_STATUSES)
    assert cells[f"{column['Due date']}{first}"]["type"] == "DATE"
