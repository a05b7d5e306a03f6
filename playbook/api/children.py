"""API routes for children, their school team and their IEPs (API.md)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema, Status
from pydantic import ConfigDict, Field, ValidationInfo, field_validator

from playbook.accounts.access import for_user, get_for_user
from playbook.accounts.models import WRITE_ROLES, Household
from playbook.children.models import (
    IEP,
    US_STATES,
    Accommodation,
    Child,
    Goal,
    Grade,
    Per,
    Service,
    TeamMember,
    TeamRole,
)

from .common import (
    READ_ERRORS,
    WRITE_ERRORS,
    Day,
    Email,
    choice,
    error_responses,
    optional_text,
    text,
)

router = Router(tags=["children"])

GradeChoice = choice(Grade.values)
StateChoice = Annotated[
    choice(sorted(US_STATES)),
    Field(description="Two-letter code, like CA."),
]
RoleChoice = choice(TeamRole.values)
PerChoice = choice(Per.values)


def _upper(value: Any) -> Any:
    return value.strip().upper() if isinstance(value, str) else value


def _validated(obj: models.Model, exclude: list[str] | None = None) -> models.Model:
    """Run the model's own checks (choices, lengths, constraints) before saving."""
    obj.full_clean(exclude=exclude)
    return obj


# --- Children ------------------------------------------------------------------------------


def _birth_date_not_in_future(value: date | None) -> date | None:
    if value is not None and value > timezone.localdate():
        raise ValueError("A birth date can't be in the future.")
    return value


class ChildIn(Schema):
    name: text(150)
    birth_date: Day
    grade: GradeChoice
    school: optional_text(200) = ""
    district: optional_text(200) = ""
    state: StateChoice
    school_year_start_month: int = Field(8, ge=1, le=12)
    disability_categories: optional_text(300) = ""
    household: str | None = Field(
        None,
        description="The household to add the child to; needed only when you can edit "
        "more than one.",
    )

    _state_upper = field_validator("state", mode="before")(_upper)
    _birth_date = field_validator("birth_date")(_birth_date_not_in_future)


class ChildPatch(Schema):
    model_config = ConfigDict(extra="forbid")  # a misspelt field must not pass silently

    name: text(150) | None = None
    birth_date: Day | None = None
    grade: GradeChoice | None = None
    school: optional_text(200) | None = None
    district: optional_text(200) | None = None
    state: StateChoice | None = None
    school_year_start_month: int | None = Field(None, ge=1, le=12)
    disability_categories: optional_text(300) | None = None

    _state_upper = field_validator("state", mode="before")(_upper)
    _birth_date = field_validator("birth_date")(_birth_date_not_in_future)


class ChildOut(Schema):
    id: str
    household: str
    name: str
    birth_date: date
    grade: str
    school: str
    district: str
    state: str
    school_year_start_month: int
    disability_categories: str


def _child(child: Child) -> dict:
    return {
        "id": str(child.pk),
        "household": str(child.household_id),
        "name": child.name,
        "birth_date": child.birth_date,
        "grade": child.grade,
        "school": child.school,
        "district": child.district,
        "state": child.state,
        "school_year_start_month": child.school_year_start_month,
        "disability_categories": child.disability_categories,
    }


def _household_for_new_child(request: HttpRequest, household_id: str | None) -> Household:
    if household_id:
        return get_for_user(request.user, Household, household_id, write=True)
    writable = list(
        for_user(request.user, Household).filter(
            memberships__user=request.user, memberships__role__in=WRITE_ROLES
        )[:2]
    )
    if len(writable) == 1:
        return writable[0]
    if not writable:
        raise ValidationError(
            {"household": "You have no household you can edit; ask its owner for edit access."}
        )
    raise ValidationError(
        {"household": "You can edit more than one household: name one (see GET /me)."}
    )


@router.get("children", response={200: list[ChildOut], **READ_ERRORS}, summary="My children")
def list_children(request: HttpRequest):
    return [_child(c) for c in for_user(request.user, Child)]


@router.post("children", response={201: ChildOut, **WRITE_ERRORS}, summary="Add a child")
def create_child(request: HttpRequest, payload: ChildIn):
    with transaction.atomic():
        data = payload.dict()
        household = _household_for_new_child(request, data.pop("household"))
        child = _validated(Child(household=household, **data))
        child.save()
    return Status(201, _child(child))


@router.get("children/{child_id}", response={200: ChildOut, **READ_ERRORS}, summary="A child")
def get_child(request: HttpRequest, child_id: str):
    return _child(get_for_user(request.user, Child, child_id))


@router.patch(
    "children/{child_id}", response={200: ChildOut, **WRITE_ERRORS}, summary="Change a child"
)
def update_child(request: HttpRequest, child_id: str, payload: ChildPatch):
    changes = payload.dict(exclude_unset=True)
    _refuse_nulls(changes, optional={"school", "district", "disability_categories"})
    with transaction.atomic():
        child = get_for_user(request.user, Child, child_id, write=True)
        for field, value in changes.items():
            setattr(child, field, "" if value is None else value)
        _validated(child, exclude=["household"]).save()
    return _child(child)


