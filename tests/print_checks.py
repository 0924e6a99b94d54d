"""How a sheet prints, estimated from what openpyxl loads: the scale a reader sees it at."""

from __future__ import annotations

from openpyxl.utils import column_index_from_string, get_column_letter, range_boundaries

# Printable width of A4 in column-width units (about 5.4 points each at 10pt Arial), inside
# 0.7-inch side margins; measured independently of the product's own constant on purpose.
A4_UNITS = {"landscape": 136, "portrait": 90}
DEFAULT_WIDTH = 8.43


def printed_columns(ws) -> range:
    """The columns that print: the print area's, else every used column, without hidden ones."""
    if ws.print_area:
        first = ws.print_area[0] if isinstance(ws.print_area, list) else ws.print_area
        min_col, _, max_col, _ = range_boundaries(first.split("!")[-1].replace("$", ""))
        return range(min_col, max_col + 1)
    return range(1, ws.max_column + 1)


def printed_width(ws) -> float:
    """The width of the printed columns, in column-width units."""
    total = 0.0
    for column in printed_columns(ws):
        dimension = ws.column_dimensions.get(get_column_letter(column))
        if dimension is not None and dimension.hidden:
            continue
        total += (dimension.width if dimension is not None and dimension.width else DEFAULT_WIDTH)
    return total


def print_scale(ws) -> float:
    """The percentage the sheet prints at: its fixed scale, or what fitting it to one page wide gives."""
    setup = ws.page_setup
    if ws.sheet_properties.pageSetUpPr is not None and ws.sheet_properties.pageSetUpPr.fitToPage:
        if setup.fitToWidth in (0, None):
            return float(setup.scale or 100)
        page = A4_UNITS[setup.orientation or "portrait"] * (setup.fitToWidth or 1)
        return min(100.0, 100.0 * page / printed_width(ws))
    return float(setup.scale or 100)


def title_columns(ws) -> str | None:
    return ws.print_title_cols


def column_index(letter: str) -> int:
    return column_index_from_string(letter)
