"""Progress charts: one SVG per data series, the same on the page, the prep pack and the
binder. Every chart is shown beside a table of its points (the accessible version).

Pages load the SVG as an image from a scoped URL rather than inlining it: matplotlib's SVG
carries inline styles, which the app's Content-Security-Policy forbids inside pages."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import formats
from django.utils.translation import get_language, gettext, pgettext

from playbook.plotting import matplotlib_parts

ACCENT = "#1f5fa8"
GOAL = "#1d6b3a"
BASELINE = "#4a5360"


@dataclass(frozen=True)
class ChartWords:
    """The words a chart writes, English unless the page gives them in its reader's
    language (readers_words)."""

    value: str = "value"
    empty: str = "No data points yet"
    goal: str = "goal"
    baseline: str = "baseline"
    #: The date under a tick; None for "Mar 2" and the year under it.
    day: Callable[[date], str] | None = None


ENGLISH = ChartWords()


def readers_words() -> ChartWords:
    """The chart's words in the reader's language: the series page's and the binder's."""
    if (get_language() or "en").startswith("en"):
        return ENGLISH
    return ChartWords(
        value=pgettext("chart", "value"),
        empty=pgettext("chart", "No data points yet"),
        goal=pgettext("the number a data series aims for", "goal"),
        baseline=gettext("baseline"),
        day=lambda day: f"{formats.date_format(day, 'j b')}\n{day.year}",
    )


def series_svg(
    title: str,
    unit: str,
    points: Sequence[tuple[date, float]],
    *,
    goal: float | None = None,
    baseline: float | None = None,
    marks: Sequence[tuple[date, str]] = (),
    narrow: bool = False,
    words: ChartWords = ENGLISH,
) -> str:
    """An SVG line chart of the points (oldest first), with the goal and baseline as lines
    and optional dated marks (e.g. a trial's start and review). Works for 0 points too.

    ``narrow`` draws it for a phone (issue 17): a taller, narrower figure with larger type
    and fewer date ticks, so it stays readable at 375 px instead of shrinking to half."""
    size = (4.2, 3.6) if narrow else (7, 3.2)
    small, ticks = (10, 3) if narrow else (8, 6)
    plt, mdates, FuncFormatter = matplotlib_parts()
    fig, ax = plt.subplots(figsize=size, dpi=100)
    try:
        if points:
            days = [day for day, _ in points]
            values = [value for _, value in points]
            ax.plot(
                days,
                values,
                color=ACCENT,
                marker="o" if len(points) <= 60 else None,
                linewidth=2,
                markersize=4,
                label=unit or words.value,
            )
            if min(days) == max(days):  # one day: give the axis some width
                ax.set_xlim(min(days) - timedelta(days=3), max(days) + timedelta(days=3))
            ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=2, maxticks=ticks))
            if words.day is None:
                ax.xaxis.set_major_formatter(mdates.DateFormatter("%b %-d\n%Y"))
            else:
                ax.xaxis.set_major_formatter(
                    FuncFormatter(lambda x, _: words.day(mdates.num2date(x).date()))
                )
        else:
            ax.text(
                0.5,
                0.5,
                words.empty,
                ha="center",
                va="center",
                transform=ax.transAxes,
                color=BASELINE,
                fontsize=12,
            )
            ax.set_xticks([])
        if goal is not None:
            ax.axhline(
                goal, color=GOAL, linestyle="--", linewidth=1.5, label=f"{words.goal} {goal:g}"
            )
        if baseline is not None:
            ax.axhline(
                baseline,
                color=BASELINE,
                linestyle=":",
                linewidth=1.5,
                label=f"{words.baseline} {baseline:g}",
            )
        for day, label in marks:
            ax.axvline(day, color=BASELINE, linewidth=1)
            ax.annotate(
                label,
                (day, 1),
                xycoords=("data", "axes fraction"),
                rotation=90,
                va="top",
                ha="right",
                fontsize=small,
                color=BASELINE,
            )
        ax.set_ylabel(unit)
        ax.set_title(title, fontsize=12, loc="left")
        ax.tick_params(labelsize=small + 1 if narrow else 10)
        ax.grid(True, axis="y", color="#dde3ea")
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        if points or goal is not None or baseline is not None:
            if narrow:  # under the plot, where it covers no line
                ax.legend(
                    loc="upper center",
                    bbox_to_anchor=(0.5, -0.28),
                    ncol=3,
                    fontsize=small,
                    frameon=False,
                )
            else:
                ax.legend(loc="best", fontsize=small, frameon=False)
        fig.tight_layout()
        buffer = io.StringIO()
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    finally:
        plt.close(fig)
    return buffer.getvalue()
