"""API routes for refusals, the refusal recogniser and the chain-of-command ladder
(docs/api.md: children/{id}/refusals, refusals/detect, children/{id}/ladder)."""

from __future__ import annotations

import uuid
from datetime import date

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext
from ninja import Field, File, Form, Router, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile

from playbook.accounts.access import for_user, get_for_user
from playbook.advocacy.models import Ask
from playbook.api.common import WRITE_ERRORS, Day, In, conditional_answer
from playbook.children.access import child_for_read, child_for_write
from playbook.children.models import Child, TeamMember
from playbook.plain_text import block_problem, line_problem
from playbook.refusals.ladder import TOPICS, UnknownTopic, build_ladder, involved_in, roster_of
from playbook.refusals.models import Refusal
from playbook.refusals.refusals import (
    SAID_LATER,
    PolicyDocument,
    PolicyOutcome,
    log_refusal,
    policy_outcome_problems,
    record_policy_outcome,
)
from playbook.school_language.kinds import explained
from playbook.trail.refusal_language import detect

router = Router(tags=["refusals"])

MAX_WORDS = 20_000
# Far more than any email; keeps one request under a second or two of CPU.
MAX_DETECT_CHARS = 200_000
MAX_CITATION, MAX_NOTES = 300, 5000
# Optional so that a request without the file gets our own 400, not a validation list.
_POLICY_FILE = File(None)


class RefusalIn(In):
    said_by: str | None = None
    said_on: str | None = None
    words: str | None = None
    ask: str | None = None


class PolicyOutcomeIn(In):
    outcome: str
    on: Day | None = None
    citation: str = Field("", max_length=300)
    notes: str = Field("", max_length=5000)


# Not `In`: nothing of it is saved, so pasted text is read whatever characters it holds (a
# form feed from a PDF, say).
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


def not_a_date(given: str) -> str:
    return gettext("%(given)s is not a date; use YYYY-MM-DD.") % {"given": repr(given)}


def keep_to(limit: int) -> str:
    return gettext("keep this to %(n)s characters or fewer.") % {"n": limit}


def _kind_json(refusal: Refusal) -> dict | None:
    kind = refusal.kind_of_no
    if kind is None:
        return None
    # Text for people in the request's language (decision 0041); id and move are codes.
    name, meaning, _ = explained(kind)
    return {"id": kind.id, "name": name, "meaning": meaning, "move": kind.move}


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
        "policy_entry": str(refusal.policy_entry_id) if refusal.policy_entry_id else None,
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
            errors["said_by"] = gettext("no team member with this id on this child's team.")
    said_on = None
    if not payload.said_on:
        errors["said_on"] = gettext("required: the date the school said no, like 2025-03-03.")
    else:
        try:
            said_on = date.fromisoformat(payload.said_on)
        except ValueError:
            errors["said_on"] = not_a_date(payload.said_on)
        else:
            if said_on > child.today():  # as the page's form: the trail records what happened
                errors["said_on"] = gettext(SAID_LATER)
    words = (payload.words or "").strip()
    if not words:
        errors["words"] = gettext("required: the words the school used, as close as you remember.")
    elif len(words) > MAX_WORDS:
        errors["words"] = gettext("too long (%(n)s characters; at most %(max)s).") % {
            "n": len(words),
            "max": MAX_WORDS,
        }
    ask = None
    if payload.ask:
        ask = _one_of_child(Ask, child, payload.ask, request.user)
        if ask is None:
            errors["ask"] = gettext("no ask with this id for this child.")
    if errors:
        raise Unprocessable(errors)
    refusal = log_refusal(child, said_by=said_by, said_on=said_on, words=words, ask=ask)
    return Status(201, refusal_json(refusal))


