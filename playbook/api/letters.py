"""API routes for letters (docs/api.md): draft from the case's facts, edit, mark as sent, and
get the letter as a file."""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated, Any
from uuid import UUID

import pydantic
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext
from ninja import Body, Router, Schema, Status

from playbook.accounts.access import get_for_user
from playbook.api.common import Day, In, conditional_answer
from playbook.children.access import child_for_read, child_for_write
from playbook.letters import compose, drafts, files, registry
from playbook.letters.models import DeliveryError, Letter
from playbook.letters.params import ParamError
from playbook.plain_text import TypedLine

router = Router(tags=["letters"])


class Error(Schema):
    detail: str


class LetterOut(Schema):
    id: UUID
    kind: str
    to: list[str]
    cc: list[str]
    subject: str
    body: str
    params: dict
    state: str
    sent_on: dt.date | None
    sent_via: str
    tracking_number: str
    reply_by: dt.date | None
    ask: UUID | None
    entry: UUID | None
    lang: str
    translation_subject: str
    translation: str
    send_lang: str


class LetterPatch(In):
    subject: Annotated[str, TypedLine] | None = None
    body: str | None = None
    send_lang: str | None = None


class SentIn(In):
    date: Day | None = None
    via: str | None = None
    tracking_number: str | None = None
    send_lang: str | None = None


def letter_out(letter: Letter) -> dict:
    return {
        "id": letter.pk,
        "kind": letter.kind,
        "to": letter.to,
        "cc": letter.cc,
        "subject": letter.subject,
        "body": letter.body,
        "params": letter.params,
        "state": letter.state,
        "sent_on": letter.sent_on,
        "sent_via": letter.sent_via,
        "tracking_number": letter.tracking_number,
        "reply_by": letter.reply_by,
        "ask": letter.ask_id,
        "entry": letter.entry_id,
        "lang": letter.lang,
        "translation_subject": letter.translation_subject,
        "translation": letter.translation,
        "send_lang": letter.send_lang,
    }


def _letter(request, letter_id, write=False) -> Letter:
    return get_for_user(
        request.user,
        Letter,
        letter_id,
        write=write,
        queryset=Letter.objects.select_related("child", "child__household"),
    )


@router.get("children/{child_id}/letters", response=list[LetterOut])
@conditional_answer
def list_letters(request: HttpRequest, child_id: str):
    child = child_for_read(request, child_id)
    return [letter_out(x) for x in child.letters.all()]


@router.post("children/{child_id}/letters", response={201: LetterOut, 422: Error})
def create_letter(
    request: HttpRequest,
    child_id: str,
    payload: dict[str, Any] = Body(...),  # noqa: B008
    today: Day | None = None,
):
    """`{kind, ...parameters}`; see the letter kinds in docs/api.md. A missing or wrong
    parameter is a 422 that names it."""
    child = child_for_write(request, child_id)
    raw = dict(payload)
    kind = raw.pop("kind", None)
    lang = raw.pop("lang", None) or "en"
    if not kind:
        return Status(422, {"detail": gettext("kind: is required (e.g. written_concerns).")})
    try:
        draft = compose.draft(
            child,
            str(kind),
            raw,
            today=today or child.today(),
            sender=compose.Sender.of(request.user),
            lang=str(lang),
        )
    except registry.UnknownKind as exc:
        return Status(422, {"detail": f"kind: {exc}"})
    except ParamError as exc:
        return Status(422, {"detail": exc.shown})
    return Status(201, letter_out(drafts.save_draft(child, draft, author=request.user)))


@router.get("letters/{uuid:letter_id}", response=LetterOut)
def get_letter(request: HttpRequest, letter_id: UUID):
    return letter_out(_letter(request, letter_id))


@router.patch("letters/{uuid:letter_id}", response={200: LetterOut, 409: Error, 422: Error})
def patch_letter(request: HttpRequest, letter_id: UUID, payload: LetterPatch):
    letter = _letter(request, letter_id, write=True)
    if payload.body is not None and not payload.body.strip():
        return Status(422, {"detail": gettext("body: can't be empty.")})
    if payload.subject is not None and not payload.subject.strip():
        return Status(422, {"detail": gettext("subject: can't be empty.")})
    try:
        if payload.send_lang is not None:
            if not letter.is_draft:
                raise drafts.AlreadySent(letter)
            drafts.choose_send_lang(letter, payload.send_lang)
        drafts.edit_draft(letter, subject=payload.subject, body=payload.body)
    except drafts.AlreadySent as exc:
        return Status(409, {"detail": str(exc)})
    except drafts.SendTextError as exc:
        return Status(422, {"detail": str(exc)})
    return letter_out(letter)


