"""Every kind of definition mistake: located (file, sheet, cell), coded, with its catalogue message."""

from string import Formatter

import pytest

from ehwb_excel.definition import sheets
from ehwb_excel.problems.catalogue import definition as problems
from ehwb_excel.cli.main import main
from ehwb_excel.definition.checks.table import read_table
from ehwb_excel.definition.reader import load_definition, read_definition
from ehwb_excel.excel.limits import CELL_TEXT_MAX
from ehwb_excel.problems.location import Location
from ehwb_excel.problems.problem import EhwbError
from tests.definition_helpers import (
    agency_column,
    case_row,
    cell,
    check,
    definition,
    list_row,
    question_row,
    save,
    section_row,
    setting_row,
)

Q, L, S = sheets.QUESTIONS, sheets.LISTS, sheets.SECTIONS
NEW_QUESTION, NEW_LIST_ROW, NEW_SECTION, NEW_AGENCY, NEW_CASE, NEW_SETTING = 60, 57, 14, 13, 6, 12
GRADE_ROW = question_row("relationships_grade")
ALL_LISTS = "grade, yes_no, gender, ethnicity, diagnoses, impact, ill_health, timeliness, frequency"
ALL_AGENCIES = "SCT, SWBNHS, CCG, CAMHS, Education, WMP, Inclusion Support, RSVP, Kaleidoscope, COGs, MST"


def q(key: str, question_id: str) -> str:
    return cell(Q, key, question_row(question_id))