@router.post("/refusals/detect", response=DetectOut, summary="Recognise refusal language")
def detect_refusal(request: HttpRequest, payload: DetectIn):
    if len(payload.text) > MAX_DETECT_CHARS:
        raise HttpError(
            413,
            gettext("That text is too long to check: at most %(max)s characters.")
            % {"max": f"{MAX_DETECT_CHARS:,}"},
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


@router.get("/refusals/{refusal_id}", summary="One refusal")
def get_refusal(request: HttpRequest, refusal_id: str):
    refusal = get_for_user(request.user, Refusal, refusal_id)
    return refusal_json(refusal)


@router.post(
    "/refusals/{refusal_id}/policy-outcome",
    summary="Record what came of asking for the written policy",
)
def set_policy_outcome(request: HttpRequest, refusal_id: str, payload: PolicyOutcomeIn):
    """The refusal page's "What happened when you asked?", through the same
    ``record_policy_outcome``: ``pending``, ``produced`` (with ``citation``), ``none_exists``
    or ``no_reply``, ``on`` the family's today when left out. After ``none_exists`` or
    ``no_reply`` the ``policy_renewal`` letter can be drafted."""
    refusal = get_for_user(request.user, Refusal, refusal_id, write=True)
    child = refusal.child
    on = payload.on or child.today()
    problems = policy_outcome_problems(
        outcome=payload.outcome,
        on=on,
        citation=payload.citation,
        has_document=False,
        today=child.today(),
    )
    if problems:
        raise Unprocessable(problems)
    record_policy_outcome(
        refusal,
        outcome=payload.outcome,
        on=on,
        citation=payload.citation.strip(),
        notes=payload.notes.strip(),
    )
    return refusal_json(refusal)


@router.post(
    "/refusals/{refusal_id}/policy-document",
    response={201: dict, **WRITE_ERRORS},
    summary="Attach the written policy the school produced",
)
def attach_policy_document(
    request: HttpRequest,
    refusal_id: str,
    file: UploadedFile | None = _POLICY_FILE,
    on: Form[Day | None] = None,
    citation: Form[str] = "",
    notes: Form[str] = "",
):
    """Multipart: the refusal page's "They showed me a written policy or law" with the
    document attached, through the same ``record_policy_outcome``. ``file`` (required: a
    PDF, photo or document, up to PLAYBOOK_MAX_UPLOAD_MB, as on the page), ``on`` (default:
    the family's today), ``citation`` and ``notes``. The outcome becomes ``produced``; the
    file goes into the paper trail as a received document (``policy_entry``), downloadable
    at ``document.url``. Nothing is saved when anything is refused."""
    refusal = get_for_user(request.user, Refusal, refusal_id, write=True)
    if file is None:
        return Status(
            400,
            {"detail": gettext("Send the policy document in a multipart field named 'file'.")},
        )
    limit = settings.MAX_UPLOAD_BYTES
    if file.size and file.size > limit:
        return Status(
            413,
            {
                "detail": gettext(
                    "That file is %(size)s MB; the limit is %(limit)s MB. Send a smaller file "
                    "(a scan at lower resolution, or the pages that matter)."
                )
                % {"size": f"{file.size / (1024 * 1024):.1f}", "limit": limit // (1024 * 1024)}
            },
        )
    errors: dict[str, str] = {}
    if not file.size:
        errors["file"] = gettext("the file is empty; choose the document again.")
    if len(citation) > MAX_CITATION:
        errors["citation"] = keep_to(MAX_CITATION)
    if len(notes) > MAX_NOTES:
        errors["notes"] = keep_to(MAX_NOTES)
    # Form fields are not a schema (In): their text is checked here, as a schema's would be.
    for field, problem in (
        ("citation", line_problem(citation.strip())),
        ("notes", block_problem(notes.strip())),
    ):
        if problem:
            errors[field] = problem
    child = refusal.child
    today = child.today()
    day = on or today
    errors.update(
        policy_outcome_problems(
            outcome=PolicyOutcome.PRODUCED,
            on=day,
            citation=citation,
            has_document=True,
            today=today,
        )
    )
    if errors:
        raise Unprocessable(errors)
    document = PolicyDocument(
        file.name or "policy", file.read(), file.content_type or "application/octet-stream"
    )
    record_policy_outcome(
        refusal,
        outcome=PolicyOutcome.PRODUCED,
        on=day,
        citation=citation.strip(),
        notes=notes.strip(),
        document=document,
    )
    attachment = refusal.policy_entry.attachments.get()
    return Status(
        201,
        refusal_json(refusal)
        | {
            "document": {
                "id": str(attachment.pk),
                "name": attachment.filename,
                "content_type": attachment.content_type,
                "size": attachment.size,
                "sha256": attachment.sha256,
                "url": reverse("api:trail_attachment", kwargs={"attachment_id": attachment.pk}),
            }
        },
    )


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
            raise Unprocessable({"ask": gettext("no ask with this id for this child.")})
    if today:
        try:
            date.fromisoformat(today)
        except ValueError as exc:
            raise Unprocessable({"today": not_a_date(today)}) from exc
    try:
        built = build_ladder(roster_of(child), topic or "", involved_in(the_ask))
    except UnknownTopic as exc:
        raise Unprocessable(
            {
                "topic": gettext("%(topic)s is not a topic; use one of %(topics)s.")
                % {"topic": repr(topic), "topics": ", ".join(TOPICS)}
            }
        ) from exc
    rungs = [rung.__dict__ | {"label": rung.shown_label} for rung in built.rungs]
    return {"topic": built.topic, "rungs": rungs}
