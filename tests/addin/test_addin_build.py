"""ehwb_audit.xlam as built from xlwings' template: every part kept, ours in place, and the
VBA read back with olevba calling back into a module that is installed."""

from __future__ import annotations

import importlib
import importlib.util
import re
import zipfile
from datetime import datetime, timezone

import pytest
from python_calamine import CalamineWorkbook

from ehwb_excel.addin import build
from ehwb_excel.addin.build import AddinBuildError, build_addin, template_path
from ehwb_excel.addin.names import ADDIN_FILE_NAME, RIBBON_CALLBACK, SETTINGS_SHEET
from tests.conftest import PROJECT_ROOT

WINDOWS_PYTHON = r"C:\Users\coordinator\AppData\Local\Programs\Python\Python311\python.exe"
NOW = datetime(2026, 4, 2, 12, 0, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def addin(tmp_path_factory):
    out = tmp_path_factory.mktemp("addin")
    return build_addin(out, interpreters={"Interpreter_Win": WINDOWS_PYTHON, "Interpreter_Mac": ""}, now=NOW)


@pytest.fixture(scope="module")
def vba(addin) -> dict[str, str]:
    """Module name -> VBA source, as olevba reads it out of the built add-in."""
    olevba = pytest.importorskip("oletools.olevba")
    parser = olevba.VBA_Parser(str(addin))
    try:
        assert parser.detect_vba_macros()
        return {vba_name.rsplit(".", 1)[0]: code for _, _, vba_name, code in parser.extract_macros()}
    finally:
        parser.close()


def _settings_rows(addin) -> list[list]:
    # calamine reads add-ins (openpyxl refuses their content type, and must never save one)
    return CalamineWorkbook.from_path(str(addin)).get_sheet_by_name(SETTINGS_SHEET).to_python()


def _settings(addin) -> dict:
    return {key: value for key, value in _settings_rows(addin)}


# -- the package ------------------------------------------------------------------------------
def test_every_template_entry_is_kept_in_order(addin):
    with zipfile.ZipFile(template_path()) as template, zipfile.ZipFile(addin) as built:
        assert built.namelist() == template.namelist()
        assert built.testzip() is None
        replaced = {build.RIBBON_PART, build.WORKBOOK_PART, build.SETTINGS_SHEET_PART, build.SHARED_STRINGS_PART, build.CORE_PROPERTIES_PART}
        unchanged = [name for name in template.namelist() if name not in replaced]
        assert "xl/vbaProject.bin" in unchanged
        assert [name for name in unchanged if built.read(name) != template.read(name)] == []


def test_the_ribbon_part_is_ours(addin):
    with zipfile.ZipFile(addin) as built:
        assert built.read(build.RIBBON_PART) == (PROJECT_ROOT / "ehwb_excel" / "addin" / "ribbon.xml").read_bytes()
        assert build.RIBBON_PART in built.read("_rels/.rels").decode()  # the part Excel loads


def test_file_is_named_after_the_module_runpython_imports(addin):
    assert addin.name == ADDIN_FILE_NAME == "ehwb_audit.xlam"


def test_settings_sheet_holds_interpreter_and_returns_folder(addin):
    settings = _settings(addin)
    assert settings["Interpreter_Win"] == WINDOWS_PYTHON
    assert settings["Returns folder"] == "returns"
    assert settings["Show Console"] is False
    assert settings["ADD_WORKBOOK_TO_PYTHONPATH"] is False
    assert list(settings)[:2] == ["Interpreter_Win", "Interpreter_Mac"]


def test_settings_rows_are_contiguous_because_vba_stops_at_the_first_empty_key(addin):
    keys = [row[0] for row in _settings_rows(addin)]
    assert "" not in keys and len(keys) == len(build.addin_settings())


def test_text_with_xml_characters_survives(tmp_path):
    path = build_addin(tmp_path, interpreters={"Interpreter_Win": r"C:\R&D <tools>\python.exe"}, returns_folder="Returns & late")
    settings = _settings(path)
    assert settings["Interpreter_Win"] == r"C:\R&D <tools>\python.exe"
    assert settings["Returns folder"] == "Returns & late"


def test_interpreter_defaults_to_this_python_on_windows_and_mac():
    assert build.default_interpreters("win32", r"C:\py\python.exe") == {"Interpreter_Win": r"C:\py\python.exe", "Interpreter_Mac": ""}
    assert build.default_interpreters("darwin", "/opt/py/bin/python3") == {"Interpreter_Win": "", "Interpreter_Mac": "/opt/py/bin/python3"}
    assert build.default_interpreters("linux", "/usr/bin/python3") == {"Interpreter_Win": "", "Interpreter_Mac": ""}


def test_nothing_but_the_vba_dictated_sheet_name_says_myaddin(addin, vba):
    # The template's VBA reads its settings from the sheet PROJECT_NAME & ".conf"; that
    # constant lives in the compiled VBA project we copy unchanged (see docs/addin-build.md).
    project_name = re.search(r'PROJECT_NAME As String = "([^"]+)"', vba["xlwings"]).group(1)
    assert SETTINGS_SHEET == f"{project_name}.conf"
    with zipfile.ZipFile(addin) as built:
        for name in built.namelist():
            if name.endswith(".bin"):
                continue
            text = built.read(name).decode("utf-8")
            text = text.replace(f'name="{SETTINGS_SHEET}"', "").replace(f'onAction="{RIBBON_CALLBACK}"', "")
            assert not re.search("myaddin|quickstart|felix", text, re.I), name


def test_a_missing_template_is_a_one_line_error(tmp_path):
    with pytest.raises(AddinBuildError, match="not the expected xlwings ribbon template"):
        with zipfile.ZipFile(tmp_path / "fake.xlam", "w") as fake:
            fake.writestr("xl/workbook.xml", "<workbook/>")
        build_addin(tmp_path / "out", template=tmp_path / "fake.xlam")
    assert not (tmp_path / "out" / ADDIN_FILE_NAME).exists()


# -- the VBA, read back with olevba -------------------------------------------------------------
def test_the_ribbon_callback_is_a_sub_in_the_vba(vba):
    module, sub = RIBBON_CALLBACK.split(".")
    assert re.search(rf"^Sub {sub}\(control As IRibbonControl\)", vba[module], re.M)


def test_runpython_imports_the_module_named_after_the_addin_file_and_calls_main(vba, addin):
    module, sub = RIBBON_CALLBACK.split(".")
    body = vba[module].split(f"Sub {sub}(", 1)[1].split("End Sub", 1)[0]
    # the template derives the module from the add-in's own file name...
    assert 'mymodule = Left(ThisWorkbook.Name, (InStrRev(ThisWorkbook.Name, ".", -1, vbTextCompare) - 1))' in body
    assert 'RunPython "import " & mymodule & ";" & mymodule & ".main()"' in body
    # ...which is ehwb_audit, installed with the package, with a main()
    imported = addin.name.rsplit(".", 1)[0]
    assert importlib.util.find_spec(imported) is not None
    assert callable(importlib.import_module(imported).main)


def test_the_entry_module_delegates_to_the_merge_button(monkeypatch):
    import ehwb_audit
    from ehwb_excel.addin import entry

    calls = []
    monkeypatch.setattr(entry, "main", lambda: calls.append("merge"))
    ehwb_audit.main()
    assert calls == ["merge"]


def test_the_button_can_read_the_settings_back_from_the_add_in_file(tmp_path):
    from ehwb_excel.addin.settings_file import addin_file_settings, setting_in

    path = build_addin(tmp_path, interpreters={"Interpreter_Win": WINDOWS_PYTHON}, returns_folder="Returns Q1")
    settings = addin_file_settings(path)
    assert setting_in(settings, "returns folder") == "Returns Q1"
    assert setting_in(settings, "INTERPRETER_WIN") == WINDOWS_PYTHON
    assert setting_in(settings, "PYTHONPATH") is None  # empty is absent
    assert addin_file_settings(tmp_path / "missing.xlam") == {}
