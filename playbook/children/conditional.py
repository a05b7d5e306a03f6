"""A repeat view of a child's page or API read answers 304 Not Modified (decision 0023).

The ETag names everything such a page or answer depends on:

- who asks: the user and their role in the household (a read-only member sees no edit
  controls), and the browser's CSRF cookie (a page's forms carry a token made from it);
- what it shows: the child's records version (``playbook.children.computed``: one more
  with any change to the child's records or the household's time zone), the family's date
  and the server's date (``?today=`` defaults to one or the other), the address with its
  query string, and the release (``PLAYBOOK_RELEASE``), so an upgrade draws pages afresh.

The browser keeps the page (``Cache-Control: private, no-cache``: never a shared cache,
always asked again) and sends the ETag back in ``If-None-Match``; Django's own
``get_conditional_response`` decides. The 304 comes only after the asker is signed in
and a member of the child's household (and, in the API, counted against the rate limit):
for anyone else the child is not found, so another household gets 404, never a 304 that
would confirm the id exists.

Only views whose page reads nothing but the child's records, the dates, the asker and the
address may be marked. A page that shows anything else (the binder's progress, the
household's members) must not be.
"""

from __future__ import annotations

import hashlib
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.translation import get_language

from .access import child_for_read
from .models import Child

READS = ("GET", "HEAD")


def child_etag(request: HttpRequest, child: Child) -> str:
    """A weak ETag (the page's CSRF tokens differ in bytes, not in meaning) for this view of
    ``child``, fetched through ``children.access`` (it carries ``viewer_role`` and the
    household's time zone, so this reads no other row)."""
    parts = [
        request.user.pk,
        child.viewer_role,  # type: ignore[attr-defined]
        child.pk,
        child.records_version,
        child.today().isoformat(),
        request.get_full_path(),
        request.COOKIES.get(settings.CSRF_COOKIE_NAME, ""),
        getattr(settings, "PLAYBOOK_RELEASE", ""),
        get_language(),  # the same records read in another language are another answer
    ]
    digest = hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()
    return f'W/"{digest[:40]}"'


def not_modified(request: HttpRequest, etag: str) -> HttpResponse | None:
    """The 304 when the browser already holds this view, else None."""
    response = get_conditional_response(request, etag=etag)
    if response is not None:
        mark(response, etag)
    return response


def mark(response: HttpResponse, etag: str | None) -> None:
    """Let the browser keep a complete answer, and ask each time whether it still holds."""
    if etag is None or response.status_code not in (200, 304) or response.cookies:
        return
    response["ETag"] = etag
    patch_cache_control(response, private=True, no_cache=True)


def _page_etag(request: HttpRequest, child_id) -> str | None:
    if request.method not in READS or getattr(request, "htmx", False):
        return None  # htmx fragments share the page's address, not its content
    if not request.user.is_authenticated or len(messages.get_messages(request)):
        return None  # a message ("Saved.") is shown once: that page is not for keeping
    try:  # the view's own child_for_read gets this same object back: one query in all
        child = child_for_read(request, child_id)
    except Http404:  # not theirs (or gone): the view answers 404 as always
        return None
    return child_etag(request, child)


def conditional_page(view):
    """Answer 304 to a repeat view of this child page while nothing it shows has changed."""

    @wraps(view)
    def wrapper(request: HttpRequest, child_id, *args, **kwargs) -> HttpResponse:
        etag = _page_etag(request, child_id)
        if etag is not None and (response := not_modified(request, etag)) is not None:
            return response
        response = view(request, child_id, *args, **kwargs)
        if not response.streaming:
            mark(response, etag)
        return response

    return wrapper
