"""The dates a family's record can hold: 1900 to 2199.

Every clock counts forward or back from the days a parent enters (a reevaluation three years
on, a transition plan at 16, school days around breaks), and Python's dates end at year 9999
and start at year 1: a meeting on 9999-12-31 or ``?today=0001-01-01`` made those counts fail,
and every page of the child with them (decision 0100). A year outside this range is a typo
("0226", "2962"), never an IEP: it is refused where it comes in, with a message that says so.
"""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext, gettext_noop

EARLIEST = date(1900, 1, 1)
LATEST = date(2199, 12, 31)
# The same range as a pattern on YYYY-MM-DD, for the API's OpenAPI document.
PATTERN = r"^(19\d\d|2[01]\d\d)-\d\d-\d\d$"

OUT_OF_REACH = gettext_noop(
    "%(day)s is outside the dates IEP Playbook keeps (the years 1900 to 2199): check the year."
)


def out_of_reach(day: date) -> str | None:
    """The message for a day outside the range, in the active language; None inside it."""
    if isinstance(day, datetime):
        day = day.date()
    if EARLIEST <= day <= LATEST:
        return None
    return gettext(OUT_OF_REACH) % {"day": day.isoformat()}


def in_reach(day: date | None) -> None:
    """A validator for model and form date fields."""
    if day is not None and (message := out_of_reach(day)):
        raise ValidationError(message, code="out_of_reach")
