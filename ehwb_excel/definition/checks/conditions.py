"""Checks across questions: a condition must test an earlier question's dropdown answer."""

from __future__ import annotations

from dataclasses import replace

from ehwb_excel.problems.catalogue import definition as problems
from ehwb_excel.definition.checks.questions import QuestionRow
from ehwb_excel.definition.checks.table import did_you_mean, known
from ehwb_excel.audit.model import ChoiceList, Condition, Question
from ehwb_excel.problems.problem import Problem


def check_conditions(rows: list[QuestionRow], lists: list[ChoiceList] | None) -> tuple[list[Question], list[Problem]]:
    """The questions with each condition's value spelt as in its list, and the problems found."""
    position = {row.question.id: index for index, row in enumerate(rows)}
    by_id = {row.question.id: row for row in rows}
    lists_by_name = {cl.name: cl for cl in lists} if lists is not None else None
    found: list[Problem] = []
    questions: list[Question] = []
    for index, row in enumerate(rows):
        question, problem = _checked(row, index, position, by_id, lists_by_name)
        found.extend([problem] if problem else [])
        questions.append(question)
    return questions, found


def _checked(row: QuestionRow, index: int, position, by_id, lists_by_name) -> tuple[Question, Problem | None]:
    question, record = row.question, row.record
    folded = {question_id.casefold(): question_id for question_id in by_id}
    condition = question.condition
    if condition is None:
        return question, None
    where, cell = record.at("condition_question"), record.cell("condition_question")
    # ids are unique ignoring capitals, so 'EHE' is found as 'ehe'
    target_row = by_id.get(condition.question_id) or by_id.get(folded.get(condition.question_id.casefold(), ""))
    if target_row is None:
        return question, problems.CONDITION_UNKNOWN_QUESTION(
            where, target=condition.question_id, suggestion=did_you_mean(condition.question_id, list(by_id)), cell=cell)
    target = target_row.question
    if position[target.id] >= index:
        why = "which is this question itself" if target.id == question.id else f"which is asked after it (row {target_row.record.row})"
        return question, problems.CONDITION_NOT_EARLIER(where, question=question.id, target=target.id, why=why,
                                                        target_row=target_row.record.row)
    if not target.type.has_list:
        return question, problems.CONDITION_WITHOUT_LIST(where, target=target.id, type=target.type.value, cell=cell)
    if target.asked_per != question.asked_per:
        return question, problems.CONDITION_ASKED_DIFFERENTLY(
            record.at("asked_per"), question=question.id, target=target.id, asked_per=question.asked_per.value,
            target_asked_per=target.asked_per.value, column=record.table.spec.column("asked_per").header)
    choices = lists_by_name.get(target.choice_list) if lists_by_name is not None and target.choice_list else None
    if choices is None:
        return question, None  # the target's own list problem is reported on its row
    choice = choices.find(condition.value)
    if choice is None:
        return question, problems.CONDITION_VALUE_NOT_IN_LIST(
            record.at("condition_value"), value=condition.value, target=target.id, name=choices.name,
            known=known(choices.values), cell=record.cell("condition_value"))
    return replace(question, condition=Condition(target.id, choice.value)), None
