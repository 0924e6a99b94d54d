"""The report opens in LibreOffice and converts to a tagged PDF with the report's headings, an outline and a numbered contents list."""

import re
import shutil
import subprocess

import pytest
from docx import Document

from ehwb_excel.report.document import build_report, save_report, section_headings
from ehwb_excel.report.pdf import convert_to_pdf
from tests.report_helpers import sample_input

pytestmark = pytest.mark.libreoffice

# a contents line as pdftotext -layout prints it: "Audit process.............3"
CONTENTS_LINE = re.compile(r"^\s*(\S.*?)\s*\.{2,}\s*(\d+)\s*$")


@pytest.fixture(scope="module")
def report_docx(tmp_path_factory):
    document, _ = build_report(sample_input())
    return save_report(document, tmp_path_factory.mktemp("pdf") / "report.docx")


@pytest.fixture(scope="module")
def converted(report_docx):
    """One LibreOffice run for the whole module (2 shared cores)."""
    return convert_to_pdf(report_docx, report_docx.parent / "out" / "report.pdf")


@pytest.fixture(scope="module")
def pages(converted) -> list[list[str]]:
    """The PDF's text, page by page, each page as its stripped lines (pdftotext -layout)."""
    pdf, _ = converted
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext not installed (apt-get install poppler-utils)")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [[line.strip() for line in page.splitlines()] for page in text.split("\f")]


def _contents_headings(docx) -> list[str]:
    """The headings the contents list should hold, in order: levels 1 and 2."""
    return [p.text for p in Document(str(docx)).paragraphs if p.style.name in ("Heading 1", "Heading 2")]


def test_the_report_converts_to_a_non_trivial_pdf(converted):
    pdf, problem = converted
    assert problem is None
    assert pdf.name == "report.pdf" and pdf.is_file()
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-") and len(data) > 30_000  # text, tables and a chart


def test_the_pdf_is_tagged_titled_and_holds_the_headings(converted):
    pdf, _ = converted
    if not shutil.which("pdftotext") or not shutil.which("pdfinfo"):
        pytest.skip("pdftotext/pdfinfo not installed (apt-get install poppler-utils)")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "Tagged:          yes" in info  # alt text and headings reach the PDF only when tagged
    assert "Title:           Emotional Health and Wellbeing audit report" in info
    assert "A4" in info
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for heading in section_headings(3):
        assert heading in text
    assert "OFFICIAL-SENSITIVE" in text
    assert "Page 2 of" in text


def test_the_charts_alt_text_reaches_the_pdf(converted):
    import re

    pdf, _ = converted
    alts = [bytes.fromhex(h.decode()).decode("utf-16") for h in re.findall(rb"/Alt\s*<([0-9A-Fa-f]+)>", pdf.read_bytes())]
    assert len(alts) == 1  # one chart for the whole audit
    assert "The child's voice: Of 5 grades, 3 were Good, 1 was Requires improvement and 1 was Inadequate." in alts[0]


def test_the_contents_list_gives_the_page_each_heading_starts_on(converted, pages, report_docx):
    contents_page = next(number for number, lines in enumerate(pages, 1) if "Contents" in lines)
    assert contents_page == 2  # after the title page, on one page
    entries = [m.groups() for m in map(CONTENTS_LINE.match, pages[contents_page - 1]) if m]
    expected = _contents_headings(report_docx)
    assert [heading for heading, _ in entries] == expected  # every section and line of enquiry, no level 3
    assert "Strengths" not in pages[contents_page - 1]
    for heading, page in entries:
        # the page given is the first page after the contents with the heading as a line of its own
        first = next(number for number, lines in enumerate(pages, 1) if number > contents_page and heading in lines)
        assert int(page) == first, heading
    assert len({page for _, page in entries}) >= 3  # the numbers are real, not one placeholder


def test_the_pdf_has_an_outline_of_the_headings_and_linked_contents(converted, report_docx):
    pdf, _ = converted
    data = pdf.read_bytes()
    assert re.search(rb"/Outlines\s+\d+ 0 R", data)  # the catalogue points to an outline: the viewer's bookmarks
    titles = [bytes.fromhex(h.decode()).decode("utf-16") for h in re.findall(rb"/Title\s*<(FEFF[0-9A-Fa-f]*)>", data)]
    for heading in _contents_headings(report_docx):
        assert heading in titles
    # each contents entry is an internal link (the field's \h switch) to its heading's place
    linked = []
    for obj in data.split(b"endobj"):
        if re.search(rb"/Subtype\s*/Link", obj) and re.search(rb"/Dest\s*\[", obj):
            label = re.search(rb"/Contents\s*<(FEFF[0-9A-Fa-f]*)>", obj)
            linked.append(bytes.fromhex(label.group(1).decode()).decode("utf-16").split("\t")[0])
    assert sorted(linked) == sorted(_contents_headings(report_docx))
