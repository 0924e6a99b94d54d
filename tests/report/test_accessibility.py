"""Each accessibility property of the report, checked in the saved .docx's XML (not through python-docx)."""

from pathlib import Path

import pytest

from ehwb_excel.report.accessibility import TOC_INSTRUCTION
from ehwb_excel.report.document import build_report, save_report
from tests.report_helpers import W, docx_parts, docx_xml, paragraph_text, sample_input

WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
DC = "{http://purl.org/dc/elements/1.1/}"
CP = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"
MARKING = "OFFICIAL-SENSITIVE"


@pytest.fixture(scope="module")
def saved(tmp_path_factory) -> Path:
    document, _ = build_report(sample_input())
    return save_report(document, tmp_path_factory.mktemp("report") / "report.docx")


def test_every_table_has_its_first_row_and_only_it_marked_as_a_repeating_header(saved):
    tables = list(docx_xml(saved, "word/document.xml").iter(f"{W}tbl"))
    assert len(tables) >= 5
    for table in tables:
        rows = table.findall(f"{W}tr")
        marked = [row.find(f"{W}trPr/{W}tblHeader") is not None for row in rows]
        assert marked == [True] + [False] * (len(rows) - 1)


def test_tables_have_alt_text_titles(saved):
    for table in docx_xml(saved, "word/document.xml").iter(f"{W}tbl"):
        caption = table.find(f"{W}tblPr/{W}tblCaption")
        assert caption is not None and caption.get(f"{W}val")


def test_no_merged_cells(saved):
    body = docx_xml(saved, "word/document.xml")
    assert not list(body.iter(f"{W}vMerge")) and not list(body.iter(f"{W}gridSpan")) and not list(body.iter(f"{W}hMerge"))


def test_every_image_has_alt_text_and_a_title(saved):
    pictures = list(docx_xml(saved, "word/document.xml").iter(f"{WP}docPr"))
    assert len(pictures) == 1  # one chart for the whole audit
    for picture in pictures:
        assert picture.get("descr", "").startswith("Stacked bar chart of the grades given for each key line of enquiry")
        assert picture.get("title", "") == "Grades given for each key line of enquiry"
    assert ("The child's voice: Of 5 grades, 3 were Good, 1 was Requires improvement and 1 was Inadequate."
            in pictures[0].get("descr"))


def test_a_table_of_contents_field_over_headings_1_and_2(saved):
    body = docx_xml(saved, "word/document.xml")
    instructions = [t.text for t in body.iter(f"{W}instrText")]
    assert TOC_INSTRUCTION in instructions
    assert TOC_INSTRUCTION.strip() == r'TOC \o "1-2" \h \z \u'
    kinds = [c.get(f"{W}fldCharType") for c in body.iter(f"{W}fldChar")]
    assert kinds == ["begin", "separate", "end"]  # the body's only field, closed
    entries = [(_style(p), paragraph_text(p)) for p in body.iter(f"{W}p") if _style(p) in ("toc1", "toc2", "toc3")]
    assert entries[:3] == [("toc1", "1. Audit process"), ("toc1", "2. Overview of the 3 cases"), ("toc1", "3. Audit headlines")]
    assert ("toc2", "4.1 The child's voice") in entries
    assert {style for style, _ in entries} == {"toc1", "toc2"}
    settings = docx_xml(saved, "word/settings.xml")
    assert settings.find(f"{W}updateFields").get(f"{W}val") == "true"


def test_the_proofing_language_is_british_english_in_the_style_defaults(saved):
    lang = docx_xml(saved, "word/styles.xml").find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert lang.get(f"{W}val") == "en-GB"


def test_core_properties_title_language_subject_and_marking(saved):
    core = docx_xml(saved, "docProps/core.xml")
    # the title, and the dates of the period audited: two quarters' reports are told apart
    assert core.find(f"{DC}title").text == "Emotional Health and Wellbeing audit report, 1 April 2025 to 31 March 2026"
    assert core.find(f"{DC}language").text == "en-GB"
    assert core.find(f"{DC}subject").text == "Emotional Health and Wellbeing"
    assert MARKING in core.find(f"{CP}keywords").text


def _style(paragraph) -> str:
    style = paragraph.find(f"{W}pPr/{W}pStyle")
    return style.get(f"{W}val").lower() if style is not None else ""


def _referenced_parts(saved: Path, kind: str) -> dict[str, str]:
    """Reference type (default, first) -> part name, for the one section's headers or footers."""
    rels = docx_xml(saved, "word/_rels/document.xml.rels")
    targets = {rel.get("Id"): rel.get("Target") for rel in rels}
    sect = docx_xml(saved, "word/document.xml").find(f"{W}body/{W}sectPr")
    return {ref.get(f"{W}type"): "word/" + targets[ref.get(f"{R}id")] for ref in sect.findall(f"{W}{kind}Reference")}


def test_marking_in_header_and_footer_of_every_page_including_the_first(saved):
    sect = docx_xml(saved, "word/document.xml").find(f"{W}body/{W}sectPr")
    assert sect.find(f"{W}titlePg") is not None
    for kind in ("header", "footer"):
        parts = _referenced_parts(saved, kind)
        assert set(parts) == {"default", "first"}
        for part in parts.values():
            assert MARKING in paragraph_text(docx_xml(saved, part))


def test_page_numbers_in_the_footer(saved):
    footer = docx_xml(saved, _referenced_parts(saved, "footer")["default"])
    assert [t.text.strip() for t in footer.iter(f"{W}instrText")] == ["PAGE", "NUMPAGES"]
    assert "Page 1 of 1" in paragraph_text(footer)  # the last result, until the fields update
    first = docx_xml(saved, _referenced_parts(saved, "footer")["first"])
    assert not list(first.iter(f"{W}instrText"))  # no page number on the title page


def test_headings_are_real_heading_styles_with_outline_levels(saved):
    styles = docx_xml(saved, "word/styles.xml")
    for level in (1, 2, 3):
        style = next(s for s in styles.iter(f"{W}style") if s.get(f"{W}styleId") == f"Heading{level}")
        assert style.find(f"{W}pPr/{W}outlineLvl").get(f"{W}val") == str(level - 1)


def test_only_the_report_parts_are_written(saved):
    assert docx_parts(saved, "word/header") and docx_parts(saved, "word/footer")
    assert docx_parts(saved, "word/media/") == ["word/media/image1.png"]


def test_the_documents_dates_are_the_reports_not_the_templates(saved):
    core = docx_xml(saved, "docProps/core.xml")
    assert core.find("{http://purl.org/dc/terms/}created").text.startswith("2027-02-14")


def test_every_chart_colour_stands_out_3_to_1_against_white():
    from ehwb_excel.report.charts import PALETTE

    def luminance(colour: str) -> float:
        channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    for colour in PALETTE:
        assert 1.05 / (luminance(colour) + 0.05) >= 3.0, colour  # WCAG 1.4.11, non-text contrast
