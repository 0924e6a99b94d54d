"""The audit's one chart: grades per line of enquiry as stacked bars, readable without colour (patterned, counted, named)."""

from __future__ import annotations

import io
import logging
from collections.abc import Sequence

from ehwb_excel.report.narrative import distribution_sentence
from ehwb_excel.report.styles import FONT

# Best grade first: blue, mid blue, vermilion, wine (Paul Tol / Okabe-Ito hues, safe for the
# common colour-vision deficiencies), each at least 3:1 against white (WCAG 1.4.11); the hatch
# patterns tell the segments apart in greyscale print too.
PALETTE = ("#004488", "#4477AA", "#D55E00", "#882255", "#117733", "#AA3377", "#595959")
HATCHES = ("", "", "//", "xx", "..", "\\\\", "--")
FONTS = (FONT, "Liberation Sans", "DejaVu Sans")  # the body font, or its metric-compatible stand-in


def grades_chart_png(lines: Sequence[tuple[str, Sequence[tuple[str, int]]]], *, width_cm: float = 16.0) -> bytes:
    """A stacked horizontal bar per line of enquiry (title, [(grade, count)...]) as PNG bytes, grades best first."""
    import matplotlib

    matplotlib.use("Agg")  # no display on servers; must be chosen before pyplot is imported
    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)  # a missing Arial is not news
    from matplotlib import pyplot

    grades = [grade for grade, _ in lines[0][1]] if lines else []
    height_cm = 1.9 + 0.55 * max(len(lines), 1)
    with matplotlib.rc_context({"font.family": "sans-serif", "font.sans-serif": list(FONTS), "font.size": 7.5,
                                "hatch.color": "white", "hatch.linewidth": 0.8}):
        figure, axes = pyplot.subplots(figsize=(width_cm / 2.54, height_cm / 2.54), dpi=150)
        try:
            _draw(axes, lines, grades)
            figure.tight_layout()
            buffer = io.BytesIO()
            figure.savefig(buffer, format="png", metadata={"Software": None})
            return buffer.getvalue()
        finally:
            pyplot.close(figure)


def _draw(axes, lines, grades: list[str]) -> None:
    positions = list(range(len(lines)))[::-1]  # first line of enquiry at the top
    left = [0] * len(lines)
    for index, grade in enumerate(grades):
        values = [dict(counts).get(grade, 0) for _, counts in lines]
        bars = axes.barh(positions, values, left=left, color=PALETTE[index % len(PALETTE)], edgecolor="white",
                         linewidth=0.6, height=0.7, label=grade, hatch=HATCHES[index % len(HATCHES)])
        for bar, value in zip(bars, values):
            if value:  # the number in each segment: no need to read the axis
                axes.text(bar.get_x() + bar.get_width() / 2, bar.get_y() + bar.get_height() / 2, str(value),
                          ha="center", va="center", color="white", fontweight="bold",
                          bbox={"boxstyle": "square,pad=0.1", "facecolor": PALETTE[index % len(PALETTE)], "linewidth": 0})
        left = [a + b for a, b in zip(left, values)]
    axes.set_yticks(positions, [title for title, _ in lines])
    axes.set_xlim(0, max(max(left, default=0), 1) * 1.02)
    axes.set_xlabel("Number of grades given")
    axes.xaxis.get_major_locator().set_params(integer=True)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.legend(loc="lower center", bbox_to_anchor=(0.4, 1.0), ncol=max(len(grades), 1), frameon=False,
                handlelength=1.6, columnspacing=1.2)


def grades_chart_alt_text(lines: Sequence[tuple[str, Sequence[tuple[str, int]]]]) -> str:
    """The chart's numbers in words, one sentence per line of enquiry."""
    each = " ".join(f"{title}: {distribution_sentence(counts)}" for title, counts in lines)
    return f"Stacked bar chart of the grades given for each key line of enquiry, best grade first. {each}"
