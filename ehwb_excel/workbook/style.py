"""The look shared by the agency and master workbooks: named fonts, fills, borders, marking, print set-up."""

from __future__ import annotations

from functools import cache, lru_cache
from weakref import WeakKeyDictionary

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.styles.differential import DifferentialStyle
from ehwb_excel.problems.location import column_letter
from openpyxl.utils.cell import range_boundaries
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.worksheet.dimensions import RowDimension
from openpyxl.worksheet.worksheet import Worksheet

from ehwb_excel.excel import palette


FONT_NAME = palette.FONT_NAME
FONT = Font(name=FONT_NAME, size=10)
BOLD = Font(name=FONT_NAME, size=10, bold=True)
HEADER_FONT = Font(name=FONT_NAME, size=10, bold=True, color=palette.WHITE)
TITLE_FONT = Font(name=FONT_NAME, size=14, bold=True, color=palette.DARK_BLUE)
SUBTITLE_FONT = Font(name=FONT_NAME, size=11, bold=True, color=palette.DARK_BLUE)
MARKING_FONT = Font(name=FONT_NAME, size=10, bold=True, color=palette.MARKING_RED)
HINT_FONT = Font(name=FONT_NAME, size=9, italic=True, color=palette.HINT_GREY)
LINK_FONT = Font(name=FONT_NAME, size=10, color=palette.LINK_BLUE, underline="single")

HEADER_FILL = PatternFill(fill_type="solid", start_color=palette.DARK_BLUE, end_color=palette.DARK_BLUE)
SECTION_FILL = PatternFill(fill_type="solid", start_color=palette.SECTION_BLUE, end_color=palette.SECTION_BLUE)
INPUT_FILL = PatternFill(fill_type="solid", start_color=palette.WHITE, end_color=palette.WHITE)
LOCKED_FILL = PatternFill(fill_type="solid", start_color=palette.LOCKED_GREY, end_color=palette.LOCKED_GREY)
# Conditional formats take a differential fill; Excel reads the colour of a solid dxf fill
# from bgColor and LibreOffice from fgColor, so both are set.
TO_DO_COLOUR = palette.TO_DO_YELLOW

_THIN = Side(style="thin", color=palette.BORDER_GREY)
BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)

UNLOCKED = Protection(locked=False)

WRAP = Alignment(wrap_text=True, vertical="top")
WRAP_CENTRE = Alignment(wrap_text=True, vertical="top", horizontal="center")

A4 = 9  # OOXML paper size code


def new_workbook() -> Workbook:
    """An empty workbook whose default (Normal) font is ours, so cells typed later are Arial too."""
    wb = Workbook()
    # openpyxl offers no public way to change the default font: font 0 and the Normal style
    # are what every unstyled cell (and everything a user types) is shown in.
    wb._fonts = IndexedList([FONT])
    wb._named_styles["Normal"].font = FONT
    return wb


def solid_fill(colour: str) -> PatternFill:
    """A solid fill of "RRGGBB" usable both in cells and in conditional formats."""
    return PatternFill(fill_type="solid", start_color=colour, end_color=colour)


@cache
def highlight(colour: str) -> DifferentialStyle:
    """A conditional format's fill of `colour`: one object per colour, so that openpyxl's save finds
    it among the workbook's formats by identity instead of comparing it with each (a tenth of a save)."""
    return DifferentialStyle(fill=solid_fill(colour))


def put_value(cell: Cell, value: object) -> Cell:
    """Write `value` as plain data: text stays text, never a live formula or an error value.

    Every writer of ours puts values through here (None blanks the cell).
    """
    cell.value = value
    if isinstance(value, str):
        # openpyxl writes "=..." as a formula and "#N/A", "#REF!" ... as error values, which
        # readers then see as no value at all; '+', '-', '@', tab and CR start a formula
        # when the text is re-typed in some clients, so all text is forced to be text
        cell.data_type = "s"
    return cell


def put_text(cell: Cell, value: object, font: Font = FONT, alignment: Alignment | None = WRAP) -> Cell:
    """Write `value` as plain data (see put_value) in our font."""
    put_value(cell, value)
    if alignment is None:
        dress(cell, font=font)
    else:
        dress(cell, font=font, alignment=alignment)
    return cell


def put_formula(cell: Cell, formula: str, font: Font = FONT) -> Cell:
    """A formula we built ourselves (never text from a definition or a return)."""
    cell.value = formula
    dress(cell, font=font, alignment=WRAP_CENTRE)
    return cell


# The index in the workbook's style tables that each attribute of a cell's style keeps.
_STYLE_KEYS = {"font": "fontId", "fill": "fillId", "border": "borderId", "alignment": "alignmentId",
               "protection": "protectionId", "number_format": "numFmtId"}
_KNOWN_LOOKS: WeakKeyDictionary[Workbook, dict[tuple[str, int], tuple[int, object]]] = WeakKeyDictionary()


