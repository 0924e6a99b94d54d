"""A master the coordinator typed into in LibreOffice Calc: their values survive a merge, and the merge survives Calc."""

from datetime import datetime

import pytest
from openpyxl import load_workbook

from ehwb_excel.excel import layout
from ehwb_excel.master.reader import read_master_state
from ehwb_excel.workbook.master_skeleton import master_workbook
from ehwb_excel.master.writer import save_master
from ehwb_excel.merge.merge import merge
from tests.libreoffice import libreoffice, op  # noqa: F401  (module-scoped fixture)
from tests.merge_helpers import NOW, data_of, full_answers, merge_audit, return_file

AUDIT = merge_audit()
ROW = layout.COORDINATOR_HEADER_ROW + 1
INJECTION = '=HYPERLINK("http://x","click")'


def returns():
    answers = full_answers("SCT") | {("Case A", "voice_notes"): INJECTION}
    return [return_file("SCT", answers), return_file("CAMHS", full_answers("CAMHS", grade="Inadequate"))]


def coordinator_values(path):
    book = load_workbook(path)
    return {name: [tuple(r) for r in book[name].iter_rows(values_only=True)] for name in layout.COORDINATOR_SHEETS}


@pytest.mark.libreoffice
def test_values_typed_in_calc_survive_the_merge_and_calc_reads_the_merged_master(libreoffice, tmp_path):
    master = tmp_path / "master.xlsx"
    master_workbook(AUDIT).save(master)
    typed = libreoffice.run([
        op("open", path=str(master)),
        op("unprotect", sheet=layout.PANEL_SHEET),
        op("type_value", sheet=layout.PANEL_SHEET, cell=f"A{ROW}", value="Audit panel"),
        op("type_value", sheet=layout.PANEL_SHEET, cell=f"B{ROW}", value=46132),  # 20/04/2026: Calc stores a typed date as its serial number
        op("type_value", sheet=layout.PANEL_SHEET, cell=f"D{ROW}", value=7),
        op("set_text", sheet=layout.HEADLINES_SHEET, cell=f"B{ROW}", text="=not a formula: the panel's words"),
        op("set_formula", sheet=layout.HEADLINES_SHEET, cell=f"A{ROW}", formula="=1"),
        op("save_as", path=str(master)),
    ])
    assert not [r for r in typed if "error" in r], typed
    before = coordinator_values(master)
    assert before[layout.PANEL_SHEET][ROW - 1][:4] == ("Audit panel", datetime(2026, 4, 20), None, 7)

    first = merge(AUDIT, returns(), read_master_state(master), now=NOW)
    save_master(master, first, backup=False)
    assert coordinator_values(master) == before

    # the coordinator opens the merged master in Calc, types a headline and saves it again
    again = libreoffice.run([
        op("open", path=str(master)),
        op("get_value", sheet=layout.RESPONSES_SHEET, cell=_cell_of(first, INJECTION)),
        op("set_text", sheet=layout.HEADLINES_SHEET, cell=f"B{ROW + 1}", text="Second headline"),
        op("save_as", path=str(master)),
    ])
    assert not [r for r in again if "error" in r], again
    assert again[1]["kind"] == "TEXT" and again[1]["string"] == INJECTION  # Calc sees text, not a formula

    second = merge(AUDIT, returns(), read_master_state(master), now=NOW)
    assert data_of(second) == data_of(first)  # a master saved by Calc reads back to the same data
    typed_in_calc = coordinator_values(master)
    save_master(master, second, backup=False)
    assert coordinator_values(master) == typed_in_calc


def _cell_of(result, text: str) -> str:
    rows = result.sheet(layout.RESPONSES_SHEET).rows
    index = next(i for i, row in enumerate(rows) if text in row)
    return f"G{index + 2}"
