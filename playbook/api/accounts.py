"""API routes for accounts: who I am, who shares a household, invites (docs/api.md)."""

from __future__ import annotations

from datetime import date, datetime
from smtplib import SMTPException
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest
from django.utils.translation import gettext
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from pydantic import ConfigDict

from playbook.accounts import invites
from playbook.accounts.access import get_for_user
from playbook.accounts.models import INVITABLE_ROLES, Household, Membership, Role

from .common import READ_ERRORS, WRITE_ERRORS, In, RequiredEmail, choice, error_responses

router = Router(tags=["accounts"])

MemberRole = choice(Role.values)
InvitableRole = choice([str(role) for role in INVITABLE_ROLES])
InviteLanguage = choice(["en", "es"])


class HouseholdRef(Schema):
    id: str
    name: str
    role: MemberRole


class MeOut(Schema):
    email: str
    name: str
    households: list[HouseholdRef]


class MemberOut(Schema):
    id: str
    email: str
    name: str
    role: MemberRole
    joined: datetime


class InviteIn(In):
    email: RequiredEmail
    role: InvitableRole
    #: The invitation email's language when the invitee has no account yet (decision 0049).
    language: InviteLanguage | None = None


class InviteOut(Schema):
    id: str
    email: str
    role: str
    accept_url: str


def _member(membership: Membership) -> dict:
    return {
        "id": str(membership.pk),
        "email": membership.user.email,
        "name": membership.user.signature_name,
        "role": membership.role,
        "joined": membership.created_at,
    }


@router.get("me", response={200: MeOut, **error_responses(401)}, summary="Who I am")
def me(request: HttpRequest):
    memberships = Membership.objects.filter(user=request.user).select_related("household")
    return {
        "email": request.user.email,
        "name": request.user.signature_name,
        "households": [
            {"id": str(m.household_id), "name": m.household.name, "role": m.role}
            for m in memberships.order_by("created_at")
        ],
    }


@router.get(
    "households/{household_id}/members",
    response={200: list[MemberOut], **READ_ERRORS},
    summary="The people who share this household",
)
def list_members(request: HttpRequest, household_id: str):
    household = get_for_user(request.user, Household, household_id)
    members = household.memberships.select_related("user").order_by("created_at")
    return [_member(m) for m in members]


def _membership_of(request: HttpRequest, household_id: str, membership_id: str, write=False):
    household = get_for_user(request.user, Household, household_id, write=write)
    try:
        return household.memberships.select_related("user").get(pk=membership_id)
    except (Membership.DoesNotExist, ValidationError, ValueError) as exc:
        raise Http404 from exc


@router.get(
    "households/{household_id}/members/{membership_id}",
    response={200: MemberOut, **READ_ERRORS},
    summary="One member of this household",
)
def get_member(request: HttpRequest, household_id: str, membership_id: str):
    return _member(_membership_of(request, household_id, membership_id))


@router.delete(
    "households/{household_id}/members/{membership_id}",
    response={204: None, **WRITE_ERRORS},
    summary="Take a member's access away (the owner cannot be removed)",
)
def remove_member(request: HttpRequest, household_id: str, membership_id: str):
    with transaction.atomic():
        membership = _membership_of(request, household_id, membership_id, write=True)
        invites.remove_member(membership, request.user)
    return Status(204, None)


@router.post(
    "households/{household_id}/invites",
    response={201: InviteOut, **WRITE_ERRORS, **error_responses(502)},
    summary="Invite a co-parent or an advocate; the link is emailed and returned",
)
def create_invite(request: HttpRequest, household_id: str, payload: InviteIn):
    try:
        with transaction.atomic():
            household = get_for_user(request.user, Household, household_id, write=True)
            invite = invites.create_invite(
                household, payload.email, payload.role, request.user, payload.language or ""
            )
    except (SMTPException, OSError) as exc:
        raise HttpError(
            502,
            gettext(
                "The invitation email could not be sent, so no invitation was made. Try again."
            ),
        ) from exc
    return Status(
        201,
        {
            "id": str(invite.pk),
            "email": invite.email,
            "role": invite.role,
            "accept_url": invites.accept_url(invite),
        },
    )


@router.post(
    "invites/{token}/accept",
    response={200: HouseholdRef, **WRITE_ERRORS},
    summary="Accept an invitation as the signed-in person",
)
def accept_invite(request: HttpRequest, token: str):
    invite = invites.open_invite(token)
    if invite is None:
        raise HttpError(
            404,
            gettext("This invitation was already used, was withdrawn, or the link is incomplete."),
        )
    membership = invites.accept_invite(invite, request.user)
    household = membership.household
    return {"id": str(household.pk), "name": household.name, "role": membership.role}


class HouseholdOut(Schema):
    id: str
    name: str
    time_zone: str
    today: date


class HouseholdPatch(In):
    model_config = ConfigDict(extra="forbid")  # a misspelt field must not pass silently

    time_zone: str


def _household(household: Household) -> dict:
    return {
        "id": str(household.pk),
        "name": household.name,
        "time_zone": household.time_zone,
        "today": household.today(),
    }


@router.get(
    "households/{uuid:household_id}",
    response={200: HouseholdOut, **READ_ERRORS},
    summary="A household: its name, time zone and today's date there",
)
def get_household(request: HttpRequest, household_id: UUID):
    return _household(get_for_user(request.user, Household, str(household_id)))


@router.patch(
    "households/{uuid:household_id}",
    response={200: HouseholdOut, **WRITE_ERRORS},
    summary="Change the family's time zone (the owner or a parent)",
)
def update_household(request: HttpRequest, household_id: UUID, payload: HouseholdPatch):
    with transaction.atomic():
        household = get_for_user(request.user, Household, str(household_id), write=True)
        if not invites.can_manage(household, request.user):
            raise HttpError(
                403, gettext("Only the family's owner or a parent can change the time zone.")
            )
        household.set_time_zone(payload.time_zone)
    return _household(household)
