"""API routes for concerns, asks and replies (docs/api.md)."""

from __future__ import annotations

import datetime as dt
from typing import Literal
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext
from ninja import Field, Router, Schema, Status
from pydantic import ConfigDict

from playbook.accounts.access import get_for_user
from playbook.advocacy import asks as ask_rules
from playbook.advocacy import concerns as concern_rules
from playbook.advocacy.models import Ask, Concern, Evidence
from playbook.api.common import Day, In, RowOut, conditional_answer
from playbook.children.access import child_for_read, child_for_write
from playbook.children.models import Child

router = Router(tags=["advocacy"])

EvidenceKind = Literal["example", "reason", "data"]
ChannelName = Literal["email", "letter", "phone", "in_person", "meeting"]
StatusName = Literal["open", "answered", "granted", "partly_granted", "refused", "no_reply"]
Outcome = Literal["granted", "partly_granted", "refused", "answered"]


class Error(Schema):
    detail: str


class EvidenceIn(In):
    text: str = Field(min_length=1)
    kind: EvidenceKind = "example"
    date: Day | None = None


class EvidenceOut(Schema):
    id: UUID
    text: str
    kind: str
    date: dt.date | None
    has_attachment: bool


class ConcernIn(In):
    title: str = Field(min_length=1, max_length=200)
    area: str = Field("", max_length=100)
    details: str = ""
    request: str = ""
    evidence: list[EvidenceIn] = []


class ConcernPatch(In):
    title: str | None = Field(None, min_length=1, max_length=200)
    area: str | None = Field(None, max_length=100)
    details: str | None = None
    request: str | None = None
    status: Literal["open", "resolved"] | None = None


class ConcernOut(Schema):
    id: UUID
    title: str
    area: str
    details: str
    request: str
    status: str
    evidence: list[EvidenceOut]


def concern_out(concern: Concern) -> dict:
    return {
        "id": concern.pk,
        "title": concern.title,
        "area": concern.area,
        "details": concern.details,
        "request": concern.request,
        "status": concern.status,
        "evidence": [
            {
                "id": e.pk,
                "text": e.text,
                "kind": e.kind,
                "date": e.date,
                "has_attachment": bool(e.attachment),
            }
            for e in concern.evidence.all()
        ],
    }


@router.get("children/{child_id}/concerns", response=list[ConcernOut])
@conditional_answer
def list_concerns(request: HttpRequest, child_id: str):
    child = child_for_read(request, child_id)
    return [concern_out(c) for c in child.concerns.prefetch_related("evidence")]


@router.post("children/{child_id}/concerns", response={201: ConcernOut})
def create_concern(request: HttpRequest, child_id: str, payload: ConcernIn):
    child = child_for_write(request, child_id)
    with transaction.atomic():
        concern = Concern.objects.create(
            child=child,
            title=payload.title.strip(),
            area=payload.area.strip(),
            details=payload.details,
            request=payload.request,
        )
        for item in payload.evidence:
            concern_rules.add_evidence(concern, text=item.text, kind=item.kind, date=item.date)
    return Status(201, concern_out(concern))


@router.get("concerns/{concern_id}", response=ConcernOut)
def get_concern(request: HttpRequest, concern_id: str):
    return concern_out(get_for_user(request.user, Concern, concern_id))


@router.patch("concerns/{concern_id}", response=ConcernOut)
def patch_concern(request: HttpRequest, concern_id: str, payload: ConcernPatch):
    concern = get_for_user(request.user, Concern, concern_id, write=True)
    changes = payload.dict(exclude_unset=True)
    for name, value in changes.items():
        if value is None:
            continue
        setattr(concern, name, value.strip() if name in ("title", "area") else value)
    concern.save()
    return concern_out(concern)


