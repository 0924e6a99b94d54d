"""Grade distribution charts as PNG, readable without colour: each bar is named, counted and patterned."""

from __future__ import annotations

import io
from collections.abc import Sequence

from ehwb_excel.report.narrative import distribution_sentence

# Okabe-Ito palette (safe for the common colour-vision deficiencies), best grade first;
# the hatch patterns tell bars apart in greyscale print too.
PALETTE = ("#0072B2", "#56B4E9", "#E69F00", "#D55E00", "#999999", "#009E73", "#CC79A7", "#F0E442")
HATCHES = ("", "//", "..", "xx", "--", "\\\\", "++", "oo")
NOT_APPLICABLE = "not applicable"


def grade_chart_png(counts: Sequence[tuple[str, int]], *, width_cm: float = 15.0) -> bytes:
    """A horizontal bar chart of `counts` (grade, number) as PNG bytes, grades in the order given."""
    import matplotlib

    matplotlib.use("Agg")  # no display on servers; must be chosen before pyplot is imported
    from matplotlib import pyplot

    labels = [grade for grade, _ in counts]
    values = [n for _, n in counts]
    colours = [_colour(i, label) for i, label in enumerate(labels)]
    height_cm = 1.6 + 0.9 * max(len(labels), 1)
    figure, axes = pyplot.subplots(figsize=(width_cm / 2.54, height_cm / 2.54), dpi=150)
    try:
        positions = list(range(len(labels)))[::-1]  # first grade at the top
        bars = axes.barh(positions, values, color=colours, edgecolor="#1F1F1F", linewidth=0.8, height=0.65)
        for bar, hatch in zip(bars, HATCHES):
            bar.set_hatch(hatch)
        axes.set_yticks(positions, labels, fontsize=9)
        top = max(values, default=0)
        axes.set_xlim(0, max(top * 1.18, 1))
        for bar, value in zip(bars, values):  # the number at the end of each bar: no need to read the axis
            axes.text(bar.get_width() + max(top, 1) * 0.02, bar.get_y() + bar.get_height() / 2, str(value),
                      va="center", ha="left", fontsize=9, fontweight="bold", color="#1F1F1F")
        axes.set_xlabel("Number of grades given", fontsize=9)
        axes.xaxis.get_major_locator().set_params(integer=True)
        axes.tick_params(axis="x", labelsize=8)
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
        figure.tight_layout()
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", metadata={"Software": None})
        return buffer.getvalue()
    finally:
        pyplot.close(figure)


def _colour(index: int, label: str) -> str:
    if label.casefold() == NOT_APPLICABLE:
        return PALETTE[4]
    return PALETTE[index % len(PALETTE)]


def grade_chart_alt_text(title: str, counts: Sequence[tuple[str, int]]) -> str:
    """'Bar chart of the grades given for Voice. Of 23 grades, 9 were Good, ...': the numbers, in words."""
    return f"Bar chart of the grades given for {title}. {distribution_sentence(counts)}"
