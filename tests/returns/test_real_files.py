"""Every file saved by a real application, put in a returns folder, is refused with one located line: never a crash."""

from __future__ import annotations

import shutil

import pytest

from ehwb_excel.problems.catalogue import returns as ret
from ehwb_excel.audit.default_audit import default_audit
from ehwb_excel.returns.intake import files_in_returns_folder
from ehwb_excel.returns.reader import read_return
from tests.conftest import REAL_FILES

AUDIT = default_audit()
LISTING = sorted(p.name for p in REAL_FILES.iterdir()) if REAL_FILES.is_dir() else []

# What each kind of file must be refused as. Every other spreadsheet in the folder is a
# workbook that is simply not one of our returns.
EXPECTED = {
    "encrypted_agile_pw-123_excel16_mac.xlsx": ret.ENCRYPTED,
    "encrypted_default_password_velvetsweatshop_excel2007.xlsx": ret.ENCRYPTED_DEFAULT_PASSWORD,
    "dv_list_inline_prompts_excel2002.xls": ret.LEGACY_XLS,
    "dv_list_named_range_unicode_names_excel2002.xls": ret.LEGACY_XLS,
    "sheets_hidden_veryhidden_excel2013.xls": ret.LEGACY_XLS,  # an OLE file that also looks like a zip
    "dates_times_libreoffice7.ods": ret.OPEN_DOCUMENT,
    "sheets_hidden_veryhidden_excel2013.ods": ret.OPEN_DOCUMENT,
    "sheets_hidden_veryhidden_excel2013_strict.xlsx": ret.STRICT_OPEN_XML,
    "vba_macro_excel2010.xlsm": ret.MACRO_ENABLED,
    "vba_chart_macro_dialog_sheets_excel2011_mac.xlsm": ret.MACRO_ENABLED,
    "word_headers_footers_first_even_word16.docx": ret.NOT_A_WORKBOOK,
    "word_paragraph_styles_word2011_mac.docx": ret.NOT_A_WORKBOOK,
    "word_table_merged_cells_word2011_mac.docx": ret.NOT_A_WORKBOOK,
    "word_table_styles_word2011_mac.docx": ret.NOT_A_WORKBOOK,
    "PROVENANCE.md": ret.NOT_A_WORKBOOK,
    "SHA256SUMS": ret.NOT_A_WORKBOOK,
    "empty_workbook_excel2007.xlsx": ret.NOT_OUR_RETURN,
}


@pytest.mark.real_files
@pytest.mark.parametrize("name", LISTING)
def test_each_real_file_is_refused_with_one_located_line(real_files, tmp_path, name):
    returns = tmp_path / "returns"
    returns.mkdir()
    path = shutil.copy(real_files / name, returns / name)
    found = read_return(path, AUDIT)
    assert found.rejected and found.answers == [] and found.agency_code is None
    assert len(found.problems) == 1
    problem = found.problems[0]
    assert problem.code == EXPECTED.get(name, ret.NOT_OUR_RETURN).code
    assert (problem.location.file, problem.location.sheet, problem.location.cell) == (name, None, None)
    line = str(problem)
    assert line.startswith(f"{name}: ") and "\n" not in line
    assert found.sha256 and found.size == (real_files / name).stat().st_size


@pytest.mark.real_files
def test_the_whole_folder_as_a_returns_folder_never_crashes(real_files, tmp_path):
    returns = tmp_path / "returns"
    shutil.copytree(real_files, returns)
    (returns / "~$vba_macro_excel2010.xlsm").write_bytes(b"\0" * 165)  # Excel's owner file
    paths, skipped = files_in_returns_folder(returns)
    assert [p.code for p in skipped] == [ret.LOCK_FILE.code]
    assert sorted(p.name for p in paths) == LISTING
    refused = [read_return(p, AUDIT) for p in paths]
    assert all(f.rejected for f in refused)


@pytest.mark.real_files
def test_who_saved_each_real_workbook_is_recorded(real_files):
    assert read_return(real_files / "dv_list_inline_libreoffice7.xlsx").application == "LibreOffice/7.0.4.2"
    assert read_return(real_files / "comments_threaded_rtl_text_excel_online.xlsx").application == "Microsoft Excel Online 16.0300"
    assert read_return(real_files / "dv_list_inline_googlesheets.xlsx").application == ""  # Google Sheets records none
