"""API routes for meetings, trials and progress data (docs/api.md)."""

from __future__ import annotations

import datetime as dt
import math
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from playbook.accounts.access import get_for_user
from playbook.advocacy.models import Concern
from playbook.api.common import conditional_answer
from playbook.children.access import child_for_read, child_for_write
from playbook.children.models import Child, TeamMember
from playbook.children.school_calendar import SchoolCalendar
from playbook.meetings.meetings import (
    DISPUTE_KINDS,
    missing_roles,
    save_meeting,
    student_invitation,
)
from playbook.meetings.models import DataSeries, Measurement, Meeting, Trial
from playbook.meetings.trials import review_date as derive_review_date

router = Router(tags=["meetings, trials and data"])


class MissingRole(Schema):
    role: str
    label: str
    citation: str


class StudentInvitation(Schema):
    text: str
    citation: str
    transition_rule: str


class MeetingIn(Schema):
    kind: Meeting.Kind = Meeting.Kind.IEP
    status: Meeting.Status = Meeting.Status.REQUESTED
    date: dt.date | None = None
    time: dt.time | None = None
    place: str = Field("", max_length=200)
    invitees: list[UUID] = []
    agenda: list[UUID] = []
    outcome: str = ""


class MeetingPatch(Schema):
    status: Meeting.Status | None = None
    date: dt.date | None = None
    time: dt.time | None = None
    place: str | None = Field(None, max_length=200)
    invitees: list[UUID] | None = None
    agenda: list[UUID] | None = None
    outcome: str | None = None


class MeetingOut(Schema):
    id: UUID
    kind: str
    status: str
    date: dt.date | None
    time: dt.time | None
    place: str
    invitees: list[UUID]
    agenda: list[UUID]
    outcome: str
    missing_roles: list[MissingRole]
    student_invitation: StudentInvitation | None = None


def _meeting_out(meeting: Meeting, child: Child) -> dict:
    invitees = list(meeting.invitees.all())
    return {
        "id": meeting.pk,
        "kind": meeting.kind,
        "status": meeting.status,
        "date": meeting.date,
        "time": meeting.time,
        "place": meeting.place,
        "invitees": [m.pk for m in invitees],
        "agenda": [c.pk for c in meeting.agenda.all()],
        "outcome": meeting.outcome,
        "missing_roles": [] if meeting.kind in DISPUTE_KINDS else missing_roles(invitees),
        "student_invitation": student_invitation(child, meeting),
    }


def _local_time(value: dt.time | None) -> dt.time | None:
    """Meeting times are local wall-clock times ("14:30"): refuse one with a time zone
    (pydantic reads 0 or "10:00Z" that way) rather than store a wrong time."""
    if value is not None and value.tzinfo is not None:
        raise HttpError(422, "time: give the local time as HH:MM, like 14:30.")
    return value


def _members(child: Child, ids: list[UUID], field: str) -> list[TeamMember]:
    found = {m.pk: m for m in TeamMember.objects.filter(child=child, pk__in=ids)}
    unknown = [str(i) for i in ids if i not in found]
    if unknown:
        raise HttpError(422, f"{field}: no team member of this child has the id {unknown[0]}.")
    return [found[i] for i in ids]


def _concerns(child: Child, ids: list[UUID], field: str) -> list[Concern]:
    found = {c.pk: c for c in Concern.objects.filter(child=child, pk__in=ids)}
    unknown = [str(i) for i in ids if i not in found]
    if unknown:
        raise HttpError(422, f"{field}: no concern of this child has the id {unknown[0]}.")
    return [found[i] for i in ids]


def _save(meeting: Meeting, **how) -> None:
    """meetings.save_meeting, its refusals as 422s naming the field."""
    try:
        save_meeting(meeting, **how)
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise HttpError(422, f"{field}: {' '.join(messages)}") from error


def _meetings(child: Child):
    return Meeting.objects.filter(child=child).prefetch_related("invitees", "agenda")


@router.get("children/{child_id}/meetings", response=list[MeetingOut])
@conditional_answer
def list_meetings(request: HttpRequest, child_id: str):
    child = child_for_read(request, child_id)
    return [_meeting_out(m, child) for m in _meetings(child)]


@router.post("children/{child_id}/meetings", response={201: MeetingOut})
def create_meeting(request: HttpRequest, child_id: str, payload: MeetingIn):
    child = child_for_write(request, child_id)
    _local_time(payload.time)
    invitees = _members(child, payload.invitees, "invitees")
    agenda = _concerns(child, payload.agenda, "agenda")
    meeting = Meeting(
        child=child,
        kind=payload.kind,
        status=payload.status,
        date=payload.date,
        time=payload.time,
        place=payload.place,
        outcome=payload.outcome,
    )
    _save(meeting, was=None, invitees=invitees, agenda=agenda)
    return Status(201, _meeting_out(_meetings(child).get(pk=meeting.pk), child))


@router.get("meetings/{meeting_id}", response=MeetingOut)
def get_meeting(request: HttpRequest, meeting_id: str):
    meeting = get_for_user(request.user, Meeting, meeting_id)
    return _meeting_out(meeting, meeting.child)


