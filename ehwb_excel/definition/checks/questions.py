"""The Questions sheet: one row per question, in the order agencies see them."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from ehwb_excel.problems.catalogue import definition as problems
from ehwb_excel.definition.checks.table import Record, Table, identified, known
from ehwb_excel.definition.values import asked_per, known_words, question_type, yes_no
from ehwb_excel.excel.limits import PROMPT_MAX
from ehwb_excel.audit.model import DEFAULT_GRADE_LIST, DEFAULT_YES_NO_LIST, AskedPer, Condition, Question, QuestionType
from ehwb_excel.problems.problem import Problem

QUESTION_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
_DEFAULT_LIST = {QuestionType.GRADE: DEFAULT_GRADE_LIST, QuestionType.YES_NO: DEFAULT_YES_NO_LIST}


@dataclass(frozen=True)
class QuestionRow:
    """A question as read, with the row it came from (conditions are checked against rows)."""

    question: Question
    record: Record


def read_questions(table: Table, section_ids: Collection[str] | None, list_names: Collection[str] | None) -> tuple[list[QuestionRow], list[Problem]]:
    """The questions with a usable ID and the problems found; None for sections/lists skips those checks."""
    found: list[Problem] = []
    rows: list[QuestionRow] = []
    ids = identified(table, "id", found, blank=problems.BLANK_QUESTION_ID, duplicate=problems.DUPLICATE_QUESTION_ID, named="question")
    for question_id, record in ids:
        if not QUESTION_ID.match(question_id):
            found.append(problems.BAD_QUESTION_ID(record.at("id"), question=question_id, suggestion=_snake(question_id), cell=record.cell("id")))
        question, question_problems = _question(record, question_id, section_ids, list_names)
        found.extend(question_problems)
        rows.append(QuestionRow(question, record))
    return rows, found


def _question(record: Record, question_id: str, section_ids, list_names) -> tuple[Question, list[Problem]]:
    found: list[Problem] = []
    text = record.text("text")
    if not text:
        found.append(problems.BLANK_QUESTION_TEXT(record.at("text"), question=question_id, cell=record.cell("text")))
    section = record.name("section")
    if section_ids is not None:
        canonical = _spelt_as(section, section_ids)
        if canonical is None:
            found.append(problems.UNKNOWN_SECTION(record.at("section"), section=section, known=known(section_ids), cell=record.cell("section")))
        section = canonical or section
    kind = question_type(record.raw("type"))
    if kind is None:
        found.append(problems.UNKNOWN_TYPE(record.at("type"), value=record.text("type"), known=known_words("types"), cell=record.cell("type")))
    choice_list, list_problem = _choice_list(record, question_id, kind, list_names)
    found.extend([list_problem] if list_problem else [])
    required = _yes_no(record, "required", default=True, found=found)
    per = asked_per(record.raw("asked_per")) if record.text("asked_per") else AskedPer.CASE
    if per is None:
        found.append(problems.UNKNOWN_ASKED_PER(record.at("asked_per"), value=record.text("asked_per"), cell=record.cell("asked_per")))
    guidance = record.text("guidance")
    if len(guidance) > PROMPT_MAX:
        found.append(problems.GUIDANCE_TOO_LONG(record.at("guidance"), question=question_id, length=len(guidance),
                                                limit=PROMPT_MAX, over=len(guidance) - PROMPT_MAX))
    condition = _condition(record, question_id, found)
    question = Question(question_id, section, text, kind or QuestionType.TEXT, choice_list, required, guidance, per or AskedPer.CASE, condition,
                        record.text("report_label"))
    return question, found


def _choice_list(record: Record, question_id: str, kind: QuestionType | None, list_names) -> tuple[str | None, Problem | None]:
    named = record.name("choice_list")
    if kind is None:
        return named or None, None
    if not kind.has_list:
        if named:
            return None, problems.LIST_NOT_USED_BY_TYPE(record.at("choice_list"), question=question_id, type=kind.value,
                                                        name=named, cell=record.cell("choice_list"))
        return None, None
    named = named or _DEFAULT_LIST.get(kind, "")
    if not named:
        return None, problems.LIST_REQUIRED(record.at("choice_list"), question=question_id, type=kind.value,
                                            known=known(list_names or ()), cell=record.cell("choice_list"))
    if list_names is None:
        return named, None
    exact = _spelt_as(named, list_names)
    if exact is None:
        return named, problems.UNKNOWN_LIST(record.at("choice_list"), name=named, known=known(list_names), cell=record.cell("choice_list"))
    return exact, None


def _yes_no(record: Record, key: str, *, default: bool, found: list[Problem]) -> bool:
    if not record.text(key):
        return default
    flag = yes_no(record.raw(key))
    if flag is None:
        found.append(problems.NOT_YES_NO(record.at(key), value=record.text(key),
                                         column=record.table.spec.column(key).header, cell=record.cell(key)))
        return default
    return flag


def _condition(record: Record, question_id: str, found: list[Problem]) -> Condition | None:
    target, value = record.name("condition_question"), record.text("condition_value")
    if not target and not value:
        return None
    if not target or not value:
        missing = "condition_question" if not target else "condition_value"
        found.append(problems.CONDITION_INCOMPLETE(record.at(missing), question=question_id,
                                                   missing=record.table.spec.column(missing).header))
        return None
    return Condition(target, value)


def _spelt_as(typed: str, names: Collection[str]) -> str | None:
    """The name in `names` that `typed` is, ignoring capitals; None if none."""
    return next((n for n in names if n.casefold() == typed.casefold()), None)


def _snake(text: str) -> str:
    words = re.findall(r"[A-Za-z0-9]+", text)
    snake = "_".join(words).lower() or "question"
    return snake if snake[0].isalpha() else f"q_{snake}"
