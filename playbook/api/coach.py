"""API routes for the coach: next moves and their dismissal (docs/api.md)."""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest
from django.utils.translation import gettext
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from playbook.api.common import Day, In, conditional_answer
from playbook.children.access import child_for_read, child_for_write
from playbook.children.models import Child
from playbook.coach.moves import PREFETCH, dismiss, next_moves
from playbook.letters import registry as letters
from playbook.letters.forms import shown

router = Router(tags=["coach"])


class TodayQuery(In):
    today: Day | None = None


class LetterNeedOut(Schema):
    param: str
    label: str
    help: str


class NextMoveOut(Schema):
    key: str
    move: str
    title: str
    why: str
    letter_kind: str | None = None
    letter_params: dict[str, str]
    # What the parent must add to letter_params before the letter can be drafted.
    letter_needs: list[LetterNeedOut] = []
    refs: dict[str, str]
    # A page to open instead of a letter to draft ("" when the move drafts a letter).
    link: str = ""
    link_label: str = ""


class DismissIn(In):
    key: str


class DismissOut(Schema):
    key: str
    dismissed: bool


def _letter_needs(kind: str | None, given: dict) -> list[dict]:
    if not kind:
        return []
    return [
        {"param": p.name, "label": shown(p.label), "help": shown(p.help)}
        for p in letters.get(kind).needs(given)
    ]


def _today(query: TodayQuery, child: Child) -> date:
    # Without ?today=, the family's own date (their time zone), as on the pages.
    return query.today or child.today()


@router.get("children/{child_id}/next-moves", response=list[NextMoveOut])
@conditional_answer
def list_next_moves(request: HttpRequest, child_id: str, query: Query[TodayQuery]):
    """The coach's suggestions, most urgent first."""
    child = child_for_read(request, child_id, prefetch=PREFETCH)
    return [
        {
            "key": s.key,
            "move": s.move,
            "title": s.title,
            "why": s.why,
            "letter_kind": s.letter_kind,
            "letter_params": s.letter_params,
            "letter_needs": _letter_needs(s.letter_kind, s.letter_params),
            "refs": s.refs,
            "link": s.link,
            "link_label": str(s.link_label),
        }
        for s in next_moves(child, _today(query, child))
    ]


@router.post("children/{child_id}/next-moves/dismiss", response=DismissOut)
def dismiss_next_move(
    request: HttpRequest, child_id: str, payload: DismissIn, query: Query[TodayQuery]
):
    """Hide a suggestion until the facts behind it change."""
    child = child_for_write(request, child_id)
    known = {s.key for s in next_moves(child, _today(query, child), include_dismissed=True)}
    if payload.key not in known:
        raise HttpError(
            422, gettext("No current suggestion has that key; list next-moves for the keys.")
        )
    dismiss(child, payload.key)
    return {"key": payload.key, "dismissed": True}
