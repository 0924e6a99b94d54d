"""One fact about a case from every agency's answer, combined by a stated rule; disagreements flagged."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime

from ehwb_excel.audit.enquiry import is_not_known
from ehwb_excel.audit.model import Audit, Question, QuestionType
from ehwb_excel.excel import layout
from ehwb_excel.problems.catalogue.returns import PROFILE_RECORDS_DIFFER
from ehwb_excel.problems.location import Location
from ehwb_excel.problems.problem import Problem
from ehwb_excel.excel.cell_text import folded

RULE_YES_IF_ANY = "Yes if any agency says Yes; otherwise the most common answer"
RULE_MOST_COMMON = f"Most common known answer; when agencies are tied: {layout.RECORDED_DIFFERENTLY}"
RULE_LISTED = "Every agency's answer, listed (free text is not combined)"
AGREED, DISAGREED = "Yes", "No"
NAMED_IN_MESSAGE = 10  # agencies' answers quoted in a disagreement's message; the rest are counted (each is on its own row)


def rule_for(question: Question) -> str:
    """The rule, as printed in the Rule column, that combines this question's answers."""
    if question.type is QuestionType.YES_NO:
        return RULE_YES_IF_ANY
    if question.type is QuestionType.TEXT:
        return RULE_LISTED
    return RULE_MOST_COMMON


def combine(audit: Audit, question: Question, answers: list[tuple[str, object]]) -> tuple[object, str, str]:
    """(combined answer, rule, agreed) for (agency, answer) pairs in agency order.

    `agreed` is "Yes" when every agency that knew gave the same answer, "No" when they differ
    (the disagreement to look at), and "" when no agency answered. The combined answer never
    grows with the number of agencies: free text that differs is "Recorded differently", and
    each agency's own answer has a row of its own (see `derived_sheets.case_profiles_table`).
    """
    rule = rule_for(question)
    if not answers:
        return None, rule, ""
    values = [value for _agency, value in answers]
    known = [v for v in values if not is_not_known(v)] or values  # "Not known" beside "Female" is no disagreement
    agreed = AGREED if len({_same(v) for v in known}) == 1 else DISAGREED
    if rule == RULE_LISTED:
        return (values[0] if agreed == AGREED else layout.RECORDED_DIFFERENTLY), rule, agreed
    if rule == RULE_YES_IF_ANY:
        choices = audit.choices_for(question)
        yes = choices.find("Yes") if choices else None
        if yes is not None and any(_same(v) == _same(yes.value) for v in values):
            return yes.value, rule, agreed
    return _most_common(values), rule, agreed


def _most_common(values: list) -> object:
    """The answer most agencies gave ("Not known" only when nobody knows); a tie is no answer at all.

    A tie is never shown as a combination ("Female / Male"): that would read as a category.
    """
    known = [v for v in values if not is_not_known(v)] or values
    counts = Counter(_same(v) for v in known)
    top = max(counts.values())
    tied = [key for key, n in counts.items() if n == top]
    if len(tied) > 1:
        return layout.RECORDED_DIFFERENTLY
    return next(v for v in known if _same(v) == tied[0])  # the first-given spelling, in agency order


def _same(value) -> object:
    """What counts as the same answer: text ignoring case and outer spaces."""
    return folded(value) if isinstance(value, str) else value


def as_text(value) -> str:
    """An answer as a person reads it: 31/03/2026, 6, Yes."""
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M") if value.time() != datetime.min.time() else value.strftime("%d/%m/%Y")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


def answers_by_agency(answers: list[tuple[str, object]], limit: int | None = None) -> str:
    """"SCT: Female; CCG: Male" (with `limit`, the first that many and "and N more")."""
    shown = answers if limit is None else answers[:limit]
    text = "; ".join(f"{agency}: {as_text(value)}" for agency, value in shown)
    return text if len(shown) == len(answers) else f"{text}; and {len(answers) - len(shown)} more"


def disagreements(table_rows: list[tuple], source: str = "") -> list[Problem]:
    """One warning per case and question whose agencies' records differ, located on the Case profiles sheet."""
    column = {name: index for index, name in enumerate(layout.CASE_PROFILES_COLUMNS)}
    given: dict[tuple, list[tuple[str, object]]] = {}
    for row in table_rows:  # the agencies' own rows, under each combined row
        if row[column["Agency"]]:
            given.setdefault((row[column["Case"]], row[column["Question ID"]]), []).append((row[column["Agency"]], row[column["Agency's answer"]]))
    found = []
    for number, row in enumerate(table_rows, start=2):
        if row[column["Agreed"]] != DISAGREED or row[column["Agency"]]:
            continue
        combined = row[column["Combined answer"]]
        if combined == layout.RECORDED_DIFFERENTLY or row[column["Rule"]] == RULE_LISTED:
            outcome = "states the case as recorded differently"
        else:
            outcome = f"counts it as '{as_text(combined)}' by the rule '{row[column['Rule']]}'"
        found.append(PROFILE_RECORDS_DIFFER(
            Location(source, layout.CASE_PROFILES_SHEET, f"D{number}"), case=row[column["Case"]],
            question=row[column["Question"]], outcome=outcome,
            answers=answers_by_agency(given.get((row[column["Case"]], row[column["Question ID"]]), []), NAMED_IN_MESSAGE),
        ))
    return found
