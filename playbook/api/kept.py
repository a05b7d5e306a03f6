"""Answer a child's API read again from memory while nothing it shows has changed.

The API's counterpart of ``playbook.children.kept_pages``: ``@kept_answer`` keeps the JSON
(and headers) a child route answered, in this process's memory, under the asker (user
and role), the child's records version (``playbook.children.computed``), the family's date
and the server's date (routes that take ``?today=`` default to one or the other), and the
full address with its query string.

Nothing is skipped that protects a family: ninja signs the asker in, checks the path's
ids and counts the request against the rate limit before the route (and so before this)
runs; the asker's membership is checked again here for the key. Only 200 answers are kept.

Only routes whose answer reads nothing but the child's records, the dates, the asker and
the address may be wrapped. Not ``entries/verify``: it exists to notice changes made
behind the app's back, which no records version sees.
"""

from __future__ import annotations

import hashlib
import inspect
from functools import wraps

from django.core.cache import caches
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone

from playbook.accounts.access import get_for_user
from playbook.accounts.path_scope import scoped_object
from playbook.advocacy.asks import family_today
from playbook.children.computed import records_version
from playbook.children.models import Child

KEEP_AS = "_keep_answer_as"  # set on the request for PlaybookAPI.create_response
_NOT_KEPT_HEADERS = {"content-length"}


def _kept():
    return caches["local"]


def answer_key(request: HttpRequest, child_id) -> str | None:
    """The key the answer is kept under, or None when it must be worked out afresh."""
    if request.method != "GET" or not request.user.is_authenticated:
        return None
    child = scoped_object(request, "child_id")  # found by the sign-in's path check
    if child is None:
        try:
            child = get_for_user(request.user, Child, child_id)
        except Http404:  # the route answers 404 as always
            return None
    parts = [
        "api",
        request.user.pk,
        child.viewer_role,
        child.pk,
        records_version(child.pk),
        family_today(child).isoformat(),
        timezone.localdate().isoformat(),
        request.get_host(),
        request.get_full_path(),
    ]
    digest = hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()
    return f"answer:{digest}"


def kept_answer(route):
    """Keep the route's answer until the child's records, the day or the asker change."""

    @wraps(route)
    def wrapper(request: HttpRequest, **params):  # ninja passes every parameter by name
        key = answer_key(request, params["child_id"])
        if key is not None:
            found = _kept().get(key)
            if found is not None:
                content, headers = found
                return HttpResponse(content, headers=headers)
            setattr(request, KEEP_AS, key)
        return route(request, **params)

    # ninja reads the parameters' types from the signature; resolved here, in the route's
    # own module, since the wrapper's module can't name them.
    wrapper.__signature__ = inspect.signature(route, eval_str=True)
    return wrapper


def keep(request: HttpRequest, response: HttpResponse) -> None:
    """Called with every answer the API makes: keep it if its route asked to."""
    key = getattr(request, KEEP_AS, None)
    if key is None or response.status_code != 200 or response.cookies:
        return
    headers = {k: v for k, v in response.items() if k.lower() not in _NOT_KEPT_HEADERS}
    _kept().set(key, (response.content, headers))