def dress(cell: Cell, **looks: object) -> Cell:
    """Set the cell's `font`, `fill`, `border`, `alignment`, `protection` or `number_format` to these looks.

    The same as assigning each, but each look's place in the workbook's style tables is found
    once per workbook: openpyxl hashes the whole style object on every assignment, which was
    most of the time spent building an agency workbook. Pass shared look objects (this
    module's constants), not new ones per cell.
    """
    workbook = cell.parent.parent
    known = _KNOWN_LOOKS.get(workbook)
    if known is None:
        known = _KNOWN_LOOKS.setdefault(workbook, {})
    for attribute, look in looks.items():
        key = _STYLE_KEYS[attribute]
        entry = known.get((attribute, id(look)))
        if entry is None or entry[1] is not look:
            setattr(cell, attribute, look)
            known[(attribute, id(look))] = (getattr(cell._style, key), look)  # the look is kept: its id stays its own
        else:
            if not cell._style:  # a cell made without a style has none until one is set
                cell._style = StyleArray()
            setattr(cell._style, key, entry[0])
    return cell


def header_row(ws: Worksheet, row: int, headers: tuple[str, ...] | list[str], start_column: int = 1) -> None:
    """White bold headers on dark blue, boxed and wrapped."""
    for offset, text in enumerate(headers):
        cell = put_text(ws.cell(row=row, column=start_column + offset), text, HEADER_FONT, WRAP)
        dress(cell, fill=HEADER_FILL, border=BOX)


def set_widths(ws: Worksheet, widths: dict[str, float]) -> None:
    for letter, width in widths.items():
        ws.column_dimensions[letter].width = width


DEFAULT_WIDTH = 8.43  # a column's width when none is set
LINE_HEIGHT = 12.75  # points per line of 10pt Arial
PARAGRAPH_LINES = 5  # a free-text answer's row shows this many lines before anyone types


class GrowingRow(RowDimension):
    """A row with a starting height but no custom height, so it grows as text is typed.

    openpyxl marks every row with a height as custom (`customHeight="1"`), and neither Excel nor
    LibreOffice grows a custom-height row. Excel itself writes an auto-fitted row as a height
    without the flag; LibreOffice, which does not re-fit rows when it opens a file, shows the
    height and still grows the row when an answer is typed.
    """

    @property
    def customHeight(self) -> bool:
        return False


def fit_row_height(ws: Worksheet, row: int, columns: range | None = None, *, min_lines: int = 1, grows: bool = False) -> None:
    """Set the row tall enough for its wrapped text (and at least `min_lines` lines).

    LibreOffice does not re-fit row heights when it opens an .xlsx, and neither application
    fits rows holding merged cells, so long questions would be cut off without this estimate.
    `grows`: the height is a starting height only (a row where answers are typed; no merged cells).
    """
    lines = min_lines
    for column in columns if columns is not None else range(1, ws.max_column + 1):
        cell = ws._cells.get((row, column))  # the row's cells as they are: asking for one would make it
        if cell is None or not isinstance(cell.value, str):
            continue  # merged-away cells have no value either
        lines = max(lines, lines_needed(ws, cell))
    height = max(15.0, lines * LINE_HEIGHT + 3)
    if grows:
        ws.row_dimensions[row] = GrowingRow(ws, index=row, ht=height)
    else:
        ws.row_dimensions[row].height = height


def lines_needed(ws: Worksheet, cell: Cell) -> int:
    """About how many lines the cell's wrapped text takes at its column's (or merged range's) width."""
    width = _merged_width(ws, cell) or ws.column_dimensions[column_letter(cell.column)].width or 8.43
    return lines_for(str(cell.value), width, (cell.font.sz or 10) if cell.font else 10)


@lru_cache(maxsize=4096)  # a master repeats each question's text on every row that answers it
def lines_for(text: str, width: float, size: float = 10) -> int:
    """About how many lines `text` wraps to in a column `width` units wide, in Arial of `size` points:
    wrapped between words, as Excel and LibreOffice wrap, each letter as wide as Arial draws it
    (counting characters alone gave "SCT, SWBNHS, WMP and Kaleidoscope" two lines, not three)."""
    room = (width - COLUMN_PADDING) * 10 / size  # in widths of a '0' at 10 points
    if len(text) <= room * NARROWEST_SHARE and "\n" not in text:
        return 1  # most values: one line, known without measuring a letter
    return sum(_wrapped_lines(part, room) for part in text.split("\n"))


def _wrapped_lines(text: str, room: float) -> int:
    """Lines of `text` wrapped between words in `room` (a word longer than a line is split)."""
    lines, used = 1, 0.0
    for word in text.split():
        needed = text_width(word)
        if used and used + _SPACE + needed <= room:
            used += _SPACE + needed
            continue
        if used:
            lines += 1
        while needed > room:
            lines, needed = lines + 1, needed - room
        used = needed
    return lines


