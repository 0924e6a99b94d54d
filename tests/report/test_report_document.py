"""The report's shape: its sections in order, a findings table per line of enquiry, actions, and what is missing."""

from dataclasses import replace
from datetime import date
from pathlib import Path

import docx
import pytest

from ehwb_excel.excel import layout
from ehwb_excel.problems.catalogue.report import (
    COORDINATOR_SHEET_EMPTY,
    KEY_FINDINGS_MISSING,
    NO_CASE_PROFILES,
    NO_QUOTES_CHOSEN,
    RECOMMENDATION_WITHOUT_ACTION,
    REPORT_SETTING_MISSING,
    RETURNS_OUTSTANDING,
    TEMPLATE_STYLE_MISSING,
    TEMPLATE_UNUSABLE,
)
from ehwb_excel.problems.problem import EhwbError
from ehwb_excel.report.document import build_report, save_report, section_headings
from ehwb_excel.report.report_input import Recommendation, read_report_input
from tests.report_helpers import GRADES, W, _r, docx_xml, empty_input, headings, paragraph_text, sample_input, small_audit, write_master

WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    """The sample report, built once for the tests that only read it."""
    return saved_report(tmp_path_factory.mktemp("sample"), sample_input())[0]


def saved_report(tmp_path: Path, data, template=None):
    document, report = build_report(data, template)
    return save_report(document, tmp_path / "report.docx"), report


def body_texts(path: Path) -> list[str]:
    return [paragraph_text(p) for p in docx_xml(path, "word/document.xml").iter(f"{W}p")]


def table_captions(path: Path) -> list[str]:
    return [t.find(f"{W}tblPr/{W}tblCaption").get(f"{W}val") for t in docx_xml(path, "word/document.xml").iter(f"{W}tbl")]


def table_rows(path: Path, caption: str) -> list[list[str]]:
    for table in docx_xml(path, "word/document.xml").iter(f"{W}tbl"):
        if table.find(f"{W}tblPr/{W}tblCaption").get(f"{W}val") == caption:
            return [[paragraph_text(c) for c in row.findall(f"{W}tc")] for row in table.findall(f"{W}tr")]
    raise AssertionError(f"no table {caption!r}")


def test_heading_1s_are_the_report_sections_in_order(sample):
    path = sample
    found = headings(path)
    assert [text for level, text in found if level == 1] == section_headings(3)
    assert found[0][0] == 1
    for (before, _), (after, text) in zip(found, found[1:]):
        assert after <= before + 1, f"heading level skipped before {text!r}"


def test_findings_summarise_every_line_in_one_table_and_one_chart(sample):
    path = sample
    found = headings(path)
    findings_at = found.index((1, "4. Findings by line of enquiry"))
    assert found[findings_at + 1] == (2, "4.1 The child's voice")
    assert (2, "4.2 Mental-health pathways") in found
    assert table_rows(path, "Grades given for each key line of enquiry") == [
        ["Line of enquiry", "Outstanding", "Good", "Requires improvement", "Inadequate", "Total", "Not applicable"],
        ["The child's voice", "0", "3", "1", "1", "5", "0"],
        ["Mental-health pathways", "1", "0", "0", "0", "1", "0"],
        ["Total", "1", "3", "1", "1", "6", "0"],
    ]
    assert len(list(docx_xml(path, "word/document.xml").iter(f"{WP}docPr"))) == 1  # one chart for the whole audit
    texts = body_texts(path)
    assert "Children were seen, but their views rarely changed the plan." in texts  # the panel's key finding
    assert "Of 5 grades, 3 were Good, 1 was Requires improvement and 1 was Inadequate." in texts



def test_a_line_without_a_key_finding_says_so_and_warns(tmp_path):
    path, report = saved_report(tmp_path, sample_input(key_findings=sample_input().key_findings[:1]))
    assert "The panel's key finding on Mental-health pathways has not been written yet." in body_texts(path)
    assert [p.context["lines"] for p in report.warnings if p.code == KEY_FINDINGS_MISSING.code] == ["Mental-health pathways"]


def test_grade_tables_by_case_and_by_agency_are_in_the_appendix(sample):
    by_case = table_rows(sample, "Grades by line of enquiry and case")
    assert by_case[0] == ["Line of enquiry", "Case", *GRADES[:4], "Total", "Not applicable"]
    assert by_case[1] == ["The child's voice", "Case A", "0", "2", "1", "0", "3", "0"]
    assert table_rows(sample, "Grades given by each agency, all lines of enquiry together")[1] == [
        "SCT", "1", "1", "0", "1", "3", "0"]


