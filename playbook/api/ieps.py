"""API routes for a child's IEPs with their services, goals and accommodations (docs/api.md)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models, transaction
from django.http import HttpRequest
from django.utils.translation import gettext
from ninja import Router, Schema, Status
from pydantic import BeforeValidator, Field, ValidationInfo, field_validator

from playbook.accounts.access import for_user, get_for_user
from playbook.api.common import In, conditional_answer
from playbook.children.access import child_for_read, child_for_write
from playbook.children.computed import records_changed
from playbook.children.forms import IEPForm, ServiceFormSet, save_iep
from playbook.children.models import IEP, Accommodation, Goal, Per, Service

from .common import (
    READ_ERRORS,
    WRITE_ERRORS,
    Day,
    choice,
    error_responses,
    optional_text,
    text,
    validated,
)

router = Router(tags=["ieps"])

PerChoice = choice(Per.values)


class ServiceIn(In):
    service: text(150)
    minutes: int = Field(ge=1, le=10_000, description="Minutes in all, each `per` period.")
    per: PerChoice
    sessions: int | None = Field(
        None, ge=1, le=1_000, description="How many sessions make up those minutes, if stated."
    )
    setting: optional_text(150) = ""
    provider_role: optional_text(150) = ""


class GoalIn(In):
    text: text(5000)
    area: optional_text(100) = ""
    baseline: optional_text(500) = Field(
        "", description="Where the child started, as the IEP says."
    )


class AccommodationIn(In):
    text: text(5000)


def _text_item(schema: type[Schema]) -> Any:
    """A list item given as plain text (the contract) or as an object with `text`."""

    def as_object(value: Any) -> Any:
        if isinstance(value, str):
            return {"text": value}
        if not isinstance(value, dict):
            raise ValueError(gettext('Give each item as text, like "Extended time on tests".'))
        return value

    return Annotated[schema, BeforeValidator(as_object, json_schema_input_type=str | schema)]


class IEPIn(In):
    meeting_date: Day | None = None
    start_date: Day
    end_date: Day = Field(description="The annual review is due by this date.")
    last_evaluation_date: Day | None = None
    reevaluation_due: Day | None = Field(
        None,
        description="Derived when absent: three years after the last evaluation, or the state's shorter "
        "cycle (two years for intellectual disability in Pennsylvania).",
    )
    placement: optional_text(300) = ""
    progress_reporting: optional_text(300) = ""
    parent_concerns_text: optional_text(20_000) = ""
    services: list[ServiceIn] = Field(default_factory=list, max_length=100)
    goals: list[_text_item(GoalIn)] = Field(
        default_factory=list, max_length=200, description="Each goal as text (or {text, area})."
    )
    accommodations: list[_text_item(AccommodationIn)] = Field(
        default_factory=list, max_length=200, description="Each accommodation as text."
    )

    @field_validator("end_date")
    @classmethod
    def _end_after_start(cls, value: date, info: ValidationInfo) -> date:
        start = info.data.get("start_date")
        if start is not None and value <= start:
            raise ValueError(
                gettext("Must be after start_date (the IEP runs from start_date to end_date).")
            )
        return value

    @field_validator("reevaluation_due")
    @classmethod
    def _reevaluation_after_evaluation(cls, value: date | None, info: ValidationInfo):
        last = info.data.get("last_evaluation_date")
        if value is not None and last is not None and value <= last:
            raise ValueError(gettext("Must be after last_evaluation_date."))
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
    baseline: str


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
        "goals": [
            {"id": str(g.pk), "text": g.text, "area": g.area, "baseline": g.baseline}
            for g in iep.goals.all()
        ],
        "accommodations": [{"id": str(a.pk), "text": a.text} for a in iep.accommodations.all()],
    }


def _ieps(request: HttpRequest) -> models.QuerySet[IEP]:
    return for_user(request.user, IEP).prefetch_related("services", "goals", "accommodations")


@router.get(
    "children/{child_id}/ieps",
    response={200: list[IEPOut], **READ_ERRORS},
    summary="The child's IEPs, the one in effect first",
)
@conditional_answer
def list_ieps(request: HttpRequest, child_id: str):
    child = child_for_read(request, child_id)
    return [_iep(iep) for iep in _ieps(request).filter(child=child)]


@router.post(
    "children/{child_id}/ieps",
    response={201: IEPOut, **WRITE_ERRORS},
    summary="Record an IEP with its services, goals and accommodations",
)
def create_iep(request: HttpRequest, child_id: str, payload: IEPIn):
    data = payload.dict(exclude={"services", "goals", "accommodations"})
    with transaction.atomic():
        child = child_for_write(request, child_id)
        iep = validated(IEP(child=child, **data), exclude=["child", "file"])
        iep.save()
        Service.objects.bulk_create(
            validated(Service(iep=iep, position=i, **s.dict()), exclude=["iep"])
            for i, s in enumerate(payload.services)
        )
        Goal.objects.bulk_create(
            validated(Goal(iep=iep, position=i, **g.dict()), exclude=["iep"])
            for i, g in enumerate(payload.goals)
        )
        Accommodation.objects.bulk_create(
            validated(Accommodation(iep=iep, position=i, **a.dict()), exclude=["iep"])
            for i, a in enumerate(payload.accommodations)
        )
        records_changed(child.pk)  # bulk_create sends no post_save
    return Status(201, _iep(_ieps(request).get(pk=iep.pk)))


@router.get(
    "children/{child_id}/ieps/{iep_id}",
    response={200: IEPOut, **READ_ERRORS},
    summary="One IEP",
)
def get_iep(request: HttpRequest, child_id: str, iep_id: str):
    queryset = _ieps(request).filter(child_id=child_id)
    return _iep(get_for_user(request.user, IEP, iep_id, queryset=queryset))


class ServiceChange(In):
    id: str | None = Field(None, description="A service of this IEP to change; absent: a new one.")
    service: text(150)
    minutes: int = Field(ge=1, le=10_000)
    per: PerChoice
    sessions: int | None = Field(None, ge=1, le=1_000)
    setting: optional_text(150) = ""


class IEPChange(In):
    """What the IEP's edit page changes, as that page changes it (one write: save_iep)."""

    meeting_date: Day | None = None
    start_date: Day | None = None
    end_date: Day | None = None
    last_evaluation_date: Day | None = None
    reevaluation_due: Day | None = None
    services: list[ServiceChange] | None = Field(
        None,
        max_length=40,
        description="Services to change (with their `id`) or add (without); the others stay.",
    )
    remove_services: list[str] = Field(
        default_factory=list,
        description="Services of this IEP to remove, with the sessions logged for them.",
    )
    goals: list[str] | None = Field(
        None, max_length=200, description="The whole list of goals, one text each, as on the page."
    )
    accommodations: list[str] | None = Field(None, max_length=200)


