"""matplotlib for the charts, imported when the first chart is drawn.

It is more than half of the time it takes to import the URLconf (about 0.7 s), which every
command, worker and app process would pay at start-up though most never draw a chart.
"""

from __future__ import annotations

from functools import cache
from typing import Any


@cache
def matplotlib_parts() -> tuple[Any, Any, Any]:
    """pyplot, matplotlib.dates and FuncFormatter, on the Agg backend (no display)."""
    import matplotlib

    matplotlib.use("Agg")  # must come before pyplot

    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter

    return plt, mdates, FuncFormatter