def text_width(text: str) -> float:
    """`text`'s width in Arial, in widths of a '0' (the unit of Excel's column widths)."""
    return sum(_LETTER_WIDTHS.get(c, _CAPITAL if c.isupper() else 1.0) for c in text)


# Arial's advance widths in thousandths of an em, by letter (others: 556, as most small letters
# and the digits), over the width of a '0' (556): Excel's column width is in '0's, less about
# a few pixels of cell padding: fitted to where LibreOffice wrapped the master's quotes and names.
COLUMN_PADDING = 0.4
_ARIAL = {**dict.fromkeys("ijl'|", 222), **dict.fromkeys(" .,;:!ftI/", 278), **dict.fromkeys("r()-", 333), "J": 500,
          **dict.fromkeys("ckvxyz\"", 500), **dict.fromkeys("LFTZ", 611), **dict.fromkeys("ABEKPSVXY", 667),
          **dict.fromkeys("CDHNRUw", 722), **dict.fromkeys("GOQ", 778), **dict.fromkeys("mM", 833), "W": 944}
_LETTER_WIDTHS = {letter: width / 556 for letter, width in _ARIAL.items()}
_SPACE, _CAPITAL = 278 / 556, 722 / 556
NARROWEST_SHARE = 556 / 944  # text this short fits a line whatever its letters


def _merged_width(ws: Worksheet, cell: Cell) -> float | None:
    row, column = cell.row, cell.column
    for merged in ws.merged_cells.ranges:
        if merged.min_row <= row <= merged.max_row and merged.min_col <= column <= merged.max_col:
            columns = range(merged.min_col, merged.max_col + 1)
            return sum(ws.column_dimensions[column_letter(c)].width or 8.43 for c in columns)
    return None


def mark(ws: Worksheet, marking: str, title: str = "") -> None:
    """The protective marking in the header and footer of every page, with page numbers."""
    for header, footer in (
        (ws.oddHeader, ws.oddFooter),
        (ws.evenHeader, ws.evenFooter),
        (ws.firstHeader, ws.firstFooter),
    ):
        header.center.text = marking.replace("&", "&&")  # '&' starts a header code in Excel
        header.center.font = f"{FONT_NAME},Bold"
        header.center.size = 10
        if title:
            header.left.text = title.replace("&", "&&")  # '&' starts a header code in Excel
            header.left.font = FONT_NAME
            header.left.size = 8
        footer.center.text = header.center.text
        footer.center.font = f"{FONT_NAME},Bold"
        footer.center.size = 10
        footer.left.text = "&A"  # sheet name
        footer.left.font = FONT_NAME
        footer.left.size = 8
        footer.right.text = "Page &P of &N"
        footer.right.font = FONT_NAME
        footer.right.size = 8


# The printable width of A4 inside half-inch side margins, in column-width units (about 5.4
# points each for 10pt Arial, rounded down); below PRINT_SCALE_MIN text is too small to read on paper.
SIDE_MARGIN = 0.5  # inches
A4_WIDTH_UNITS = {True: 138, False: 94}  # landscape?
PRINT_SCALE_MIN = 60


def printed_width(ws: Worksheet, area: str | None = None) -> float:
    """The width of the columns that print (the area's, else every used column), hidden ones left out."""
    first, last = 1, ws.max_column
    if area:
        min_col, _, max_col, _ = range_boundaries(area.split("!")[-1].replace("$", ""))
        first, last = min_col or 1, max_col or last
    widths = (ws.column_dimensions[column_letter(c)] for c in range(first, last + 1))
    return sum(d.width or DEFAULT_WIDTH for d in widths if not d.hidden)


def print_setup(ws: Worksheet, *, landscape: bool, title_rows: str | None = None, area: str | None = None,
                title_columns: str | None = None) -> None:
    """A4, one page wide where that is readable, else at PRINT_SCALE_MIN across pages; titles on every page.

    Call it after the column widths are set: they decide the scale.
    """
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = A4
    fits = 100 * A4_WIDTH_UNITS[landscape] >= PRINT_SCALE_MIN * printed_width(ws, area)
    ws.sheet_properties.pageSetUpPr.fitToPage = fits
    if fits:
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0  # as many pages tall as needed
    else:
        ws.page_setup.scale = PRINT_SCALE_MIN
    ws.print_options.gridLines = False
    ws.page_margins.top = ws.page_margins.bottom = 0.75
    ws.page_margins.left = ws.page_margins.right = SIDE_MARGIN
    ws.page_margins.header = ws.page_margins.footer = 0.3
    if title_rows:
        ws.print_title_rows = title_rows
    if title_columns:
        ws.print_title_cols = title_columns
    if area:
        ws.print_area = area


def protect(ws: Worksheet) -> None:
    """Protect the sheet against mistakes (not a secret: no password).

    Users may still resize rows and columns so long evidence can be read; only unlocked
    cells (answers, comments) take typing.
    """
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # False = allowed
    ws.protection.formatRows = False
    ws.protection.selectLockedCells = False
    ws.protection.selectUnlockedCells = False
