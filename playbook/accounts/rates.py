"""Rate limits on the doors an attacker knocks on: sign-up, log-in, password reset,
sending the email-confirmation link again, and the API.

The doors: django-ratelimit counts in the default cache, a database table, so the count is
shared by every app process (settings.CACHES). Over the limit, the visitor gets a 429 page
that says when to try again; nothing they typed is processed.

The API: ``ApiRateThrottle`` counts each request with ``count_request``, atomically, so
requests that arrive together cannot all see room left (decision 0017). Each account (or
address) has a count per fixed window of the rate's period.
"""

from __future__ import annotations

import ipaddress
import threading
import time
from datetime import UTC, datetime
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.db import connection
from django.shortcuts import render
from django.utils import timezone
from django_ratelimit.core import is_ratelimited
from ninja.throttling import AnonRateThrottle, UserRateThrottle

from .models import RateCount

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


# --- Counting ------------------------------------------------------------------------------


def count_request(key: str, period: int) -> tuple[int, float]:
    """Count one request against ``key`` in the current window of ``period`` seconds.

    Returns the window's count with this request included, and the seconds until the
    window ends. Atomic across threads and processes: an increment of the shared cache where
    that is one operation (memory, Redis, Memcached), else one upsert of the RateCount table.
    """
    now = time.time()
    window = int(now // period)
    ends_in = (window + 1) * period - now
    window_key = f"rate:{key}:{window}"
    cache = caches[settings.RATELIMIT_USE_CACHE]
    if isinstance(cache, DatabaseCache):  # its incr() is a get() then a set()
        return _count_in_table(window_key, now + ends_in), ends_in
    cache.add(window_key, 0, timeout=int(ends_in) + 1)
    try:
        return cache.incr(window_key), ends_in
    except ValueError:  # dropped between add and incr (the cache was full): start again
        cache.add(window_key, 1, timeout=int(ends_in) + 1)
        return 1, ends_in


def _count_in_table(key: str, ends_at: float) -> int:
    """One statement: the first request of a window inserts its row, the others add one to
    it, and the database returns the count (each upsert waits for the one before)."""
    quote = connection.ops.quote_name
    table, key_column = quote(RateCount._meta.db_table), quote("key")
    count, expires = quote("count"), quote("expires_at")
    expires_at = RateCount._meta.get_field("expires_at").get_db_prep_value(
        datetime.fromtimestamp(ends_at, UTC), connection
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({key_column}, {count}, {expires}) VALUES (%s, 1, %s) "
            f"ON CONFLICT ({key_column}) DO UPDATE SET {count} = {table}.{count} + 1 "
            f"RETURNING {count}",
            [key, expires_at],
        )
        (counted,) = cursor.fetchone()
    if counted == 1:  # a new window for this key: sweep the rows of windows that ended
        RateCount.objects.filter(expires_at__lt=timezone.now()).delete()
    return counted


class _CountedAtomically:
    """ninja's throttles read a list of timestamps from the cache and write it back: with
    requests arriving together, all of them saw room left. This counts instead (one atomic
    increment per request) and keeps nothing of a request on the shared throttle object
    but, per thread, the wait to answer with."""

    def __init__(self, rate: str | None = None):
        super().__init__(rate)
        self._last_wait = threading.local()

    def allow_request(self, request) -> bool:
        key = self.get_cache_key(request)
        if key is None:
            return True
        counted, ends_in = count_request(key, self.duration)
        self._last_wait.seconds = ends_in
        return counted <= self.num_requests

    def wait(self) -> float | None:
        return getattr(self._last_wait, "seconds", None)


class ApiUserRateThrottle(_CountedAtomically, UserRateThrottle):
    """Per signed-in account (token or session)."""


class ApiAnonRateThrottle(_CountedAtomically, AnonRateThrottle):
    """Per address, for routes open without signing in."""
