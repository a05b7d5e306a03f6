"""Rate limits on the doors an attacker knocks on: sign-up, log-in, password reset, and
sending the email-confirmation link again.

django-ratelimit counts in the default cache: a database table, so the count is shared by
every app process (settings.CACHES). Over the limit, the visitor gets a 429 page that says
when to try again; nothing they typed is processed.
"""

from __future__ import annotations

import ipaddress
from functools import wraps

from django.conf import settings
from django.shortcuts import render
from django_ratelimit.core import is_ratelimited

# (rate per client address, rate per account named in the form), for POSTs only.
LIMITS = {
    # Per address typed too: sign-up emails that address, whether or not it has an account.
    "signup": ("10/h", "5/h"),
    "login": ("30/10m", "10/10m"),
    "password_reset": ("10/h", "5/h"),
    "confirm_email": ("10/h", None),  # sending the confirmation link again
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
    """The address of the person asking. Each of our TRUSTED_PROXY_COUNT reverse proxies
    appends the address it was reached from to X-Forwarded-For, so the client is that many
    places from the end; anything before it the client could have written itself. With no
    proxy (or no usable header), REMOTE_ADDR."""
    remote = request.META.get("REMOTE_ADDR", "") or "0.0.0.0"
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = [
        address.strip()
        for address in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if address.strip()
    ]
    if not proxies or not forwarded:
        return remote
    try:
        return str(ipaddress.ip_address(forwarded[-min(proxies, len(forwarded))]))
    except ValueError:
        return remote