@router.post(
    "letters/{uuid:letter_id}/sent",
    response={200: LetterOut, 409: Error, 422: Error},
    openapi_extra={
        "requestBody": {
            "required": False,
            "content": {"application/json": {"schema": SentIn.json_schema()}},
        }
    },
)
def mark_sent(request: HttpRequest, letter_id: UUID):
    """`{date?, via?, tracking_number?, send_lang?}`; an empty body means today, sent the way
    the draft planned (email unless chosen), in the text chosen on the draft (English unless
    chosen). Certified mail needs its tracking number; `send_lang` `es` needs a pair."""
    letter = _letter(request, letter_id, write=True)
    try:
        has_json = request.content_type == "application/json" and request.body.strip()
        raw = json.loads(request.body) if has_json else {}
        payload = SentIn(**raw) if isinstance(raw, dict) else None
    except (ValueError, TypeError, pydantic.ValidationError):
        payload = None
    if payload is None:
        return Status(
            422,
            {
                "detail": gettext(
                    "date: use YYYY-MM-DD, or send no body for today; "
                    "via, tracking_number and send_lang are text."
                )
            },
        )
    on = payload.date or letter.child.today()
    try:
        letter = drafts.mark_sent(
            letter, on, payload.via or "", payload.tracking_number or "", payload.send_lang
        )
    except drafts.AlreadySent as exc:
        return Status(409, {"detail": str(exc)})
    except (DeliveryError, drafts.SendTextError) as exc:
        return Status(422, {"detail": str(exc)})
    except drafts.SentLater as exc:
        return Status(422, {"detail": f"date: {exc}"})
    except ParamError as exc:
        changed = gettext("the letter's facts changed; draft it again")
        return Status(422, {"detail": f"{exc.shown} ({changed})"})
    return letter_out(letter)


@router.get(
    "letters/{uuid:letter_id}/pair.{ext}",
    response={200: None, 404: Error},
    openapi_extra={
        "responses": {
            "200": {
                "description": "The bilingual pair: the English letter and its Spanish version",
                "content": {
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {},
                    "application/pdf": {},
                    "text/plain": {},
                },
            }
        }
    },
)
def letter_pair_file(request: HttpRequest, letter_id: UUID, ext: str):
    letter = _letter(request, letter_id)
    if not letter.is_pair:
        return Status(404, {"detail": gettext("This letter was written in English only: no pair.")})
    if ext not in files.PAIR_RENDERERS:
        return Status(
            404, {"detail": gettext("No .%(ext)s pair: use .docx, .pdf or .txt.") % {"ext": ext}}
        )
    sender = files.sender_address(request.user)
    response = HttpResponse(
        files.PAIR_RENDERERS[ext](letter, sender), content_type=files.CONTENT_TYPES[ext]
    )
    name = files.filename(letter, ext).replace(f".{ext}", f"-en-es.{ext}")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@router.get(
    "letters/{uuid:letter_id}.{ext}",
    response={200: None, 404: Error},
    openapi_extra={
        "responses": {
            "200": {
                "description": "The letter as a file",
                "content": {
                    "text/plain": {},
                    "message/rfc822": {},
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {},
                    "application/pdf": {},
                },
            }
        }
    },
)
def letter_file(request: HttpRequest, letter_id: UUID, ext: str):
    letter = _letter(request, letter_id)
    if ext not in files.RENDERERS:
        return Status(
            404,
            {"detail": gettext("No .%(ext)s file: use .txt, .eml, .docx or .pdf.") % {"ext": ext}},
        )
    sender = files.sender_address(request.user)
    response = HttpResponse(
        files.RENDERERS[ext](letter, sender), content_type=files.CONTENT_TYPES[ext]
    )
    response["Content-Disposition"] = f'attachment; filename="{files.filename(letter, ext)}"'
    return response
