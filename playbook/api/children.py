"""API routes for children (docs/api.md); their team and IEPs are in team.py and ieps.py."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from pydantic import ConfigDict, Field, field_validator

from playbook.accounts.access import for_user, get_for_user
from playbook.accounts.models import WRITE_ROLES, Household, latest_today
from playbook.api.common import In, conditional_answer
from playbook.children.access import child_for_read, child_for_write
from playbook.children.models import US_STATES, Child, DeletedChild, Grade, TooLateToRestore

from .common import (
    READ_ERRORS,
    WRITE_ERRORS,
    Day,
    choice,
    error_responses,
    optional_text,
    refuse_nulls,
    text,
    validated,
)

router = Router(tags=["children"])

GradeChoice = choice(Grade.values)
StateChoice = Annotated[
    choice(sorted(US_STATES)),
    Field(description="Two-letter code, like CA."),
]


def _upper(value: Any) -> Any:
    return value.strip().upper() if isinstance(value, str) else value


def _birth_date_not_in_future(value: date | None) -> date | None:
    if value is not None and value > latest_today():
        raise ValueError(gettext("A birth date can't be in the future."))
    return value


class ChildIn(In):
    name: text(150)
    birth_date: Day | None = Field(
        None,
        description="Optional (issue 17): the rules that count from a birthday wait for it.",
    )
    grade: GradeChoice
    school: optional_text(200) = ""
    school_address: optional_text(300) = ""
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


class ChildPatch(In):
    model_config = ConfigDict(extra="forbid")  # a misspelt field must not pass silently

    name: text(150) | None = None
    birth_date: Day | None = None
    grade: GradeChoice | None = None
    school: optional_text(200) | None = None
    school_address: optional_text(300) | None = None
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
    birth_date: date | None
    grade: str
    school: str
    school_address: str
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
        "school_address": child.school_address,
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
            {
                "household": gettext(
                    "You have no household you can edit; ask its owner for edit access."
                )
            }
        )
    raise ValidationError(
        {"household": gettext("You can edit more than one household: name one (see GET /me).")}
    )


@router.get("children", response={200: list[ChildOut], **READ_ERRORS}, summary="My children")
def list_children(request: HttpRequest):
    return [_child(c) for c in for_user(request.user, Child)]


@router.post("children", response={201: ChildOut, **WRITE_ERRORS}, summary="Add a child")
def create_child(request: HttpRequest, payload: ChildIn):
    with transaction.atomic():
        data = payload.dict()
        household = _household_for_new_child(request, data.pop("household"))
        child = validated(Child(household=household, **data))
        child.save()
    return Status(201, _child(child))


@router.get("children/{child_id}", response={200: ChildOut, **READ_ERRORS}, summary="A child")
@conditional_answer
def get_child(request: HttpRequest, child_id: str):
    return _child(child_for_read(request, child_id))


@router.patch(
    "children/{child_id}", response={200: ChildOut, **WRITE_ERRORS}, summary="Change a child"
)
def update_child(request: HttpRequest, child_id: str, payload: ChildPatch):
    changes = payload.dict(exclude_unset=True)
    refuse_nulls(
        changes, optional={"school", "school_address", "district", "disability_categories"}
    )
    with transaction.atomic():
        child = child_for_write(request, child_id)
        for field, value in changes.items():
            setattr(child, field, "" if value is None else value)
        validated(child, exclude=["household"]).save()
    return _child(child)


@router.delete(
    "children/{child_id}",
    response={204: None, **WRITE_ERRORS},
    summary="Delete a child and everything recorded about them (the owner only; "
    "restorable for 30 days)",
)
def delete_child(request: HttpRequest, child_id: str):
    with transaction.atomic():
        child = child_for_write(request, child_id)
        child.delete_by(request.user, via_api=True)
    return Status(204, None)


class DeletedChildOut(Schema):
    id: str
    household: str
    name: str
    deleted_at: datetime
    deleted_by: str | None = Field(description="The email of the owner who deleted it.")
    restorable_until: date = Field(description="The last day it can be restored (the family's).")


def _deleted_child(child: DeletedChild) -> dict:
    return {
        "id": str(child.pk),
        "household": str(child.household_id),
        "name": child.name,
        "deleted_at": child.deleted_at,
        "deleted_by": child.deleted_by.email if child.deleted_by else None,
        "restorable_until": child.restore_deadline,
    }


@router.get(
    "deleted-children",
    response={200: list[DeletedChildOut], **READ_ERRORS},
    summary="Children deleted lately that I can restore (owners only; empty for others)",
)
def list_deleted_children(request: HttpRequest):
    deleted = DeletedChild.objects.restorable_by(request.user, timezone.now())
    return [_deleted_child(c) for c in deleted]


@router.post(
    "children/{deleted_child_id}/restore",
    response={200: ChildOut, **WRITE_ERRORS, **error_responses(409)},
    summary="Restore a deleted child with everything recorded about them (the owner only)",
)
def restore_child(request: HttpRequest, deleted_child_id: str):
    with transaction.atomic():
        child = get_for_user(request.user, DeletedChild, deleted_child_id, write=True)
        try:
            child.restore_by(request.user, via_api=True)
        except TooLateToRestore as exc:
            raise HttpError(409, str(exc)) from exc
    return _child(child)
