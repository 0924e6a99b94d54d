"""Excel's hard limits as small pure checks (the model: XlsxWriter's _check_sheetname and data_validation)."""

import pytest

from ehwb_excel.excel import layout
from ehwb_excel.excel.limits import defined_name_problem, prompt_text, prompt_title, sheet_name_problem


@pytest.mark.parametrize("name", ["Case A", "Case 12", "x" * 31, "Case-B (2)"])
def test_legal_sheet_names(name):
    assert sheet_name_problem(name) is None


@pytest.mark.parametrize("name, why", [
    ("", "blank"),
    ("   ", "blank"),
    ("x" * 32, "at most 31"),
    ("Case A/B", "cannot contain /"),
    ("Case [A]", "cannot contain [ ]"),
    ("What?*", "cannot contain * ?"),
    ("'Case A", "apostrophe"),
    ("Case A'", "apostrophe"),
    ("lists", f"called '{layout.LISTS_SHEET}'"),
    (layout.META_SHEET.upper(), f"called '{layout.META_SHEET}'"),
    ("your agency", f"called '{layout.AGENCY_SHEET}'"),
    ("history", "called 'History'"),
])
def test_illegal_sheet_names(name, why):
    assert why in sheet_name_problem(name)


def test_a_sheet_name_may_clash_with_names_already_taken():
    assert "called 'Case A'" in sheet_name_problem("CASE A", taken=("Case A",))


@pytest.mark.parametrize("name, why", [
    (layout.list_name_for("grade"), None),
    ("_x", None),
    ("A1", "cell address"),
    ("xfd100", "cell address"),
    ("R1C1", "cell address"),
    ("1x", "begin with a letter"),
    ("a b", "only letters"),
    ("x" * 256, "at most 255"),
])
def test_defined_names(name, why):
    problem = defined_name_problem(name)
    assert (problem is None) if why is None else why in problem


def test_titles_and_prompts_are_cut_to_fit():
    assert prompt_title("Short title") == "Short title"
    long_title = prompt_title("How well was the child's voice heard and acted on?")
    assert len(long_title) <= 32 and long_title == "How well was the child's voice…"
    assert prompt_text("x" * 300) == "x" * 254 + "…"
    assert prompt_text("  fits  ") == "fits"
