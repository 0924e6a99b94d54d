"""An accessible data table: a caption, one repeating header row in white on dark blue, fixed widths, no merged cells."""

from __future__ import annotations

from collections.abc import Sequence

from docx.document import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table

from ehwb_excel.excel import palette
from ehwb_excel.report import accessibility
from ehwb_excel.report.styles import HEADER_FILL, TABLE_STYLE

WHITE = RGBColor.from_string(palette.WHITE)
KEEP_TOGETHER_ROWS = 12  # a table this short is kept on one page


def add_data_table(document: Document, header: Sequence[str], rows: Sequence[Sequence[str]], caption: str, *,
                   number: int, total_row: bool = False, weights: Sequence[float] | None = None, size: float = 10) -> Table:
    """'Table {number}: {caption}' above a table whose first row is its header; the caption is also its alt text.

    `weights` share the text width between the columns (equal when None); `total_row` makes the last row bold;
    `size` is the body rows' font size in points (the header row is a point smaller).
    """
    label = document.add_paragraph(f"Table {number}: {caption}", style="Caption")
    label.paragraph_format.keep_with_next = True
    table = document.add_table(rows=1 + len(rows), cols=len(header))
    table.style = document.styles[TABLE_STYLE]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    accessibility.set_table_title(table, caption)
    keep_together = len(rows) <= KEEP_TOGETHER_ROWS
    cells = table._cells  # every cell once, row by row: row.cells and column.cells walk the whole table each time
    width = len(header)
    for index in range(1 + len(rows)):
        values = header if index == 0 else rows[index - 1]
        for column, (cell, value) in enumerate(zip(cells[index * width:(index + 1) * width], values)):
            paragraph = cell.paragraphs[0]
            paragraph.paragraph_format.space_after = Pt(0)
            # a short table stays on one page; a long one at least keeps its header with a row
            paragraph.paragraph_format.keep_with_next = index < len(rows) and (keep_together or index == 0)
            run = paragraph.add_run(str(value))
            run.font.size = Pt(size - 1 if index == 0 else size)
            if index == 0:
                run.bold = True
                run.font.color.rgb = WHITE
                accessibility.shade_cell(cell, HEADER_FILL)
            elif total_row and index == len(rows):
                run.bold = True
            if column > 0 and str(value).isdigit():
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _widths(document, table, cells, weights or [1.0] * len(header))
    accessibility.repeat_header_rows(table, 1)
    document.add_paragraph().paragraph_format.space_after = Pt(2)  # Word joins tables that touch
    return table


def _widths(document: Document, table: Table, cells: Sequence, weights: Sequence[float]) -> None:
    """Fixed column widths over the text width: Word reads each cell's width, LibreOffice the grid's."""
    section = document.sections[-1]
    page, left, right = section.page_width, section.left_margin, section.right_margin
    if page is not None and left is not None and right is not None:
        text_width = page - left - right
    else:  # a template without page size: assume A4 with 2.5 cm margins
        text_width = Cm(16)
    table.autofit = False
    total = sum(weights)
    widths = [int(text_width * weight / total) for weight in weights]
    for column, width in zip(table.columns, widths):
        column.width = width
    for index, cell in enumerate(cells):
        cell.width = widths[index % len(widths)]


def count_widths(header: Sequence[str], text_cm: Sequence[float], size: float = 10) -> list[float]:
    """Column weights (in cm) for a table of counts: the text columns as given, each count column as wide as
    the longest word of its header needs in bold at the header's size, so "Outstanding" is never broken."""
    per_character = 0.021 * (size - 1)  # cm per character of bold Arial at the header's size, a little generous
    counts = [max(1.15, max(len(word) for word in str(h).split()) * per_character + 0.42) for h in header[len(text_cm):]]
    return [*text_cm, *counts]
