"""A question row whose visible question is not the one its hidden id names: rows sorted or moved without the hidden column.

When the row shows another question of the audit, the answer is refused (merged by id, it
would land under the wrong question); when it shows no question at all the text was changed,
which is said, and the answer is merged by its id.
"""

from __future__ import annotations

from collections.abc import Iterable

from ehwb_excel.problems.catalogue import returns as ret
from ehwb_excel.returns.checks.context import CheckContext
from ehwb_excel.problems.problem import Problem

NEEDS_AUDIT = True
SHOWN = 120  # characters of a question quoted in a message


def check(context: CheckContext) -> Iterable[Problem]:
    audit, found = context.known_audit, context.return_file
    by_text: dict[str, list[str]] | None = None  # made when a row first shows another text than its question's
    definition_changed = (found.definition_checksum or "") != audit.checksum()
    for answer in found.answers:
        question = audit.question(answer.question_id)
        if question is None or not answer.question_text or answer.question_text == question.text:
            continue  # an unknown question is reported on its own; a blank question cell shows no other question, the question's own text no move
        shown = _key(answer.question_text)
        if shown == _key(question.text):
            continue
        if by_text is None:
            by_text = {}
            for each in audit.questions:
                by_text.setdefault(_key(each.text), []).append(each.id)
        others = [other for other in by_text.get(shown, []) if other != question.id]
        if others and answer.is_blank and not (answer.comment or "").strip():
            continue  # nothing typed on the row: nothing can land under the wrong question
        if others:
            value = "" if answer.value is None else str(answer.value)
            yield ret.QUESTION_ROW_MOVED(answer.location, shown=others[0], text=_short(answer.question_text),
                                         question_id=question.id, value=_short(value))
        elif not definition_changed:  # the definition's own wording may have changed since the workbook was sent
            yield ret.QUESTION_TEXT_CHANGED(answer.location, text=_short(answer.question_text), expected=_short(question.text),
                                            question_id=question.id)


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SHOWN else text[: SHOWN - 1] + "…"
