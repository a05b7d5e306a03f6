"""Confirming that an account's email address belongs to the person using it.

Sign-up emails a link to the address; opening it confirms the address. An invitation is
for an address, so only an account whose address is confirmed may accept one: holding the
invitation link is not enough. Where email is really sent (REQUIRE_VERIFIED_EMAIL, on when
hosted) an unconfirmed account reaches nothing but the pages to confirm or correct its
address (VerifiedEmailMiddleware). On a laptop, email goes to the console and the parent
may start at once (decision 0018).
"""

from __future__ import annotations

import logging
import smtplib
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator, default_token_generator
from django.core.mail import send_mail
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _

from .models import User

log = logging.getLogger(__name__)

NOT_CONFIRMED = (
    "Confirm your email address first: open the link we emailed to {email}, or send a new "
    "one from {page}."
)


class _ConfirmationTokens(PasswordResetTokenGenerator):
    """Links that expire with PASSWORD_RESET_TIMEOUT (3 days). The address and the moment it
    was confirmed are part of the hash: a link works once, and only for the address it was
    sent to."""

    key_salt = "playbook.accounts.verification"

    def _make_hash_value(self, user: User, timestamp: int) -> str:
        return f"{user.pk}{user.email}{user.email_verified_at}{timestamp}"


tokens = _ConfirmationTokens()


def _uid(user: User) -> str:
    return urlsafe_base64_encode(force_bytes(user.pk))


def confirmation_url(user: User, next_url: str = "") -> str:
    url = settings.SITE_URL + reverse("verify_email", args=[_uid(user), tokens.make_token(user)])
    return url + ("?" + urlencode({"next": next_url}) if next_url else "")


def password_reset_url(user: User) -> str:
    token = default_token_generator.make_token(user)
    return settings.SITE_URL + reverse("password_reset_confirm", args=[_uid(user), token])


def user_for_link(uidb64: str) -> User | None:
    try:
        pk = urlsafe_base64_decode(uidb64).decode()
        return User.objects.filter(pk=int(pk), is_active=True).first()
    except (ValueError, UnicodeDecodeError, OverflowError):
        return None


def confirm(user: User, token: str) -> bool:
    """Mark the address confirmed if the token is this user's; whether it was."""
    if not tokens.check_token(user, token):
        return False
    user.email_verified_at = timezone.now()
    user.save(update_fields=["email_verified_at"])
    return True


def mail_language(user) -> str:
    """The language an email to this person is written in: their saved choice (decision
    0049), whatever language the request that caused it was served in."""
    from .language import known

    return known(getattr(user, "language", None)) or "en"


def _send(subject: str, template: str, context: dict, to: str) -> bool:
    """Send one email, in the person's language; a mail server that refuses is logged
    (never the body) and reported."""
    try:
        with translation.override(mail_language(context["user"])):
            send_mail(
                subject=str(subject),
                message=render_to_string(template, context),
                from_email=None,
                recipient_list=[to],
            )
    except (smtplib.SMTPException, OSError) as exc:
        log.warning("could not send %s to user %s: %s", template, context["user"].pk, exc)
        return False
    return True


def send_confirmation(user: User, next_url: str = "") -> bool:
    context = {"user": user, "url": confirmation_url(user, next_url)}
    return _send(
        _("Confirm your email address for IEP Playbook"),
        "emails/confirm-email.txt",
        context,
        user.email,
    )


def tell_owner_of_signup(user: User) -> bool:
    """Someone tried to sign up with an address that already has an account: tell its owner,
    with a way back in, instead of telling the visitor that the account exists."""
    context = {
        "user": user,
        "login_url": settings.SITE_URL + reverse("login"),
        "reset_url": password_reset_url(user),
    }
    return _send(
        _("Someone tried to create an IEP Playbook account with your email address"),
        "emails/signup-existing.txt",
        context,
        user.email,
    )


def not_confirmed_message(user: User) -> str:
    return NOT_CONFIRMED.format(email=user.email, page=reverse("confirm_email"))


class VerifiedEmailMiddleware:
    """With REQUIRE_VERIFIED_EMAIL, an account whose address is not confirmed reaches only
    the pages below; any other page sends it to "Check your email", and the API answers 403.
    Bearer tokens never reach here unconfirmed: such an account cannot make one."""

    ALLOWED_PAGES = {
        "confirm_email",
        "verify_email",
        "account",
        "password_change",
        "logout",
        "login",
        "signup",
        "signup_sent",
        "password_reset",
        "password_reset_done",
        "password_reset_confirm",
        "password_reset_complete",
        "invite_accept",  # it explains what to do; accepting checks again (invites.py)
        "healthz",
    }

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view, args, kwargs) -> HttpResponse | None:
        if not settings.REQUIRE_VERIFIED_EMAIL:
            return None
        user = request.user
        if not user.is_authenticated or user.email_verified:
            return None
        if request.path_info.startswith("/api/"):
            return JsonResponse({"detail": not_confirmed_message(user)}, status=403)
        if request.resolver_match.url_name in self.ALLOWED_PAGES:
            return None
        return redirect("confirm_email")
