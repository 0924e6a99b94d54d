"""A date from what a cell holds: a date, an Excel serial day number, or text as people in the UK type it."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 = 1900-01-01 (Excel counts a 29 Feb 1900 that never was)
MAX_EXCEL_SERIAL = 2_958_465  # 9999-12-31

_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+)?")  # a time after it is ignored
_UK_DATE = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")  # day first: 05/01/2026 is 5 January
_WORDS = ("%d %B %Y", "%d %b %Y")  # 29 January 2027, 29 Jan 2027


def from_serial(number: float) -> date | None:
    """The day an Excel serial number (1900 date system) stands for; None outside Excel's dates."""
    return EXCEL_EPOCH + timedelta(days=int(number)) if 1 <= number <= MAX_EXCEL_SERIAL else None


def parse_date(value: object, *, serials: bool = True) -> date | None:
    """The date `value` holds; None when it is no date (31/02/2026 is none).

    A date-time gives its day. A number is a serial day number (a date cell that lost its
    format, or a script wrote the number) unless `serials` is False. Text may be ISO
    (2026-01-05), day-first with / . or - (05/01/2026, 5.1.2026) or in words (5 January 2026).
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return from_serial(value) if serials else None
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    for pattern, order in ((_ISO_DATE, (0, 1, 2)), (_UK_DATE, (2, 1, 0))):
        if match := pattern.fullmatch(text):
            parts = match.groups()
            try:
                return date(int(parts[order[0]]), int(parts[order[1]]), int(parts[order[2]]))
            except ValueError:
                return None
    for words in _WORDS:
        try:
            return datetime.strptime(text, words).date()
        except ValueError:
            continue
    return None
