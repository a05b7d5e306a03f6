"""Creating accounts with their own household."""

from __future__ import annotations

from django.db import transaction

from .models import Household, Membership, Role, User


@transaction.atomic
def create_parent(email: str, password: str | None, display_name: str = "") -> User:
    """A parent account that owns a new household of its own."""
    user = User.objects.create_user(email=email, password=password, display_name=display_name)
    name = f"{display_name or email.split('@')[0]}'s family"
    household = Household.objects.create(name=name)
    Membership.objects.create(household=household, user=user, role=Role.OWNER)
    return user