def test_not_applicable_is_not_a_grade_and_refused_answers_are_said_to_be_missing(tmp_path):
    extra = (_r("Case B", "SCT", "voice", "voice_grade", "Not applicable"), _r("Case A", "WMP", "pathways", "pathways_grade", "Very good"))
    data = sample_input(responses=sample_input().responses + extra)
    path, _ = saved_report(tmp_path, data)
    texts = body_texts(path)
    assert "Of 5 grades, 3 were Good, 1 was Requires improvement and 1 was Inadequate; 1 answer was not applicable." in texts
    assert ("The 1 grade was Outstanding; 1 answer from WMP was not on the grade scale, so it is not counted.") in texts
    assert table_rows(path, "Grades given for each key line of enquiry")[1] == ["The child's voice", "0", "3", "1", "1", "5", "1"]


def test_the_overview_states_the_profile_counts(sample):
    path = sample
    texts = body_texts(path)
    assert ("The cases comprised 2 females and 1 male: 2 were White British and 1 was British Pakistani. "
            "All of the young people experienced anxiety and 2 were known to be self harming. "
            "What the agencies' records show about each case is set out in Appendix B.") in texts
    assert table_rows(path, "Case profiles: Case A, Case B and Case C")[1] == ["Gender of the child", "Female", "Female", "Male"]


def test_the_audit_process_names_the_approaches_cases_and_agencies(sample):
    path = sample
    text = "\n".join(body_texts(path))
    assert "Practitioner discussion forums were attended by 14 practitioners from SCT, CAMHS and WMP on 3 March 2026." in text
    assert "The case file audit examined 3 randomly selected cases: Case A, Case B and Case C." in text
    assert "Audit tools were completed by SCT, CAMHS and WMP. CCG had not returned its audit tool when this report was written." in text
    assert "outstanding" not in text.replace("Outstanding", "")  # never for a missing return, beside the grade


def test_only_the_quotes_the_panel_chose_are_printed_attributed_to_the_agency(sample):
    texts = body_texts(sample)
    assert "Strength: \u201cThe worker saw the young person weekly.\u201d (CAMHS; Case A)" in texts
    assert not any("Wishes and feelings were not recorded." in t for t in texts)


def test_with_no_quote_chosen_the_report_says_where_to_choose_them(tmp_path):
    data = sample_input(quotes=tuple(replace(q, included=False) for q in sample_input().quotes))
    path, report = saved_report(tmp_path, data)
    texts = body_texts(path)
    assert any("set it to Include on the master's 'Quote choices' sheet" in t for t in texts)
    assert not any("\u201c" in t for t in texts)
    assert NO_QUOTES_CHOSEN.code in [p.code for p in report.warnings]


def test_all_quotes_puts_every_distinct_quote_in_an_appendix(tmp_path):
    document, _ = build_report(sample_input(), all_quotes=True)
    path = save_report(document, tmp_path / "report.docx")
    assert [t for level, t in headings(path) if level == 1] == section_headings(3, all_quotes=True)
    texts = body_texts(path)
    assert "Area for development: \u201cWishes and feelings were not recorded.\u201d (SCT; Case C)" in texts


def test_recommendations_are_numbered_with_an_action_table(sample):
    path = sample
    assert (2, "Recommendation 1") in headings(path)
    assert table_rows(path, "Actions for recommendation 1") == [
        ["Action", "Lead", "Due date", "Status"],
        ["Add a wishes and feelings prompt to the case recording system", "SCT", "31 March 2027", "In progress"],
        ["Brief CAMHS practitioners", "CAMHS", "Spring 2027", "Not started"],
    ]


def test_appendix_lists_agencies_and_returns(sample):
    path = sample
    assert table_rows(path, "Agencies, the cases they knew and their returns")[1:] == [
        ["SCT", "Sandwell Children's Trust", "Case A, Case B and Case C", "Received"],
        ["CAMHS", "Child and Adolescent Mental Health Services", "Case A and Case C", "Received late"],
        ["WMP", "West Midlands Police", "Case A", "Received"],
        ["CCG", "Clinical Commissioning Group", "Case B", "Not received"],
    ]


def test_headlines_and_reflections_keep_the_coordinators_numbers(sample):
    path = sample
    texts = body_texts(path)
    assert "1.\tChildren's voices were heard but not always acted on." in texts
    assert "1.\tAgencies knew the children well." in texts