# (test id, changes for `check`, [(sheet, cell, code)] of EVERY problem, problem type, its message context)
MISTAKES = [
    ("missing-sheet", dict(rename={"Questions": "Question"}), [("", "", "DEF_002")],
     problems.MISSING_SHEET, dict(sheet="Questions", what="questions", suggestion=" (did you mean 'Question'?)")),
    ("missing-column", dict(cells={"Questions!D1": "Kind of answer"}), [("Questions", "row 1", "DEF_003")],
     problems.MISSING_COLUMN, dict(column="Type", suggestion="", found="'Kind of answer'")),
    ("duplicate-column", dict(cells={"Questions!K1": "Question ID"}), [("Questions", "K1", "DEF_004")],
     problems.DUPLICATE_COLUMN, dict(column="Question ID", other="A1")),
    ("not-yes-no", dict(cells={f"Cases!{agency_column('SCT')}2": "maybe"}), [("Cases", "C2", "DEF_006")],
     problems.NOT_YES_NO, dict(value="maybe", column="SCT", cell="C2")),
    ("missing-setting", dict(cells={"Audit!B2": None}), [("Audit", "B2", "DEF_010")],
     problems.MISSING_SETTING, dict(setting="Audit ID", about="A unique ID for this audit; every return carries it, e.g. EHWB-2026-Q1")),
    ("missing-setting-row", dict(delete_rows={"Audit": [setting_row("Theme")]}), [("Audit", "", "DEF_010")],
     problems.MISSING_SETTING, dict(setting="Theme", about="The theme of this quarter's audit")),
    ("bad-date", dict(cells={f"Audit!B{setting_row('Deadline')}": "next Friday"}), [("Audit", "B6", "DEF_011")],
     problems.BAD_DATE, dict(value="next Friday", setting="Deadline", cell="B6")),
    ("unknown-setting", dict(append={"Audit": [["Colour scheme", "blue"]]}), [("Audit", f"A{NEW_SETTING}", "DEF_012")],
     problems.UNKNOWN_SETTING, dict(setting="Colour scheme", known=", ".join(s.label for s in sheets.SETTINGS))),
    ("duplicate-setting", dict(append={"Audit": [["theme", "Another"]]}), [("Audit", f"A{NEW_SETTING}", "DEF_013")],
     problems.DUPLICATE_SETTING, dict(setting="Theme", first=3)),
    ("bad-email", dict(cells={f"Audit!B{setting_row('Coordinator email')}": "coordinator at example"}), [("Audit", "B8", "DEF_014")],
     problems.BAD_EMAIL, dict(value="coordinator at example", cell="B8")),
    ("blank-agency-code", dict(append={"Agencies": [[None, "Youth Offending Service"]]}), [("Agencies", f"A{NEW_AGENCY}", "DEF_020")],
     problems.BLANK_AGENCY_CODE, dict(cell=f"A{NEW_AGENCY}")),
    ("duplicate-agency-code", dict(append={"Agencies": [["camhs", "Another CAMHS"]]}), [("Agencies", f"A{NEW_AGENCY}", "DEF_021")],
     problems.DUPLICATE_AGENCY_CODE, dict(code="camhs", first=5)),
    ("bad-agency-code", dict(append={"Agencies": [["YOS/YJ", "Youth Justice"]]}), [("Agencies", f"A{NEW_AGENCY}", "DEF_022")],
     problems.BAD_AGENCY_CODE, dict(code="YOS/YJ", chars="/", cell=f"A{NEW_AGENCY}")),
    ("agency-name-missing", dict(cells={"Agencies!B2": None}), [("Agencies", "B2", "DEF_023")],
     problems.AGENCY_NAME_MISSING, dict(code="SCT", cell="B2")),
    ("agency-knows-no-case", dict(append={"Agencies": [["YOS", "Youth Offending Service"]]}), [("Agencies", f"A{NEW_AGENCY}", "DEF_024")],
     problems.AGENCY_KNOWS_NO_CASE, dict(code="YOS")),
    ("blank-case-reference", dict(append={"Cases": [[None, "a summary", "Yes"]]}), [("Cases", f"A{NEW_CASE}", "DEF_030")],
     problems.BLANK_CASE_REFERENCE, dict(cell=f"A{NEW_CASE}")),
    ("duplicate-case-reference", dict(append={"Cases": [["case a", "", "Yes"]]}), [("Cases", f"A{NEW_CASE}", "DEF_031")],
     problems.DUPLICATE_CASE_REFERENCE, dict(reference="case a", first=2)),
    ("case-without-agencies", dict(append={"Cases": [["Case E", "no agency yet"]]}), [("Cases", f"A{NEW_CASE}", "DEF_032")],
     problems.CASE_WITHOUT_AGENCIES, dict(reference="Case E", row=NEW_CASE)),
    ("unknown-agency-column", dict(cells={"Cases!N1": "Police", "Cases!N2": "Yes"}), [("Cases", "N1", "DEF_033")],
     problems.UNKNOWN_AGENCY_COLUMN, dict(code="Police", known=ALL_AGENCIES, cell="N1")),
    ("reference-not-anonymous", dict(cells={"Cases!A2": "Child JS"}), [("Cases", "A2", "DEF_034")],
     problems.REFERENCE_LOOKS_LIKE_NAME, dict(reference="Child JS")),
    ("case-reference-not-a-sheet-name", dict(cells={"Cases!A2": "Case A/B"}), [("Cases", "A2", "DEF_035")],
     problems.BAD_CASE_SHEET_NAME, dict(reference="Case A/B", why="a sheet name cannot contain /", cell="A2")),
    ("case-reference-reserved", dict(cells={"Cases!A2": "start"}), [("Cases", "A2", "DEF_035")],
     problems.BAD_CASE_SHEET_NAME, dict(reference="start", why="every workbook already has a sheet called 'Start'", cell="A2")),
    ("case-reference-too-long", dict(cells={"Cases!A2": "Case " + "A" * 27}), [("Cases", "A2", "DEF_035")],
     problems.BAD_CASE_SHEET_NAME, dict(reference="Case " + "A" * 27, why="it is 32 characters long and a sheet name has at most 31", cell="A2")),
    ("blank-section-id", dict(append={"Sections": [[None, "Housing"]]}), [("Sections", f"A{NEW_SECTION}", "DEF_040")],
     problems.BLANK_SECTION_ID, dict(cell=f"A{NEW_SECTION}")),
    ("duplicate-section-id", dict(append={"Sections": [["voice", "Again", "", "No"]]}), [("Sections", f"A{NEW_SECTION}", "DEF_041")],
     problems.DUPLICATE_SECTION_ID, dict(section="voice", first=section_row("voice"))),
    ("blank-section-title", dict(cells={f"Sections!B{section_row('voice')}": None}), [("Sections", "B5", "DEF_042")],
     problems.BLANK_SECTION_TITLE, dict(section="voice", cell="B5")),
    ("two-profile-sections", dict(cells={f"Sections!D{section_row('voice')}": "Yes"}), [("Sections", "D5", "DEF_043")],
     problems.TWO_PROFILE_SECTIONS, dict(section="voice", first="profile", row=2, cell="D5")),
    ("blank-question-id", dict(append={"Questions": [[None, "voice", "Was the child heard?", "free text"]]}),
     [("Questions", f"A{NEW_QUESTION}", "DEF_050")], problems.BLANK_QUESTION_ID, dict(cell=f"A{NEW_QUESTION}")),
    ("duplicate-question-id", dict(append={"Questions": [["Gender", "profile", "Again", "free text"]]}),
     [("Questions", f"A{NEW_QUESTION}", "DEF_051")], problems.DUPLICATE_QUESTION_ID, dict(question="Gender", first=3)),
    ("bad-question-id", dict(append={"Questions": [["Seen alone?", "voice", "Seen alone?", "free text"]]}),
     [("Questions", f"A{NEW_QUESTION}", "DEF_052")], problems.BAD_QUESTION_ID,
     dict(question="Seen alone?", suggestion="seen_alone", cell=f"A{NEW_QUESTION}")),
    ("blank-question-text", dict(cells={q("text", "gender"): None}), [("Questions", "C3", "DEF_053")],
     problems.BLANK_QUESTION_TEXT, dict(question="gender", cell="C3")),
    ("unknown-section", dict(cells={q("section", "gender"): "profiles"}), [("Questions", "B3", "DEF_054")],
     problems.UNKNOWN_SECTION, dict(section="profiles", cell="B3", known="profile, about, relationships, voice, trauma, parenting, "
                                    "disclosures, counselling, coercion, stepdown, early_help, pathways")),
    ("unknown-question-type", dict(cells={q("type", "ehe_reason"): "tick box"}), [("Questions", "D9", "DEF_055")],
     problems.UNKNOWN_TYPE, dict(value="tick box", known="grade, choice, yes/no, number, date, free text", cell="D9")),
    ("choice-question-without-list", dict(append={"Questions": [["school_type", "voice", "Type of school?", "choice"]]}),
     [("Questions", f"E{NEW_QUESTION}", "DEF_056")], problems.LIST_REQUIRED,
     dict(question="school_type", type="choice", known=ALL_LISTS, cell=f"E{NEW_QUESTION}")),
    ("unknown-choice-list", dict(cells={f"Questions!E{GRADE_ROW}": "grades"}), [("Questions", f"E{GRADE_ROW}", "DEF_057")],
     problems.UNKNOWN_LIST, dict(name="grades", known=ALL_LISTS, cell=f"E{GRADE_ROW}")),
    ("list-on-question-without-dropdown", dict(cells={q("choice_list", "csc_years_known"): "grade"}), [("Questions", "E6", "DEF_058")],
     problems.LIST_NOT_USED_BY_TYPE, dict(question="csc_years_known", type="number", name="grade", cell="E6")),
    ("unknown-asked-per", dict(cells={q("asked_per", "gender"): "child"}), [("Questions", "G3", "DEF_059")],
     problems.UNKNOWN_ASKED_PER, dict(value="child", cell="G3")),
    ("condition-incomplete", dict(cells={q("condition_value", "ehe_reason"): None}), [("Questions", "J9", "DEF_060")],
     problems.CONDITION_INCOMPLETE, dict(question="ehe_reason", missing="equals")),
    ("condition-on-unknown-question", dict(cells={q("condition_question", "ehe_reason"): "eh"}), [("Questions", "I9", "DEF_061")],
     problems.CONDITION_UNKNOWN_QUESTION, dict(target="eh", suggestion=" (did you mean 'ehe'?)", cell="I9")),
    ("condition-value-not-in-list", dict(cells={q("condition_value", "ehe_reason"): "Sometimes"}), [("Questions", "J9", "DEF_062")],
     problems.CONDITION_VALUE_NOT_IN_LIST, dict(value="Sometimes", target="ehe", name="yes_no", known="Yes, No, Not known", cell="J9")),
    ("condition-on-later-question", dict(cells={q("condition_question", "gender"): "ehe", q("condition_value", "gender"): "Yes"}),
     [("Questions", "I3", "DEF_063")], problems.CONDITION_NOT_EARLIER,
     dict(question="gender", target="ehe", why="which is asked after it (row 8)", target_row=8)),
    ("condition-on-itself", dict(cells={q("condition_question", "ehe"): "ehe", q("condition_value", "ehe"): "Yes"}),
     [("Questions", "I8", "DEF_063")], problems.CONDITION_NOT_EARLIER,
     dict(question="ehe", target="ehe", why="which is this question itself", target_row=8)),
    ("condition-on-question-without-dropdown", dict(cells={q("condition_question", "ehe_reason"): "csc_years_known",
                                                           q("condition_value", "ehe_reason"): 3}),
     [("Questions", "I9", "DEF_064")], problems.CONDITION_WITHOUT_LIST, dict(target="csc_years_known", type="number", cell="I9")),
    ("condition-asked-differently", dict(cells={q("condition_question", "auditor_role"): "known_to_agency",
                                                q("condition_value", "auditor_role"): "Yes"}),
     [("Questions", "G16", "DEF_065")], problems.CONDITION_ASKED_DIFFERENTLY,
     dict(question="auditor_role", target="known_to_agency", asked_per="agency", target_asked_per="case", column="Asked per")),
    ("guidance-too-long", dict(cells={q("guidance", "gender"): "x" * 300}), [("Questions", "H3", "DEF_066")],
     problems.GUIDANCE_TOO_LONG, dict(question="gender", length=300, limit=255, over=45)),
    ("blank-list-name", dict(append={"Lists": [[None, "Maybe"]]}), [("Lists", f"A{NEW_LIST_ROW}", "DEF_070")],
     problems.BLANK_LIST_NAME, dict(value="Maybe", cell=f"A{NEW_LIST_ROW}")),
    ("blank-list-value", dict(append={"Lists": [["grade", None, 5]]}), [("Lists", f"B{NEW_LIST_ROW}", "DEF_071")],
     problems.BLANK_LIST_VALUE, dict(name="grade", cell=f"B{NEW_LIST_ROW}")),
    ("duplicate-list-value", dict(append={"Lists": [["grade", "good "]]}), [("Lists", f"B{NEW_LIST_ROW}", "DEF_072")],
     problems.DUPLICATE_LIST_VALUE, dict(value="good", name="grade", first=3)),
    ("bad-score", dict(cells={"Lists!C2": "four"}), [("Lists", "C2", "DEF_073")],
     problems.BAD_SCORE, dict(value="four", cell="C2")),
    ("bad-colour", dict(cells={"Lists!D2": "green"}), [("Lists", "D2", "DEF_074")],
     problems.BAD_COLOUR, dict(value="green", cell="D2")),
    ("bad-list-name", dict(cells={f"Lists!A{list_row('frequency', v)}": "yes no"
                                  for v in ("Always", "Mostly", "Sometimes", "Never", "Not known")}
                           | {q("choice_list", "seen_alone"): "yes no"}),
     [("Lists", f"A{list_row('frequency', 'Always')}", "DEF_075")], problems.BAD_LIST_NAME,
     dict(name="yes no", why="it gives the same range name (ehwb_list_yes_no) as list 'yes_no'", cell="A52")),
    ("list-name-too-long", dict(cells={f"Lists!A{list_row('frequency', v)}": "f" * 250
                                       for v in ("Always", "Mostly", "Sometimes", "Never", "Not known")}
                                | {q("choice_list", "seen_alone"): "f" * 250}),
     [("Lists", f"A{list_row('frequency', 'Always')}", "DEF_075")], problems.BAD_LIST_NAME,
     dict(name="f" * 250, why="a name has at most 255 characters", cell="A52")),
    ("list-value-too-long", dict(append={"Lists": [["grade", "x" * 300]]}), [("Lists", f"B{NEW_LIST_ROW}", "DEF_076")],
     problems.LIST_VALUE_TOO_LONG, dict(name="grade", length=300, limit=255)),
    ("list-not-used", dict(append={"Lists": [["spare", "One"]]}), [("Lists", f"A{NEW_LIST_ROW}", "DEF_078")],
     problems.LIST_NOT_USED, dict(name="spare")),
    ("list-name-mistyped", dict(cells={f"Lists!A{list_row('grade', 'Good')}": "grdae"}),
     [("Lists", f"A{list_row('grade', 'Good')}", "DEF_080")],
     problems.LIST_NAME_MISTYPED, dict(name="grdae", values="Good", suggestion="'grade'", cell=f"A{list_row('grade', 'Good')}")),
    ("empty-list", dict(append={"Lists": [["spare", None]]}), [("Lists", f"A{NEW_LIST_ROW}", "DEF_079")],
     problems.EMPTY_LIST, dict(name="spare", column="Value")),
]


