"""style.dress gives a cell exactly the look that assigning each attribute gives, in every workbook it is used in;
row heights follow text as it wraps."""

from __future__ import annotations

from io import BytesIO

import pytest
from openpyxl import load_workbook

from ehwb_excel.workbook import style


def _looks(cell) -> tuple:
    return (cell.font.name, cell.font.b, cell.font.color.rgb if cell.font.color else None, cell.fill.fgColor.rgb,
            cell.border.left.style, cell.alignment.wrap_text, cell.protection.locked, cell.number_format)


def test_a_look_found_in_one_workbook_is_found_again_in_the_next_not_copied_by_index():
    first, second = style.new_workbook(), style.new_workbook()
    # the first workbook's tables get the header font early; the second gets other looks first, so the indexes differ
    style.dress(first.active["A1"], font=style.HEADER_FONT, fill=style.HEADER_FILL)
    style.dress(second.active["A1"], font=style.HINT_FONT, border=style.BOX)
    style.dress(second.active["A2"], font=style.TITLE_FONT)
    for book in (first, second):
        style.dress(book.active["B1"], font=style.HEADER_FONT, fill=style.HEADER_FILL, border=style.BOX,
                    alignment=style.WRAP, protection=style.UNLOCKED, number_format="dd/mm/yyyy")
        assigned = book.active["B2"]
        assigned.font, assigned.fill, assigned.border = style.HEADER_FONT, style.HEADER_FILL, style.BOX
        assigned.alignment, assigned.protection, assigned.number_format = style.WRAP, style.UNLOCKED, "dd/mm/yyyy"
        saved = load_workbook(_saved(book)).active
        assert _looks(saved["B1"]) == _looks(saved["B2"])
        assert _looks(saved["B1"])[:2] == ("Arial", True) and _looks(saved["B1"])[4:] == ("thin", True, False, "dd/mm/yyyy")
    hint = load_workbook(_saved(second)).active["A1"]
    assert hint.font.i and hint.border.left.style == "thin" and not hint.fill.fill_type  # its own looks, not the first book's


def _saved(book) -> BytesIO:
    buffer = BytesIO()
    book.save(buffer)
    buffer.seek(0)
    return buffer


@pytest.mark.parametrize("text, width, lines", [
    # as LibreOffice wrapped them on the master's Quote choices and Case profiles sheets (Arial 10)
    ("SCT, CCG, CAMHS, Education and Inclusion Support", 16, 4),  # three lines of 16 by count
    ("SCT, SWBNHS, WMP and Kaleidoscope", 16, 3),  # capitals are wide: two lines by count
    ("CAMHS, Education", 16, 1),
    ("Most common known answer; when agencies are tied: Recorded differently", 16, 5),
    ("Has the child expressed suicidal thoughts?", 36, 1),
    ("Impact of parenting on the child's emotional wellbeing", 36, 2),
    ("The young person's wishes and feelings are recorded in their own words.", 36, 2),
    ("Changes of worker were not explained to the young person, which affected engagement.", 36, 3),
    ("When the family disengaged, the practitioner kept trying with texts, letters and visits until contact resumed.", 36, 3),
    ("x" * 40, 16, 3),  # a word longer than a line is split
    ("short", 16, 1),
    ("one\n\ntwo", 16, 3),
])
def test_lines_are_counted_as_text_wraps_between_words(text, width, lines):
    from ehwb_excel.workbook.style import lines_for

    assert lines_for(text, width) == lines