@router.post("concerns/{concern_id}/evidence", response={201: EvidenceOut})
def add_evidence(request: HttpRequest, concern_id: str, payload: EvidenceIn):
    """One more bullet of evidence (files are added on the concern's page)."""
    concern = get_for_user(request.user, Concern, concern_id, write=True)
    item = concern_rules.add_evidence(
        concern, text=payload.text, kind=payload.kind, date=payload.date
    )
    return Status(
        201,
        {
            "id": item.pk,
            "text": item.text,
            "kind": item.kind,
            "date": item.date,
            "has_attachment": False,
        },
    )


@router.delete("evidence/{evidence_id}", response={204: None})
def remove_evidence(request: HttpRequest, evidence_id: str):
    concern_rules.remove_evidence(get_for_user(request.user, Evidence, evidence_id, write=True))
    return Status(204, None)


class AskIn(In):
    subject: str = Field(min_length=1, max_length=300)
    details: str = ""
    asked_of: UUID | None = None
    asked_on: Day | None = None  # the family's today when left out, as the page's form
    channel: ChannelName = "email"
    status: StatusName = "open"
    reply_due: Day | None = None
    concern: UUID | None = None


class AskOut(RowOut):
    id: UUID
    subject: str
    details: str
    asked_of: UUID | None
    asked_on: dt.date
    channel: str
    status: str
    reply_due: dt.date | None
    reply_text: str
    reply_date: dt.date | None
    concern: UUID | None
    days_waited: int | None
    overdue: bool
    # The chain of command as one thread (decision 0036): the original request an
    # escalation carries up, and the day this ask was carried up to the next person.
    about: UUID | None = None
    escalated_on: dt.date | None = None


def ask_out(ask: Ask, today: dt.date) -> dict:
    wait = ask_rules.waiting(ask, today) if ask.is_open else None
    return {
        "id": ask.pk,
        "subject": ask.subject,
        "details": ask.details,
        "asked_of": ask.asked_of_id,
        "asked_on": ask.asked_on,
        "channel": ask.channel,
        "status": ask.status,
        "reply_due": ask.reply_due,
        "reply_text": ask.reply_text,
        "reply_date": ask.reply_date,
        "concern": ask.concern_id,
        "days_waited": wait.days_waited if wait else None,
        "overdue": bool(wait and wait.overdue),
        "about": ask.about_id,
        "escalated_on": ask.escalated_on,
    }


def _no_team_member(member_id, child: Child) -> str:
    return gettext("asked_of: no team member with id %(id)s for %(child)s.") % {
        "id": member_id,
        "child": child.name,
    }


def _no_concern(concern_id, child: Child) -> str:
    return gettext("concern: no concern with id %(id)s for %(child)s.") % {
        "id": concern_id,
        "child": child.name,
    }


def _today(child: Child, today: dt.date | None) -> dt.date:
    return today or child.today()


@router.get("children/{child_id}/asks", response=list[AskOut])
@conditional_answer
def list_asks(request: HttpRequest, child_id: str, today: Day | None = None):
    child = child_for_read(request, child_id)
    day = _today(child, today)
    return [ask_out(a, day) for a in child.asks.all()]


@router.post("children/{child_id}/asks", response={201: AskOut, 422: Error})
def create_ask(request: HttpRequest, child_id: str, payload: AskIn):
    child = child_for_write(request, child_id)
    asked_of = concern = None
    if payload.asked_of:
        asked_of = child.team.filter(pk=payload.asked_of).first()
        if asked_of is None:
            return Status(422, {"detail": _no_team_member(payload.asked_of, child)})
    if payload.concern:
        concern = child.concerns.filter(pk=payload.concern).first()
        if concern is None:
            return Status(422, {"detail": _no_concern(payload.concern, child)})
    try:
        ask = ask_rules.open_ask(
            child,
            subject=payload.subject,
            asked_on=payload.asked_on or child.today(),
            reply_due_on=payload.reply_due,
            asked_of=asked_of,
            details=payload.details,
            channel=payload.channel,
            status=payload.status,
            concern=concern,
        )
    except ValidationError as error:
        return Status(422, {"detail": _ask_refused(error)})
    return Status(201, ask_out(ask, _today(child, None)))


