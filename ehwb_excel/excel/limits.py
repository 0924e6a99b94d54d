"""Excel's hard limits, checked when the definition is loaded so Excel never repairs our files.

Modelled on XlsxWriter's `worksheet.data_validation` and `workbook._check_sheetname`: what
Excel would refuse is refused here, with the limit named.
"""

from __future__ import annotations

import re

from ehwb_excel.excel import layout

SHEET_NAME_MAX = 31
SHEET_NAME_FORBIDDEN = "[]:*?/\\"
PROMPT_MAX = 255  # input prompt and error message text of a data validation
TITLE_MAX = 32  # input prompt and error alert titles
LIST_ITEM_MAX = 255  # one dropdown entry
LIST_ITEMS_MAX = 32_767  # entries Excel shows in a dropdown
CELL_TEXT_MAX = 32_767
DEFINED_NAME_MAX = 255

EXCEL_RESERVED_SHEET_NAMES = ("History",)  # Excel refuses to create or rename a sheet to it
# Sheets every agency workbook already has; a case sheet may not take their names.
RESERVED_SHEET_NAMES = (layout.START_SHEET, layout.AGENCY_SHEET, layout.LISTS_SHEET, layout.META_SHEET, *EXCEL_RESERVED_SHEET_NAMES)

_CELL_REFERENCE = re.compile(r"^(?:[A-Za-z]{1,3}\d+|[Rr]\d*[Cc]\d*|[Rr]|[Cc])$")


def sheet_name_problem(name: str, taken: tuple[str, ...] = RESERVED_SHEET_NAMES) -> str | None:
    """Why Excel refuses `name` as a sheet name (or it clashes with `taken`, ignoring case); None if fine."""
    if not name or not name.strip():
        return "a sheet name cannot be blank"
    if len(name) > SHEET_NAME_MAX:
        return f"it is {len(name)} characters long and a sheet name has at most {SHEET_NAME_MAX}"
    bad = sorted({ch for ch in name if ch in SHEET_NAME_FORBIDDEN})
    if bad:
        return f"a sheet name cannot contain {' '.join(bad)}"
    if name.startswith("'") or name.endswith("'"):
        return "a sheet name cannot begin or end with an apostrophe"
    clash = next((t for t in taken if t.casefold() == name.casefold()), None)
    if clash:
        return f"every workbook already has a sheet called '{clash}'"
    return None


def defined_name_problem(name: str) -> str | None:
    """Why Excel refuses `name` as a defined name (a named range); None if fine."""
    if not name:
        return "a name cannot be blank"
    if len(name) > DEFINED_NAME_MAX:
        return f"a name has at most {DEFINED_NAME_MAX} characters"
    if not (name[0].isalpha() or name[0] in "_\\"):
        return "a name must begin with a letter or an underscore"
    if any(not (ch.isalnum() or ch in "_.\\") for ch in name):
        return "a name may hold only letters, digits, underscores and full stops"
    if _CELL_REFERENCE.match(name):
        return "it looks like a cell address"
    return None


def shortened(text: str, limit: int) -> str:
    """`text` on one line, cut to at most `limit` characters with an ellipsis (Excel refuses longer)."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def prompt_title(text: str) -> str:
    """`text` cut to fit a validation prompt or alert title (TITLE_MAX), with an ellipsis."""
    return shortened(text, TITLE_MAX)


def prompt_text(text: str) -> str:
    """`text` cut to fit an input prompt or error message (PROMPT_MAX), with an ellipsis."""
    return shortened(text, PROMPT_MAX)