@pytest.mark.parametrize("changes, where, kind, context", [m[1:] for m in MISTAKES], ids=[m[0] for m in MISTAKES])
def test_each_mistake_is_located_and_explained(tmp_path, changes, where, kind, context):
    report = check(tmp_path, **changes)
    assert report.flatten() == [["audit.xlsx", sheet, cell_, code] for sheet, cell_, code in where]
    problem = report.problems[0]
    assert problem.type is kind
    assert problem.message == kind.format(context)
    assert set(_fields(kind.template)) <= set(problem.context), "every part of the message is filled in"


def _fields(template: str) -> list[str]:
    return [name.split(":")[0] for _, name, _, _ in Formatter().parse(template) if name]


def test_every_definition_code_has_a_test():
    tested = {kind.code for *_, kind, _ in MISTAKES}
    tested |= {"DEF_001", "DEF_005", "DEF_007", "DEF_008", "DEF_009", "DEF_077"}  # tested below and in test_cli_init_check
    defined = {v.code for v in vars(problems).values() if hasattr(v, "code") and v.code.startswith("DEF_")}
    assert defined == tested


def test_the_headline_example_message(tmp_path):
    """The message issue 2 quotes, word for word."""
    questions = [[c.header for c in Q.columns]] + [
        [f"q{n}", "voice", f"Question {n}?", "yes/no", "yes_no", "Yes", "case", "Guidance"] for n in range(1, 13)
    ] + [["q13", "voice", "Grade?", "grade", "grades", "Yes", "case", "Guidance"]]
    lists = [[c.header for c in L.columns], ["grade", "Good", 3], ["yes_no", "Yes"], ["yes_no", "No"]]
    report = check(tmp_path, tables={"Questions": questions, "Lists": lists})
    assert [str(p) for p in report.errors] == [
        "audit.xlsx, sheet 'Questions', cell E14: choice list 'grades' is not on the 'Lists' sheet (known: grade, yes_no). "
        "Add it there, or correct the name in E14."
    ]


