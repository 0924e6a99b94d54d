"""One fact about a case from every agency's answer, combined by a stated rule; disagreements flagged."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime

from ehwb_excel.audit.model import Audit, Question, QuestionType
from ehwb_excel.excel.cell_text import folded

RULE_YES_IF_ANY = "Yes if any agency says Yes; otherwise the most common answer"
RULE_MOST_COMMON = "Most common answer; a tie shows every tied answer"
RULE_LISTED = "Every agency's answer, listed (free text is not combined)"
AGREED, DISAGREED = "Yes", "No"


def rule_for(question: Question) -> str:
    """The rule, as printed in the Rule column, that combines this question's answers."""
    if question.type is QuestionType.YES_NO:
        return RULE_YES_IF_ANY
    if question.type is QuestionType.TEXT:
        return RULE_LISTED
    return RULE_MOST_COMMON


def combine(audit: Audit, question: Question, answers: list[tuple[str, object]]) -> tuple[object, str, str, str]:
    """(combined answer, rule, agreed, answers by agency) for (agency, answer) pairs in agency order.

    `agreed` is "Yes" when every agency gave the same answer, "No" when they differ (the
    disagreement to look at), and "" when no agency answered.
    """
    rule = rule_for(question)
    by_agency = "; ".join(f"{agency}: {as_text(value)}" for agency, value in answers)
    if not answers:
        return None, rule, "", ""
    values = [value for _agency, value in answers]
    agreed = AGREED if len({_same(v) for v in values}) == 1 else DISAGREED
    if rule == RULE_LISTED:
        return (values[0] if agreed == AGREED else by_agency), rule, agreed, by_agency
    if rule == RULE_YES_IF_ANY:
        choices = audit.choices_for(question)
        yes = choices.find("Yes") if choices else None
        if yes is not None and any(_same(v) == _same(yes.value) for v in values):
            return yes.value, rule, agreed, by_agency
    return _most_common(values), rule, agreed, by_agency


def _most_common(values: list) -> object:
    counts = Counter(_same(v) for v in values)
    top = max(counts.values())
    tied, seen = [], set()
    for value in values:  # first-given spelling, in agency order
        key = _same(value)
        if counts[key] == top and key not in seen:
            seen.add(key)
            tied.append(value)
    return tied[0] if len(tied) == 1 else " / ".join(as_text(v) for v in tied)


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
