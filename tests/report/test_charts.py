"""The grades chart: one PNG for the whole audit, every grade drawn in its own colour, any number of lines."""

import io

from PIL import Image

from ehwb_excel.report.charts import DPI, PALETTE, grades_chart_alt_text, grades_chart_png

LINES = [
    ("Relationship-based practice", [("Outstanding", 7), ("Good", 13), ("Requires improvement", 2), ("Inadequate", 0)]),
    ("Mental-health pathways", [("Outstanding", 0), ("Good", 2), ("Requires improvement", 8), ("Inadequate", 11)]),
]


def _rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))


def test_the_chart_is_16_cm_wide_and_shows_every_grade_colour():
    image = Image.open(io.BytesIO(grades_chart_png(LINES))).convert("RGB")
    assert abs(image.width / DPI * 2.54 - 16.0) < 0.05
    colours = {colour for _, colour in image.getcolors(maxcolors=1 << 20)}
    for colour in PALETTE[:4]:
        assert _rgb(colour) in colours, colour


def test_no_lines_still_give_a_picture_and_the_alt_text_has_every_number():
    assert grades_chart_png([]).startswith(b"\x89PNG")
    alt = grades_chart_alt_text(LINES)
    assert "Relationship-based practice: Of 22 grades, 7 were Outstanding, 13 were Good and 2 were Requires improvement." in alt
    assert "Mental-health pathways: Of 21 grades, 2 were Good, 8 were Requires improvement and 11 were Inadequate." in alt
