"""`--password` on generate, merge, status and report: every file encrypted, nothing plain on disk, one line per file it does not open."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document

from ehwb_excel.cli.main import main
from ehwb_excel.definition.writer import write_definition
from ehwb_excel.demo.returns import fill_answers
from ehwb_excel.excel import layout
from ehwb_excel.files import encryption
from ehwb_excel.master.reader import open_master, sheet_records
from ehwb_excel.workbook.generate import file_name_for, master_file_name
from tests.merge_helpers import full_answers, merge_audit

ROOT = Path(__file__).resolve().parents[2]

PASSWORD = "Tr0ub4dor&3 kestrel"
AUDIT = merge_audit()


@pytest.fixture
def sent(tmp_path, monkeypatch) -> Path:
    """`ehwb generate --password PASSWORD` of a three-agency audit."""
    definition = tmp_path / "definition.xlsx"
    write_definition(AUDIT, definition)
    out = tmp_path / "sent"
    assert main(["generate", str(definition), "--out", str(out), "--password", PASSWORD]) == 0
    return out


def encrypted_return(sent: Path, returns: Path, agency: str) -> Path:
    """The agency's encrypted workbook filled in and saved encrypted again, as Excel keeps a password on save."""
    returns.mkdir(exist_ok=True)
    plain = returns / f".{agency}.plain.xlsx"  # only inside the test: the product never writes a plain copy
    plain.write_bytes(encryption.decrypt((sent / file_name_for(AUDIT, agency)).read_bytes(), PASSWORD))
    fill_answers(plain, full_answers(agency))
    target = returns / f"{agency} return.xlsx"
    target.write_bytes(encryption.encrypt(plain.read_bytes(), PASSWORD))
    plain.unlink()
    return target


def test_generate_with_a_password_writes_every_workbook_encrypted(sent):
    names = sorted(p.name for p in sent.iterdir())
    assert names == sorted([file_name_for(AUDIT, a.code) for a in AUDIT.agencies] + [master_file_name(AUDIT)])
    for path in sent.iterdir():
        data = path.read_bytes()
        assert encryption.is_encrypted(data), path.name
        assert b"Case A" not in data and b"ehwb_meta" not in data
        with pytest.raises(encryption.WrongPassword):
            encryption.decrypt(data, "not the password")


