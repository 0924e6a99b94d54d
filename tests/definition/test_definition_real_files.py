"""Files saved by real applications that are not definition workbooks get one clear refusal each."""

import pytest

from ehwb_excel.problems.catalogue import definition as problems
from ehwb_excel.definition.reader import read_definition


@pytest.mark.real_files
@pytest.mark.parametrize("name, why", [
    ("encrypted_agile_pw-123_excel16_mac.xlsx", "password-protected (encrypted)"),
    ("encrypted_default_password_velvetsweatshop_excel2007.xlsx", "password-protected (encrypted)"),
    ("sheets_hidden_veryhidden_excel2013_strict.xlsx", "Strict Open XML"),
    ("sheets_hidden_veryhidden_excel2013.xls", "only .xlsx and .xlsm"),
    ("dates_times_libreoffice7.ods", "only .xlsx and .xlsm"),
])
def test_unreadable_real_files(real_files, name, why):
    audit, report = read_definition(real_files / name)
    assert audit is None
    assert report.flatten() == [[name, "", "", problems.FILE_UNREADABLE.code]]
    assert why in report.problems[0].message


@pytest.mark.real_files
def test_a_real_workbook_without_our_sheets_names_each_missing_sheet(real_files):
    audit, report = read_definition(real_files / "empty_workbook_excel2007.xlsx")
    assert audit is None
    assert [p.context["sheet"] for p in report.problems] == ["Audit", "Agencies", "Cases", "Sections", "Questions", "Lists"]
    assert {p.code for p in report.problems} == {problems.MISSING_SHEET.code}
