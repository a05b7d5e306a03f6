"""Serve a child's page again from memory while nothing it shows has changed.

A child's pages (the home, the timeline, the asks, the deadlines...) are read far more
often than the records change, and for a child with years of records they cost tens of
milliseconds to draw. ``kept_page`` keeps the HTML a view drew, in this process's memory,
under everything the page depends on:

- who is asking: the user, their role in the household (read-only members see no edit
  controls), and the browser's CSRF secret (the page's forms carry a token made from it,
  so one browser's page never goes to another);
- what it shows: the child's records version (``playbook.children.computed``: any change
  to the child's records, or to the household's time zone, makes a new one), the family's
  date, and the full address (host, path and query string).

Every request is still checked before anything is served: the session must be logged in,
and the user must still belong to the child's household (one query). Requests that
change something, htmx fragments, and pages with a message waiting ("Saved.") are always
drawn afresh; only complete 200 answers are kept.

Only views whose page reads nothing but the child's records, the date, the user's role and
the request may be wrapped. A page that shows anything else (the household's members,
another child, the binder's progress) must not be.
"""

from __future__ import annotations

import hashlib
from functools import wraps

from django.contrib import messages
from django.core.cache import caches
from django.http import Http404, HttpRequest, HttpResponse
from django.middleware.csrf import get_token

from playbook.accounts.access import get_for_user
from playbook.advocacy.asks import family_today

from .computed import records_version
from .models import Child


def _kept():
    return caches["local"]


def page_key(request: HttpRequest, child_id) -> str | None:
    """The key the page is kept under, or None when it must be drawn afresh."""
    if request.method not in ("GET", "HEAD") or getattr(request, "htmx", False):
        return None
    if not request.user.is_authenticated or len(messages.get_messages(request)):
        return None
    csrf_secret = request.META.get("CSRF_COOKIE")
    if not csrf_secret:  # drawing the page will set a CSRF cookie: nothing to match yet
        return None
    try:
        child = get_for_user(request.user, Child, child_id)
    except Http404:  # not theirs (or gone): the view answers 404 as always
        return None
    parts = [
        request.user.pk,
        child.viewer_role,
        child_id,
        records_version(child_id),
        family_today(child).isoformat(),
        request.get_host(),
        request.get_full_path(),
        csrf_secret,
    ]
    digest = hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()
    return f"page:{digest}"


def kept_page(view):
    """Keep the view's page until the child's records, the date or the viewer change."""

    @wraps(view)
    def wrapper(request: HttpRequest, child_id, *args, **kwargs) -> HttpResponse:
        key = page_key(request, child_id)
        if key is None:
            return view(request, child_id, *args, **kwargs)
        found = _kept().get(key)
        if found is not None:
            content, content_type = found
            get_token(request)  # as a drawn page would: the CSRF cookie's expiry renews
            return HttpResponse(content, content_type=content_type)
        response = view(request, child_id, *args, **kwargs)
        if (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not len(messages.get_messages(request))
        ):
            _kept().set(key, (response.content, response["Content-Type"]))
        return response

    return wrapper
