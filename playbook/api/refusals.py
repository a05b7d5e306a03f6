"""API routes for refusals, the refusal recogniser and the chain-of-command ladder
(docs/api.md: children/{id}/refusals, refusals/detect, children/{id}/ladder)."""

from __future__ import annotations

import uuid
from datetime import date

from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from playbook.accounts.access import for_user
from playbook.advocacy.models import Ask
from playbook.api.common import conditional_answer
from playbook.children.access import child_for_read, child_for_write
from playbook.children.models import Child, TeamMember
from playbook.refusals.ladder import TOPICS, UnknownTopic, build_ladder, involved_in, roster_of
from playbook.refusals.models import Refusal
from playbook.refusals.refusals import log_refusal
from playbook.trail.refusal_language import detect

router = Router(tags=["refusals"])

MAX_WORDS = 20_000
# Far more than any email; keeps one request under a second or two of CPU.
MAX_DETECT_CHARS = 200_000


class RefusalIn(Schema):
    said_by: str | None = None
    said_on: str | None = None
    words: str | None = None
    ask: str | None = None


class DetectIn(Schema):
    text: str = ""


class SentenceOut(Schema):
    text: str
    refusal: bool
    kind: str | None
    confidence: float
    why: str


class DetectOut(Schema):
    refusal: bool
    matched: list[str]
    needs_supervisor: bool
    supervisor_matched: list[str]
    sentences: list[SentenceOut]
    kind: str | None
    move: str | None
    note: str


class RungOut(Schema):
    role: str
    label: str
    roles: list[str]
    members: list[str]
    present: bool
    next: bool


class LadderOut(Schema):
    topic: str
    rungs: list[RungOut]


class Unprocessable(HttpError):
    """422 whose detail names every field to fix."""

    def __init__(self, errors: dict[str, str]):
        self.errors = errors
        super().__init__(422, "; ".join(f"{field}: {message}" for field, message in errors.items()))


def _kind_json(refusal: Refusal) -> dict | None:
    kind = refusal.kind_of_no
    if kind is None:
        return None
    return {"id": kind.id, "name": kind.name, "meaning": kind.meaning, "move": kind.move}


def refusal_json(refusal: Refusal) -> dict:
    return {
        "id": str(refusal.pk),
        "said_by": str(refusal.said_by_id) if refusal.said_by_id else None,
        "said_by_name": refusal.said_by.name if refusal.said_by else None,
        "said_on": refusal.said_on.isoformat(),
        "words": refusal.words,
        "kind": _kind_json(refusal),
        "ask": str(refusal.ask_id) if refusal.ask_id else None,
        "entry": str(refusal.entry_id) if refusal.entry_id else None,
        "matched": refusal.matched,
        "policy_outcome": refusal.policy_outcome,
        "policy_citation": refusal.policy_citation,
        "policy_outcome_on": (
            refusal.policy_outcome_on.isoformat() if refusal.policy_outcome_on else None
        ),
    }


def _one_of_child(model, child: Child, value: str, user) -> object | None:
    try:
        pk = uuid.UUID(str(value))
    except ValueError:
        return None
    return for_user(user, model).filter(child=child, pk=pk).first()


@router.get("/children/{child_id}/refusals", summary="The refusals logged for a child")
@conditional_answer
def list_refusals(request: HttpRequest, child_id: str):
    child = child_for_read(request, child_id)
    refusals = for_user(request.user, Refusal).filter(child=child).select_related("said_by")
    return [refusal_json(r) for r in refusals]


@router.post("/children/{child_id}/refusals", summary="Log a refusal", response={201: dict})
def create_refusal(request: HttpRequest, child_id: str, payload: RefusalIn):
    child = child_for_write(request, child_id)
    errors: dict[str, str] = {}
    said_by = None
    if payload.said_by:
        said_by = _one_of_child(TeamMember, child, payload.said_by, request.user)
        if said_by is None:
            errors["said_by"] = "no team member with this id on this child's team."
    said_on = None
    if not payload.said_on:
        errors["said_on"] = "required: the date the school said no, like 2025-03-03."
    else:
        try:
            said_on = date.fromisoformat(payload.said_on)
        except ValueError:
            errors["said_on"] = f"{payload.said_on!r} is not a date; use YYYY-MM-DD."
    words = (payload.words or "").strip()
    if not words:
        errors["words"] = "required: the words the school used, as close as you remember."
    elif len(words) > MAX_WORDS:
        errors["words"] = f"too long ({len(words)} characters; at most {MAX_WORDS})."
    ask = None
    if payload.ask:
        ask = _one_of_child(Ask, child, payload.ask, request.user)
        if ask is None:
            errors["ask"] = "no ask with this id for this child."
    if errors:
        raise Unprocessable(errors)
    refusal = log_refusal(child, said_by=said_by, said_on=said_on, words=words, ask=ask)
    return Status(201, refusal_json(refusal))


@router.post("/refusals/detect", response=DetectOut, summary="Recognise refusal language")
def detect_refusal(request: HttpRequest, payload: DetectIn):
    if len(payload.text) > MAX_DETECT_CHARS:
        raise HttpError(
            413, f"That text is too long to check: at most {MAX_DETECT_CHARS:,} characters."
        )
    detection = detect(payload.text)
    kind = detection.kind
    return {
        "refusal": detection.refusal,
        "matched": detection.matched,
        "needs_supervisor": detection.needs_supervisor,
        "supervisor_matched": detection.supervisor_matched,
        "sentences": [s.as_dict() for s in detection.sentences],
        "kind": kind.id if kind else None,
        "move": kind.move if kind else None,
        "note": detection.note,
    }


@router.get(
    "/children/{child_id}/ladder", response=LadderOut, summary="The chain of command for a topic"
)
@conditional_answer
def ladder(request: HttpRequest, child_id: str, topic: str = "", ask: str = "", today: str = ""):
    child = child_for_read(request, child_id)
    the_ask = None
    if ask:
        the_ask = _one_of_child(Ask, child, ask, request.user)
        if the_ask is None:
            raise Unprocessable({"ask": "no ask with this id for this child."})
    if today:
        try:
            date.fromisoformat(today)
        except ValueError as exc:
            raise Unprocessable({"today": f"{today!r} is not a date; use YYYY-MM-DD."}) from exc
    try:
        built = build_ladder(roster_of(child), topic or "", involved_in(the_ask))
    except UnknownTopic as exc:
        raise Unprocessable(
            {"topic": f"{topic!r} is not a topic; use one of {', '.join(TOPICS)}."}
        ) from exc
    return {"topic": built.topic, "rungs": [rung.__dict__ for rung in built.rungs]}