def test_three_planted_mistakes_give_three_located_problems_and_exit_1(tmp_path, capsys):
    path = save(definition({
        q("type", "gender"): "tick box",
        f"Questions!E{GRADE_ROW}": "grades",
        f"Cases!{agency_column('SCT')}{case_row('Case B')}": "perhaps",
    }), tmp_path)
    _, report = read_definition(path)
    assert report.flatten() == [
        ["audit.xlsx", "Cases", "C3", "DEF_006"],
        ["audit.xlsx", "Questions", "D3", "DEF_055"],
        ["audit.xlsx", "Questions", f"E{GRADE_ROW}", "DEF_057"],
    ]
    assert main(["check", str(path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines == [f"error: {p}" for p in report.errors] + ["3 errors, 0 warnings"]
    with pytest.raises(EhwbError) as raised:
        load_definition(path)
    assert [p.code for p in raised.value.problems] == ["DEF_006", "DEF_055", "DEF_057"]


def test_a_mistyped_list_name_fails_check_with_the_suggestion(tmp_path, capsys):
    good_row = list_row("grade", "Good")
    path = save(definition({f"Lists!A{good_row}": "grdae"}), tmp_path)
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"error: audit.xlsx, sheet 'Lists', cell A{good_row}: no question uses list 'grdae'" in out
    assert "(did you mean 'grade'?)" in out
    with pytest.raises(EhwbError):
        load_definition(path)  # so no workbook is generated whose grade dropdowns lack 'Good'


@pytest.mark.parametrize("unused, used, meant", [
    ("grdae", ["grade", "gender"], ["grade"]),
    ("Yes No", ["yes_no"], ["yes_no"]),  # case and spaces
    ("grades", ["grade"], ["grade"]),
    ("spare", ["grade", "yes_no"], []),  # three edits from 'grade': a list of its own
    ("ethnicty", ["ethnicity"], ["ethnicity"]),
    ("tim", ["tom", "tam"], ["tom", "tam"]),  # equally close: both offered, neither chosen
])
def test_a_list_name_is_mistyped_when_it_is_close_to_a_used_one(unused, used, meant):
    from ehwb_excel.definition.checks.coverage import mistyped_for

    assert mistyped_for(unused, used) == meant


def test_blank_rows_keep_excel_row_numbers(tmp_path):
    workbook = definition({q("type", "ehe_reason"): "tick box"})
    workbook["Questions"].insert_rows(4, amount=2)  # two blank rows above ehe_reason (row 9 -> 11)
    _, report = read_definition(save(workbook, tmp_path))
    assert report.flatten() == [["audit.xlsx", "Questions", "D11", "DEF_055"]]


def test_unreadable_files(tmp_path):
    broken = tmp_path / "audit.xlsx"
    broken.write_bytes(b"not a zip at all")
    assert read_definition(broken)[1].flatten() == [["audit.xlsx", "", "", "DEF_001"]]
    assert "not an .xlsx package; it may be damaged" in read_definition(broken)[1].problems[0].message
    missing = read_definition(tmp_path / "absent.xlsx")[1]
    assert missing.flatten() == [["absent.xlsx", "", "", "DEF_001"]]
    assert missing.problems[0].message == problems.FILE_UNREADABLE.format({"why": "there is no such file"})


def test_an_empty_sheet(tmp_path):
    report = check(tmp_path, tables={"Sections": [[c.header for c in S.columns]]})
    assert ["audit.xlsx", "Sections", "", "DEF_005"] in report.flatten()
    assert str(report.problems[0]).startswith("audit.xlsx, sheet 'Sections': the sheet has no sections below its header row.")


def test_text_over_an_excel_cell_is_reported():
    rows = [("ID", "Section", "Question", "Type", "Choice list", "Required", "Asked per", "Guidance", "Only if question", "equals"),
            ("q1", "s", "x" * (CELL_TEXT_MAX + 1), "free text")]
    _, found = read_table(rows, Q, Location("audit.xlsx", "Questions"))
    assert [(str(p.location), p.code) for p in found] == [("audit.xlsx, sheet 'Questions', cell C2", "DEF_007")]
    assert found[0].message == problems.TEXT_TOO_LONG.format({"length": CELL_TEXT_MAX + 1, "limit": CELL_TEXT_MAX})


def test_a_list_too_long_for_a_dropdown(tmp_path, monkeypatch):
    monkeypatch.setattr("ehwb_excel.definition.checks.lists.LIST_ITEMS_MAX", 18)  # ethnicity has 19 values
    report = check(tmp_path)
    assert report.flatten() == [["audit.xlsx", "Lists", f"A{list_row('ethnicity', 'White British')}", "DEF_077"]]


def test_mistakes_on_several_sheets_are_all_reported_at_once(tmp_path):
    report = check(tmp_path, {
        "Audit!B2": None, "Agencies!A2": "SWBNHS", "Sections!A3": "profile", q("type", "gender"): "x", "Lists!C2": "four",
    })
    assert {p.location.sheet for p in report.errors} == {"Audit", "Agencies", "Cases", "Sections", "Questions", "Lists"}
