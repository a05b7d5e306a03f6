"""The one way a view or an API route reaches a child: the read and write helpers every
page and route calls first (built on accounts.access.get_for_user).

A request fetches its child once. The API's sign-in (accounts.path_scope) and a page's
conditional check (children.conditional) have usually fetched it already, scoped to the
asker's households; the helpers then hand that same object back, so a route does not look
the child up twice. Another household's id never got that far: it answered 404 there.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, prefetch_related_objects
from django.http import HttpRequest

from playbook.accounts.access import can_write, get_for_user
from playbook.accounts.path_scope import remember_scoped, scoped_object

from .models import Child

SAFE_METHODS = frozenset({"GET", "HEAD"})
READ_ONLY = "Your access to this family's records is read-only."


def child_for_read(
    request: HttpRequest, child_id, *, prefetch: Iterable[str | Prefetch] = ()
) -> Child:
    """The child with this id if one of the viewer's households holds it, with its
    household (and ``prefetch``); Http404 for anyone else, so an id's existence is not
    confirmed to them. At most one query, plus one per prefetch."""
    return _child(request, child_id, write=False, prefetch=prefetch)


def child_for_write(
    request: HttpRequest, child_id, *, prefetch: Iterable[str | Prefetch] = ()
) -> Child:
    """As child_for_read, and PermissionDenied (403) for a read-only member."""
    return _child(request, child_id, write=True, prefetch=prefetch)


def child_for_form(
    request: HttpRequest, child_id, *, prefetch: Iterable[str | Prefetch] = ()
) -> Child:
    """For a page that shows a form on GET and saves it on POST: read, or write on POST."""
    helper = child_for_write if request.method == "POST" else child_for_read
    return helper(request, child_id, prefetch=prefetch)


def fetch_child(request: HttpRequest, child_id, *, write: bool = False) -> Child:
    """The child, fetched once for this request (with its household) and kept on it for
    the helpers above."""
    child = get_for_user(request.user, Child, child_id, write=write)
    remember_scoped(request, "child_id", child)
    return child


def _already_fetched(request: HttpRequest, child_id) -> Child | None:
    child = scoped_object(request, "child_id")
    if child is None or str(child.pk) != str(child_id):
        return None
    return child


def _child(request, child_id, *, write: bool, prefetch: Iterable[str | Prefetch]) -> Child:
    child = _already_fetched(request, child_id)
    if child is None:
        child = fetch_child(request, child_id, write=write)
    elif write and not can_write(child):
        raise PermissionDenied(READ_ONLY)
    # In a read (GET, HEAD) nothing changes the child's records, so the version read with
    # the row stays the one to compute from (children.computed.remember).
    child.version_is_current = request.method in SAFE_METHODS  # type: ignore[attr-defined]
    if prefetch:
        prefetch_related_objects([child], *prefetch)
    return child


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
