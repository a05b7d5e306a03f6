"""Rate limits on the doors an attacker knocks on: sign-up, log-in, password reset.

django-ratelimit counts in the default cache: a database table, so the count is shared by
every app process (settings.CACHES). Over the limit, the visitor gets a 429 page that says
when to try again; nothing they typed is processed.
"""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.shortcuts import render
from django_ratelimit.core import is_ratelimited

# (rate per client address, rate per account named in the form), for POSTs only.
LIMITS = {
    "signup": ("10/h", None),
    "login": ("30/10m", "10/10m"),
    "password_reset": ("10/h", "5/h"),
}


def _username(group: str, request) -> str:
    return (request.POST.get("username") or request.POST.get("email") or "").strip().lower()


def limit_posts(door: str):
    """Wrap a view: POSTs over the door's rates get the 429 page."""
    per_ip, per_account = LIMITS[door]

    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method == "POST" and getattr(settings, "RATELIMIT_ENABLE", True):
                limited = is_ratelimited(
                    request,
                    group=f"{door}:ip",
                    key="ip",
                    rate=per_ip,
                    method="POST",
                    increment=True,
                )
                if per_account and not limited:
                    limited = is_ratelimited(
                        request,
                        group=f"{door}:account",
                        key=_username,
                        rate=per_account,
                        method="POST",
                        increment=True,
                    )
                if limited:
                    return render(request, "errors/429.html", {"door": door}, status=429)
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


def client_ip(request) -> str:
    """Behind one reverse proxy, the client is the last address in X-Forwarded-For (the one
    our own proxy added; anything before it the client could have written itself)."""
    import ipaddress

    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    candidate = forwarded.split(",")[-1].strip() if forwarded else ""
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return request.META.get("REMOTE_ADDR", "") or "0.0.0.0"
