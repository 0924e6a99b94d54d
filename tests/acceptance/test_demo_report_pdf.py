"""`ehwb demo --pdf`: the report a panel would circulate, measured on its PDF: short, headlines early, nothing twice."""

import re
import shutil
import subprocess

import pytest
from docx import Document

from ehwb_excel.cli.main import main
from ehwb_excel.report.document import APPENDIX_RETURNS, section_headings

pytestmark = pytest.mark.libreoffice

MAX_PAGES, MAX_BODY_PAGES, HEADLINES_BY_PAGE = 14, 8, 5
SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\u201c])")


@pytest.fixture(scope="module")
def demo(libreoffice_available, tmp_path_factory):
    out = tmp_path_factory.mktemp("demo-pdf")
    assert main(["demo", "--out", str(out), "--pdf"]) == 0
    return out


@pytest.fixture(scope="module")
def pages(demo) -> list[list[str]]:
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext not installed (apt-get install poppler-utils)")
    text = subprocess.run(["pdftotext", "-layout", str(demo / "report.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    return [[line.strip() for line in page.splitlines()] for page in text.split("\f") if page.strip()]


def _first_page_with(pages, heading: str) -> int:
    """The page (from 1) where `heading` starts a line, after the contents page."""
    return next(number for number, lines in enumerate(pages, 1) if number > 2 and heading in lines)


def test_the_whole_report_fits_14_pages_and_its_body_8(pages):
    assert len(pages) <= MAX_PAGES
    body_starts = _first_page_with(pages, section_headings(4)[0])
    appendix = _first_page_with(pages, APPENDIX_RETURNS)
    assert appendix - body_starts <= MAX_BODY_PAGES  # the pages before the appendices, title and contents aside


def test_the_headlines_are_within_the_first_five_pages(pages):
    assert _first_page_with(pages, section_headings(4)[2]) <= HEADLINES_BY_PAGE


def test_no_sentence_of_the_report_appears_twice(demo):
    # sentences, not headings (which the contents list repeats by design)
    paragraphs = [p.text for p in Document(str(demo / "report.docx")).paragraphs
                  if not p.style.name.casefold().startswith(("heading", "toc", "caption"))]
    sentences = [s.strip() for text in paragraphs for s in SENTENCE.split(text) if len(s.strip()) > 20]
    repeated = {s for s in sentences if sentences.count(s) > 1}
    assert not repeated


def test_every_grade_total_leaves_out_not_applicable(demo):
    document = Document(str(demo / "report.docx"))
    summary = next(t for t in document.tables if t.rows[0].cells[0].text == "Line of enquiry" and len(t.columns) == 7)
    header = [c.text for c in summary.rows[0].cells]
    assert header[-2:] == ["Total", "Not applicable"]
    for row in summary.rows[1:]:
        counts = [int(c.text) for c in row.cells[1:]]
        assert counts[-2] == sum(counts[:-2]), row.cells[0].text
    text = "\n".join(p.text for p in document.paragraphs)
    assert "answers were not applicable" in text


def test_the_demo_report_shows_the_panels_curated_words(demo):
    text = "\n".join(p.text for p in Document(str(demo / "report.docx")).paragraphs)
    assert "Relationship-based practice was a clear strength" in text  # a key finding the demo's panel typed
    assert text.count("Strength: \u201c") + text.count("Area for development: \u201c") == 7  # the quotes it chose
    assert "not chosen any quotes" not in text


@pytest.mark.skipif(not hasattr(__import__("os"), "getuid"), reason="file modes are POSIX's")
def test_the_pdf_is_owner_only_as_every_file_ehwb_writes(demo):
    assert (demo / "report.pdf").stat().st_mode & 0o777 == 0o600
    assert (demo / "report.docx").stat().st_mode & 0o777 == 0o600
