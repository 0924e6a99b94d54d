from ehwb_excel.problems.location import Location, cell_name
from ehwb_excel.problems.problem import EhwbError, ProblemType, Report, Severity

SAMPLE = ProblemType("TST_001", "sample", Severity.ERROR, "choice list '{name}' is unknown (known: {known}). Add it.")
WARN = ProblemType("TST_002", "sample-warning", Severity.WARNING, "late by {days} days.")


def test_message_starts_with_location_and_fills_template():
    problem = SAMPLE(Location.of("/x/audit.xlsx", "Questions", 14, 5), name="grades", known="grade, yes_no")
    assert str(problem) == "audit.xlsx, sheet 'Questions', cell E14: choice list 'grades' is unknown (known: grade, yes_no). Add it."


def test_missing_context_key_does_not_crash():
    assert SAMPLE().message == "choice list '?' is unknown (known: ?). Add it."


def test_missing_key_with_a_number_format_does_not_crash():
    counted = ProblemType("TST_003", "counted", Severity.ERROR, "{length:,} characters.")
    assert counted(length=40000).message == "40,000 characters."
    assert counted().message == "? characters."


def test_report_keeps_errors_and_warnings_apart():
    report = Report()
    report.add(SAMPLE(Location("a.xlsx")))
    report.add(WARN(Location("b.xlsx"), days=2))
    report.add(None)
    assert not report.valid
    assert [p.code for p in report.errors] == ["TST_001"]
    assert [p.code for p in report.warnings] == ["TST_002"]
    assert report.flatten(["file", "code"]) == [["a.xlsx", "TST_001"], ["b.xlsx", "TST_002"]]
    assert report.to_dict()["errors"] == 1


def test_error_carries_problems_as_lines():
    error = EhwbError([SAMPLE(Location("a.xlsx")), WARN(days=1)])
    assert str(error).splitlines()[1] == "late by 1 days."


def test_cell_names_match_excel():
    assert cell_name(1, 1) == "A1"
    assert cell_name(14, 5) == "E14"
    assert cell_name(1, 28) == "AB1"
    assert cell_name(1, 16384) == "XFD1"
    assert str(Location.of("f.xlsx", "S", row=3)) == "f.xlsx, sheet 'S', row 3"


def test_a_problem_from_a_worker_process_has_the_registered_kind_itself():
    """Problems found in worker processes come back pickled; `problem.type is KIND` must hold for them too."""
    import pickle

    from ehwb_excel.problems.catalogue import returns as ret
    from ehwb_excel.problems.location import Location

    problem = pickle.loads(pickle.dumps(ret.REQUIRED_MISSING(Location("SCT.xlsx", "Case A", "C5"), ref="1.1")))
    assert problem.type is ret.REQUIRED_MISSING and problem.message == ret.REQUIRED_MISSING(ref="1.1").message
