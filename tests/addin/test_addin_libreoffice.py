"""The built add-in opens in a real LibreOffice (macros switched off) and its settings sheet
reads back as written: the package we patched at the zip level is a sound workbook."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from python_calamine import CalamineWorkbook

from ehwb_excel.addin.build import build_addin
from ehwb_excel.addin.names import SETTINGS_SHEET

WINDOWS_PYTHON = r"C:\Program Files\Python311 & tools\python.exe"

# A private profile in which no macro can run, whatever the document holds.
NO_MACROS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="MacroSecurityLevel" oor:op="fuse"><value>3</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="DisableMacrosExecution" oor:op="fuse"><value>true</value></prop></item>
</oor:items>
"""


@pytest.fixture(scope="module")
def converted(tmp_path_factory, libreoffice_available):
    """The add-in opened by LibreOffice and saved again as .xlsx (one soffice for the module)."""
    folder = tmp_path_factory.mktemp("addin_lo")
    addin = build_addin(folder / "built", interpreters={"Interpreter_Win": WINDOWS_PYTHON, "Interpreter_Mac": ""})
    profile = folder / "profile"
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(NO_MACROS, encoding="utf-8")
    out = folder / "out"
    # LibreOffice's type detection does not take the .xlam extension: name the import filter
    # (the one for macro-enabled Excel 2007+ workbooks, which also reads the VBA project).
    completed = subprocess.run(
        [shutil.which("soffice") or "soffice", "--headless", "--norestore", "--nolockcheck", "--nologo",
         f"-env:UserInstallation={profile.as_uri()}", "--infilter=Calc MS Excel 2007 VBA XML",
         "--convert-to", "xlsx", "--outdir", str(out), str(addin)],
        capture_output=True, text=True, timeout=180,
    )
    return completed, out / "ehwb_audit.xlsx"


@pytest.mark.libreoffice
def test_libreoffice_opens_the_add_in_without_error(converted):
    completed, saved = converted
    # soffice exits 0 even when it cannot load a file: the message and the output file tell
    assert "could not be loaded" not in completed.stderr + completed.stdout
    assert completed.returncode == 0
    assert saved.is_file()


@pytest.mark.libreoffice
def test_libreoffice_reads_the_settings_sheet_as_written(converted):
    _, saved = converted
    book = CalamineWorkbook.from_path(str(saved))
    assert book.sheet_names == [SETTINGS_SHEET]
    settings = dict(book.get_sheet_by_name(SETTINGS_SHEET).to_python())
    assert settings["Interpreter_Win"] == WINDOWS_PYTHON
    assert settings["Returns folder"] == "returns"
    assert settings["ADD_WORKBOOK_TO_PYTHONPATH"] is False
