"""API routes for meetings, trials and progress data (docs/api.md)."""

from __future__ import annotations

import datetime as dt
import math
from typing import Annotated
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from playbook.accounts.access import get_for_user
from playbook.advocacy.models import Concern
from playbook.api.common import Day, In, conditional_answer
from playbook.children.access import child_for_read, child_for_write
from playbook.children.models import Child, TeamMember
from playbook.children.school_calendar import SchoolCalendar
from playbook.meetings import trials
from playbook.meetings.meetings import (
    DISPUTE_KINDS,
    missing_roles,
    save_meeting,
    shown_roles,
    shown_student_invitation,
)
from playbook.meetings.models import DataSeries, Measurement, Meeting, Trial
from playbook.plain_text import TypedLine

router = Router(tags=["meetings, trials and data"])


class MissingRole(Schema):
    role: str
    label: str
    citation: str


class StudentInvitation(Schema):
    text: str
    citation: str
    transition_rule: str


class MeetingIn(In):
    kind: Meeting.Kind = Meeting.Kind.IEP
    status: Meeting.Status = Meeting.Status.REQUESTED
    date: Day | None = None
    time: dt.time | None = None
    place: Annotated[str, TypedLine] = Field("", max_length=200)
    invitees: list[UUID] = []
    agenda: list[UUID] = []
    outcome: str = ""


class MeetingPatch(In):
    status: Meeting.Status | None = None
    date: Day | None = None
    time: dt.time | None = None
    place: Annotated[str, TypedLine] | None = Field(None, max_length=200)
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
        "missing_roles": []
        if meeting.kind in DISPUTE_KINDS
        else shown_roles(missing_roles(invitees)),
        "student_invitation": shown_student_invitation(child, meeting),
    }


def _not_null(field: str) -> str:
    return gettext("%(field)s: may not be null.") % {"field": field}


def _local_time(value: dt.time | None) -> dt.time | None:
    """Meeting times are local wall-clock times ("14:30"): refuse one with a time zone
    (pydantic reads 0 or "10:00Z" that way) rather than store a wrong time."""
    if value is not None and value.tzinfo is not None:
        raise HttpError(422, gettext("time: give the local time as HH:MM, like 14:30."))
    return value


def _members(child: Child, ids: list[UUID], field: str) -> list[TeamMember]:
    found = {m.pk: m for m in TeamMember.objects.filter(child=child, pk__in=ids)}
    unknown = [str(i) for i in ids if i not in found]
    if unknown:
        raise HttpError(
            422,
            gettext("%(field)s: no team member of this child has the id %(id)s.")
            % {"field": field, "id": unknown[0]},
        )
    return [found[i] for i in ids]


def _concerns(child: Child, ids: list[UUID], field: str) -> list[Concern]:
    found = {c.pk: c for c in Concern.objects.filter(child=child, pk__in=ids)}
    unknown = [str(i) for i in ids if i not in found]
    if unknown:
        raise HttpError(
            422,
            gettext("%(field)s: no concern of this child has the id %(id)s.")
            % {"field": field, "id": unknown[0]},
        )
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
            raise HttpError(
                422,
                gettext("%(field)s: give a list of ids (an empty list for none).")
                % {"field": name},
            )
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
            raise HttpError(422, _not_null(name))
        setattr(meeting, name, value)
    _save(meeting, was=was, invitees=invitees, agenda=agenda)
    return _meeting_out(_meetings(meeting.child).get(pk=meeting.pk), meeting.child)


class TrialIn(In):
    proposal: Annotated[str, TypedLine] = Field(..., min_length=1, max_length=300)
    instead_of: Annotated[str, TypedLine] = Field("", max_length=300)
    start_date: Day
    weeks: int = Field(..., ge=1, le=52)
    measure: Annotated[str, TypedLine] = Field(..., min_length=1, max_length=300)
    how_often: Annotated[str, TypedLine] = Field("", max_length=100)
    measured_by: Annotated[str, TypedLine] = Field("", max_length=150)
    review_date: Day | None = None
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


class TrialPatch(In):
    proposal: Annotated[str, TypedLine] | None = Field(None, min_length=1, max_length=300)
    instead_of: Annotated[str, TypedLine] | None = Field(None, max_length=300)
    start_date: Day | None = None
    weeks: int | None = Field(None, ge=1, le=52)
    measure: Annotated[str, TypedLine] | None = Field(None, min_length=1, max_length=300)
    how_often: Annotated[str, TypedLine] | None = Field(None, max_length=100)
    measured_by: Annotated[str, TypedLine] | None = Field(None, max_length=150)
    review_date: Day | None = None
    outcome: Trial.Outcome | None = None
    concern: UUID | None = None
    series: UUID | None = None


class TrialBreakOut(Schema):
    name: str
    start: dt.date
    end: dt.date


class TrialDetailOut(TrialOut):
    baseline: float | None
    goal: float | None
    breaks_inside: list[TrialBreakOut]
    school_weeks_review_date: dt.date


def _trial_detail(trial: Trial) -> dict:
    """A trial with what the letter states: the baseline and goal of its data series, the
    breaks inside it and the review date its full school weeks would give."""
    calendar = SchoolCalendar.for_child(trial.child)
    names = ("id", "proposal", "instead_of", "start_date", "weeks", "measure", "how_often")
    names += ("measured_by", "review_date", "outcome")
    return {
        **{name: getattr(trial, name) for name in names},
        "concern_id": trial.concern_id,
        "series_id": trial.series_id,
        "baseline": trials.baseline(trial),
        "goal": trial.series.goal if trial.series else None,
        "breaks_inside": [
            {"name": b.name, "start": b.start, "end": b.end} for b in trials.breaks_inside(trial)
        ],
        "school_weeks_review_date": trials.school_weeks_review(trial, calendar),
    }