_DATES = ("meeting_date", "start_date", "end_date", "last_evaluation_date", "reevaluation_due")
_SERVICE_FIELDS = ("service", "minutes", "per", "sessions", "setting")


def _as_form_value(value: Any) -> str:
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, date) else str(value)


def _edit_page_data(iep: IEP, existing: list[Service], payload: IEPChange) -> dict[str, str]:
    """The edit page's form as a browser would post it: what the IEP holds now, with the
    payload's changes written over it."""
    changes = payload.dict(exclude_unset=True)
    data = {name: _as_form_value(changes.get(name, getattr(iep, name))) for name in _DATES}
    goals = changes.get("goals")
    data["goals_text"] = "\n".join(
        goals if goals is not None else (g.text for g in iep.goals.all())
    )
    kept = changes.get("accommodations")
    data["accommodations_text"] = "\n".join(
        kept if kept is not None else (a.text for a in iep.accommodations.all())
    )
    by_id = {str(s.pk): s for s in existing}
    changed = {item.id: item for item in payload.services or () if item.id}
    unknown = sorted((set(changed) | set(payload.remove_services)) - set(by_id))
    if unknown:
        raise DjangoValidationError(
            {"services": gettext("no service of this IEP has the id %(id)s.") % {"id": unknown[0]}}
        )
    new = [item for item in payload.services or () if not item.id]
    rows = []
    for service in existing:
        item = changed.get(str(service.pk))
        values = {f: getattr(item or service, f) for f in _SERVICE_FIELDS}
        rows.append({"id": str(service.pk), **values,
                     "DELETE": "on" if str(service.pk) in payload.remove_services else ""})  # fmt: skip
    rows += [{"id": "", **{f: getattr(item, f) for f in _SERVICE_FIELDS}} for item in new]
    data.update({"services-TOTAL_FORMS": str(len(rows)),
                 "services-INITIAL_FORMS": str(len(existing)),
                 "services-MIN_NUM_FORMS": "0", "services-MAX_NUM_FORMS": "1000"})  # fmt: skip
    for index, row in enumerate(rows):
        for name, value in row.items():
            if name == "DELETE" and not value:
                continue
            data[f"services-{index}-{name}"] = _as_form_value(value)
        data[f"services-{index}-iep"] = str(iep.pk)
    return data


def _form_errors(form, services) -> dict[str, str]:
    errors = {name: " ".join(messages) for name, messages in form.errors.items()}
    for index, row in enumerate(services.forms):
        for name, messages in row.errors.items():
            errors[f"services.{index}.{name}"] = " ".join(messages)
    if services.non_form_errors():
        errors["services"] = " ".join(services.non_form_errors())
    return {"goals" if k == "goals_text" else "accommodations" if k == "accommodations_text"
            else k: v for k, v in errors.items()}  # fmt: skip


@router.patch(
    "children/{child_id}/ieps/{iep_id}",
    response={200: IEPOut, **WRITE_ERRORS},
    summary="Correct a saved IEP's dates, services, goals or accommodations (as its edit page)",
)
def edit_iep(request: HttpRequest, child_id: str, iep_id: str, payload: IEPChange):
    child = child_for_write(request, child_id)
    queryset = IEP.objects.filter(child=child)
    iep = get_for_user(request.user, IEP, iep_id, write=True, queryset=queryset)
    existing = list(Service.objects.filter(iep=iep).order_by("position", "service"))
    data = _edit_page_data(iep, existing, payload)
    form = IEPForm(data, {}, instance=iep)
    services = ServiceFormSet(
        data,
        instance=iep,
        prefix="services",
        queryset=Service.objects.order_by("position", "service"),
    )
    form_ok, services_ok = form.is_valid(), services.is_valid()
    if not (form_ok and services_ok):
        raise DjangoValidationError(_form_errors(form, services))
    save_iep(form, services)
    return _iep(_ieps(request).get(pk=iep.pk))


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
