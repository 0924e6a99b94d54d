"""Turn a raw cell value into the canonical answer to a question, or say why it is not one.

The one place where what people type is forgiven (pure, no file formats):
- list answers (grade, choice, yes/no) match their choice list ignoring case, extra and
  non-breaking spaces: "requires  Improvement " -> "Requires improvement";
- a real boolean (Excel's TRUE typed in a cell, LibreOffice's true/false) answers a list
  only when the list has the choices Yes and No (the yes/no list, even with "Not known"):
  True -> "Yes", False -> "No"; in any other list it is an answer outside the list, and so
  is the text "TRUE" (text is matched to the list as typed, never guessed);
- numbers: 6.0 -> 6, "6" -> 6, " 6,5 " is not read as 6.5 (a comma is ambiguous), "six" is wrong, and so is
  a number no workbook holds ("1e999", which Python reads as infinity);
- dates: date, datetime (its day), an Excel serial number (1900 date system), ISO
  "2026-03-31" or UK "31/03/2026" (also 31-03-2026, 31.03.2026); anything else is wrong;
- free text is kept as text, exactly as typed (a number or date typed there becomes its text);
  text starting with = + - @ stays text: it is never turned into a formula.
"""

from __future__ import annotations

import math
import re
from datetime import date

from ehwb_excel.problems.catalogue import returns as ret
from ehwb_excel.excel.dates import parse_date
from ehwb_excel.excel.cell_text import cell_text, single_spaced
from ehwb_excel.problems.location import Location
from ehwb_excel.audit.model import Audit, ChoiceList, Question, QuestionType
from ehwb_excel.problems.problem import Problem
from ehwb_excel.returns.returned import Answer, AnswerValue, ReturnFile

CanonicalValue = str | int | float | date | None

_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def canonical_answer(audit: Audit, question: Question, raw: AnswerValue, location: Location) -> CanonicalValue | Problem:
    """The canonical answer (None for a blank cell), or the Problem explaining why `raw` is not one."""
    if _is_blank(raw):
        return None
    if question.type.has_list:
        return _list_answer(audit.choices_for(question), question, raw, location)
    if question.type is QuestionType.NUMBER:
        return _number(raw, question, location)
    if question.type is QuestionType.DATE:
        return _date(raw, question, location)
    return answer_text(raw)


def canonical_of(audit: Audit, return_file: ReturnFile, answer: Answer, question: Question) -> CanonicalValue | Problem:
    """`canonical_answer` for one answer of `return_file`, worked out once per return: the
    checks and the merge both ask, and both get the same value (or the same Problem)."""
    key = (answer.case, answer.question_id, answer.location.sheet, answer.location.cell)
    if key not in return_file.canonical:
        return_file.canonical[key] = canonical_answer(audit, question, answer.value, answer.location)
    return return_file.canonical[key]  # type: ignore[return-value]  # only this function fills it


def normalise_text(text: str) -> str:
    """Text with non-breaking and repeated spaces made single and outer spaces removed."""
    return single_spaced(text)


def answer_text(raw: AnswerValue) -> str:
    """Any raw value as the text a person would read: 6.0 -> "6", a date -> "2026-03-31".

    Booleans read TRUE/FALSE, as the spreadsheet showed them, not as a Yes/No answer.
    """
    return cell_text(raw, booleans=("TRUE", "FALSE"))


def _is_blank(raw: AnswerValue) -> bool:
    return raw is None or (isinstance(raw, str) and not normalise_text(raw))


# -- lists ---------------------------------------------------------------------------------


def _list_answer(choices: ChoiceList | None, question: Question, raw: AnswerValue, location: Location) -> str | Problem:
    if choices is None:  # the definition is checked when loaded; a missing list cannot match
        return _not_in_list(raw, question, None, location)
    if isinstance(raw, bool):
        if _is_yes_no(choices) and (yes_no := choices.find("Yes" if raw else "No")) is not None:
            return yes_no.value
        return _not_in_list(raw, question, choices, location)
    choice = choices.find(normalise_text(answer_text(raw)))
    return choice.value if choice else _not_in_list(raw, question, choices, location)


def _is_yes_no(choices: ChoiceList) -> bool:
    return {"yes", "no"} <= {v.casefold() for v in choices.values}


def _not_in_list(raw: AnswerValue, question: Question, choices: ChoiceList | None, location: Location) -> Problem:
    return ret.ANSWER_NOT_IN_LIST(
        location, value=answer_text(raw), list=question.choice_list or "?",
        choices=", ".join(choices.values) if choices else "no such list", cell=location.cell or "the answer cell",
        question_id=question.id,
    )


# -- numbers and dates ---------------------------------------------------------------------


EXCEL_NUMBER_MAX = 9.99999999999999e307  # the largest number Excel stores in a cell


def _number(raw: AnswerValue, question: Question, location: Location) -> int | float | Problem:
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        number = float(raw) if isinstance(raw, float) or abs(raw) < 10 ** 308 else math.inf
    elif isinstance(raw, str) and _NUMBER.fullmatch(normalise_text(raw)):
        number = float(normalise_text(raw))  # "1e999" is infinity here: caught below, not stored as a number
    else:
        return ret.NOT_A_NUMBER(location, value=answer_text(raw), ref=question.id, cell=location.cell or "the answer cell", question_id=question.id)
    if not math.isfinite(number) or abs(number) > EXCEL_NUMBER_MAX:
        why = "it is not a finite number" if math.isnan(number) else "it is beyond the largest number Excel holds, 9.99999999999999E+307"
        return ret.NUMBER_OUT_OF_RANGE(location, value=answer_text(raw), ref=question.id, why=why,
                                       cell=location.cell or "the answer cell", question_id=question.id)
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw
    return int(number) if number.is_integer() else number


def _date(raw: AnswerValue, question: Question, location: Location) -> date | Problem:
    found = _as_date(raw)
    if found is None:
        return ret.NOT_A_DATE(location, value=answer_text(raw), ref=question.id, cell=location.cell or "the answer cell", question_id=question.id)
    return found


def _as_date(raw: AnswerValue) -> date | None:
    return parse_date(normalise_text(raw) if isinstance(raw, str) else raw)
