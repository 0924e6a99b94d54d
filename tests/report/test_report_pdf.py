"""convert_to_pdf's routes without a real LibreOffice: stand-in soffice and export scripts show what is run, and each refusal's problem."""

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from ehwb_excel.problems.catalogue.report import CONTENTS_NOT_NUMBERED, LIBREOFFICE_MISSING, PDF_FAILED
from ehwb_excel.problems.location import Location
from ehwb_excel.report import pdf as pdf_module
from ehwb_excel.report.pdf import EXPORT_SCRIPT, convert_to_pdf, find_soffice, find_uno_python

posix_only = pytest.mark.skipif(os.name == "nt", reason="the stand-in programs are scripts with a #! line")
NO_UNO_WHY = "no Python here can import uno, LibreOffice's Python bridge: install the python3-uno package"


def _program(path: Path, body: str) -> Path:
    """An executable Python script at `path` (a stand-in for soffice or lo_export.py)."""
    path.write_text(f"#!{sys.executable}\n" + textwrap.dedent(body), encoding="utf-8")
    path.chmod(0o755)
    return path


def _fake_soffice(folder: Path, *, convert_fails: bool = False, office_lingers: bool = False) -> Path:
    """Records its arguments; `--convert-to` writes a small PDF into --outdir (or fails); `--accept` exits or lingers."""
    return _program(folder / "soffice", f"""
        import json, os, sys, time
        from pathlib import Path
        args = sys.argv[1:]
        log = Path({str(folder)!r}) / "soffice-calls.jsonl"
        with log.open("a") as out:
            out.write(json.dumps({{"args": args, "pid": os.getpid()}}) + "\\n")
        if "--convert-to" in args:
            if {convert_fails!r}:
                print("Error: source file could not be loaded", file=sys.stderr)
                sys.exit(1)
            outdir = Path(args[args.index("--outdir") + 1])
            (outdir / (Path(args[-1]).stem + ".pdf")).write_bytes(b"%PDF-1.7 plain conversion")
        elif {office_lingers!r}:
            time.sleep(120)
    """)


def _calls(folder: Path) -> list[dict]:
    return [json.loads(line) for line in (folder / "soffice-calls.jsonl").read_text().splitlines()]


@pytest.fixture
def docx(tmp_path) -> Path:
    path = tmp_path / "report.docx"
    path.write_bytes(b"PK stand-in")
    return path


def test_without_libreoffice_the_problem_says_the_docx_is_written(docx, monkeypatch):
    monkeypatch.setattr(pdf_module, "find_soffice", lambda: None)
    assert convert_to_pdf(docx) == (None, LIBREOFFICE_MISSING(Location.of(docx)))
    assert "the .docx is written; install LibreOffice to also get a PDF" in LIBREOFFICE_MISSING().message


def test_a_python_that_cannot_import_uno_is_not_used(tmp_path, monkeypatch):
    monkeypatch.setattr(pdf_module, "uno_python_candidates", lambda soffice: [tmp_path / "absent", Path(sys.executable)])
    assert find_uno_python("soffice") is None  # the project's Python has no uno


