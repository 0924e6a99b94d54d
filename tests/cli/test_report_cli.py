"""`ehwb report MASTER --out REPORT.docx [--pdf] [--template T.docx]`."""

import json

from ehwb_excel.problems.catalogue.report import LIBREOFFICE_MISSING, RETURNS_OUTSTANDING
from ehwb_excel.cli.main import main
from ehwb_excel.report import pdf as pdf_module
from tests.report_helpers import docx_parts, headings, sample_input, write_master


def test_writes_the_report_and_prints_each_warning_on_one_line(tmp_path, capsys):
    master = write_master(tmp_path / "master.xlsx", sample_input())
    assert main(["report", str(master), "--out", str(tmp_path / "out" / "report.docx")]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("warning: master.xlsx, sheet 'Submissions': no usable return from CCG")
    assert lines[-1] == f"wrote {tmp_path / 'out' / 'report.docx'}"
    assert headings(tmp_path / "out" / "report.docx")[0] == (1, "1. Audit process")


def test_the_default_output_sits_beside_the_master(tmp_path, capsys):
    master = write_master(tmp_path / "master.xlsx", sample_input())
    assert main(["report", str(master)]) == 0
    assert (tmp_path / "master report.docx").is_file()
    assert docx_parts(tmp_path / "master report.docx", "word/document.xml")


def test_json_output_lists_the_problems_and_files(tmp_path, capsys):
    master = write_master(tmp_path / "master.xlsx", sample_input())
    assert main(["report", str(master), "--out", str(tmp_path / "r.docx"), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert [p["code"] for p in result["problems"]] == [RETURNS_OUTSTANDING.code]
    assert result["written"] == [str(tmp_path / "r.docx")]


def test_a_master_that_cannot_be_read_exits_2_with_one_line(tmp_path, capsys):
    (tmp_path / "master.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
    assert main(["report", str(tmp_path / "master.xlsx"), "--out", str(tmp_path / "r.docx")]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].startswith("error: master.xlsx: this is not an ehwb master workbook")
    assert not (tmp_path / "r.docx").exists()


def test_pdf_without_libreoffice_still_writes_the_docx_and_says_so(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(pdf_module, "find_soffice", lambda: None)
    master = write_master(tmp_path / "master.xlsx", sample_input())
    assert main(["report", str(master), "--out", str(tmp_path / "r.docx"), "--pdf"]) == 1  # the PDF asked for is not there
    out = capsys.readouterr().out
    assert LIBREOFFICE_MISSING().message in out
    assert (tmp_path / "r.docx").is_file() and not (tmp_path / "r.pdf").exists()


def test_a_bad_template_exits_2(tmp_path, capsys):
    master = write_master(tmp_path / "master.xlsx", sample_input())
    (tmp_path / "t.docx").write_text("no")
    assert main(["report", str(master), "--out", str(tmp_path / "r.docx"), "--template", str(tmp_path / "t.docx")]) == 2
    assert "the Word template cannot be used" in capsys.readouterr().err
