"""The Quote choices sheet: each distinct quote once with its agencies, and the panel's choice kept across merges."""

from ehwb_excel.excel import layout
from ehwb_excel.merge.previous import MasterState
from ehwb_excel.merge.merge import merge
from ehwb_excel.problems.catalogue.returns import QUOTE_CHOICE_GONE
from tests.merge_helpers import NOW, merge_audit, return_file, state_after

AUDIT = merge_audit()
SAME = "The worker saw the young person weekly."


def _run(returns, previous=None):
    return merge(AUDIT, returns, previous or MasterState.empty(AUDIT), now=NOW)


def _choices(result) -> dict[str, tuple]:
    return {r["Quote"]: (r["Given by"], r["Cases"], r["In the report"]) for r in result.sheet(layout.QUOTE_CHOICES_SHEET).records()}


def test_identical_words_are_offered_once_with_every_agency_and_case():
    result = _run([
        return_file("SCT", {("Case A", "voice_notes"): SAME, ("Case B", "voice_notes"): "Visits were consistent."}),
        return_file("CAMHS", {("Case A", "voice_notes"): "the worker saw the young person  weekly"}),  # the same words
        return_file("WMP", {("Case B", "voice_notes"): SAME}),
    ])
    assert _choices(result) == {
        SAME: ("SCT, CAMHS and WMP", "Case A and Case B", layout.QUOTE_LEAVE_OUT),
        "Visits were consistent.": ("SCT", "Case B", layout.QUOTE_LEAVE_OUT),
    }
    sheet = result.sheet(layout.QUOTE_CHOICES_SHEET)
    assert sheet.choices["In the report"][0] == (layout.QUOTE_INCLUDE, layout.QUOTE_LEAVE_OUT)  # a dropdown


def test_a_choice_survives_a_corrected_return_and_a_reworded_quote_is_said_to_be_gone():
    first = _run([return_file("SCT", {("Case A", "voice_notes"): SAME, ("Case B", "voice_notes"): "Visits were consistent."})])
    chosen = state_after(first)
    chosen.quote_choices = {key: layout.QUOTE_INCLUDE for key in chosen.quote_choices}  # the panel includes both
    corrected = return_file("SCT", {("Case A", "voice_notes"): SAME, ("Case B", "voice_notes"): "Visits were weekly."}, version="2")
    second = _run([corrected], chosen)
    assert _choices(second) == {
        SAME: ("SCT", "Case A", layout.QUOTE_INCLUDE),  # the words did not change: the choice is kept
        "Visits were weekly.": ("SCT", "Case B", layout.QUOTE_LEAVE_OUT),  # new words: not chosen yet
    }
    gone = [p for p in second.report.problems if p.code == QUOTE_CHOICE_GONE.code]
    assert [p.context["words"] for p in gone] == ["visits were consistent"]


def test_given_by_names_a_dozen_agencies_then_counts_the_rest_and_each_answer_keeps_its_row():
    import dataclasses

    from ehwb_excel.audit.model import Agency, Case
    from ehwb_excel.merge.quote_choices import NAMED_GIVERS, quote_choices_table
    from ehwb_excel.merge.response_row import ResponseRow

    codes = [f"AG{n:04d}" for n in range(2000)]
    audit = dataclasses.replace(AUDIT, agencies=tuple(Agency(c, f"Agency {c}") for c in codes), cases=(Case("Case A", tuple(codes)),))
    column = {name: i for i, name in enumerate(layout.RESPONSES_COLUMNS)}

    def said(code, words):
        values = [None] * len(layout.RESPONSES_COLUMNS)
        for name, value in (("Case", "Case A"), ("Agency", code), ("Question ID", "voice_notes"), ("Answer", words)):
            values[column[name]] = value
        return ResponseRow(*values)

    everyone = quote_choices_table(audit, [said(c, SAME) for c in codes], {})
    (row,) = everyone.records()
    assert row["Given by"] == ", ".join(codes[:NAMED_GIVERS]) + " and 1,990 other agencies"
    assert len(row["Given by"]) < 200  # 2,000 agencies named in full: over 16,000 characters in one cell
    # a partnership's dozen agencies are all named
    dozen = quote_choices_table(audit, [said(c, SAME) for c in codes[:12]], {})
    assert dozen.records()[0]["Given by"] == ", ".join(codes[:11]) + " and AG0011"
    # who said it, agency by agency: every answer has its own row on Responses (merged for real)
    result = merge(audit, [return_file(c, {("Case A", "voice_notes"): SAME}) for c in codes[:15]], MasterState.empty(audit), now=NOW)
    responses = result.sheet(layout.RESPONSES_SHEET).records()
    assert [r["Agency"] for r in responses if r["Answer"] == SAME] == codes[:15]
    assert result.sheet(layout.QUOTE_CHOICES_SHEET).records()[0]["Given by"].endswith(" and 5 other agencies")
