"""API routes for a child's evaluations and discipline removals (docs/api.md). Each write
runs the model's own ``clean`` (through ``validated``), the same checks as the pages."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import ConfigDict, Field

from playbook.accounts.access import for_user, get_for_user
from playbook.children.access import child_for_read, child_for_write
from playbook.deadlines.discipline import removal_year
from playbook.deadlines.models import EvaluationConsent, Removal

from .common import (
    READ_ERRORS,
    WRITE_ERRORS,
    Day,
    In,
    Today,
    choice,
    conditional_answer,
    optional_text,
    refuse_nulls,
    validated,
)

router = Router(tags=["evaluations and removals"])

# --- Evaluations ---------------------------------------------------------------------------


class EvaluationIn(In):
    requested_on: Day | None = Field(None, description="Written request or referral received")
    signed_on: Day | None = Field(None, description="Written consent received by the school")
    report_on: Day | None = Field(None, description="Evaluation report received")
    absences: int = Field(0, ge=0, le=200, description="School days absent meanwhile")
    next_year_starts: Day | None = Field(None, description="First day of the next school year")
    note: optional_text(200) = ""


class EvaluationPatch(In):
    model_config = ConfigDict(extra="forbid")

    requested_on: Day | None = None
    signed_on: Day | None = None
    report_on: Day | None = None
    absences: int | None = Field(None, ge=0, le=200)
    next_year_starts: Day | None = None
    note: optional_text(200) | None = None


class EvaluationOut(Schema):
    id: str
    child: str
    requested_on: date | None
    signed_on: date | None
    report_on: date | None
    absences: int
    next_year_starts: date | None
    note: str


EVALUATION_OPTIONAL = {"requested_on", "signed_on", "report_on", "next_year_starts", "note"}


def _evaluation(e: EvaluationConsent) -> dict:
    return {
        "id": str(e.pk),
        "child": str(e.child_id),
        "requested_on": e.requested_on,
        "signed_on": e.signed_on,
        "report_on": e.report_on,
        "absences": e.absences,
        "next_year_starts": e.next_year_starts,
        "note": e.note,
    }


def _evaluation_of(request, child_id, evaluation_id, write=False) -> EvaluationConsent:
    rows = EvaluationConsent.objects.filter(child_id=child_id)
    return get_for_user(request.user, EvaluationConsent, evaluation_id, write=write, queryset=rows)


@router.get(
    "children/{child_id}/evaluations",
    response={200: list[EvaluationOut], **READ_ERRORS},
    summary="The child's evaluations: request, consent, report, absences",
)
@conditional_answer
def list_evaluations(request: HttpRequest, child_id: str):
    child = child_for_read(request, child_id)
    return [_evaluation(e) for e in for_user(request.user, EvaluationConsent).filter(child=child)]


@router.post(
    "children/{child_id}/evaluations",
    response={201: EvaluationOut, **WRITE_ERRORS},
    summary="Record an evaluation (its clocks appear in the deadlines)",
)
def add_evaluation(request: HttpRequest, child_id: str, payload: EvaluationIn):
    with transaction.atomic():
        child = child_for_write(request, child_id)
        evaluation = validated(EvaluationConsent(child=child, **payload.dict()), exclude=["child"])
        evaluation.save()
    return Status(201, _evaluation(evaluation))


@router.get(
    "children/{child_id}/evaluations/{evaluation_id}",
    response={200: EvaluationOut, **READ_ERRORS},
    summary="One evaluation",
)
def get_evaluation(request: HttpRequest, child_id: str, evaluation_id: str):
    return _evaluation(_evaluation_of(request, child_id, evaluation_id))


@router.patch(
    "children/{child_id}/evaluations/{evaluation_id}",
    response={200: EvaluationOut, **WRITE_ERRORS},
    summary="Change an evaluation's dates (null clears an optional date)",
)
def update_evaluation(
    request: HttpRequest, child_id: str, evaluation_id: str, payload: EvaluationPatch
):
    changes = payload.dict(exclude_unset=True)
    refuse_nulls(changes, optional=EVALUATION_OPTIONAL)
    with transaction.atomic():
        evaluation = _evaluation_of(request, child_id, evaluation_id, write=True)
        for name, value in changes.items():
            setattr(evaluation, name, "" if value is None and name == "note" else value)
        validated(evaluation, exclude=["child"]).save()
    return _evaluation(evaluation)


@router.delete(
    "children/{child_id}/evaluations/{evaluation_id}",
    response={204: None, **WRITE_ERRORS},
    summary="Remove an evaluation",
)
def remove_evaluation(request: HttpRequest, child_id: str, evaluation_id: str):
    with transaction.atomic():
        _evaluation_of(request, child_id, evaluation_id, write=True).delete()
    return Status(204, None)


# --- Removals ------------------------------------------------------------------------------

KindChoice = choice(Removal.Kind.values)


class RemovalIn(In):
    date: Day
    kind: KindChoice = "suspension"
    days: Decimal | None = Field(None, description="School days removed (0.5 for half a day)")
    hours: Decimal | None = Field(None, description="Hours removed, for part of a day")
    school_day_hours: Decimal | None = Field(None, description="Hours in a full school day")
    decided_by: optional_text(150) = ""
    placement_change_on: Day | None = Field(
        None, description="The day the school decided a disciplinary change of placement"
    )
    notes: optional_text(5000) = ""


class RemovalPatch(In):
    model_config = ConfigDict(extra="forbid")

    date: Day | None = None
    kind: KindChoice | None = None
    days: Decimal | None = None
    hours: Decimal | None = None
    school_day_hours: Decimal | None = None
    decided_by: optional_text(150) | None = None
    placement_change_on: Day | None = None
    notes: optional_text(5000) | None = None


class RemovalOut(Schema):
    id: str
    child: str
    date: date
    kind: str
    kind_label: str
    days: Decimal | None
    hours: Decimal | None
    school_day_hours: Decimal | None
    day_count: Decimal = Field(description="School days this removal counts for")
    decided_by: str
    placement_change_on: date | None
    notes: str


class RemovalsOut(Schema):
    school_year_start: date
    school_year_end: date
    days_this_year: Decimal = Field(description="School days of removal this school year")
    rule: str = Field(description="What the count means under 34 CFR § 300.530")
    removals: list[RemovalOut]


REMOVAL_OPTIONAL = {
    "days",
    "hours",
    "school_day_hours",
    "decided_by",
    "placement_change_on",
    "notes",
}


def _removal(r: Removal) -> dict:
    return {
        "id": str(r.pk),
        "child": str(r.child_id),
        "date": r.date,
        "kind": r.kind,
        "kind_label": Removal.Kind(r.kind).label,
        "days": r.days,
        "hours": r.hours,
        "school_day_hours": r.school_day_hours,
        "day_count": r.day_count,
        "decided_by": r.decided_by,
        "placement_change_on": r.placement_change_on,
        "notes": r.notes,
    }


def _removal_of(request, child_id, removal_id, write=False) -> Removal:
    rows = Removal.objects.filter(child_id=child_id)
    return get_for_user(request.user, Removal, removal_id, write=write, queryset=rows)


@router.get(
    "children/{child_id}/removals",
    response={200: RemovalsOut, **READ_ERRORS},
    summary="Discipline removals, with the count of removal days in the school year",
)
@conditional_answer
def list_removals(request: HttpRequest, child_id: str, today: Today = None):
    child = child_for_read(request, child_id)
    rows = list(for_user(request.user, Removal).filter(child=child))
    year = removal_year(child, today or child.today(), rows)
    return {
        "school_year_start": year.start,
        "school_year_end": year.end,
        "days_this_year": year.days,
        "rule": year.rule_words,
        "removals": [_removal(r) for r in rows],
    }


@router.post(
    "children/{child_id}/removals",
    response={201: RemovalOut, **WRITE_ERRORS},
    summary="Record a removal (suspension, early pick-up, in-school removal)",
)
def add_removal(request: HttpRequest, child_id: str, payload: RemovalIn):
    with transaction.atomic():
        child = child_for_write(request, child_id)
        removal = validated(Removal(child=child, **payload.dict()), exclude=["child"])
        removal.save()
    return Status(201, _removal(removal))


@router.get(
    "children/{child_id}/removals/{removal_id}",
    response={200: RemovalOut, **READ_ERRORS},
    summary="One removal",
)
def get_removal(request: HttpRequest, child_id: str, removal_id: str):
    return _removal(_removal_of(request, child_id, removal_id))


@router.patch(
    "children/{child_id}/removals/{removal_id}",
    response={200: RemovalOut, **WRITE_ERRORS},
    summary="Change a removal (null clears an optional field)",
)
def update_removal(request: HttpRequest, child_id: str, removal_id: str, payload: RemovalPatch):
    changes = payload.dict(exclude_unset=True)
    refuse_nulls(changes, optional=REMOVAL_OPTIONAL)
    with transaction.atomic():
        removal = _removal_of(request, child_id, removal_id, write=True)
        for name, value in changes.items():
            text = name in ("decided_by", "notes")
            setattr(removal, name, "" if value is None and text else value)
        validated(removal, exclude=["child"]).save()
    return _removal(removal)


@router.delete(
    "children/{child_id}/removals/{removal_id}",
    response={204: None, **WRITE_ERRORS},
    summary="Remove a removal entered by mistake",
)
def remove_removal(request: HttpRequest, child_id: str, removal_id: str):
    with transaction.atomic():
        _removal_of(request, child_id, removal_id, write=True).delete()
    return Status(204, None)