@router.delete(
    "children/{child_id}",
    response={204: None, **WRITE_ERRORS, **error_responses(409)},
    summary="Delete a child and everything recorded about them",
)
def delete_child(request: HttpRequest, child_id: str):
    with transaction.atomic():
        get_for_user(request.user, Child, child_id, write=True).delete()
    return Status(204, None)


def _refuse_nulls(changes: dict, optional: set[str]) -> None:
    required = sorted(
        field for field, value in changes.items() if value is None and field not in optional
    )
    if required:
        raise ValidationError(
            {field: "This can't be empty; leave it out to keep it." for field in required}
        )


# --- The school team -------------------------------------------------------------------------


class TeamMemberIn(Schema):
    name: text(150)
    role: RoleChoice
    discipline: optional_text(100) = Field(
        "", description="For a therapist: speech, OT, PT, counseling..."
    )
    email: Email = ""
    phone: optional_text(40) = ""


class TeamMemberPatch(Schema):
    model_config = ConfigDict(extra="forbid")

    name: text(150) | None = None
    role: RoleChoice | None = None
    discipline: optional_text(100) | None = None
    email: Email | None = None
    phone: optional_text(40) | None = None


class TeamMemberOut(Schema):
    id: str
    child: str
    name: str
    role: str
    role_label: str
    discipline: str
    email: str
    phone: str


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
    }


def _member_of(request: HttpRequest, child_id: str, team_member_id: str, write=False):
    team = TeamMember.objects.filter(child_id=child_id)
    return get_for_user(request.user, TeamMember, team_member_id, write=write, queryset=team)


@router.get(
    "children/{child_id}/team",
    response={200: list[TeamMemberOut], **READ_ERRORS},
    summary="The child's school team",
)
def list_team(request: HttpRequest, child_id: str):
    child = get_for_user(request.user, Child, child_id)
    return [_team_member(m) for m in for_user(request.user, TeamMember).filter(child=child)]


@router.post(
    "children/{child_id}/team",
    response={201: TeamMemberOut, **WRITE_ERRORS},
    summary="Add someone to the school team",
)
def add_team_member(request: HttpRequest, child_id: str, payload: TeamMemberIn):
    with transaction.atomic():
        child = get_for_user(request.user, Child, child_id, write=True)
        member = _validated(TeamMember(child=child, **payload.dict()), exclude=["child"])
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
    _refuse_nulls(changes, optional={"discipline", "email", "phone"})
    with transaction.atomic():
        member = _member_of(request, child_id, team_member_id, write=True)
        for field, value in changes.items():
            setattr(member, field, "" if value is None else value)
        _validated(member, exclude=["child"]).save()
    return _team_member(member)


@router.delete(
    "children/{child_id}/team/{team_member_id}",
    response={204: None, **WRITE_ERRORS, **error_responses(409)},
    summary="Take someone off the school team (the paper trail keeps their name)",
)
def remove_team_member(request: HttpRequest, child_id: str, team_member_id: str):
    with transaction.atomic():
        _member_of(request, child_id, team_member_id, write=True).delete()
    return Status(204, None)


# --- IEPs ----------------------------------------------------------------------------------


class ServiceIn(Schema):
    service: text(150)
    minutes: int = Field(ge=1, le=10_000, description="Minutes in all, each `per` period.")
    per: PerChoice
    sessions: int | None = Field(
        None, ge=1, le=1_000, description="How many sessions make up those minutes, if stated."
    )
    setting: optional_text(150) = ""
    provider_role: optional_text(150) = ""


class GoalIn(Schema):
    text: text(5000)
    area: optional_text(100) = ""


class AccommodationIn(Schema):
    text: text(5000)


class IEPIn(Schema):
    meeting_date: Day | None = None
    start_date: Day
    end_date: Day = Field(description="The annual review is due by this date.")
    last_evaluation_date: Day | None = None
    reevaluation_due: Day | None = Field(
        None, description="Derived (three years after the last evaluation) when absent."
    )
    placement: optional_text(300) = ""
    progress_reporting: optional_text(300) = ""
    parent_concerns_text: optional_text(20_000) = ""
    services: list[ServiceIn] = Field(default_factory=list, max_length=100)
    goals: list[text(5000) | GoalIn] = Field(
        default_factory=list, max_length=200, description="Each goal as text (or {text, area})."
    )
    accommodations: list[text(5000) | AccommodationIn] = Field(
        default_factory=list, max_length=200, description="Each accommodation as text."
    )

    @field_validator("end_date")
    @classmethod
    def _end_after_start(cls, value: date, info: ValidationInfo) -> date:
        start = info.data.get("start_date")
        if start is not None and value <= start:
            raise ValueError("Must be after start_date (the IEP runs from start_date to end_date).")
        return value

    @field_validator("reevaluation_due")
    @classmethod
    def _reevaluation_after_evaluation(cls, value: date | None, info: ValidationInfo):
        last = info.data.get("last_evaluation_date")
        if value is not None and last is not None and value <= last:
            raise ValueError("Must be after last_evaluation_date.")
        return value


