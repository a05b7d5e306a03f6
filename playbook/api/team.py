"""API routes for a child's school team (docs/api.md)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from django.db import transaction
from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import ConfigDict, Field

from playbook.accounts.access import for_user, get_for_user
from playbook.api.common import In, conditional_answer
from playbook.children.access import child_for_read, child_for_write
from playbook.children.models import TeamMember, TeamRole
from playbook.plain_text import TypedLine

from .common import (
    READ_ERRORS,
    WRITE_ERRORS,
    Email,
    choice,
    error_responses,
    optional_text,
    refuse_nulls,
    text,
    validated,
)

router = Router(tags=["team"])

RoleChoice = choice(TeamRole.values)
# Each goes into letters' mail headers, so each stays on one line.
Name = Annotated[text(150), TypedLine]
Discipline = Annotated[optional_text(100), TypedLine]
EmailLine = Annotated[Email, TypedLine]
Phone = Annotated[optional_text(40), TypedLine]


class TeamMemberIn(In):
    name: Name
    role: RoleChoice
    discipline: Discipline = Field("", description="For a therapist: speech, OT, PT, counseling...")
    email: EmailLine = ""
    phone: Phone = ""


class TeamMemberPatch(In):
    model_config = ConfigDict(extra="forbid")

    name: Name | None = None
    role: RoleChoice | None = None
    discipline: Discipline | None = None
    email: EmailLine | None = None
    phone: Phone | None = None


class TeamMemberOut(Schema):
    id: str
    child: str
    name: str
    role: str
    role_label: str
    discipline: str
    email: str
    phone: str
    left_on: date | None = Field(
        None, description="the day a former member left the team; null while on it"
    )


def _team_member(member: TeamMember) -> dict:
    return {
        "id": str(member.pk),
        "child": str(member.child_id),
        "name": member.name,
        "role": member.role,
        "role_label": member.role_label,
        "discipline": member.discipline,
        "email": member.email,
        "phone": member.phone,
        "left_on": member.left_on,
    }


def _member_of(request: HttpRequest, child_id: str, team_member_id: str, write=False):
    team = TeamMember.objects.filter(child_id=child_id)
    return get_for_user(request.user, TeamMember, team_member_id, write=write, queryset=team)


@router.get(
    "children/{child_id}/team",
    response={200: list[TeamMemberOut], **READ_ERRORS},
    summary="The child's school team",
)
@conditional_answer
def list_team(request: HttpRequest, child_id: str):
    child = child_for_read(request, child_id)
    return [_team_member(m) for m in for_user(request.user, TeamMember).filter(child=child)]


@router.post(
    "children/{child_id}/team",
    response={201: TeamMemberOut, **WRITE_ERRORS},
    summary="Add someone to the school team",
)
def add_team_member(request: HttpRequest, child_id: str, payload: TeamMemberIn):
    with transaction.atomic():
        child = child_for_write(request, child_id)
        member = validated(TeamMember(child=child, **payload.dict()), exclude=["child"])
        member.save()
    return Status(201, _team_member(member))


@router.get(
    "children/{child_id}/team/{team_member_id}",
    response={200: TeamMemberOut, **READ_ERRORS},
    summary="One member of the school team",
)
def get_team_member(request: HttpRequest, child_id: str, team_member_id: str):
    return _team_member(_member_of(request, child_id, team_member_id))


@router.patch(
    "children/{child_id}/team/{team_member_id}",
    response={200: TeamMemberOut, **WRITE_ERRORS},
    summary="Change a team member's details",
)
def update_team_member(
    request: HttpRequest, child_id: str, team_member_id: str, payload: TeamMemberPatch
):
    changes = payload.dict(exclude_unset=True)
    refuse_nulls(changes, optional={"discipline", "email", "phone"})
    with transaction.atomic():
        member = _member_of(request, child_id, team_member_id, write=True)
        for field, value in changes.items():
            setattr(member, field, "" if value is None else value)
        validated(member, exclude=["child"]).save()
    return _team_member(member)


@router.delete(
    "children/{child_id}/team/{team_member_id}",
    response={204: None, **WRITE_ERRORS, **error_responses(409)},
    summary="Take someone off the school team (the paper trail keeps their name)",
)
def remove_team_member(request: HttpRequest, child_id: str, team_member_id: str):
    """As the page does (``take_off_team``): a member the records name (a trail entry, an
    ask, a meeting...) stays as a former member, with ``left_on`` the family's today; one
    nothing names is deleted."""
    with transaction.atomic():
        member = _member_of(request, child_id, team_member_id, write=True)
        member.take_off_team(member.child.today())
    return Status(204, None)


@router.post(
    "children/{child_id}/team/{team_member_id}/restore",
    response={200: TeamMemberOut, **WRITE_ERRORS},
    summary="Bring a former team member back onto the team",
)
def restore_team_member(request: HttpRequest, child_id: str, team_member_id: str):
    """The team page's "Back on the team": ``left_on`` becomes null again."""
    member = _member_of(request, child_id, team_member_id, write=True)
    member.back_on_team()
    return _team_member(member)
