"""Inviting a co-parent or an advocate into a household, and taking them out again."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from . import verification
from .models import INVITABLE_ROLES, Household, Invite, Membership, Role, User


def accept_url(invite: Invite) -> str:
    return settings.SITE_URL + reverse("invite_accept", args=[invite.token])


def can_manage(household: Household | object, user: User) -> bool:
    """Whether this user may invite and remove people: the owner or a parent."""
    household_id = getattr(household, "pk", household)
    return Membership.objects.filter(
        household_id=household_id, user=user, role__in=(Role.OWNER, Role.PARENT)
    ).exists()


def create_invite(household: Household, email: str, role: str, invited_by: User) -> Invite:
    """Record the invite and email its link. Only the owner or a parent may invite.

    A new invite to the same address replaces any still-open one, so only the latest
    link works.
    """
    if not can_manage(household, invited_by):
        raise PermissionDenied("Only the family's owner or a parent can invite people.")
    if role not in INVITABLE_ROLES:
        choices = ", ".join(INVITABLE_ROLES)
        raise ValidationError({"role": f"Choose one of: {choices}."})
    email = email.strip().lower()
    if Membership.objects.filter(household=household, user__email__iexact=email).exists():
        raise ValidationError({"email": "This person is already a member of your family."})
    with transaction.atomic():
        Invite.objects.filter(
            household=household,
            email__iexact=email,
            accepted_at__isnull=True,
            revoked_at__isnull=True,
        ).update(revoked_at=timezone.now())
        invite = Invite.objects.create(
            household=household, email=email, role=role, invited_by=invited_by
        )
    context = {
        "invite": invite,
        "inviter": invited_by.signature_name,
        "role_label": Role(role).label,
        "url": accept_url(invite),
    }
    send_mail(
        subject=f"{invited_by.signature_name} invited you to IEP Playbook",
        message=render_to_string("emails/invite.txt", context),
        from_email=None,
        recipient_list=[email],
    )
    return invite


def open_invite(token: str) -> Invite | None:
    invite = Invite.objects.select_related("household").filter(token=token).first()
    return invite if invite is not None and invite.is_open else None


@transaction.atomic
def accept_invite(invite: Invite, user: User) -> Membership:
    """Make the signed-in user a member with the invite's role (once). Only for the account
    the invitation was sent to, once its address is confirmed (PermissionDenied if not)."""
    invite = Invite.objects.select_for_update().get(pk=invite.pk)
    if not invite.is_open:
        raise ValidationError("This invitation was already used or has been withdrawn.")
    # The link alone must not be enough: a forwarded email would let anyone in.
    if invite.email.lower() != user.email.lower():
        raise ValidationError(
            f"This invitation was sent to {invite.email}, but you are logged in as "
            f"{user.email}. Log out, then log in or sign up with {invite.email}."
        )
    # Nor is an account that merely names the address: its owner must have opened our link.
    if not user.email_verified:
        raise PermissionDenied(verification.not_confirmed_message(user))
    membership, created = Membership.objects.get_or_create(
        household=invite.household, user=user, defaults={"role": invite.role}
    )
    invite.accepted_at = timezone.now()
    invite.accepted_by = user
    invite.save(update_fields=["accepted_at", "accepted_by"])
    return membership


def revoke_invite(invite: Invite, revoked_by: User) -> None:
    """Withdraw an invite so its link stops working. The owner or a parent only."""
    if not can_manage(invite.household_id, revoked_by):
        raise PermissionDenied("Only the family's owner or a parent can withdraw invitations.")
    if invite.is_open:
        invite.revoked_at = timezone.now()
        invite.save(update_fields=["revoked_at"])


def remove_member(membership: Membership, removed_by: User) -> None:
    """Take someone's access away. The owner cannot be removed."""
    if not can_manage(membership.household_id, removed_by):
        raise PermissionDenied("Only the family's owner or a parent can remove people.")
    if membership.role == Role.OWNER:
        raise ValidationError("The family's owner cannot be removed.")
    membership.delete()