def _series_of_child(child: Child, series_id: UUID) -> DataSeries:
    series = DataSeries.objects.filter(child=child, pk=series_id).first()
    if series is None:
        raise HttpError(422, gettext("series: no data series of this child has that id."))
    return series


def _save_trial(trial: Trial) -> Trial:
    """trials.save_trial, its refusals as 422s naming the field."""
    try:
        return trials.save_trial(trial)
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise HttpError(422, f"{field}: {' '.join(messages)}") from error


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
        data["series"] = _series_of_child(child, data["series"])
    trial = _save_trial(Trial(child=child, **data))
    return Status(201, trial)


@router.get("trials/{trial_id}", response=TrialDetailOut)
def get_trial(request: HttpRequest, trial_id: str):
    trial = get_for_user(request.user, Trial, trial_id)
    return _trial_detail(trial)


@router.patch("trials/{trial_id}", response=TrialDetailOut)
def update_trial(request: HttpRequest, trial_id: str, payload: TrialPatch):
    """Edit a trial, link it to a data series (``series``: an id, or null to unlink) or
    extend its review; the same write as the trial's page."""
    trial = get_for_user(request.user, Trial, trial_id, write=True)
    changes = payload.dict(exclude_unset=True)
    for name in ("proposal", "start_date", "weeks", "measure", "outcome"):
        if name in changes and changes[name] is None:
            raise HttpError(422, _not_null(name))
    for name in ("instead_of", "how_often", "measured_by"):
        if name in changes and changes[name] is None:
            changes[name] = ""
    if "concern" in changes:
        concern = changes.pop("concern")
        trial.concern = _concerns(trial.child, [concern], "concern")[0] if concern else None
    if "series" in changes:
        series = changes.pop("series")
        trial.series = _series_of_child(trial.child, series) if series else None
    moved = {"start_date", "weeks"} & set(changes)
    for name, value in changes.items():
        setattr(trial, name, value)
    if moved and "review_date" not in changes:
        trial.review_date = None  # derived again from the new start and weeks
    _save_trial(trial)
    return _trial_detail(trial)


@router.delete("trials/{trial_id}", response={204: None})
def delete_trial(request: HttpRequest, trial_id: str):
    trial = get_for_user(request.user, Trial, trial_id, write=True)
    trials.delete_trial(trial)
    return Status(204, None)


class SeriesIn(In):
    name: Annotated[str, TypedLine] = Field(..., min_length=1, max_length=150)
    unit: Annotated[str, TypedLine] = Field(..., min_length=1, max_length=50)
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
        raise HttpError(422, gettext("%(field)s: must be a number.") % {"field": field})


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


class PointIn(In):
    date: Day
    value: float
    note: Annotated[str, TypedLine] = Field("", max_length=300)


class DataPointOut(Schema):
    id: UUID
    date: dt.date
    value: float
    note: str


def _series_of(request, child_id: str, series_id: str, *, write: bool = False) -> DataSeries:
    series = get_for_user(request.user, DataSeries, series_id, write=write)
    if str(series.child_id) != str(child_id):
        raise HttpError(404, gettext("Not Found"))
    return series


@router.get("children/{child_id}/data-series/{series_id}/points", response=list[DataPointOut])
def list_points(request: HttpRequest, child_id: str, series_id: str):
    return list(_series_of(request, child_id, series_id).points.all())


@router.post("children/{child_id}/data-series/{series_id}/points", response={201: DataPointOut})
def add_point(request: HttpRequest, child_id: str, series_id: str, payload: PointIn):
    series = _series_of(request, child_id, series_id, write=True)
    _finite(payload.value, "value")
    point = _save_point(
        Measurement(series=series, date=payload.date, value=payload.value, note=payload.note)
    )
    return Status(201, point)


class PointPatch(In):
    date: Day | None = None
    value: float | None = None
    note: Annotated[str, TypedLine] | None = Field(None, max_length=300)


def _save_point(point: Measurement) -> Measurement:
    try:
        return trials.save_point(point)
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise HttpError(422, f"{field}: {' '.join(messages)}") from error


def _point_of(request, child_id: str, series_id: str, measurement_id: str) -> Measurement:
    series = _series_of(request, child_id, series_id, write=True)
    try:
        point = series.points.filter(pk=UUID(str(measurement_id))).first()
    except ValueError:
        point = None
    if point is None:
        raise HttpError(404, gettext("Not Found"))
    return point


@router.patch(
    "children/{child_id}/data-series/{series_id}/points/{measurement_id}", response=DataPointOut
)
def update_point(
    request: HttpRequest, child_id: str, series_id: str, measurement_id: str, payload: PointPatch
):
    point = _point_of(request, child_id, series_id, measurement_id)
    changes = payload.dict(exclude_unset=True)
    for name in ("date", "value"):
        if name in changes and changes[name] is None:
            raise HttpError(422, _not_null(name))
    for name, value in changes.items():
        setattr(point, name, "" if value is None else value)
    return _save_point(point)


@router.delete(
    "children/{child_id}/data-series/{series_id}/points/{measurement_id}", response={204: None}
)
def delete_point(request: HttpRequest, child_id: str, series_id: str, measurement_id: str):
    point = _point_of(request, child_id, series_id, measurement_id)
    trials.delete_point(point)
    return Status(204, None)