def _ask_refused(error: ValidationError) -> str:
    """The field an ask's write refused, and why: a day still to come (``asked_on``), else
    the model's reply-date constraint."""
    field = "asked_on" if "asked_on" in getattr(error, "error_dict", {}) else "reply_due"
    return f"{field}: {' '.join(error.messages)}"


class AskPatch(In):
    model_config = ConfigDict(extra="forbid")

    subject: str | None = Field(None, min_length=1, max_length=300)
    details: str | None = None
    asked_of: UUID | None = None
    asked_on: Day | None = None
    channel: ChannelName | None = None
    reply_due: Day | None = None
    concern: UUID | None = None


@router.patch("asks/{ask_id}", response={200: AskOut, 422: Error})
def patch_ask(request: HttpRequest, ask_id: str, payload: AskPatch):
    """The ask's edit page: change what was asked, of whom, when and how, the reply's due
    date and the concern. `asked_of` or `concern` null clears it; `reply_due` null is the
    default again (as when the ask was opened)."""
    ask = get_for_user(
        request.user, Ask, ask_id, write=True, queryset=Ask.objects.select_related("child")
    )
    child = ask.child
    changes = payload.dict(exclude_unset=True)
    for field in ("subject", "details", "asked_on", "channel"):
        if field in changes and changes[field] is None:
            return Status(
                422,
                {
                    "detail": gettext("%(field)s: can't be null; leave it out to keep it.")
                    % {"field": field}
                },
            )
    if changes.get("asked_of") is not None:
        changes["asked_of"] = child.team.filter(pk=changes["asked_of"]).first()
        if changes["asked_of"] is None:
            return Status(422, {"detail": _no_team_member(payload.asked_of, child)})
    if changes.get("concern") is not None:
        changes["concern"] = child.concerns.filter(pk=changes["concern"]).first()
        if changes["concern"] is None:
            return Status(422, {"detail": _no_concern(payload.concern, child)})
    if "subject" in changes:
        changes["subject"] = changes["subject"].strip()
        if not changes["subject"]:
            return Status(422, {"detail": gettext("subject: can't be empty.")})
    try:
        with transaction.atomic():
            ask = ask_rules.edit_ask(ask, **changes)
    except ValidationError as error:
        return Status(422, {"detail": _ask_refused(error)})
    return ask_out(ask, child.today())


class ReplyIn(In):
    text: str = Field(min_length=1)
    date: Day
    outcome: Outcome
    channel: ChannelName | None = None


class HeardSentence(Schema):
    text: str
    refusal: bool
    kind: str | None
    confidence: float
    why: str


class ReplyOut(AskOut):
    entry: UUID
    refusal_detected: bool
    matched: list[str]
    sentences: list[HeardSentence]
    refusal: UUID | None


@router.post("asks/{ask_id}/reply", response={200: ReplyOut, 422: Error})
def reply(request: HttpRequest, ask_id: str, payload: ReplyIn):
    ask = get_for_user(
        request.user,
        Ask,
        ask_id,
        write=True,
        queryset=Ask.objects.select_related("child", "child__household"),
    )
    try:
        result = ask_rules.record_reply(
            ask,
            text=payload.text,
            on=payload.date,
            outcome=payload.outcome,
            channel=payload.channel,
        )
    except ValidationError as error:
        return Status(422, {"detail": f"date: {' '.join(error.messages)}"})
    return {
        **ask_out(ask, payload.date),
        "entry": result.entry.pk,
        "refusal_detected": result.refusal.refusal,
        "matched": result.refusal.matched,
        "sentences": [s.as_dict() for s in result.refusal.sentences],
        "refusal": result.refusal_record.pk if result.refusal_record else None,
    }
