"""A spreadsheet cell's value as the text a person reads: one set of rules for every reader."""

from __future__ import annotations

import math
import re
from datetime import date, datetime, time

from ehwb_excel.excel.limits import CELL_TEXT_MAX

# XML 1.0 cannot hold these characters, so neither can a workbook or a Word document: openpyxl
# raises IllegalCharacterError, python-docx refuses them. Open XML smuggles them into a saved
# file as `_x0001_` escapes, which readers decode. U+FFFE and U+FFFF are not characters at all,
# and neither is a lone surrogate (how Python holds the bytes of a file name that is not UTF-8).
ILLEGAL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def without_illegal_characters(text: str) -> str:
    """`text` as a workbook or a document can store it: the characters XML forbids removed."""
    return ILLEGAL_CHARACTERS.sub("", text)


def storable(value):
    """`value` as a cell can hold it: text without the characters XML forbids, cut with an ellipsis to a
    cell's 32,767 characters; infinity as its text; anything else unchanged.

    The one rule for every derived sheet of the master (Issues, Submissions, Merge log ...): a
    value a cell cannot hold would make the whole master unsaveable, for every agency, over one
    file. Where the text came from a return, the change is reported where it is read.
    """
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)  # "inf": a cell cannot hold infinity, and an answer that was one is reported where it is read
    if not isinstance(value, str):
        return value
    if ILLEGAL_CHARACTERS.search(value):
        value = ILLEGAL_CHARACTERS.sub("", value)
    return value if len(value) <= CELL_TEXT_MAX else value[: CELL_TEXT_MAX - 1] + "\u2026"


def single_spaced(text: str) -> str:
    """`text` with runs of spaces (non-breaking ones, tabs and line breaks too) made one space, outer spaces removed."""
    return " ".join(text.split())  # str.split() splits on every Unicode space, U+00A0 included


def folded(text: str) -> str:
    """`text` as two typed values are compared: single-spaced and without case ("Requires Improvement " = "requires improvement")."""
    return single_spaced(text).casefold()


def cell_text(value: object, *, uk_dates: bool = False, booleans: tuple[str, str] = ("Yes", "No")) -> str:
    """None -> "", 6.0 -> "6" (readers give whole numbers back as floats), True -> booleans[0].

    Dates read "2026-03-31", or "31/03/2026" with `uk_dates` (a report's readers); a date-time
    with a time of day keeps it ("2026-03-31 10:15:00") unless `uk_dates`, which shows the day.
    Anything else is `str(value)`, unchanged: callers tidy spaces in their own way.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return booleans[0] if value else booleans[1]
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        if not uk_dates and value.time() != time.min:
            return value.isoformat(sep=" ")
        value = value.date()
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y") if uk_dates else value.isoformat()
    return str(value)
