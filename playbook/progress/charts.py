"""A goal's chart: the expected line from the baseline at the IEP's start to the target at
its end, and each reported value on it (below the line drawn hollow), and the parent's own
data series when one is linked to the goal (purple triangles on a dotted line). The page shows it
as an image beside a table of the same figures (the accessible version); the SVG scales
to the screen, so it reads at 375 px wide."""

from __future__ import annotations

import io

from django.utils import dateformat
from django.utils.translation import get_language, gettext

from playbook.plotting import matplotlib_parts

from .lines import GoalLine

LINE = "#1d6b3a"
REPORTED = "#1f5fa8"
BEHIND = "#a3261b"
MUTED = "#4a5360"
OWN = "#6a3d9a"  # the parent's own data: another colour, another shape, another line


def month_tick(day) -> str:
    """A tick's month over its year, in the reader's language: "Jan" in English (as the
    chart always wrote it), "ene" in Spanish (as the Spanish tables write a month)."""
    english = (get_language() or "en").startswith("en")
    return dateformat.format(day, "M\nY" if english else "b\nY")


def goal_svg(line: GoalLine, title: str) -> str:
    plt, mdates, FuncFormatter = matplotlib_parts()
    fig, ax = plt.subplots(figsize=(6, 3.4), dpi=100)
    try:
        if line.measurable:
            ax.plot(
                [line.start, line.end],
                [line.baseline.value, line.target.value],
                color=LINE,
                linestyle="--",
                linewidth=1.5,
                label=gettext("expected progress"),
            )
            ax.plot(
                [line.start], [line.baseline.value], "s", color=MUTED, label=gettext("baseline")
            )
            ax.plot(
                [line.end],
                [line.target.value],
                "*",
                color=LINE,
                markersize=11,
                label=gettext("target"),
            )
        points = line.charted()
        on = [p for p in points if not p.below]
        behind = [p for p in points if p.below]
        if on:
            ax.plot([p.day for p in on], [p.value for p in on], "o", color=REPORTED,
                    label=gettext("reported"))  # fmt: skip
        if behind:
            ax.plot([p.day for p in behind], [p.value for p in behind], "o", color=BEHIND,
                    markerfacecolor="white", markeredgewidth=2, label=gettext("below the line"))  # fmt: skip
        if points:
            ax.plot([p.day for p in points], [p.value for p in points], color=REPORTED,
                    linewidth=1, alpha=0.6)  # fmt: skip
        own = line.own.points if line.own else []
        if own:
            ax.plot([d for d, _ in own], [v for _, v in own], "^", color=OWN, markersize=7,
                    linestyle=":", linewidth=1.2,
                    label=gettext("your own data: %(name)s (%(unit)s)")
                    % {"name": line.own.name, "unit": line.own.unit})  # fmt: skip
        if not line.measurable and not points and not own:
            ax.text(0.5, 0.5, gettext("No baseline and target to draw"), ha="center", va="center",
                    transform=ax.transAxes, color=MUTED, fontsize=12)  # fmt: skip
        ax.set_xlim(line.start, line.end)
        ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=(1, 4, 7, 10)))
        ax.xaxis.set_major_formatter(
            FuncFormatter(lambda x, _: month_tick(mdates.num2date(x).date()))
        )
        ax.set_ylabel(line.unit or "")
        ax.set_title(title, fontsize=12, loc="left")
        ax.grid(True, axis="y", color="#dde3ea")
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        if line.measurable or points or own:
            ax.legend(loc="best", fontsize=8, frameon=False)
        fig.tight_layout()
        buffer = io.StringIO()
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    finally:
        plt.close(fig)
    return buffer.getvalue()
