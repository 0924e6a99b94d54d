"""`ehwb init` writes the built-in audit; `ehwb check` lists problems and exits 1 on errors."""

import json

import pytest

from ehwb_excel.problems.catalogue import definition as problems
from ehwb_excel.cli.main import main
from ehwb_excel.audit.default_audit import default_audit
from ehwb_excel.definition.reader import load_definition, read_definition
from tests.definition_helpers import definition, save


def test_init_writes_the_default_audit_and_check_passes(tmp_path, capsys):
    path = tmp_path / "sub" / "audit.xlsx"
    assert main(["init", str(path)]) == 0
    assert load_definition(path) == default_audit()
    capsys.readouterr()
    assert main(["check", str(path)]) == 0
    assert capsys.readouterr().out.splitlines() == ["0 errors, 0 warnings"]


def test_init_refuses_to_overwrite_without_force(tmp_path, capsys):
    path = tmp_path / "audit.xlsx"
    path.write_bytes(b"coordinator's own work")
    assert main(["init", str(path)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [f"error: {path}: {problems.FILE_EXISTS.format({})}"]
    assert path.read_bytes() == b"coordinator's own work"
    assert main(["init", str(path), "--force"]) == 0
    assert load_definition(path) == default_audit()


def test_init_wants_an_xlsx_name(tmp_path, capsys):
    assert main(["init", str(tmp_path / "audit.xls")]) == 2
    assert capsys.readouterr().err.strip() == f"error: {tmp_path / 'audit.xls'}: {problems.NOT_XLSX_NAME.format({})}"
    assert not (tmp_path / "audit.xls").exists()


def test_check_with_warnings_only_exits_0(tmp_path, capsys):
    path = save(definition({"Agencies!B2": None}), tmp_path)
    assert main(["check", str(path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[-1] == "0 errors, 1 warning"
    assert lines[0].startswith("warning: audit.xlsx, sheet 'Agencies', cell B2: agency 'SCT' has no full name")


def test_check_json_is_the_report(tmp_path, capsys):
    path = save(definition({"Lists!D2": "green", "Agencies!B2": None}), tmp_path)
    assert main(["check", str(path), "--json"]) == 1
    printed = json.loads(capsys.readouterr().out)
    assert printed == read_definition(path)[1].to_dict()
    assert (printed["errors"], printed["warnings"]) == (1, 1)
    assert [(p["sheet"], p["cell"], p["code"], p["severity"]) for p in printed["problems"]] == [
        ("Agencies", "B2", "DEF_023", "warning"), ("Lists", "D2", "DEF_074", "error")]


def test_check_on_a_file_that_is_not_a_workbook(tmp_path, capsys):
    path = tmp_path / "notes.xlsx"
    path.write_text("hello")
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [f"error: {path}: it is a text file, not an Excel workbook. Give the definition workbook (.xlsx); "
                   "if this is it, open it in Excel and save it as 'Excel Workbook (.xlsx)'."]


@pytest.mark.parametrize("command", ["init", "check"])
def test_help(command, capsys):
    with pytest.raises(SystemExit) as exit_:
        main([command, "--help"])
    assert exit_.value.code == 0
    assert "DEFINITION.xlsx" in capsys.readouterr().out