def test_the_export_script_says_so_when_its_python_has_no_uno(tmp_path):
    done = subprocess.run([sys.executable, str(EXPORT_SCRIPT), "pipe", "a.docx", "a.pdf"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "cannot import uno" in done.stderr


@posix_only
def test_over_uno_the_export_script_gets_the_pipe_soffice_listens_on_and_the_pdf_lands_where_asked(docx, tmp_path, monkeypatch):
    soffice = _fake_soffice(tmp_path)
    script = _program(tmp_path / "lo_export.py", f"""
        import json, sys
        from pathlib import Path
        Path({str(tmp_path)!r}, "export-args.json").write_text(json.dumps(sys.argv[1:]))
        Path(sys.argv[3]).write_bytes(b"%PDF-1.7 numbered contents")
        print(json.dumps({{"indexes": 1, "pages": 9}}))
    """)
    monkeypatch.setattr(pdf_module, "find_soffice", lambda: str(soffice))
    monkeypatch.setattr(pdf_module, "find_uno_python", lambda soffice: sys.executable)
    monkeypatch.setattr(pdf_module, "EXPORT_SCRIPT", script)
    pdf, problem = convert_to_pdf(docx, tmp_path / "out" / "board paper.pdf")
    assert (pdf, problem) == (tmp_path / "out" / "board paper.pdf", None)
    assert pdf.read_bytes() == b"%PDF-1.7 numbered contents"
    pipe, source, target = json.loads((tmp_path / "export-args.json").read_text())
    [office] = _calls(tmp_path)
    assert f"--accept=pipe,name={pipe};urp;" in office["args"] and pipe.startswith("ehwb-pdf-")
    profile = next(a for a in office["args"] if a.startswith("-env:UserInstallation=file:///"))
    assert "ehwb-pdf-" in profile  # a private profile in a temporary folder, removed afterwards
    assert not Path(target).exists() and not Path(target).parent.exists()
    assert "--headless" in office["args"] and source == str(docx.resolve())


@posix_only
def test_without_uno_the_plain_conversion_gives_a_pdf_and_a_warning_that_the_contents_are_unnumbered(docx, tmp_path, monkeypatch):
    soffice = _fake_soffice(tmp_path)
    monkeypatch.setattr(pdf_module, "find_soffice", lambda: str(soffice))
    monkeypatch.setattr(pdf_module, "find_uno_python", lambda soffice: None)
    pdf, problem = convert_to_pdf(docx)
    assert pdf == docx.with_suffix(".pdf") and pdf.read_bytes() == b"%PDF-1.7 plain conversion"
    assert problem == CONTENTS_NOT_NUMBERED(Location.of(docx), why=NO_UNO_WHY)
    assert problem.code == "REP_012" and problem.severity.value == "warning"
    assert str(problem).startswith("report.docx: the PDF is written, but its contents list has no page numbers")
    [call] = _calls(tmp_path)
    assert any('"UseTaggedPDF"' in a for a in call["args"])  # still tagged


@posix_only
def test_when_the_uno_export_fails_the_plain_conversion_still_gives_a_pdf_and_says_why(docx, tmp_path, monkeypatch):
    soffice = _fake_soffice(tmp_path)
    script = _program(tmp_path / "lo_export.py", """
        import sys
        print("some noise", file=sys.stderr)
        print("IOException: the document could not be loaded", file=sys.stderr)
        sys.exit(1)
    """)
    monkeypatch.setattr(pdf_module, "find_soffice", lambda: str(soffice))
    monkeypatch.setattr(pdf_module, "find_uno_python", lambda soffice: sys.executable)
    monkeypatch.setattr(pdf_module, "EXPORT_SCRIPT", script)
    pdf, problem = convert_to_pdf(docx)
    assert pdf.read_bytes() == b"%PDF-1.7 plain conversion"
    why = "updating the contents in LibreOffice failed: IOException: the document could not be loaded"
    assert problem == CONTENTS_NOT_NUMBERED(Location.of(docx), why=why)
    assert [("--convert-to" in c["args"]) for c in _calls(tmp_path)] == [False, True]  # the office, then the plain run


@posix_only
def test_a_failing_plain_conversion_gives_pdf_failed_with_libreoffices_own_words(docx, tmp_path, monkeypatch):
    soffice = _fake_soffice(tmp_path, convert_fails=True)
    monkeypatch.setattr(pdf_module, "find_soffice", lambda: str(soffice))
    monkeypatch.setattr(pdf_module, "find_uno_python", lambda soffice: None)
    assert convert_to_pdf(docx) == (None, PDF_FAILED(Location.of(docx), why="Error: source file could not be loaded"))
    assert not docx.with_suffix(".pdf").exists()


@posix_only
def test_an_export_that_overruns_stops_in_time_and_leaves_no_office_running(docx, tmp_path, monkeypatch):
    soffice = _fake_soffice(tmp_path, office_lingers=True)
    script = _program(tmp_path / "lo_export.py", "import time\ntime.sleep(120)\n")
    monkeypatch.setattr(pdf_module, "find_soffice", lambda: str(soffice))
    monkeypatch.setattr(pdf_module, "find_uno_python", lambda soffice: sys.executable)
    monkeypatch.setattr(pdf_module, "EXPORT_SCRIPT", script)
    monkeypatch.setattr(pdf_module, "QUIT_SECONDS", 1)
    started = time.monotonic()
    result = convert_to_pdf(docx, timeout=2)
    assert result == (None, PDF_FAILED(Location.of(docx), why="it took longer than 2 seconds"))
    assert time.monotonic() - started < 15  # no second, plain try after a timeout
    [office] = _calls(tmp_path)
    with pytest.raises(ProcessLookupError):
        os.kill(office["pid"], 0)  # the lingering office was stopped (and reaped)


@pytest.mark.libreoffice
def test_where_libreoffice_is_installed_its_python_bridge_is_found():
    soffice = find_soffice()
    python = find_uno_python(soffice)
    assert python is not None
    assert subprocess.run([python, "-c", "import uno"], timeout=60).returncode == 0
