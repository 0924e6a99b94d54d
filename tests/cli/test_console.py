"""What ehwb prints reaches any console: a Windows legacy code page never stops it; progress only on a terminal."""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
from pathlib import Path

from ehwb_excel.cli import output

PROJECT = Path(__file__).resolve().parents[2]


def _ehwb(*argv: str, encoding: str, cwd: Path) -> subprocess.CompletedProcess:
    # PYTHONIOENCODING without ':errors' is strict, as a Windows console with code page 850 or 1252 is
    env = {**os.environ, "PYTHONPATH": str(PROJECT), "PYTHONIOENCODING": encoding, "PYTHONUTF8": "0"}
    return subprocess.run([sys.executable, "-m", "ehwb_excel", *argv], capture_output=True, cwd=cwd, env=env, timeout=120)


def test_a_legacy_code_page_prints_every_message_without_an_encoding_error(tmp_path):
    name = "return \u2013 \u0141\u00f3d\u017a \u2192 \U0001f4ca.xlsx"  # an en dash, Polish letters, an arrow, an emoji
    done = _ehwb("check", name, encoding="cp850", cwd=tmp_path)
    assert done.returncode == 2
    err = done.stderr.decode("cp850")
    assert "Traceback" not in err and "UnicodeEncodeError" not in err
    assert err.startswith("error: return ? ?\u00f3d? ? ?.xlsx: there is no such file")


def test_json_on_a_legacy_code_page_is_still_one_document(tmp_path):
    done = _ehwb("--json", "check", "caf\u00e9 \u2013 audit.xlsx", encoding="cp1252", cwd=tmp_path)
    assert done.returncode == 2
    printed = json.loads(done.stdout.decode("cp1252"))
    assert printed["problems"][0]["file"] == "caf\u00e9 \u2013 audit.xlsx"  # both exist in cp1252


def test_progress_is_drawn_on_a_terminal_only(monkeypatch, capsys):
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    with output.step(argparse.Namespace(json=False), "saving the master"):
        pass
    assert terminal.getvalue().startswith("saving the master...") and "done (" in terminal.getvalue()
    quiet = Terminal()
    monkeypatch.setattr(sys, "stderr", quiet)
    with output.step(argparse.Namespace(json=True), "saving the master"):  # --json: never
        pass
    assert quiet.getvalue() == ""
    monkeypatch.setattr(sys, "stderr", io.StringIO())  # a pipe or a file: never
    assert not output.show_progress(argparse.Namespace(json=False))


def test_file_progress_counts_files_on_a_terminal_only(monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    with output.file_progress(argparse.Namespace(json=False), "reading the returns") as told:
        for done in range(4):
            told(done, 3)
    assert "reading the returns:" in terminal.getvalue() and "0/3 [" in terminal.getvalue()  # tqdm redraws at most every 0.1 s
    quiet = Terminal()
    monkeypatch.setattr(sys, "stderr", quiet)
    with output.file_progress(argparse.Namespace(json=True), "reading the returns") as told:
        told(0, 3)
        told(3, 3)
    assert quiet.getvalue() == ""


def test_a_reader_that_stops_reading_is_no_error_and_the_command_keeps_its_exit_code(tmp_path):
    # `ehwb check ... --json | head -c 10`: the reader has gone before ehwb writes (its end of the pipe is closed)
    from ehwb_excel.cli.main import main

    assert main(["init", str(tmp_path / "definition.xlsx")]) == 0
    for as_json in ([], ["--json"]):
        ehwb = subprocess.Popen([sys.executable, "-m", "ehwb_excel", "check", "definition.xlsx", *as_json], cwd=tmp_path,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(PROJECT)})
        assert ehwb.stdout is not None and ehwb.stderr is not None
        ehwb.stdout.close()
        with ehwb.stderr:
            err = ehwb.stderr.read().decode()
        assert ehwb.wait(timeout=120) == 0, err  # what check of a good definition exits with
        assert "Traceback" not in err and "Broken pipe" not in err and err == "", err
