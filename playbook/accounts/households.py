"""Creating accounts with their own household."""

from __future__ import annotations

from django.contrib.auth.hashers import make_password
from django.db import IntegrityError, transaction
from django.utils import timezone

from . import verification
from .models import WRITE_ROLES, Household, Membership, Role, User, is_time_zone


@transaction.atomic
def create_parent(
    email: str,
    password: str | None,
    display_name: str = "",
    *,
    email_verified: bool = False,
    language: str = "en",
    time_zone: str = "",
) -> User:
    """A parent account that owns a new household of its own. `email_verified` is for
    accounts someone vouches for (the operator's `playbook adduser`, the demo); a sign-up
    confirms its address by the emailed link."""
    user = User.objects.create_user(
        email=email,
        password=password,
        display_name=display_name,
        email_verified_at=timezone.now() if email_verified else None,
        language=language,
    )
    name = f"{display_name or email.split('@')[0]}'s family"
    household = Household(name=name)
    if is_time_zone(time_zone):
        household.time_zone = time_zone
    household.save()
    Membership.objects.create(household=household, user=user, role=Role.OWNER)
    return user


def sign_up(
    email: str,
    password: str,
    display_name: str,
    next_url: str = "",
    language: str = "en",
    time_zone: str = "",
) -> User | None:
    """A new address gets an account and a link to confirm it; an address that already has
    an account gets an email telling its owner. The visitor is answered the same either way,
    so the sign-up page does not tell who has an account here. Returns the new account (for
    the laptop's sign-in at once, decision 0033), None for an address already known."""
    existing = User.objects.filter(email__iexact=email).first()
    if existing is None:
        try:
            user = create_parent(
                email, password, display_name, language=language, time_zone=time_zone
            )
        except IntegrityError:  # the same address signed up a moment ago
            existing = User.objects.get(email__iexact=email)
        else:
            verification.send_confirmation(user, next_url)
            return user
    make_password(password)  # the work a new account's password costs: the answer takes as long
    if existing.is_active:
        verification.tell_owner_of_signup(existing)
    return None


def household_for_new_child(user: User) -> Household | None:
    """Where a child this user adds belongs: their own household, else one they may edit."""
    memberships = list(
        Membership.objects.filter(user=user, role__in=WRITE_ROLES)
        .select_related("household")
        .order_by("created_at")
    )
    for membership in memberships:
        if membership.role == Role.OWNER:
            return membership.household
    return memberships[0].household if memberships else None