def test_nothing_merged_and_nothing_typed_still_builds_and_says_what_is_missing(tmp_path):
    path, report = saved_report(tmp_path, empty_input())
    assert [text for level, text in headings(path) if level == 1] == section_headings(3)
    text = "\n".join(body_texts(path))
    for expected in (
        "No case profiles have been returned yet, so the 3 cases cannot be described.",
        "No audit tools had been returned when this report was written. Audit tools were expected from SCT, CAMHS, WMP and CCG.",
        "No grades were returned for the child's voice.",
        "Audit headlines have not been entered yet.",
        "The independent scrutineer's reflections have not been entered yet.",
        "Recommendations have not been entered yet.",
        "The audit approaches (such as practitioner discussion forums) have not been recorded yet.",
    ):
        assert expected in text
    codes = [p.code for p in report.warnings]
    assert codes.count(COORDINATOR_SHEET_EMPTY.code) == 4  # panel notes, headlines, reflections, recommendations
    assert codes.count(REPORT_SETTING_MISSING.code) == 4
    assert NO_CASE_PROFILES.code in codes and RETURNS_OUTSTANDING.code in codes
    assert report.valid  # warnings only: the report is still written
    assert not list(docx_xml(path, "word/document.xml").iter(f"{WP}docPr"))  # no empty charts


def test_a_recommendation_without_actions_says_so(tmp_path):
    data = sample_input(recommendations=(Recommendation("2", "Agree a threshold document."),))
    path, report = saved_report(tmp_path, data)
    assert "Its actions are to be agreed." in body_texts(path)
    assert [p.code for p in report.warnings if p.code == RECOMMENDATION_WITHOUT_ACTION.code] == [RECOMMENDATION_WITHOUT_ACTION.code]


# -- from a master workbook on disk ---------------------------------------------------------------------


def _plain(values):
    """Values without their locations (the reader adds those)."""
    return [replace(v, location=None) for v in values]


def test_read_report_input_reads_back_what_the_master_holds(tmp_path):
    expected = sample_input()
    master = write_master(tmp_path / "master.xlsx", expected)
    got = read_report_input(master, today=date(2027, 2, 15))
    assert got.audit == expected.audit
    assert got.source == "master.xlsx"
    assert got.submissions == expected.submissions
    assert _plain(got.responses) == _plain(expected.responses)
    assert _plain(got.profiles) == _plain(expected.profiles)
    assert _plain(got.approaches) == _plain(expected.approaches)
    assert _plain(got.headlines) == _plain(expected.headlines)
    assert [(r.number, r.text, _plain(r.actions)) for r in got.recommendations] == [
        (r.number, r.text, _plain(r.actions)) for r in expected.recommendations]
    assert got.settings == expected.settings
    assert _plain(got.key_findings) == _plain(expected.key_findings)
    assert _plain(got.quotes) == _plain(expected.quotes)
    assert got.missing_sheets == ()
    assert str(got.responses[0].location) == "master.xlsx, sheet 'Responses', cell G2"


def test_a_master_without_coordinator_sheets_reads_and_says_which_are_missing(tmp_path):
    master = write_master(tmp_path / "master.xlsx", empty_input(), omit=layout.COORDINATOR_SHEETS)
    got = read_report_input(master)
    assert got.missing_sheets == layout.COORDINATOR_SHEETS
    assert got.outstanding_agencies() == ("SCT", "CAMHS", "WMP", "CCG")
    _, report = build_report(got)
    messages = [p.message for p in report.warnings if p.code == COORDINATOR_SHEET_EMPTY.code]
    assert "the master has no 'Headlines' sheet" in " ".join(messages)


def test_a_file_that_is_not_a_master_is_refused(tmp_path):
    not_master = tmp_path / "notes.xlsx"
    not_master.write_bytes(b"not a zip")
    with pytest.raises(EhwbError) as raised:
        read_report_input(not_master)
    assert raised.value.problems[0].location.file == "notes.xlsx"


def test_without_a_submissions_sheet_agencies_with_answers_count_as_received():
    data = sample_input(submissions=())
    assert data.received_agencies() == ("SCT", "CAMHS", "WMP")
    assert data.outstanding_agencies() == ("CCG",)


# -- templates ----------------------------------------------------------------------------------------------


