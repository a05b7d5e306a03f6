"""API routes for deadlines and the calendar (docs/api.md)."""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest, HttpResponse
from ninja import Router, Schema
from pydantic import Field

from playbook.api.common import conditional_answer
from playbook.children.access import child_for_read, child_for_write
from playbook.deadlines import feeds
from playbook.deadlines.engine import DISCLAIMER, deadlines_for
from playbook.deadlines.views import ics_response

router = Router(tags=["deadlines"])

PREFETCH = (
    "breaks",
    "ieps",
    "asks",
    "refusals",
    "trials",
    "meetings",
    "evaluation_consents",
    "removals",
)


class DeadlineOut(Schema):
    id: str
    title: str
    due: date | None
    basis: str
    citation: str
    counting: str
    source: str
    status: str = Field(description="Verified, Secondary, Unverified, or case (your records)")
    label: str = Field(
        description="Where the date comes from; for a federal fallback, "
        '"federal rule; <state>\'s own rule is not in our tables".'
    )
    fallback: bool = Field(description="The federal rule stands in for the state's own.")
    note: str
    disclaimer: str


class FeedOut(Schema):
    url: str


@router.get(
    "children/{child_id}/deadlines",
    response=list[DeadlineOut],
    summary="The child's deadlines, soonest first",
    description=(
        "`due` is null for a rule not verified in our tables: check your state's rule. "
        "Each deadline carries its citation, counting, source, status, label and the "
        "disclaimer."
    ),
)
@conditional_answer
def list_deadlines(request: HttpRequest, child_id: str, today: date | None = None):
    child = child_for_read(request, child_id, prefetch=PREFETCH)
    return [
        {
            "id": d.id,
            "title": d.title,
            "due": d.due,
            "basis": d.basis,
            "citation": d.citation,
            "counting": d.counting,
            "source": d.source,
            "status": d.status,
            "label": d.label,
            "fallback": d.fallback,
            "note": d.note,
            "disclaimer": DISCLAIMER,
        }
        for d in deadlines_for(child, today or child.today())
    ]


@router.get(
    "children/{child_id}/calendar.ics",
    summary="Deadlines, meetings and trial reviews as iCalendar",
    openapi_extra={"responses": {200: {"content": {"text/calendar": {}}}}},
)
def calendar_ics(request: HttpRequest, child_id: str, today: date | None = None) -> HttpResponse:
    child = child_for_read(request, child_id, prefetch=PREFETCH)
    return ics_response(child, today or child.today())


def _feed_url(request: HttpRequest, token: str) -> dict:
    return {"url": request.build_absolute_uri(feeds.feed_path(token))}


@router.get("children/{child_id}/calendar-feed", response=FeedOut, summary="Private feed URL")
@conditional_answer
def get_feed(request: HttpRequest, child_id: str, today: date | None = None):
    child = child_for_read(request, child_id)
    return _feed_url(request, feeds.token_for(child, request.user))


@router.post(
    "children/{child_id}/calendar-feed",
    response=FeedOut,
    summary="Renew the private feed URL (the old one stops working)",
)
def renew_feed(request: HttpRequest, child_id: str, today: date | None = None):
    child = child_for_write(request, child_id)
    return _feed_url(request, feeds.renew(child, request.user))
