"""API routes for the services ledger, the IEP comparison and the IEP checks (docs/api.md)."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext
from ninja import File, Query, Router, Schema, Status
from ninja.files import UploadedFile
from pydantic import Field, field_validator

from playbook.accounts.access import get_for_user
from playbook.api.common import Day, In, conditional_answer
from playbook.children.access import child_for_read, child_for_write
from playbook.children.models import IEP, Child, Service
from playbook.ledger.checks import check_iep, previous_iep
from playbook.ledger.compare import compare_ieps
from playbook.ledger.csv_import import import_service_log
from playbook.ledger.forms import usual_session_minutes
from playbook.ledger.lines import child_ledger
from playbook.ledger.models import (
    MAX_SESSION_MINUTES,
    LedgerSettings,
    MissedReason,
    ServiceSession,
    SessionStatus,
)

router = Router(tags=["ledger"])


class Detail(Schema):
    detail: str


class SessionIn(In):
    date: Day
    status: SessionStatus
    minutes: int | None = Field(
        None,
        ge=0,
        le=MAX_SESSION_MINUTES,
        description="Minutes given (delivered, shortened, made up) or due (missed). "
        "Default: the service's usual session length.",
    )
    reason: MissedReason | None = Field(
        None, description="Why a session was missed; default unknown. Ignored otherwise."
    )
    provider: str = Field("", max_length=150)
    note: str = Field("", max_length=500)

    @field_validator("reason", mode="before")
    @classmethod
    def _no_reason(cls, value: Any) -> Any:
        # "" is how a form or a CSV says "no reason" (a delivered session has none): not a
        # reason to refuse the session.
        return None if isinstance(value, str) and not value.strip() else value


class SessionOut(Schema):
    id: UUID
    service: UUID
    date: date
    minutes: int
    status: str
    reason: str
    provider: str
    note: str


class SessionImportOut(Schema):
    imported: int
    duplicates: int
    rejected: list[dict]


def _session_out(session: ServiceSession) -> dict:
    return {
        "id": session.pk,
        "service": session.service_id,
        "date": session.date,
        "minutes": session.minutes,
        "status": session.status,
        "reason": session.reason,
        "provider": session.provider,
        "note": session.note,
    }


def _service(request: HttpRequest, child: Child, service_id: str) -> Service:
    return get_for_user(
        request.user, Service, service_id, queryset=Service.objects.filter(iep__child=child)
    )


@router.get(
    "children/{child_id}/services/{service_id}/sessions",
    response=list[SessionOut],
    summary="Sessions logged for one service, newest first",
)
def list_sessions(
    request: HttpRequest,
    child_id: str,
    service_id: str,
    start: Day | None = Query(None, alias="from"),  # noqa: B008
    end: Day | None = Query(None, alias="to"),  # noqa: B008
):
    child = child_for_read(request, child_id)
    service = _service(request, child, service_id)
    sessions = ServiceSession.objects.filter(service=service)
    if start:
        sessions = sessions.filter(date__gte=start)
    if end:
        sessions = sessions.filter(date__lte=end)
    return [_session_out(s) for s in sessions]


@router.delete(
    # uuid: so that ".../sessions/import" is never taken for a session id
    "children/{child_id}/services/{service_id}/sessions/{uuid:session_id}",
    response={204: None},
    summary="Remove a session logged by mistake",
)
def delete_session(request: HttpRequest, child_id: str, service_id: str, session_id: UUID):
    child = child_for_write(request, child_id)
    service = _service(request, child, service_id)
    session = get_for_user(
        request.user,
        ServiceSession,
        session_id,
        queryset=ServiceSession.objects.filter(service=service),
    )
    session.delete()
    return Status(204, None)


class ThresholdIn(In):
    owed_threshold_minutes: int = Field(ge=1, le=10000)


@router.put(
    "children/{child_id}/ledger/threshold",
    response={200: ThresholdIn},
    summary="Minutes owed on one service before make-up services are suggested",
)
def set_threshold(request: HttpRequest, child_id: str, payload: ThresholdIn):
    child = child_for_write(request, child_id)
    LedgerSettings.objects.update_or_create(
        child=child, defaults={"owed_threshold_minutes": payload.owed_threshold_minutes}
    )
    return Status(200, {"owed_threshold_minutes": payload.owed_threshold_minutes})


@router.post(
    "children/{child_id}/services/{service_id}/sessions",
    response={201: SessionOut, 422: Detail},
    summary="Log a session",
)
def add_session(
    request: HttpRequest,
    child_id: str,
    service_id: str,
    payload: SessionIn,
    today: Day | None = None,
):
    child = child_for_write(request, child_id)
    service = _service(request, child, service_id)
    today = today or child.today()
    if payload.date > today:
        return Status(
            422,
            {
                "detail": gettext("date %(date)s is in the future (today is %(today)s).")
                % {"date": payload.date, "today": today}
            },
        )
    minutes = payload.minutes
    if minutes is None:
        last = (
            ServiceSession.objects.filter(service=service)
            .filter(status__in=[SessionStatus.DELIVERED, SessionStatus.MADE_UP])
            .values_list("minutes", flat=True)
            .first()
        )
        minutes = usual_session_minutes(service, last)
    if payload.status != SessionStatus.MISSED and minutes == 0:
        return Status(
            422,
            {
                "detail": gettext("minutes: a %(status)s session can't be 0 minutes.")
                % {"status": payload.status.value}
            },
        )
    reason = (payload.reason or MissedReason.UNKNOWN) if payload.status == "missed" else ""
    session = ServiceSession.objects.create(
        service=service,
        date=payload.date,
        minutes=minutes,
        status=payload.status,
        reason=reason,
        provider=payload.provider,
        note=payload.note,
    )
    return Status(201, _session_out(session))


@router.post(
    "children/{child_id}/services/{service_id}/sessions/import",
    response={200: SessionImportOut, 413: Detail, 422: Detail},
    summary="Import a school's service log (CSV)",
)
def import_sessions(
    request: HttpRequest,
    child_id: str,
    service_id: str,
    file: UploadedFile = File(...),  # noqa: B008
    today: Day | None = None,
):
    child = child_for_write(request, child_id)
    service = _service(request, child, service_id)
    if file.size > settings.MAX_UPLOAD_BYTES:
        return Status(413, {"detail": gettext("The file is larger than the upload limit.")})
    report = import_service_log(service, file.read(), today=today or child.today())
    return Status(200, report.as_dict())


def _tally_out(line) -> dict:
    t = line.tally
    return {
        "service": line.name,
        "service_id": str(line.service.pk),
        "minutes": line.service.minutes,
        "per": line.service.per,
        "from": line.start,
        "to": line.end,
        "scheduled": t.scheduled,
        "child_absent": t.child_absent,
        "promised": t.promised,
        "delivered": t.delivered,
        "made_up": t.made_up,
        "missed": t.missed,
        "missed_by_reason": t.missed_by_reason,
        "owed": t.owed,
        "surplus": t.surplus,
        "over_threshold": line.over_threshold,
        "sessions": len(line.sessions),
        "in_force": [
            {
                "service_id": str(f.service.pk),
                "minutes": f.service.minutes,
                "per": f.service.per,
                "from": f.start,
                "to": f.end,
            }
            for f in line.in_force
        ],
    }


@router.get(
    "children/{child_id}/ledger",
    response={200: dict, 422: Detail},
    summary="Per service: minutes promised, delivered, missed and owed",
    description="Default range: the current IEP's start to today. School days only; the "
    "child's own absences reduce what is promised. `to` is never later than `today`.",
)
@conditional_answer
def ledger(
    request: HttpRequest,
    child_id: str,
    start: Day | None = Query(None, alias="from"),  # noqa: B008
    end: Day | None = Query(None, alias="to"),  # noqa: B008
    today: Day | None = None,
):
    child = child_for_read(request, child_id)
    if start and end and start > end:
        return Status(422, {"detail": gettext("from must not be later than to.")})
    result = child_ledger(child, today=today or child.today(), start=start, end=end)
    return Status(
        200,
        {
            "from": result.start,
            "to": result.end,
            "today": result.today,
            "iep": str(result.iep.pk) if result.iep else None,
            "threshold": result.threshold,
            "services": [_tally_out(line) for line in result.lines],
        },
    )


@router.get(
    "children/{child_id}/ieps/compare",
    response={200: dict, 404: Detail, 422: Detail},
    summary="What changed from IEP a (earlier) to IEP b (later)",
    description="Default: the two most recent IEPs. Services are matched by name; minutes are "
    "compared per the same period, or both converted to minutes per week.",
)
@conditional_answer
def compare(request: HttpRequest, child_id: str, a: str | None = None, b: str | None = None):
    child = child_for_read(request, child_id)
    ieps = {
        str(i.pk): i for i in child.ieps.prefetch_related("services", "goals", "accommodations")
    }
    if bool(a) != bool(b):
        return Status(
            422,
            {"detail": gettext("Give both a and b (IEP ids), or neither for the two most recent.")},
        )
    if not a:
        if len(ieps) < 2:
            return Status(
                422,
                {
                    "detail": gettext("Comparing needs two IEPs; this child has %(n)s.")
                    % {"n": len(ieps)}
                },
            )
        newest = list(ieps.values())  # ordered newest first
        return Status(200, compare_ieps(newest[1], newest[0]).as_dict())
    for name, value in (("a", a), ("b", b)):
        if value not in ieps and _normal_uuid(value) not in ieps:
            return Status(
                404,
                {
                    "detail": gettext("No IEP with id %(id)s (parameter %(name)s).")
                    % {"id": repr(value), "name": name}
                },
            )
    earlier, later = ieps.get(a) or ieps[_normal_uuid(a)], ieps.get(b) or ieps[_normal_uuid(b)]
    return Status(200, compare_ieps(earlier, later).as_dict())


def _normal_uuid(value: str) -> str:
    try:
        return str(UUID(value))
    except ValueError:
        return value


@router.get(
    "children/{child_id}/ieps/checks",
    response={200: dict},
    summary="Quality checks on the IEP in force",
)
@conditional_answer
def checks(request: HttpRequest, child_id: str, today: Day | None = None):
    child = child_for_read(request, child_id)
    ieps = list(child.ieps.prefetch_related("services", "goals", "accommodations"))
    day = today or child.today()
    started = [i for i in ieps if i.start_date <= day]
    iep: IEP | None = started[0] if started else (ieps[0] if ieps else None)
    findings = check_iep(iep, previous_iep(ieps, iep)) if iep else []
    return {"iep": str(iep.pk) if iep else None, "findings": [f.as_dict() for f in findings]}
