"""Names listed on 'Names not to print' are removed from quoted text, warned about, and never reach the document."""


import docx
import pytest

from ehwb_excel.problems.catalogue.report import LISTED_NAME_IN_REPORT, NAME_REDACTED
from ehwb_excel.problems.location import Location
from ehwb_excel.problems.problem import EhwbError
from ehwb_excel.report.document import build_report
from ehwb_excel.report.redaction import REDACTED, check_no_listed_names, listed_names_found, name_pattern, redact, redact_input
from ehwb_excel.report.report_input import NumberedText, Response
from tests.report_helpers import sample_input


@pytest.mark.parametrize("text, expected, count", [
    ("Jo said she was scared.", f"{REDACTED} said she was scared.", 1),
    ("JO and jo", f"{REDACTED} and {REDACTED}", 2),  # case-insensitive
    ("Joanne and Jones are not Jo.", f"Joanne and Jones are not {REDACTED}.", 1),  # whole words only
    ("Jo Bloggs met the worker.", f"{REDACTED} met the worker.", 1),  # the full name, not just "Jo"
    ("Jo\nBloggs", REDACTED, 1),  # a line break inside the name
    ("Nobody named here.", "Nobody named here.", 0),
])
def test_redact_whole_words_ignoring_case(text, expected, count):
    assert redact(text, name_pattern(["Jo", "Jo Bloggs"])) == (expected, count)


def test_no_names_listed_means_no_pattern():
    assert name_pattern(["", "  "]) is None
    assert redact("Jo", None) == ("Jo", 0)


def test_redaction_warns_with_case_and_question_but_never_the_name():
    location = Location("master.xlsx", "Responses", "G7")
    data = sample_input(
        names_not_to_print=("Kayleigh",),
        responses=(Response("Case A", "CAMHS", "voice", "voice_strengths", "Kayleigh trusted her worker.", location=location),),
    )
    cleaned, problems = redact_input(data)
    assert cleaned.responses[0].answer == f"{REDACTED} trusted her worker."
    assert [(p.code, p.location) for p in problems] == [(NAME_REDACTED.code, location)]
    assert "Case A" in problems[0].message and "voice_strengths" in problems[0].message
    assert "Kayleigh" not in str(problems[0])


def test_coordinator_text_is_redacted_too():
    data = sample_input(names_not_to_print=("Kayleigh",), headlines=(NumberedText("1", "Kayleigh's school acted fast."),))
    cleaned, problems = redact_input(data)
    assert cleaned.headlines[0].text == f"{REDACTED}'s school acted fast."
    assert [p.code for p in problems] == [NAME_REDACTED.code]


def test_the_built_report_holds_no_listed_name_and_warns():
    data = sample_input(names_not_to_print=("Weekly",))  # a word in a quoted strength of Case A
    document, report = build_report(data)
    assert listed_names_found(document, ["Weekly"]) == []
    assert [p.code for p in report.warnings].count(NAME_REDACTED.code) == 2  # in the answer and in the quote offered
    assert any(REDACTED in p.text for p in document.paragraphs)


def test_a_listed_name_the_build_cannot_redact_stops_the_report():
    # the audit definition (agency names) is not quoted text: the final scan must catch it
    data = sample_input(names_not_to_print=("Sandwell",))
    with pytest.raises(EhwbError) as raised:
        build_report(data)
    assert [p.code for p in raised.value.problems] == [LISTED_NAME_IN_REPORT.code]
    assert "Sandwell" not in str(raised.value)


def test_the_final_scan_looks_in_headers_tables_alt_text_and_properties():
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "About Kim"
    document.add_table(rows=1, cols=1).cell(0, 0).text = "Kim again"
    document.core_properties.title = "Kim"
    places = listed_names_found(document, ["kim"])
    assert any(place.startswith("header") for place in places)
    assert any(place.startswith("document.xml") for place in places)
    assert "document properties, title" in places
    with pytest.raises(EhwbError):
        check_no_listed_names(document, ["kim"])
    check_no_listed_names(document, [])  # nothing listed: nothing to refuse


def test_a_name_split_across_runs_is_still_found():
    document = docx.Document()
    paragraph = document.add_paragraph("Ki")
    paragraph.add_run("m was here")
    assert listed_names_found(document, ["Kim"]) == ["document.xml, paragraph 1"]


@pytest.mark.parametrize("listed, text", [
    ("Zoë", "Zoe\u0308 said hello."),  # the same name typed decomposed (as macOS and some web forms store it)
    ("Zoe", "Zoë said hello."),  # an accent the list does not have
    ("Zoë", "ZOE said hello."),  # an accent the text does not have
    ("Kayleigh", "Kay\u00adleigh said hello."),  # a soft hyphen pasted from a web page
    ("Kayleigh", "Kay\u200bleigh said hello."),  # a zero-width space
    ("Kim", "\uff2b\uff49\uff4d said hello."),  # full-width letters
    ("Jo Bloggs", "Jo\u00a0Bloggs said hello."),  # a non-breaking space
])
def test_accents_invisible_characters_and_letter_widths_do_not_hide_a_name(listed, text):
    assert redact(text, name_pattern([listed])) == (f"{REDACTED} said hello.", 1)


def test_folding_leaves_other_words_and_accents_alone():
    text = "Zoë's worker met Zoey and José."
    assert redact(text, name_pattern(["Zoe"])) == (f"{REDACTED}'s worker met Zoey and José.", 1)
    assert redact("José", name_pattern(["Zoe"])) == ("José", 0)


def test_the_final_scan_sees_through_line_breaks_and_accents():
    document = docx.Document()
    document.add_paragraph("Jo\nBloggs came")  # python-docx stores the line break as <w:br/> between runs of text
    document.add_paragraph("Zoe\u0308 came")
    document.core_properties.subject = "About ZOE"
    assert listed_names_found(document, ["Jo Bloggs", "Zoë"]) == [
        "document.xml, paragraph 1", "document.xml, paragraph 2", "document properties, subject",
    ]
