"""How the master's derived sheets look: a few named styles, widths by what a column holds, print set-up.

Every cell of a derived sheet gets one of STYLES by name (one look-up, and one place to change
the look); widths and row heights follow the text, so nothing is cut at a column edge on screen
or on paper; each sheet prints landscape at a readable scale, its header row (and on Grades its
question columns) repeated on every page.
"""

from __future__ import annotations

import itertools
from datetime import date, datetime

from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill

from ehwb_excel.excel import layout, palette
from ehwb_excel.problems.location import column_letter
from ehwb_excel.workbook import style

# -- the named styles -----------------------------------------------------------------------------
HEADER, TEXT, DATE, MOMENT = "ehwb header", "ehwb text", "ehwb date", "ehwb date and time"
ERROR, WARNING = "ehwb error", "ehwb warning"  # a row about an error or a warning: told apart by weight and mark, not only colour
DATE_FORMAT, MOMENT_FORMAT = "dd/mm/yyyy", "dd/mm/yyyy hh:mm"
_WRAP = Alignment(wrap_text=True, vertical="top")


def _named(name: str, font: Font, *, fill: PatternFill | None = None, number_format: str = "General") -> NamedStyle:
    named = NamedStyle(name=name, font=font, alignment=_WRAP, number_format=number_format, border=Border())
    if fill is not None:
        named.fill = fill
    return named


def named_styles() -> list[NamedStyle]:
    """The derived sheets' styles: every cell has one of these (a grade's colour is filled over it)."""
    return [
        _named(HEADER, style.HEADER_FONT, fill=style.HEADER_FILL),
        _named(TEXT, style.FONT),
        _named(DATE, style.FONT, number_format=DATE_FORMAT),
        _named(MOMENT, style.FONT, number_format=MOMENT_FORMAT),
        _named(ERROR, Font(name=palette.FONT_NAME, size=10, bold=True, color=palette.MARKING_RED), fill=style.solid_fill(palette.ERROR_PINK)),
        _named(WARNING, Font(name=palette.FONT_NAME, size=10, italic=True), fill=style.solid_fill(palette.TO_DO_YELLOW)),
    ]


def add_named_styles(workbook) -> None:
    """Register the styles a workbook does not have yet (a master keeps them from its last merge)."""
    present = set(workbook.named_styles)
    for named in named_styles():
        if named.name not in present:
            workbook.add_named_style(named)


def value_style(value) -> str:
    """The style a value is shown in: dates as UK readers read them, everything else wrapped text."""
    if isinstance(value, datetime):
        return MOMENT
    if isinstance(value, date):
        return DATE
    return TEXT


# Rows that are about a problem: the column that says so, and what its values mean.
ROW_FLAGS = {
    "Severity": {"error": ERROR, "warning": WARNING},
    "Status": {"rejected": ERROR, "late": WARNING, "missing": WARNING},
}


def row_flag(headers: tuple[str, ...], row: tuple) -> str | None:
    """ERROR or WARNING when the row reports one (Issues' Severity, Submissions' Status); None otherwise."""
    for header, flags in ROW_FLAGS.items():
        if header in headers:
            index = headers.index(header)
            value = row[index] if index < len(row) else None
            if isinstance(value, str) and value.casefold() in flags:
                return flags[value.casefold()]
    return None


# -- widths and heights ---------------------------------------------------------------------------
WIDTH_MIN = 8
TEXT_WIDTH_MAX = 36  # longer text wraps; Responses' twelve columns then fit a landscape page at 60 %
SHORT_WIDTH_MAX = 16  # names, IDs and files wrap sooner
CHECKSUM_WIDTH = 34  # a SHA-256 (64 hex digits) on two lines
WIDE_HEADERS = ("Message", "Answer", "Comment", "Answers by agency", "Combined answer", "Files read", "Question")


def column_widths(table) -> list[float]:
    """A width per column: its longest shown value, at most a paragraph's width (checksums on two lines)."""
    widths: list[float] = []
    # column by column; a short row's missing values are None (shown as nothing), a column no row reaches is empty
    columns = itertools.chain(itertools.zip_longest(*table.rows), itertools.repeat(()))
    for header, column in zip(table.headers, columns):
        if "SHA-256" in header:
            widths.append(CHECKSUM_WIDTH)
            continue
        longest = max(map(len, map(shown, column)), default=0)
        cap = TEXT_WIDTH_MAX if header in WIDE_HEADERS or header in table.wrap else SHORT_WIDTH_MAX
        header_width = min(max(len(word) for word in header.split()) + 2, cap)  # headers wrap between words
        widths.append(max(WIDTH_MIN, header_width, min(longest + 2, cap)))
    return widths


def expected_widths(headers: tuple[str, ...]) -> list[float]:
    """Widths before any merge (the skeleton's), from what each column will hold: text a paragraph wide."""
    def width(header: str) -> float:
        if "SHA-256" in header:
            return CHECKSUM_WIDTH
        return TEXT_WIDTH_MAX if header in WIDE_HEADERS else max(WIDTH_MIN, min(SHORT_WIDTH_MAX, len(header) + 4))
    return [width(header) for header in headers]


def shown(value) -> str:
    """The value as a cell shows it (for measuring)."""
    if value.__class__ is str:  # most values: asked first
        return value
    if isinstance(value, datetime):
        return "00/00/0000 00:00"
    if isinstance(value, date):
        return "00/00/0000"
    return "" if value is None else str(value)


def row_height(row: tuple, widths: list[float]) -> float | None:
    """Points tall enough for the row's wrapped text; None for a one-line row (the default height)."""
    lines = 1
    for value, width in zip(row, widths):
        if isinstance(value, str):  # lines_for knows a short value is one line without measuring it
            lines = max(lines, style.lines_for(value, width))
    return None if lines <= 1 else lines * style.LINE_HEIGHT + 3


# -- print set-up ---------------------------------------------------------------------------------
TITLE_COLUMNS = {layout.GRADES_SHEET: len(layout.GRADES_COLUMNS)}  # repeated at the left of every page


def print_setup(sheet) -> None:
    """A4 landscape, readable (style.print_setup), the header row and Grades' question columns on every page."""
    title_columns = TITLE_COLUMNS.get(sheet.title)
    style.print_setup(sheet, landscape=True, title_rows="1:1",
                      title_columns=f"A:{column_letter(title_columns)}" if title_columns else None)
    if title_columns:
        sheet.page_setup.pageOrder = "overThenDown"  # a question's grades for every case, page after page