def test_encrypted_returns_merge_with_the_password_and_the_master_stays_encrypted(sent, tmp_path, capsys):
    returns = tmp_path / "returns"
    for agency in ("SCT", "CAMHS"):
        encrypted_return(sent, returns, agency)
    master = sent / master_file_name(AUDIT)
    assert main(["merge", str(returns), "--master", str(master), "--password", PASSWORD, "--no-backup"]) == 0
    out = capsys.readouterr()
    assert PASSWORD not in out.out + out.err
    assert encryption.file_is_encrypted(master)
    workbook = open_master(master, PASSWORD)
    try:
        merged = {r["Agency"] for r in sheet_records(workbook, layout.RESPONSES_SHEET)}
    finally:
        workbook.close()
    assert merged == {"SCT", "CAMHS"}
    assert main(["status", str(returns), "--master", str(master), "--password", PASSWORD, "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert {s["agency"]: s["status"] for s in status["submissions"]}["SCT"] in ("received", "late")  # the deadline is past
    report = tmp_path / "report.docx"
    assert main(["report", str(master), "--out", str(report), "--password", PASSWORD]) == 0
    assert encryption.file_is_encrypted(report)
    document = Document(io.BytesIO(encryption.decrypt(report.read_bytes(), PASSWORD)))
    assert document.core_properties.title


def test_the_password_can_come_from_the_environment_or_a_prompt(sent, tmp_path, monkeypatch, capsys):
    returns = tmp_path / "returns"
    encrypted_return(sent, returns, "SCT")
    master = sent / master_file_name(AUDIT)
    monkeypatch.setenv("EHWB_PASSWORD", PASSWORD)
    assert main(["status", str(returns), "--master", str(master)]) == 0
    import getpass

    asked: list[str] = []
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": asked.append(prompt) or PASSWORD)
    at_a_terminal(monkeypatch)
    assert main(["status", str(returns), "--master", str(master), "--password"]) == 0
    assert asked == []  # --password alone with the variable set: the variable's password, no prompt
    monkeypatch.delenv("EHWB_PASSWORD")
    assert main(["status", str(returns), "--master", str(master), "--password"]) == 0
    assert asked == ["Password: "]
    assert PASSWORD not in capsys.readouterr().out


def at_a_terminal(monkeypatch) -> None:
    """Standard input is a terminal a person can type a password at."""
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdin", Terminal())


def test_password_alone_with_no_terminal_to_ask_on_is_one_line_not_a_hang_or_a_traceback(sent, tmp_path, capsys):
    returns = tmp_path / "returns"
    encrypted_return(sent, returns, "SCT")
    done = subprocess.run([sys.executable, "-m", "ehwb_excel", "merge", str(returns), "--master", str(sent / master_file_name(AUDIT)),
                           "--password"], stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120,
                          env={k: v for k, v in os.environ.items() if k != "EHWB_PASSWORD"} | {"PYTHONPATH": str(ROOT)})
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.strip().splitlines() == [
        "error: --password was given without a password and no password was typed (there is no terminal to ask on, or the prompt "
        "was closed), so nothing was written. Set the EHWB_PASSWORD environment variable, or run the command in a terminal "
        "and type the password when asked."]


def test_a_missing_or_wrong_password_is_one_line(sent, tmp_path, capsys):
    returns = tmp_path / "returns"
    encrypted_return(sent, returns, "SCT")
    master = sent / master_file_name(AUDIT)
    assert main(["merge", str(returns), "--master", str(master)]) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and "master workbook is encrypted" in lines[0] and master.name in lines[0]
    assert main(["merge", str(returns), "--master", str(master), "--password", "guess"]) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and "the password does not open it" in lines[0] and "guess" not in lines[0]


def test_each_return_the_password_does_not_open_is_one_line_and_the_rest_merge(sent, tmp_path, capsys):
    returns = tmp_path / "returns"
    encrypted_return(sent, returns, "SCT")
    other = encrypted_return(sent, returns, "CAMHS")
    other.write_bytes(encryption.encrypt(encryption.decrypt(other.read_bytes(), PASSWORD), "the agency's own"))
    master = sent / master_file_name(AUDIT)
    assert main(["merge", str(returns), "--master", str(master), "--password", PASSWORD, "--no-backup"]) == 1
    out = capsys.readouterr().out
    refusals = [line for line in out.splitlines() if line.startswith("error:") and "encrypted" in line]
    assert len(refusals) == 1 and other.name in refusals[0] and "the password does not open it" in refusals[0]
    assert "Merged returns from 1 of 3 agencies" in out


def test_typed_passwords_that_differ_stop_generate_and_write_nothing(tmp_path, monkeypatch, capsys):
    import getpass

    typed = iter(["first", "second"])
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": next(typed))
    at_a_terminal(monkeypatch)
    definition = tmp_path / "definition.xlsx"
    write_definition(AUDIT, definition)
    assert main(["generate", str(definition), "--out", str(tmp_path / "sent"), "--password"]) == 2
    assert "passwords typed differ" in capsys.readouterr().err
    assert not (tmp_path / "sent").exists()


def test_a_report_with_a_password_is_not_also_written_as_a_plain_pdf(sent, tmp_path, capsys):
    master = sent / master_file_name(AUDIT)
    assert main(["report", str(master), "--out", str(tmp_path / "report.docx"), "--pdf", "--password", PASSWORD]) == 2
    assert "PDF cannot be written with a password" in capsys.readouterr().err
    assert not list(tmp_path.glob("report.*"))


def test_generate_beside_an_encrypted_master_needs_its_password(sent, tmp_path, capsys):
    """The kept master's key makes the new workbooks' tokens: without its password none could be made."""
    definition = tmp_path / "definition.xlsx"
    (sent / file_name_for(AUDIT, "WMP")).unlink()
    assert main(["generate", str(definition), "--out", str(sent), "--agency", "WMP"]) == 2
    assert "master workbook is encrypted" in capsys.readouterr().err
    assert not (sent / file_name_for(AUDIT, "WMP")).exists()
    assert main(["generate", str(definition), "--out", str(sent), "--agency", "WMP", "--password", PASSWORD]) == 0
    assert encryption.file_is_encrypted(sent / file_name_for(AUDIT, "WMP"))


def test_worker_processes_open_encrypted_returns_with_the_password(sent, tmp_path, monkeypatch):
    from ehwb_excel.master import merge_returns as merging

    returns = tmp_path / "returns"
    for agency in ("SCT", "CAMHS", "WMP"):
        encrypted_return(sent, returns, agency)
    monkeypatch.setattr(merging, "FILES_PER_WORKER", 1)
    result = merging.merge_returns(returns, sent / master_file_name(AUDIT), jobs=2, password=PASSWORD)
    assert not result.rejected and result.reconciled
    assert {s.agency for s in result.agency_rows if s.answers} == {"SCT", "CAMHS", "WMP"}


def test_export_and_pool_read_an_encrypted_master_with_the_password(sent, tmp_path, capsys):
    returns = tmp_path / "returns"
    encrypted_return(sent, returns, "SCT")
    master = sent / master_file_name(AUDIT)
    assert main(["merge", str(returns), "--master", str(master), "--password", PASSWORD, "--no-backup"]) == 0
    assert main(["export", str(master), "--out", str(tmp_path / "export")]) == 2
    assert "master workbook is encrypted" in capsys.readouterr().err
    assert main(["export", str(master), "--out", str(tmp_path / "export"), "--password", PASSWORD]) == 0
    assert (tmp_path / "export" / "Responses.csv").read_text(encoding="utf-8-sig").count("SCT") >= len(full_answers("SCT"))
    assert main(["pool", str(master), "--out", str(tmp_path / "pool"), "--password", PASSWORD]) == 0
    assert main(["pool", str(master), "--out", str(tmp_path / "pool2"), "--password", "wrong"]) == 1
    assert "the password does not open it" in capsys.readouterr().err


def test_with_a_password_an_old_xls_is_still_said_to_be_one(sent, tmp_path, capsys, real_files):
    returns = tmp_path / "returns"
    encrypted_return(sent, returns, "SCT")
    legacy = returns / "CAMHS return.xls"  # saved by Excel 2013 as Excel 97-2003: a compound file, not encrypted
    legacy.write_bytes((real_files / "sheets_hidden_veryhidden_excel2013.xls").read_bytes())
    master = sent / master_file_name(AUDIT)
    assert main(["merge", str(returns), "--master", str(master), "--password", PASSWORD, "--no-backup"]) == 1
    line = next(line for line in capsys.readouterr().out.splitlines() if line.startswith(f"error: {legacy.name}"))
    assert "Excel 97-2003" in line and "does not open it" not in line
