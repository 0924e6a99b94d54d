"""What people type becomes one canonical answer, or a located problem from the catalogue."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from ehwb_excel.returns.answer_values import answer_text, canonical_answer
from ehwb_excel.problems.catalogue import returns as ret
from ehwb_excel.problems.location import Location
from ehwb_excel.problems.problem import Problem
from tests.audit_factory import small_audit

AUDIT = small_audit()
WHERE = Location("SCT return.xlsx", "Case A", "C14")


def canonical(question_id: str, raw):
    return canonical_answer(AUDIT, AUDIT.question(question_id), raw, WHERE)


@pytest.mark.parametrize(
    "question_id, raw, expected",
    [
        ("voice", "Good", "Good"),
        ("voice", "requires Improvement ", "Requires improvement"),
        ("voice", "\u00a0requires\u00a0 improvement", "Requires improvement"),
        ("voice", "OUTSTANDING", "Outstanding"),
        ("self_harm", True, "Yes"),  # LibreOffice/Excel boolean in a yes/no list
        ("self_harm", False, "No"),
        ("self_harm", " yes", "Yes"),
        ("months_known", 6.0, 6),
        ("months_known", 6, 6),
        ("months_known", "6", 6),
        ("months_known", " 6.5 ", 6.5),
        ("months_known", 2.25, 2.25),
        ("first_contact", date(2026, 1, 5), date(2026, 1, 5)),
        ("first_contact", datetime(2026, 1, 5, 0, 0), date(2026, 1, 5)),
        ("first_contact", 46027.0, date(2026, 1, 5)),  # an Excel serial in a cell not formatted as a date
        ("first_contact", "2026-01-05", date(2026, 1, 5)),
        ("first_contact", "05/01/2026", date(2026, 1, 5)),  # UK order: day first
        ("first_contact", "5.1.2026", date(2026, 1, 5)),
        ("voice_notes", "=HYPERLINK(\"http://x\")", "=HYPERLINK(\"http://x\")"),
        ("voice_notes", "+1", "+1"),
        ("voice_notes", "@SUM(A1)", "@SUM(A1)"),
        ("voice_notes", 6.0, "6"),
        ("voice", None, None),
        ("voice", "   ", None),
        ("months_known", "\u00a0", None),
    ],
)
def test_canonical_answers(question_id, raw, expected):
    found = canonical(question_id, raw)
    assert found == expected
    assert type(found) is type(expected)


@pytest.mark.parametrize(
    "question_id, raw, code",
    [
        ("voice", "Very good", ret.ANSWER_NOT_IN_LIST),
        ("voice", True, ret.ANSWER_NOT_IN_LIST),  # a boolean means Yes/No only in a yes/no list
        ("self_harm", "TRUE", ret.ANSWER_NOT_IN_LIST),  # text, not a boolean: not guessed
        ("gender", 3.0, ret.ANSWER_NOT_IN_LIST),
        ("months_known", "six", ret.NOT_A_NUMBER),
        ("months_known", "1,5", ret.NOT_A_NUMBER),  # decimal comma or thousands? not guessed
        ("months_known", True, ret.NOT_A_NUMBER),
        ("months_known", date(2026, 1, 1), ret.NOT_A_NUMBER),
        ("first_contact", "soon", ret.NOT_A_DATE),
        ("first_contact", "31/02/2026", ret.NOT_A_DATE),
        ("first_contact", -3.0, ret.NOT_A_DATE),
        ("first_contact", True, ret.NOT_A_DATE),
    ],
)
def test_answers_that_are_not_answers(question_id, raw, code):
    found = canonical(question_id, raw)
    assert isinstance(found, Problem)
    assert (found.location, found.code) == (WHERE, code.code)


def test_the_list_message_names_the_value_the_list_and_the_cell():
    found = canonical("voice", "Very good")
    assert found.message == ret.ANSWER_NOT_IN_LIST.format(
        {"value": "Very good", "list": "grade", "choices": "Outstanding, Good, Requires improvement, Inadequate, Not applicable", "cell": "C14"}
    )
    assert str(found).startswith("SCT return.xlsx, sheet 'Case A', cell C14: answer 'Very good' is not in the list 'grade'")


@pytest.mark.parametrize(
    "raw, text",
    [(6.0, "6"), (6.5, "6.5"), (True, "TRUE"), (date(2026, 3, 31), "2026-03-31"), (datetime(2026, 3, 31, 9, 30), "2026-03-31 09:30:00"), (None, "")],
)
def test_answer_text(raw, text):
    assert answer_text(raw) == text
