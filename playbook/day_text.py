"""Many dates of one page written as Django writes them, each format read once.

Django's ``date`` filter and ``dateformat.format`` look the format up, parse it and translate
the day and month names on every call: about 12 µs a date, 2 to 4 ms on a page of 150 asks or
50 timeline cards (issue 13). ``date_writer`` reads a format once and translates only the
names it writes; ``days_as`` is the ``{{ day|date:"SHORT_DATE_FORMAT" }}`` of a long list.
A format code neither knows is left to Django. ``tests/test_day_text.py`` holds ``days_as`` to
the filter for every day of two years, and ``tests/trail/test_cards.py`` ``date_writer`` to
``dateformat.format``, in English and Spanish.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time

from django.template.defaultfilters import date as date_filter
from django.utils import dateformat, dates
from django.utils.formats import get_format


def days_as(format_name: str = "SHORT_DATE_FORMAT") -> Callable[[date], str]:
    """A function writing a ``date`` as ``{{ day|date:format_name }}`` does, in the language
    active now. Make one per page (the language and the format are read here)."""
    write = date_writer(str(get_format(format_name)))

    def day_text(day: date) -> str:
        if type(day) is not date:  # a datetime, None: as the filter does
            return date_filter(day, format_name)
        return write(day)

    return day_text


def date_writer(form: str) -> Callable[[datetime], str]:
    """``dateformat.format(moment, form)`` for the codes a card's date uses, with the day and
    month names translated once for the page: Django's formatter looks each one up, and
    its lazy translations, on every call (2.5 ms a page of 50). Any other code: Django's."""
    used = set(form)  # only the names the format writes are translated (a few a page)
    weekdays = [str(d) for d in dates.WEEKDAYS_ABBR.values()] if "D" in used else []
    long_weekdays = [str(d) for d in dates.WEEKDAYS.values()] if "l" in used else []
    months = [str(m) for m in dates.MONTHS_3.values()] if used & {"b", "M"} else []
    long_months = [str(m) for m in dates.MONTHS.values()] if "F" in used else []
    halves = ("", "")
    if "a" in used:
        halves = (dateformat.time_format(time(0), "a"), dateformat.time_format(time(12), "a"))
    codes: dict[str, Callable[[datetime], str]] = {
        "D": lambda m: weekdays[m.weekday()],
        "l": lambda m: long_weekdays[m.weekday()],
        "j": lambda m: str(m.day),
        "d": lambda m: f"{m.day:02d}",
        "b": lambda m: months[m.month - 1],
        "M": lambda m: months[m.month - 1].title(),
        "F": lambda m: long_months[m.month - 1],
        "n": lambda m: str(m.month),
        "m": lambda m: f"{m.month:02d}",
        "Y": lambda m: str(m.year),
        "g": lambda m: str(m.hour % 12 or 12),
        "G": lambda m: str(m.hour),
        "H": lambda m: f"{m.hour:02d}",
        "i": lambda m: f"{m.minute:02d}",
        "a": lambda m: halves[m.hour >= 12],
    }
    parts: list[str | Callable[[datetime], str]] = []
    escaped = False
    for char in form:
        if escaped or (char != "\\" and not char.isalpha()):
            parts.append(char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char in codes:
            parts.append(codes[char])
        else:
            return lambda moment: dateformat.format(moment, form)
    return lambda moment: "".join(p if isinstance(p, str) else p(moment) for p in parts)
