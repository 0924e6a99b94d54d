from datetime import date, datetime

import pytest

from ehwb_excel.excel.cell_text import cell_text


@pytest.mark.parametrize("value, shown, uk", [
    (None, "", ""),
    (6.0, "6", "6"),
    (6.5, "6.5", "6.5"),
    (True, "Yes", "Yes"),
    (date(2026, 3, 31), "2026-03-31", "31/03/2026"),
    (datetime(2026, 3, 31), "2026-03-31", "31/03/2026"),
    (datetime(2026, 3, 31, 10, 15), "2026-03-31 10:15:00", "31/03/2026"),
    ("  as typed ", "  as typed ", "  as typed "),
])
def test_cell_values_read_as_people_see_them(value, shown, uk):
    assert cell_text(value) == shown
    assert cell_text(value, uk_dates=True) == uk


def test_booleans_can_read_as_the_spreadsheet_shows_them():
    assert cell_text(False, booleans=("TRUE", "FALSE")) == "FALSE"
