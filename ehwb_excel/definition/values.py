"""Forgiving reading of what people type in the definition workbook, normalised once, here.

Excel, LibreOffice and Google Sheets hand back the same typed value in different shapes
(`1` / `1.0`, `TRUE` / True, a date / a number / text); every function here takes any of them.
"""

from __future__ import annotations

from datetime import date

from ehwb_excel.excel.dates import parse_date
from ehwb_excel.excel.cell_text import cell_text
from ehwb_excel.definition.sheets import loose
from ehwb_excel.audit.model import AskedPer, QuestionType

_SPACES = str.maketrans({"\u00a0": " ", "\u2007": " ", "\u202f": " ", "\t": " "})

_YES = {"yes", "y", "true", "1", "x", "\u2713", "\u2714", "ja", "oui"}
_NO = {"no", "n", "false", "0", "-"}

_TYPES = {
    QuestionType.GRADE: ("grade", "grading", "rating", "ofsted grade"),
    QuestionType.CHOICE: ("choice", "choose", "list", "dropdown", "drop down", "drop-down", "select", "select one", "pick list"),
    QuestionType.YES_NO: ("yes/no", "yes no", "yesno", "yes or no", "y/n", "boolean"),
    QuestionType.NUMBER: ("number", "numeric", "integer", "whole number", "decimal", "count"),
    QuestionType.DATE: ("date", "day"),
    QuestionType.TEXT: ("free text", "text", "freetext", "free-text", "comment", "narrative", "string"),
}
_ASKED_PER = {
    AskedPer.CASE: ("case", "per case", "each case", "every case", "for each case", "once per case"),
    AskedPer.AGENCY: ("agency", "per agency", "once per agency", "each agency", "once", "for each agency"),
}


def text(value: object) -> str:
    """A cell as text: blank -> '', 1.0 -> '1', a date -> '2027-01-29', no odd spaces at the ends."""
    return cell_text(value).translate(_SPACES).strip()


def name(value: object) -> str:
    """A code, ID or reference: text with inner runs of spaces collapsed to one."""
    return " ".join(text(value).split())


def yes_no(value: object) -> bool | None:
    """True for Yes/Y/TRUE/1/x/✓, False for No/N/FALSE/0, None when blank or neither (see `is_blank`)."""
    if isinstance(value, bool):
        return value
    word = loose(text(value)).rstrip(".")
    if word in _YES:
        return True
    if word in _NO:
        return False
    return None


def question_type(value: object) -> QuestionType | None:
    """The question type a cell names ("Free text", "text", "Yes/No", "yes no"); None if unknown."""
    word = loose(text(value))
    return next((t for t, words in _TYPES.items() if word in words), None)


def asked_per(value: object) -> AskedPer | None:
    """case or agency from "per case", "Once per agency", ...; None if unknown."""
    word = loose(text(value))
    return next((a for a, words in _ASKED_PER.items() if word in words), None)


def number(value: object) -> int | float | None:
    """A score: 3, 3.0 and '3' -> 3; 2.5 -> 2.5. Raises ValueError when not a number."""
    if isinstance(value, bool):
        raise ValueError(value)
    result = float(text(value).replace(",", "")) if not isinstance(value, (int, float)) else float(value)
    if result != result or result in (float("inf"), float("-inf")):
        raise ValueError(value)
    return int(result) if result.is_integer() else result


def a_date(value: object) -> date:
    """A date cell or typed text (29/01/2027, 2027-01-29, 29-01-2027, 29 January 2027). Raises ValueError."""
    found = parse_date(value if not isinstance(value, str) else text(value))
    if found is None:
        raise ValueError(value)
    return found


def colour(value: object) -> str:
    """'00b050', '#00B050' or 'FF00B050' (ARGB) -> '00B050'. Raises ValueError when not a colour."""
    raw = text(value).lstrip("#").upper()
    if len(raw) == 8:
        raw = raw[2:]
    if len(raw) != 6 or any(ch not in "0123456789ABCDEF" for ch in raw):
        raise ValueError(value)
    return raw


def known_words(kind: str) -> str:
    """The canonical words for 'types' or 'asked per', for messages."""
    if kind == "types":
        return ", ".join(t.value for t in QuestionType)
    return ", ".join(a.value for a in AskedPer)