@router.patch("meetings/{meeting_id}", response=MeetingOut)
def update_meeting(request: HttpRequest, meeting_id: str, payload: MeetingPatch):
    meeting = get_for_user(request.user, Meeting, meeting_id, write=True)
    changes = payload.dict(exclude_unset=True)
    _local_time(changes.get("time"))
    for name in ("invitees", "agenda"):
        if name in changes and changes[name] is None:
            raise HttpError(422, f"{name}: give a list of ids (an empty list for none).")
    invitees = (
        _members(meeting.child, changes.pop("invitees"), "invitees")
        if "invitees" in changes
        else None
    )
    agenda = (
        _concerns(meeting.child, changes.pop("agenda"), "agenda") if "agenda" in changes else None
    )
    was = meeting.status
    for name, value in changes.items():
        if value is None and name in ("status", "place", "outcome"):
            raise HttpError(422, f"{name}: may not be null.")
        setattr(meeting, name, value)
    _save(meeting, was=was, invitees=invitees, agenda=agenda)
    return _meeting_out(_meetings(meeting.child).get(pk=meeting.pk), meeting.child)


class TrialIn(Schema):
    proposal: str = Field(..., min_length=1, max_length=300)
    instead_of: str = Field("", max_length=300)
    start_date: dt.date
    weeks: int = Field(..., ge=1, le=52)
    measure: str = Field(..., min_length=1, max_length=300)
    how_often: str = Field("", max_length=100)
    measured_by: str = Field("", max_length=150)
    review_date: dt.date | None = None
    concern: UUID | None = None
    series: UUID | None = None


class TrialOut(Schema):
    id: UUID
    proposal: str
    instead_of: str
    start_date: dt.date
    weeks: int
    measure: str
    how_often: str
    measured_by: str
    review_date: dt.date
    outcome: str
    concern: UUID | None = Field(None, alias="concern_id")
    series: UUID | None = Field(None, alias="series_id")


@router.get("children/{child_id}/trials", response=list[TrialOut])
@conditional_answer
def list_trials(request: HttpRequest, child_id: str):
    child = child_for_read(request, child_id)
    return list(Trial.objects.filter(child=child))


@router.post("children/{child_id}/trials", response={201: TrialOut})
def create_trial(request: HttpRequest, child_id: str, payload: TrialIn):
    child = child_for_write(request, child_id)
    data = payload.dict()
    if data["concern"] is not None:
        data["concern"] = _concerns(child, [data["concern"]], "concern")[0]
    if data["series"] is not None:
        series = DataSeries.objects.filter(child=child, pk=data["series"]).first()
        if series is None:
            raise HttpError(422, "series: no data series of this child has that id.")
        data["series"] = series
    if data["review_date"] is None:
        calendar = SchoolCalendar.for_child(child)
        data["review_date"] = derive_review_date(data["start_date"], data["weeks"], calendar)
    elif data["review_date"] <= data["start_date"]:
        raise HttpError(422, "review_date: must be after the start date.")
    trial = Trial.objects.create(child=child, **data)
    return Status(201, trial)


class SeriesIn(Schema):
    name: str = Field(..., min_length=1, max_length=150)
    unit: str = Field(..., min_length=1, max_length=50)
    goal: float | None = None
    baseline: float | None = None
    concern: UUID | None = None


class SeriesOut(Schema):
    id: UUID
    name: str
    unit: str
    goal: float | None
    baseline: float | None
    concern: UUID | None = Field(None, alias="concern_id")
    points: int


def _finite(value: float | None, field: str) -> None:
    if value is not None and not math.isfinite(value):
        raise HttpError(422, f"{field}: must be a number.")


@router.get("children/{child_id}/data-series", response=list[SeriesOut])
@conditional_answer
def list_series(request: HttpRequest, child_id: str):
    from django.db.models import Count

    child = child_for_read(request, child_id)
    return [
        {**_series_fields(s), "points": s.n}
        for s in DataSeries.objects.filter(child=child).annotate(n=Count("points"))
    ]


def _series_fields(series: DataSeries) -> dict:
    return {
        "id": series.pk,
        "name": series.name,
        "unit": series.unit,
        "goal": series.goal,
        "baseline": series.baseline,
        "concern_id": series.concern_id,
    }


@router.post("children/{child_id}/data-series", response={201: SeriesOut})
def create_series(request: HttpRequest, child_id: str, payload: SeriesIn):
    child = child_for_write(request, child_id)
    _finite(payload.goal, "goal")
    _finite(payload.baseline, "baseline")
    concern = _concerns(child, [payload.concern], "concern")[0] if payload.concern else None
    series = DataSeries.objects.create(
        child=child,
        name=payload.name,
        unit=payload.unit,
        goal=payload.goal,
        baseline=payload.baseline,
        concern=concern,
    )
    return Status(201, {**_series_fields(series), "points": 0})


class PointIn(Schema):
    date: dt.date
    value: float
    note: str = Field("", max_length=300)


class PointOut(Schema):
    id: UUID
    date: dt.date
    value: float
    note: str


def _series_of(request, child_id: str, series_id: str, *, write: bool = False) -> DataSeries:
    series = get_for_user(request.user, DataSeries, series_id, write=write)
    if str(series.child_id) != str(child_id):
        raise HttpError(404, "Not Found")
    return series


@router.get("children/{child_id}/data-series/{series_id}/points", response=list[PointOut])
def list_points(request: HttpRequest, child_id: str, series_id: str):
    return list(_series_of(request, child_id, series_id).points.all())


@router.post("children/{child_id}/data-series/{series_id}/points", response={201: PointOut})
def add_point(request: HttpRequest, child_id: str, series_id: str, payload: PointIn):
    series = _series_of(request, child_id, series_id, write=True)
    _finite(payload.value, "value")
    point = Measurement.objects.create(
        series=series, date=payload.date, value=payload.value, note=payload.note
    )
    return Status(201, point)
