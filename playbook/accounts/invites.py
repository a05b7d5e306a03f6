"""Inviting a co-parent or an advocate into a household, and taking them out again."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from .models import INVITABLE_ROLES, Household, Invite, Membership, Role, User


def accept_url(invite: Invite) -> str:
    return settings.SITE_URL + reverse("invite_accept", args=[invite.token])


def create_invite(household: Household, email: str, role: str, invited_by: User) -> Invite:
    """Record the invite and email its link. Only the owner or a parent may invite."""
    inviter = Membership.objects.filter(household=household, user=invited_by).first()
    if inviter is None or inviter.role not in (Role.OWNER, Role.PARENT):
        raise PermissionDenied("Only the family's owner or a parent can invite people.")
    if role not in INVITABLE_ROLES:
        choices = ", ".join(INVITABLE_ROLES)
        raise ValidationError({"role": f"Choose one of: {choices}."})
    email = email.strip().lower()
    if Membership.objects.filter(household=household, user__email__iexact=email).exists():
        raise ValidationError({"email": "This person is already a member of your family."})
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
    """Make the signed-in user a member with the invite's role (once)."""
    invite = Invite.objects.select_for_update().get(pk=invite.pk)
    if not invite.is_open:
        raise ValidationError("This invitation was already used or has been withdrawn.")
    membership, created = Membership.objects.get_or_create(
        household=invite.household, user=user, defaults={"role": invite.role}
    )
    invite.accepted_at = timezone.now()
    invite.accepted_by = user
    invite.save(update_fields=["accepted_at", "accepted_by"])
    return membership


def revoke_invite(invite: Invite) -> None:
    if invite.is_open:
        invite.revoked_at = timezone.now()
        invite.save(update_fields=["revoked_at"])


def remove_member(membership: Membership, removed_by: User) -> None:
    """Take someone's access away. The owner cannot be removed."""
    remover = Membership.objects.filter(household=membership.household_id, user=removed_by).first()
    if remover is None or remover.role not in (Role.OWNER, Role.PARENT):
        raise PermissionDenied("Only the family's owner or a parent can remove people.")
    if membership.role == Role.OWNER:
        raise ValidationError("The family's owner cannot be removed.")
    membership.delete()
