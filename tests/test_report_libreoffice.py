"""The report opens in LibreOffice and converts to a tagged PDF whose text has the report's headings."""

import shutil
import subprocess

import pytest

from ehwb_excel.catalogue.report import LIBREOFFICE_MISSING
from ehwb_excel.location import Location
from ehwb_excel.report import pdf as pdf_module
from ehwb_excel.report.document import SECTION_HEADINGS, build_report, save_report
from ehwb_excel.report.pdf import convert_to_pdf
from tests.report_helpers import sample_input

pytestmark = pytest.mark.libreoffice


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    """One LibreOffice run for the whole module (2 shared cores)."""
    folder = tmp_path_factory.mktemp("pdf")
    document, _ = build_report(sample_input())
    docx_path = save_report(document, folder / "report.docx")
    return convert_to_pdf(docx_path, folder / "out" / "report.pdf")


def test_the_report_converts_to_a_non_trivial_pdf(converted):
    pdf, problem = converted
    assert problem is None
    assert pdf.name == "report.pdf" and pdf.is_file()
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-") and len(data) > 30_000  # text, tables and two charts


def test_the_pdf_is_tagged_titled_and_holds_the_headings(converted):
    pdf, _ = converted
    if not shutil.which("pdftotext") or not shutil.which("pdfinfo"):
        pytest.skip("pdftotext/pdfinfo not installed (apt-get install poppler-utils)")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "Tagged:          yes" in info  # alt text and headings reach the PDF only when tagged
    assert "Title:           Emotional Health and Wellbeing audit report" in info
    assert "A4" in info
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for heading in SECTION_HEADINGS:
        assert heading in text
    assert "OFFICIAL-SENSITIVE" in text
    assert "Page 2 of" in text


def test_without_libreoffice_the_problem_says_the_docx_is_written(tmp_path, monkeypatch):
    monkeypatch.setattr(pdf_module, "find_soffice", lambda: None)
    (tmp_path / "report.docx").write_bytes(b"")
    assert convert_to_pdf(tmp_path / "report.docx") == (None, LIBREOFFICE_MISSING(Location.of(tmp_path / "report.docx")))
    assert "the .docx is written; install LibreOffice to also get a PDF" in LIBREOFFICE_MISSING().message


def test_the_charts_alt_text_reaches_the_pdf(converted):
    import re

    pdf, _ = converted
    alts = [bytes.fromhex(h.decode()).decode("utf-16") for h in re.findall(rb"/Alt\s*<([0-9A-Fa-f]+)>", pdf.read_bytes())]
    assert len(alts) == 2
    assert any("Of 5 grades, 3 were Good, 1 was Requires improvement and 1 was Inadequate." in alt for alt in alts)
