"""Creating accounts with their own household."""

from __future__ import annotations

from django.db import transaction

from .models import WRITE_ROLES, Household, Membership, Role, User


@transaction.atomic
def create_parent(email: str, password: str | None, display_name: str = "") -> User:
    """A parent account that owns a new household of its own."""
    user = User.objects.create_user(email=email, password=password, display_name=display_name)
    name = f"{display_name or email.split('@')[0]}'s family"
    household = Household.objects.create(name=name)
    Membership.objects.create(household=household, user=user, role=Role.OWNER)
    return user


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
