"""Synthesised returns are plausible, valid, deterministic, and agree on each case's profile."""

from __future__ import annotations

import pytest

from ehwb_excel.workbook.agency_workbook import agency_workbook
from ehwb_excel.audit.default_audit import default_audit
from ehwb_excel.demo.returns import fill_answers, plausible_answers, synthesise_returns
from ehwb_excel.audit.model import QuestionType
from ehwb_excel.returns.reader import read_return
from tests.returns_helpers import answer_cell, generated_return

AUDIT = default_audit()


@pytest.fixture(scope="module")
def synthesised(tmp_path_factory):
    generated = tmp_path_factory.mktemp("generated")
    for agency in AUDIT.agencies:
        agency_workbook(AUDIT, agency.code).save(generated / f"{agency.code}.xlsx")
    (generated / "notes.txt").write_text("not a workbook")
    return synthesise_returns(AUDIT, generated, tmp_path_factory.mktemp("returns"), seed=7)


@pytest.fixture(scope="module")
def read_back(synthesised):
    return [read_return(path, AUDIT) for path in synthesised]


def test_one_valid_complete_return_per_agency(synthesised, read_back):
    assert sorted(p.name for p in synthesised) == sorted(f"{a.code}.xlsx" for a in AUDIT.agencies)
    for found in read_back:
        assert found.problems == [], found.file_name
        assert len(found.answered) > 20


def test_the_case_profile_agrees_across_agencies(read_back):
    profile = {q.id for q in AUDIT.questions if AUDIT.section(q.section_id).is_profile and q.condition is None} - {"known_to_agency"}
    seen: dict[tuple[str, str], set] = {}
    for found in read_back:
        for answer in found.answered:
            if answer.question_id in profile:
                seen.setdefault((answer.case, answer.question_id), set()).add(answer.value)
    assert seen and all(len(values) == 1 for values in seen.values())


def test_grades_vary_and_free_text_names_no_one(read_back):
    grades, texts = set(), set()
    for found in read_back:
        for answer in found.answered:
            question = AUDIT.question(answer.question_id)
            if question.type is QuestionType.GRADE:
                grades.add(answer.value)
            elif question.type is QuestionType.TEXT:
                texts.add(answer.value)
    assert len(grades) >= 4
    assert all(not any(word in text for word in ("Mr ", "Mrs ", "Ms ", "Miss ")) for text in texts)


def test_the_same_seed_gives_the_same_answers_and_another_seed_others():
    assert plausible_answers(AUDIT, "SCT", seed=3) == plausible_answers(AUDIT, "SCT", seed=3)
    assert plausible_answers(AUDIT, "SCT", seed=3) != plausible_answers(AUDIT, "SCT", seed=4)


def test_questions_whose_condition_is_not_met_are_left_blank():
    for agency in AUDIT.agencies:
        answers = plausible_answers(AUDIT, agency.code, seed=1)
        for (case, question_id), _ in answers.items():
            condition = AUDIT.question(question_id).condition
            if condition:
                assert str(answers.get((case, condition.question_id))) == condition.value


def test_fill_answers_writes_formula_like_text_as_text(tmp_path):
    from openpyxl import load_workbook

    from tests.audit_factory import small_audit

    path = generated_return(tmp_path, small_audit())
    fill_answers(path, {("Case A", "voice_notes"): "=1+2", ("Case A", "months_known"): 5})
    sheet, cell = answer_cell(path, "Case A", "voice_notes")
    written = load_workbook(path)[sheet][cell]
    assert (written.value, written.data_type) == ("=1+2", "s")
    with pytest.raises(KeyError):
        fill_answers(path, {("Case Z", "voice"): "Good"})
