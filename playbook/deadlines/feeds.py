"""The private calendar subscription URL: a secret token, no login, revocable.

Each member of the household has a feed of their own for each child, tied to their
membership: removing the member deletes it, so their URL answers 404 at once, and renewing
one member's link leaves the others' alone.

The token is an HMAC of the child id and a random nonce under the site's secret key; the
database keeps the nonce and the token's SHA-256 only. Renewing draws a new nonce, so the
old URL stops working at once.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import Http404
from django.urls import reverse

from playbook.accounts.access import membership_for

from .models import CalendarFeed


def _token(child_id, nonce: str) -> str:
    message = f"calendar-feed:{child_id}:{nonce}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _new(child) -> tuple[str, str]:
    nonce = secrets.token_hex(16)
    return nonce, _digest(_token(child.pk, nonce))


def _membership(child, user):
    membership = membership_for(user, child.household_id)
    if membership is None:  # the caller fetched the child through this membership
        raise Http404
    return membership


def token_for(child, user) -> str:
    """This member's current feed token for the child, made on first use."""
    # One feed per member and child (a unique constraint): no order to choose among them.
    found = CalendarFeed.objects.filter(child=child, membership__user=user).order_by()[:1]
    feed = found[0] if found else None
    if feed is None:
        membership = _membership(child, user)
        nonce, digest = _new(child)
        try:
            with transaction.atomic():
                feed = CalendarFeed.objects.create(
                    child=child, membership=membership, nonce=nonce, token_hash=digest
                )
        except IntegrityError:  # made at the same moment by another request
            feed = CalendarFeed.objects.get(child=child, membership=membership)
    token = _token(child.pk, feed.nonce)
    if feed.token_hash != _digest(token):  # the site's secret key was changed
        feed.token_hash = _digest(token)
        feed.save(update_fields=["token_hash"])
    return token


def renew(child, user) -> str:
    """A new token for this member; their old one no longer opens the feed."""
    nonce, digest = _new(child)
    CalendarFeed.objects.update_or_create(
        child=child,
        membership=_membership(child, user),
        defaults={"nonce": nonce, "token_hash": digest},
    )
    return _token(child.pk, nonce)


def child_for_token(token: str):
    """The child whose feed this token opens, or None (wrong, old or malformed token, or
    a member who was removed or whose account is closed)."""
    found = feed_for_token(token)
    return found[0] if found else None


def feed_for_token(token: str):
    """(the child, the feed owner's language) for this token, or None: the feed is written
    in the language of the person whose feed it is (issue 19)."""
    if not token or len(token) > 128:
        return None
    feed = (
        CalendarFeed.objects.select_related("child__household", "membership__user")
        .filter(
            token_hash=_digest(token),
            child__deleted_at__isnull=True,
            membership__user__is_active=True,
        )
        .first()
    )
    if feed is None or not hmac.compare_digest(_token(feed.child_id, feed.nonce), token):
        return None
    return feed.child, feed.membership.user.language or "en"


def feed_path(token: str) -> str:
    return reverse("calendar_feed", args=[token])