def test_a_partnership_template_gives_the_styles_and_loses_its_sample_text(tmp_path):
    template = docx.Document()
    template.add_paragraph("Sample text from the template")
    template.styles["Heading 1"].font.size = docx.shared.Pt(20)
    template.save(tmp_path / "template.docx")
    path, report = saved_report(tmp_path, sample_input(), tmp_path / "template.docx")
    assert "Sample text from the template" not in body_texts(path)
    heading_1 = next(s for s in docx_xml(path, "word/styles.xml").iter(f"{W}style") if s.get(f"{W}styleId") == "Heading1")
    assert heading_1.find(f"{W}rPr/{W}sz").get(f"{W}val") == "40"
    assert TEMPLATE_STYLE_MISSING.code not in [p.code for p in report.problems]


def test_a_template_without_some_styles_gets_plain_ones_and_a_warning(tmp_path):
    template = docx.Document()
    caption = template.styles["Caption"].element
    caption.getparent().remove(caption)
    template.save(tmp_path / "template.docx")
    path, report = saved_report(tmp_path, sample_input(), tmp_path / "template.docx")
    missing = [p for p in report.warnings if p.code == TEMPLATE_STYLE_MISSING.code]
    assert [p.context["style"] for p in missing] == ["Caption"]


def test_a_template_that_is_not_a_docx_is_refused(tmp_path):
    (tmp_path / "template.docx").write_text("not a document")
    with pytest.raises(EhwbError) as raised:
        build_report(sample_input(), tmp_path / "template.docx")
    assert raised.value.problems[0].code == TEMPLATE_UNUSABLE.code


def test_one_case_and_many_cases_build(tmp_path):
    audit = small_audit()
    many = replace(audit, cases=tuple(replace(audit.cases[i % 3], reference=f"Case {i + 1}") for i in range(12)))
    path, _ = saved_report(tmp_path, empty_input(audit=many))
    profile_tables = [c for c in table_captions(path) if c.startswith("Case profiles")]
    assert profile_tables == []  # no profile answers: no empty table
    one = replace(audit, cases=audit.cases[:1])
    path, _ = saved_report(tmp_path, sample_input(audit=one))
    assert "The case file audit examined 1 randomly selected case: Case A." in "\n".join(body_texts(path))


def test_text_a_word_document_cannot_hold_is_dropped_when_read(tmp_path):
    from ehwb_excel.report.report_input import text

    assert text("Seen\x0bweekly\x00") == "Seenweekly"
    assert text(6.0) == "6" and text(None) == "" and text(date(2026, 3, 31)) == "31/03/2026"
    assert text("  two   spaces ") == "two spaces"
    assert text("line one\nline two ") == "line one\nline two"  # a comment's line breaks are kept


def test_a_word_template_dotx_is_accepted(tmp_path):
    import zipfile

    from ehwb_excel.report.styles import DOCUMENT_TYPE, TEMPLATE_TYPE

    docx.Document().save(tmp_path / "plain.docx")
    with zipfile.ZipFile(tmp_path / "plain.docx") as source, zipfile.ZipFile(tmp_path / "house.dotx", "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            target.writestr(item, data.replace(DOCUMENT_TYPE, TEMPLATE_TYPE) if item.filename == "[Content_Types].xml" else data)
    path, report = saved_report(tmp_path, sample_input(), tmp_path / "house.dotx")
    assert [text for level, text in headings(path) if level == 1] == section_headings(3)
    with zipfile.ZipFile(path) as package:
        assert DOCUMENT_TYPE in package.read("[Content_Types].xml")


def test_findings_say_whose_grades_are_not_counted(sample):
    assert any("The return from CCG had not been received, so its grades are not counted." in t for t in body_texts(sample))


def test_a_question_that_only_opens_other_sections_is_not_a_profile_row(tmp_path):
    from ehwb_excel.audit.model import Condition, Question, QuestionType

    audit = small_audit()
    known = Question("known", "profile", "Was the child known to your agency?", QuestionType.YES_NO, "yes_no")
    gated = replace(audit.questions[4], condition=Condition("known", "Yes"))  # voice_grade asked only when known
    audit = replace(audit, questions=(known, *audit.questions[:4], gated, *audit.questions[5:]))
    data = sample_input(audit=audit, profiles=sample_input().profiles + tuple(
        replace(sample_input().profiles[0], case=c, question_id="known", answer="Yes") for c in ("Case A", "Case B", "Case C")))
    path, _ = saved_report(tmp_path, data)
    questions = [row[0] for row in table_rows(path, "Case profiles: Case A, Case B and Case C")]
    assert "Was the child known to your agency?" not in questions
    assert "Gender of the child" in questions
