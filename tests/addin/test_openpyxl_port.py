"""The stand-in port writes what the button writes in Excel, dropdowns included, so the button's tests see them."""

from __future__ import annotations

from openpyxl import Workbook, load_workbook

from ehwb_excel.addin.openpyxl_port import OpenpyxlWorkbookPort
from ehwb_excel.merge.sheet_table import SheetTable

CHOOSING = SheetTable("Quote choices", ("Quote", "Report?"), [("Listens well", ""), ("Late plans", "Include")],
                      choices={"Report?": (("Include", "Leave out"), "Include puts this quote in the report.")})


def test_a_choice_column_gets_one_dropdown_over_its_data_rows_however_often_it_is_written(tmp_path):
    master = tmp_path / "master.xlsx"
    Workbook().save(master)
    port = OpenpyxlWorkbookPort(master)
    port.write_sheet(CHOOSING)
    port.write_sheet(CHOOSING)  # a second merge replaces the dropdown, it does not add one
    port.save()
    [validation] = load_workbook(master)["Quote choices"].data_validations.dataValidation
    assert (validation.type, validation.formula1, str(validation.sqref)) == ("list", '"Include,Leave out"', "B2:B3")
    assert validation.prompt == validation.error == "Include puts this quote in the report." and validation.errorStyle == "stop"
