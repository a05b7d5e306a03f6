"""The one way a view or an API route reaches a child: the read and write helpers every
page and route calls first (built on accounts.access.get_for_user)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.http import HttpRequest

from playbook.accounts.access import get_for_user

from .models import Child


def child_for_read(request: HttpRequest, child_id, *, prefetch: Iterable[str] = ()) -> Child:
    """The child with this id if one of the viewer's households holds it, with its
    household (and ``prefetch``); Http404 for anyone else, so an id's existence is not
    confirmed to them. One query, plus one per prefetch."""
    return _child(request, child_id, write=False, prefetch=prefetch)


def child_for_write(request: HttpRequest, child_id, *, prefetch: Iterable[str] = ()) -> Child:
    """As child_for_read, and PermissionDenied (403) for a read-only member."""
    return _child(request, child_id, write=True, prefetch=prefetch)


def child_for_form(request: HttpRequest, child_id, *, prefetch: Iterable[str] = ()) -> Child:
    """For a page that shows a form on GET and saves it on POST: read, or write on POST."""
    helper = child_for_write if request.method == "POST" else child_for_read
    return helper(request, child_id, prefetch=prefetch)


def _child(request, child_id, *, write: bool, prefetch: Iterable[str]) -> Child:
    queryset = Child.objects.select_related("household").prefetch_related(*prefetch)
    return get_for_user(request.user, Child, child_id, write=write, queryset=queryset)


def page_today(request: HttpRequest, child: Child, *, view_only: bool = False) -> date:
    """The day a page works from: the family's date. ``?today=`` is a test aid, honoured
    only with DEBUG on, or where it only changes what is shown (``view_only``), never where
    it would become a default a parent saves."""
    from django.conf import settings

    raw = request.GET.get("today", "")
    if raw and (view_only or settings.DEBUG):
        try:
            return date.fromisoformat(raw)
        except ValueError:
            pass
    return child.today()
