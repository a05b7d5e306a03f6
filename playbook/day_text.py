"""Many days of one page written as the ``date`` filter writes them, the format read once.

The filter looks the format up and parses it for every date, and translates the month's
name each time: about 12 µs a date, 2 to 4 ms on a page of 150 asks (issue 13). ``days_as``
reads the format once and writes each month's part of it once (its name, its number, the
year); a day then only fills in its day of the month. A format with anything else in it (a
weekday, a week number) is left to the filter. ``tests/test_day_text.py`` holds every day of
two years to the filter, in English and Spanish.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django.template.defaultfilters import date as date_filter
from django.utils.dateformat import DateFormat, re_escaped, re_formatchars
from django.utils.formats import get_format

# Format characters whose text depends on the year and the month alone.
_BY_MONTH = frozenset("bEFLMmNntYy")
# And those that depend on the day of the month alone.
_BY_DAY = {"d": "{:02d}".format, "j": str}


def days_as(format_name: str = "SHORT_DATE_FORMAT") -> Callable[[date], str]:
    """A function writing a ``date`` as ``{{ day|date:format_name }}`` does, in the language
    active now. Make one per page (the language and the format are read here)."""
    pieces = re_formatchars.split(str(get_format(format_name)))
    if not set(pieces[1::2]) <= _BY_MONTH | _BY_DAY.keys():
        return lambda day: date_filter(day, format_name)
    months: dict[tuple[int, int], list] = {}

    def write(day: date) -> str:
        if type(day) is not date:  # a datetime, None: as the filter does
            return date_filter(day, format_name)
        month = months.get((day.year, day.month))
        if month is None:
            month = months[day.year, day.month] = _month(pieces, day)
        return "".join(part if type(part) is str else part(day.day) for part in month)

    return write


def _month(pieces: list[str], day: date) -> list:
    """The format's text for ``day``'s month, with the day-of-month parts left to fill in."""
    formatted, month = DateFormat(day), []
    for i, piece in enumerate(pieces):
        if i % 2 == 0:
            if piece:
                month.append(re_escaped.sub(r"\1", piece))
        elif piece in _BY_DAY:
            month.append(_BY_DAY[piece])
        else:
            month.append(str(getattr(formatted, piece)()))
    return month
