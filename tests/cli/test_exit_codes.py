"""One exit-code table for every command: each command's codes match it, and `--json` prints one document either way."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from ehwb_excel.audit.default_audit import default_audit
from ehwb_excel.cli.exit_codes import ANY_PROBLEMS, MEANINGS, ExitCode, exit_code_table
from ehwb_excel.cli.main import build_parser, command_modules, command_name, main
from ehwb_excel.definition.writer import write_definition
from ehwb_excel.report import pdf as pdf_module
from tests.definition_helpers import definition, save
from tests.merge_helpers import full_answers, real_master, real_return
from tests.report_helpers import sample_input, write_master

README = Path(__file__).resolve().parents[2] / "README.md"
OK, PROBLEMS, UNUSABLE = ExitCode.OK, ExitCode.PROBLEMS, ExitCode.UNUSABLE


# -- the situations each command is run in: (command line, the code the table gives) ------------


def _definition(tmp: Path) -> Path:
    write_definition(default_audit(), tmp / "audit.xlsx")
    return tmp / "audit.xlsx"


def _returns(tmp: Path, *extra: tuple[str, bytes]) -> list[str]:
    real_master(tmp / "master.xlsx")
    for agency in ("SCT", "CAMHS"):  # WMP has not returned: a warning, which does not change the code
        real_return(tmp / "returns", agency, full_answers(agency))
    for name, content in extra:
        (tmp / "returns" / name).write_bytes(content)
    return [str(tmp / "returns"), "--master", str(tmp / "master.xlsx")]


def _report_master(tmp: Path) -> str:
    return str(write_master(tmp / "master.xlsx", sample_input()))


SITUATIONS = {
    "init": [
        ("writes the definition", lambda t: [str(t / "new.xlsx")], OK),
        ("the file exists", lambda t: [str(_definition(t))], UNUSABLE),
    ],
    "check": [
        ("a sound definition", lambda t: [str(_definition(t))], OK),
        ("a definition with an error", lambda t: [str(save(definition({"Lists!D2": "green"}), t))], PROBLEMS),
        ("no such file", lambda t: [str(t / "nosuch.xlsx")], UNUSABLE),
        ("a folder", lambda t: [str(t)], UNUSABLE),
    ],
    "generate": [
        ("every workbook", lambda t: [str(_definition(t)), "--out", str(t / "out")], OK),
        ("a PDF given as the definition", lambda t: [_write(t / "d.xlsx", b"%PDF-1.4"), "--out", str(t / "out")], UNUSABLE),
    ],
    "merge": [
        ("on-time returns, one agency missing", lambda t: _returns(t), OK),
        ("a PDF in the returns folder", lambda t: _returns(t, ("minutes.pdf", b"%PDF-1.4 minutes")), PROBLEMS),
        ("no master", lambda t: [str(t), "--master", str(t / "nosuch.xlsx")], UNUSABLE),
    ],
    "status": [
        ("on-time returns, one agency missing", lambda t: _returns(t), OK),
        ("a PDF in the returns folder", lambda t: _returns(t, ("minutes.pdf", b"%PDF-1.4 minutes")), PROBLEMS),
        ("the returns folder is missing", lambda t: [str(t / "nowhere"), "--master", _report_master(t)], UNUSABLE),
    ],
    "report": [
        ("the Word report", lambda t: [_report_master(t), "--out", str(t / "r.docx")], OK),
        ("a PDF, without LibreOffice", lambda t: [_report_master(t), "--out", str(t / "r.pdf")], PROBLEMS),
        ("an output that exists", lambda t: [_report_master(t), "--out", _write(t / "r.docx", b"mine")], UNUSABLE),
        ("a text output name", lambda t: [_report_master(t), "--out", str(t / "r.txt")], UNUSABLE),
    ],
    "demo": [
        ("a folder it did not make", lambda t: ["--out", str(Path(_write(t / "notes.txt", b"mine")).parent)], UNUSABLE),
    ],
    "export": [
        ("the master's tables", lambda t: [str(real_master(t / "master.xlsx")), "--out", str(t / "tables")], OK),
        ("no such file", lambda t: [str(t / "nosuch.xlsx"), "--out", str(t / "tables")], UNUSABLE),
        ("an output that exists", lambda t: [str(real_master(t / "master.xlsx")), "--out", str(Path(_write(t / "Responses.csv", b"mine")).parent)],
         UNUSABLE),
    ],
    "pool": [
        ("one master", lambda t: [str(real_master(t / "master.xlsx")), "--out", str(t / "pooled")], OK),
        ("a master that cannot be read", lambda t: [str(real_master(t / "master.xlsx")), _write(t / "x.xlsx", b"%PDF-1.4"), "--out", str(t / "pooled")],
         PROBLEMS),
        ("a folder it did not make", lambda t: [str(real_master(t / "master.xlsx")), "--out", str(Path(_write(t / "mine" / "n.txt", b"mine")).parent)],
         UNUSABLE),
    ],
    "addin": [
        ("build", lambda t: ["build", "--out", str(t)], OK),
        ("install where there is no Excel", lambda t: ["install", "--out", str(t)], UNUSABLE),
        ("an add-in that exists", lambda t: ["build", "--out", str(Path(_write(t / "ehwb_audit.xlam", b"mine")).parent)], UNUSABLE),
    ],
}
CASES = [(command, *situation) for command, situations in SITUATIONS.items() for situation in situations]


def _write(path: Path, content: bytes) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return str(path)


@pytest.fixture(autouse=True)
def _no_libreoffice_no_excel(monkeypatch):
    from ehwb_excel.addin import install

    monkeypatch.setattr(pdf_module, "find_soffice", lambda: None)  # the PDF cannot be made: exit 1
    monkeypatch.setattr(install.sys, "platform", "linux")


def test_every_command_has_situations_here():
    assert set(SITUATIONS) == {command_name(m) for m in command_modules()}


@pytest.mark.parametrize("command, situation, arguments, expected", CASES, ids=[f"{c[0]}: {c[1]}" for c in CASES])
def test_the_exit_code_is_the_tables(command, situation, arguments, expected, tmp_path, capsys):
    assert main([command, *arguments(tmp_path)]) == expected
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    if expected is UNUSABLE:
        assert captured.err.startswith("error: ") and len(captured.err.splitlines()) == 1, captured.err


@pytest.mark.parametrize("command, situation, arguments, expected", CASES, ids=[f"{c[0]}: {c[1]}" for c in CASES])
def test_json_is_one_document_on_success_and_failure(command, situation, arguments, expected, tmp_path, capsys):
    argv = [command, *arguments(tmp_path)]
    assert main(["--json", *argv]) == expected
    printed = json.loads(capsys.readouterr().out)  # one document, nothing else on stdout
    if expected is UNUSABLE:
        assert printed["valid"] is False and printed["exit_code"] == 2
        assert printed["problems"] and {"code", "file", "sheet", "cell", "message"} <= set(printed["problems"][0])


def test_a_command_that_has_no_problems_found_never_says_it_may_exit_1():
    for module in command_modules():
        table = exit_code_table(getattr(module, "PROBLEMS_FOUND", None))
        assert ("\n  1    " in table) == hasattr(module, "PROBLEMS_FOUND"), module.__name__


def test_every_help_prints_the_table(capsys):
    for argv in (["--help"], *([command_name(m), "--help"] for m in command_modules())):
        with pytest.raises(SystemExit) as done:
            main(argv)
        assert done.value.code == 0
        out = " ".join(capsys.readouterr().out.split())
        assert "exit codes: 0 done, nothing to report" in out and "130 interrupted (Ctrl-C)" in out, argv


def test_the_readme_gives_the_same_table():
    readme = README.read_text(encoding="utf-8")
    for code, meaning in MEANINGS.items():
        first = re.sub(r"(--[a-z]+)", r"`\1`", meaning.format(problems=ANY_PROBLEMS))  # options in code style
        assert f"| {code.value} | {first}" in readme, code


# -- global options -----------------------------------------------------------------------------


@pytest.mark.parametrize("where", ["before", "after"])
def test_global_options_go_before_or_after_the_command(where, tmp_path, capsys):
    path = str(save(definition({"Lists!D2": "green"}), tmp_path))
    argv = ["--json", "--debug", "check", path] if where == "before" else ["check", path, "--json", "--debug"]
    args = build_parser().parse_args(argv)
    assert (args.json, args.debug) == (True, True)
    assert main(argv) == PROBLEMS
    assert json.loads(capsys.readouterr().out)["errors"] == 1


def test_without_global_options_they_are_off():
    args = build_parser().parse_args(["check", "x.xlsx"])
    assert (args.json, args.debug) == (False, False)


def test_a_usage_mistake_exits_2_with_argparse_usage_and_as_json(capsys):
    assert main(["merge", "returns"]) == UNUSABLE
    err = capsys.readouterr().err
    assert err.startswith("usage: ehwb merge") and "the following arguments are required: --master" in err
    assert main(["--json", "nosuch"]) == UNUSABLE
    printed = json.loads(capsys.readouterr().out)
    assert printed["problems"][0]["code"] == "CLI_020" and "invalid choice: 'nosuch'" in printed["problems"][0]["message"]
