"""Where a form sends the person back to (``next``): a page of this site, or nowhere.

Only a path is taken ("/children/.../moves/"): ``redirect()`` reads any other word as the
name of a view, and ``next=garbage`` made the sign-in and the coach's "hide" answer 500.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def local_next(request: HttpRequest) -> str | None:
    target = request.POST.get("next") or request.GET.get("next")
    if (
        target
        and target.startswith("/")
        and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return target
    return None
