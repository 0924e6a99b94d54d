"""The derived sheets' column widths: by the longest value as a cell shows it, whatever the rows hold."""

from datetime import date, datetime

from ehwb_excel.merge.sheet_table import SheetTable
from ehwb_excel.workbook import master_look


def test_a_column_is_as_wide_as_its_longest_shown_value_plus_a_margin():
    table = SheetTable("Issues", ("Agency", "Count", "When"), rows=[("SCT", 7, date(2026, 4, 1)), ("Kaleidoscope", 12345, None)])

    widths = master_look.column_widths(table)

    assert widths[0] == len("Kaleidoscope") + 2
    assert widths[1] == max(master_look.WIDTH_MIN, len("Count") + 2, len("12345") + 2)
    assert widths[2] == max(master_look.WIDTH_MIN, len("00/00/0000") + 2)  # a date as a cell shows it, not as Python prints it


def test_short_rows_and_a_column_no_row_reaches_are_measured_as_empty():
    table = SheetTable("Issues", ("Agency", "Message", "Where"), rows=[("SCT",), ("CAMHS", "x" * 30)])

    widths = master_look.column_widths(table)

    assert len(widths) == 3
    assert widths[0] == max(master_look.WIDTH_MIN, len("Agency") + 2)
    assert widths[1] == max(master_look.WIDTH_MIN, 32)
    assert widths[2] == max(master_look.WIDTH_MIN, len("Where") + 2)


def test_long_text_is_capped_at_a_paragraph_and_moments_measure_as_shown():
    table = SheetTable("Issues", ("Received", "Notes"), rows=[(datetime(2026, 4, 1, 9, 30), "word " * 200)], wrap=("Notes",))

    received, notes = master_look.column_widths(table)

    assert received == min(len("00/00/0000 00:00") + 2, master_look.SHORT_WIDTH_MAX)
    assert notes == master_look.TEXT_WIDTH_MAX


def test_a_table_with_no_rows_is_as_wide_as_its_headers():
    widths = master_look.column_widths(SheetTable("Merge log", ("Merged at", "Files read")))

    assert widths == [max(master_look.WIDTH_MIN, len("Merged") + 2), max(master_look.WIDTH_MIN, len("Files") + 2)]
