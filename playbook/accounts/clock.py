"""The family's clock for the times a page draws (decision 0113).

A date is the family's through Child.today / Household.today / day_of. A moment (when an
email came in, when a letter was drafted, when a binder was made) is stored in UTC and
drawn with Django's ``date`` and ``time`` filters, which write it in the active time zone.
The request's child activates its household's zone (children.access), a household page
activates its own, and a background task overrides it for the child it works on. Nothing
is left active between requests: a worker thread serves every family in turn.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.http import HttpRequest
from django.utils import timezone


def show_times_in(zone: ZoneInfo) -> None:
    """Draw this request's moments in ``zone``, the family's (until the request ends)."""
    timezone.activate(zone)


class FamilyClockMiddleware:
    """Each request starts on the server's zone and leaves nothing active behind it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
