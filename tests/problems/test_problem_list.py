from pathlib import Path

from ehwb_excel.problems.catalogue import addin, command_line, definition, report, returns
from ehwb_excel.problems.problem_list import STAGES, problem_list_markdown
from ehwb_excel.problems.problem import ProblemType, all_problem_types

DOCS = Path(__file__).resolve().parents[2] / "docs" / "problems.md"


def test_docs_page_is_the_catalogue_as_it_is_now():
    assert DOCS.read_text(encoding="utf-8") == problem_list_markdown(), "run: python -m ehwb_excel.problems.problem_list > docs/problems.md"


def test_every_problem_kind_is_on_the_page_under_a_known_stage():
    page = problem_list_markdown()
    # read from the catalogue modules themselves: tests register kinds of their own (TST_...)
    kinds = [v for module in (addin, command_line, definition, report, returns) for v in vars(module).values() if isinstance(v, ProblemType)]
    assert len(kinds) > 50 and set(kinds) <= set(all_problem_types())
    for kind in kinds:
        assert kind.code.split("_")[0] in STAGES
        assert f"| {kind.code} | {kind.name} |" in page
