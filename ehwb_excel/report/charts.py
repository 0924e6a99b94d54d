"""The audit's one chart: grades per line of enquiry as stacked bars, readable without colour (patterned, counted, named).

Drawn with Pillow: a few rectangles, lines and words do not need a plotting library's start-up
(matplotlib took longer to import than the rest of the report took to build).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

from ehwb_excel.report.narrative import distribution_sentence
from ehwb_excel.report.styles import FONT

# Best grade first: blue, mid blue, vermilion, wine (Paul Tol / Okabe-Ito hues, safe for the
# common colour-vision deficiencies), each at least 3:1 against white (WCAG 1.4.11); the hatch
# patterns tell the segments apart in greyscale print too.
PALETTE = ("#004488", "#4477AA", "#D55E00", "#882255", "#117733", "#AA3377", "#595959")
HATCHES = ("", "", "/", "x", "\\", "/", "x")
INK = "#1F1F1F"
DPI = 200
# the body font, or its metric-compatible stand-in, or any sans-serif (file names as Windows, macOS and Linux have them)
FONT_FILES = {False: (f"{FONT.lower()}.ttf", f"{FONT}.ttf", "LiberationSans-Regular.ttf", "DejaVuSans.ttf"),
              True: (f"{FONT.lower()}bd.ttf", f"{FONT} Bold.ttf", "LiberationSans-Bold.ttf", "DejaVuSans-Bold.ttf")}


def _px(cm: float) -> int:
    return round(cm / 2.54 * DPI)


@lru_cache(maxsize=8)
def _font(points: float, bold: bool = False):
    size = round(points / 72 * DPI)
    for name in FONT_FILES[bold]:
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size)


def grades_chart_png(lines: Sequence[tuple[str, Sequence[tuple[str, int]]]], *, width_cm: float = 16.0) -> bytes:
    """A stacked horizontal bar per line of enquiry (title, [(grade, count)...]) as PNG bytes, grades best first."""
    grades = [grade for grade, _ in lines[0][1]] if lines else []
    text, bold = _font(7.5), _font(7.5, bold=True)
    row, bar = _px(0.55), _px(0.38)
    top, bottom = _px(0.9), _px(1.1)
    width, height = _px(width_cm), top + row * max(len(lines), 1) + bottom
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    left = max((draw.textlength(title, font=text) for title, _ in lines), default=0) + _px(0.4)
    right = width - _px(0.4)
    most = max((sum(n for _, n in counts) for _, counts in lines), default=0)
    scale = (right - left) / max(most, 1)
    _legend(image, draw, grades, left, text)
    for index, (title, counts) in enumerate(lines):
        y = top + index * row + (row - bar) // 2
        draw.text((left - _px(0.2), y + bar / 2), title, font=text, fill=INK, anchor="rm")
        x = left
        for colour, hatch, (_, n) in zip(PALETTE, HATCHES, counts):
            if n:
                _segment(image, draw, (round(x), y, round(x + n * scale), y + bar), colour, hatch, str(n), bold)
            x += n * scale
    _axis(draw, left, right, top + row * len(lines), most, scale, text)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", dpi=(DPI, DPI), optimize=False)
    return buffer.getvalue()


def _segment(image, draw, box, colour: str, hatch: str, label: str, font) -> None:
    """One grade's part of a bar: filled, patterned in white, its count in the middle."""
    x0, y0, x1, y1 = box
    _fill(image, draw, box, colour, hatch)
    middle = ((x0 + x1) / 2, (y0 + y1) / 2)
    wide = draw.textlength(label, font=font)
    pad = _px(0.1)  # the count stands on plain colour, clear of the pattern
    draw.rectangle((middle[0] - wide / 2 - pad, y0 + 3, middle[0] + wide / 2 + pad, y1 - 3), fill=colour)
    draw.text(middle, label, font=font, fill="white", anchor="mm")


def _fill(image, draw, box, colour: str, hatch: str) -> None:
    """A rectangle in `colour` with its white pattern ("/", "\\" or "x"), edged in white."""
    x0, y0, x1, y1 = box
    draw.rectangle(box, fill=colour, outline="white", width=2)
    if hatch and x1 - x0 > 4:
        layer = Image.new("L", (x1 - x0, y1 - y0), 0)
        pen = ImageDraw.Draw(layer)
        step, high = _px(0.14), y1 - y0
        for start in range(-high, x1 - x0 + high, step):
            if hatch in "/x":
                pen.line((start, high, start + high, 0), fill=255, width=2)
            if hatch in "\\x":
                pen.line((start, 0, start + high, high), fill=255, width=2)
        image.paste("white", (x0, y0), layer)


def _legend(image, draw, grades: list[str], left: float, font) -> None:
    x, y, key = left, _px(0.3), _px(0.32)
    for colour, hatch, grade in zip(PALETTE, HATCHES, grades):
        _fill(image, draw, (round(x), y, round(x) + key, y + key), colour, hatch)
        draw.text((x + key + _px(0.12), y + key / 2), grade, font=font, fill=INK, anchor="lm")
        x += key + _px(0.12) + draw.textlength(grade, font=font) + _px(0.45)


def _axis(draw, left: float, right: float, y: int, most: int, scale: float, font) -> None:
    draw.line((left, y, right, y), fill=INK, width=2)
    step = next(s for s in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000) if most / s <= 8) if most else 1
    for value in range(0, most + 1, step):
        x = left + value * scale
        draw.line((x, y, x, y + _px(0.1)), fill=INK, width=2)
        draw.text((x, y + _px(0.14)), str(value), font=font, fill=INK, anchor="mt")
    draw.text(((left + right) / 2, y + _px(0.6)), "Number of grades given", font=font, fill=INK, anchor="mt")


def grades_chart_alt_text(lines: Sequence[tuple[str, Sequence[tuple[str, int]]]]) -> str:
    """The chart's numbers in words, one sentence per line of enquiry."""
    each = " ".join(f"{title}: {distribution_sentence(counts)}" for title, counts in lines)
    return f"Stacked bar chart of the grades given for each key line of enquiry, best grade first. {each}"
