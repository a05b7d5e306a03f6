"""Inviting a co-parent or an advocate into a household, and taking them out again."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from . import verification
from .models import INVITABLE_ROLES, ROLE_WORDS, Household, Invite, Membership, Role, User


def accept_url(invite: Invite) -> str:
    return settings.SITE_URL + reverse("invite_accept", args=[invite.token])


def can_manage(household: Household | object, user: User) -> bool:
    """Whether this user may invite and remove people: the owner or a parent."""
    household_id = getattr(household, "pk", household)
    return Membership.objects.filter(
        household_id=household_id, user=user, role__in=(Role.OWNER, Role.PARENT)
    ).exists()


def create_invite(
    household: Household, email: str, role: str, invited_by: User, language: str = ""
) -> Invite:
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
    with translation.override(invite_language(email, invited_by, language)):
        context = {
            "invite": invite,
            "inviter": invited_by.signature_name,
            "role_label": gettext(ROLE_WORDS[Role(role)]),
            "url": accept_url(invite),
        }
        send_mail(
            subject=gettext("%(name)s invited you to IEP Playbook")
            % {"name": invited_by.signature_name},
            message=render_to_string("emails/invite.txt", context),
            from_email=None,
            recipient_list=[email],
        )
    return invite


def invite_language(email: str, invited_by: User, chosen: str = "") -> str:
    """The invitation's language (decision 0049): the invitee's own when they already have
    an account, else the one the inviter chose for them, else the inviter's."""
    from .language import known

    invitee = User.objects.filter(email__iexact=email).only("language").first()
    if invitee is not None and known(invitee.language):
        return known(invitee.language)
    return known(chosen) or known(invited_by.language) or "en"


def open_invite(token: str) -> Invite | None:
    invite = Invite.objects.select_related("household").filter(token=token).first()
    return invite if invite is not None and invite.is_open else None


@transaction.atomic
def accept_invite(invite: Invite, user: User) -> Membership:
    """Make the signed-in user a member with the invite's role (once). Only for the account
    the invitation was sent to, once its address is confirmed (PermissionDenied if not)."""
    invite = Invite.objects.select_for_update().get(pk=invite.pk)
    if not invite.is_open:
        raise ValidationError(gettext("This invitation was already used or has been withdrawn."))
    # The link alone must not be enough: a forwarded email would let anyone in.
    if invite.email.lower() != user.email.lower():
        raise ValidationError(
            gettext(
                "This invitation was sent to %(invited)s, but you are logged in as "
                "%(current)s. Log out, then log in or sign up with %(invited)s."
            )
            % {"invited": invite.email, "current": user.email}
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