class ServiceOut(Schema):
    id: str
    service: str
    minutes: int
    per: str
    sessions: int | None
    setting: str
    provider_role: str


class GoalOut(Schema):
    id: str
    text: str
    area: str


class AccommodationOut(Schema):
    id: str
    text: str


class IEPOut(Schema):
    id: str
    child: str
    meeting_date: date | None
    start_date: date
    end_date: date
    last_evaluation_date: date | None
    reevaluation_due: date | None = Field(description="As entered, else derived.")
    reevaluation_due_derived: bool = Field(
        description="True when reevaluation_due was computed, not entered."
    )
    placement: str
    progress_reporting: str
    parent_concerns_text: str
    file_name: str
    services: list[ServiceOut]
    goals: list[GoalOut]
    accommodations: list[AccommodationOut]


def _iep(iep: IEP) -> dict:
    return {
        "id": str(iep.pk),
        "child": str(iep.child_id),
        "meeting_date": iep.meeting_date,
        "start_date": iep.start_date,
        "end_date": iep.end_date,
        "last_evaluation_date": iep.last_evaluation_date,
        "reevaluation_due": iep.reevaluation_due_or_derived,
        "reevaluation_due_derived": iep.reevaluation_due is None
        and iep.reevaluation_due_or_derived is not None,
        "placement": iep.placement,
        "progress_reporting": iep.progress_reporting,
        "parent_concerns_text": iep.parent_concerns_text,
        "file_name": iep.file_name,
        "services": [
            {
                "id": str(s.pk),
                "service": s.service,
                "minutes": s.minutes,
                "per": s.per,
                "sessions": s.sessions,
                "setting": s.setting,
                "provider_role": s.provider_role,
            }
            for s in iep.services.all()
        ],
        "goals": [{"id": str(g.pk), "text": g.text, "area": g.area} for g in iep.goals.all()],
        "accommodations": [{"id": str(a.pk), "text": a.text} for a in iep.accommodations.all()],
    }


def _ieps(request: HttpRequest) -> models.QuerySet[IEP]:
    return for_user(request.user, IEP).prefetch_related("services", "goals", "accommodations")


@router.get(
    "children/{child_id}/ieps",
    response={200: list[IEPOut], **READ_ERRORS},
    summary="The child's IEPs, the one in effect first",
)
def list_ieps(request: HttpRequest, child_id: str):
    child = get_for_user(request.user, Child, child_id)
    return [_iep(iep) for iep in _ieps(request).filter(child=child)]


@router.post(
    "children/{child_id}/ieps",
    response={201: IEPOut, **WRITE_ERRORS},
    summary="Record an IEP with its services, goals and accommodations",
)
def create_iep(request: HttpRequest, child_id: str, payload: IEPIn):
    data = payload.dict(exclude={"services", "goals", "accommodations"})
    with transaction.atomic():
        child = get_for_user(request.user, Child, child_id, write=True)
        iep = _validated(IEP(child=child, **data), exclude=["child", "file"])
        iep.save()
        Service.objects.bulk_create(
            _validated(Service(iep=iep, position=i, **s.dict()), exclude=["iep"])
            for i, s in enumerate(payload.services)
        )
        Goal.objects.bulk_create(
            _validated(Goal(iep=iep, position=i, **_as_item(g)), exclude=["iep"])
            for i, g in enumerate(payload.goals)
        )
        Accommodation.objects.bulk_create(
            _validated(Accommodation(iep=iep, position=i, **_as_item(a)), exclude=["iep"])
            for i, a in enumerate(payload.accommodations)
        )
    return Status(201, _iep(_ieps(request).get(pk=iep.pk)))


def _as_item(item: str | Schema) -> dict:
    return {"text": item} if isinstance(item, str) else item.dict()


@router.get(
    "children/{child_id}/ieps/{iep_id}",
    response={200: IEPOut, **READ_ERRORS},
    summary="One IEP",
)
def get_iep(request: HttpRequest, child_id: str, iep_id: str):
    queryset = _ieps(request).filter(child_id=child_id)
    return _iep(get_for_user(request.user, IEP, iep_id, queryset=queryset))


@router.delete(
    "children/{child_id}/ieps/{iep_id}",
    response={204: None, **WRITE_ERRORS, **error_responses(409)},
    summary="Delete an IEP entered by mistake",
)
def delete_iep(request: HttpRequest, child_id: str, iep_id: str):
    with transaction.atomic():
        queryset = IEP.objects.filter(child_id=child_id)
        get_for_user(request.user, IEP, iep_id, write=True, queryset=queryset).delete()
    return Status(204, None)
