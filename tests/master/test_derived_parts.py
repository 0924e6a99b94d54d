"""Before a save, the derived sheets' old cells are left out of what openpyxl loads; nothing else is."""

from __future__ import annotations

import zipfile

from openpyxl import load_workbook

from ehwb_excel.excel import layout
from ehwb_excel.master.derived_parts import sheet_parts, without_cells_of
from tests.merge_helpers import real_master


def test_only_the_named_sheets_lose_their_cells(tmp_path):
    master = real_master(tmp_path / "master.xlsx")
    workbook = load_workbook(master)
    workbook[layout.RESPONSES_SHEET]["A5"] = "an old answer"
    workbook[layout.PANEL_SHEET]["A9"] = "typed by the coordinator"
    workbook.save(master)

    with zipfile.ZipFile(master) as package:
        parts = sheet_parts(package)
        assert set(parts) == set(workbook.sheetnames) and all(p in package.namelist() for p in parts.values())
    loaded = load_workbook(without_cells_of(master, [layout.RESPONSES_SHEET, "no such sheet"]))

    assert loaded.sheetnames == workbook.sheetnames
    assert list(loaded[layout.RESPONSES_SHEET].values) == [] and list(workbook[layout.RESPONSES_SHEET].values)
    assert loaded[layout.RESPONSES_SHEET].oddHeader.center.text == workbook[layout.RESPONSES_SHEET].oddHeader.center.text
    assert loaded[layout.PANEL_SHEET]["A9"].value == "typed by the coordinator"
    assert [[c.value for c in r] for r in loaded[layout.MASTER_META_SHEET].iter_rows()] == \
        [[c.value for c in r] for r in workbook[layout.MASTER_META_SHEET].iter_rows()]
