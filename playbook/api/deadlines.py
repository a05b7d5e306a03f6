"""API routes for deadlines and the calendar (docs/api.md)."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext
from ninja import Router, Schema, Status
from pydantic import Field

from playbook.accounts.access import get_for_user
from playbook.api.common import Day, In, RowOut, conditional_answer
from playbook.children import school_breaks
from playbook.children.access import child_for_read, child_for_write
from playbook.children.models import SchoolBreak
from playbook.children.school_calendar import federal_holiday_names
from playbook.deadlines import feeds
from playbook.deadlines.engine import DISCLAIMER, deadlines_for, labels_of
from playbook.deadlines.views import ics_response

router = Router(tags=["deadlines"])

PREFETCH = (
    "breaks",
    "ieps",
    "refusals",
    "trials",
    "meetings",
    "evaluation_consents",
    "removals",
)
# The list reads the IEPs, refusals, trials and meetings through the engine, which reads
# only the columns its rules use when they were not prefetched whole.
LIST_PREFETCH = ("breaks", "evaluation_consents", "removals")


class DeadlineOut(RowOut):
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
    shown_label: str = Field(
        description="`label` in the answer's language (Spanish with Accept-Language: es); "
        "`label` itself stays English."
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
def list_deadlines(request: HttpRequest, child_id: str, today: Day | None = None):
    child = child_for_read(request, child_id, prefetch=LIST_PREFETCH)
    disclaimer = gettext(DISCLAIMER)  # the same on every item: looked up once
    deadlines = deadlines_for(child, today or child.today(), alone=True)
    labels = labels_of(deadlines)  # a handful of labels among many deadlines
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
            "label": labels[d.label_key][0],
            "shown_label": labels[d.label_key][1],
            "fallback": d.fallback,
            "note": d.note,
            "disclaimer": disclaimer,
        }
        for d in deadlines
    ]


@router.get(
    "children/{child_id}/calendar.ics",
    summary="Deadlines, meetings and trial reviews as iCalendar",
    openapi_extra={"responses": {200: {"content": {"text/calendar": {}}}}},
)
def calendar_ics(request: HttpRequest, child_id: str, today: Day | None = None) -> HttpResponse:
    child = child_for_read(request, child_id, prefetch=PREFETCH)
    return ics_response(child, today or child.today())


def _feed_url(request: HttpRequest, token: str) -> dict:
    return {"url": request.build_absolute_uri(feeds.feed_path(token))}


@router.get("children/{child_id}/calendar-feed", response=FeedOut, summary="Private feed URL")
@conditional_answer
def get_feed(request: HttpRequest, child_id: str, today: Day | None = None):
    child = child_for_read(request, child_id)
    return _feed_url(request, feeds.token_for(child, request.user))


@router.post(
    "children/{child_id}/calendar-feed",
    response=FeedOut,
    summary="Renew the private feed URL (the old one stops working)",
)
def renew_feed(request: HttpRequest, child_id: str, today: Day | None = None):
    child = child_for_write(request, child_id)
    return _feed_url(request, feeds.renew(child, request.user))


# --- The school breaks (the breaks page: children/<id>/breaks/) ------------------------------


class BreakIn(In):
    name: str = Field(min_length=1, max_length=100)
    start: Day
    end: Day


class BreakOut(Schema):
    id: str
    name: str
    start: date
    end: date


class InSessionIn(In):
    holidays: list[str] = Field(description="federal holiday names, as `federal_holidays` lists")


class BreaksOut(Schema):
    breaks: list[BreakOut]
    holidays_in_session: list[str]
    federal_holidays: list[str] = Field(description="the names holidays_in_session may hold")


class BreakError(Schema):
    detail: str


def _break_out(school_break: SchoolBreak) -> dict:
    return {
        "id": str(school_break.pk),
        "name": school_break.name,
        "start": school_break.start,
        "end": school_break.end,
    }


def _breaks_out(child) -> dict:
    return {
        "breaks": [_break_out(b) for b in child.breaks.all()],
        "holidays_in_session": list(child.holidays_in_session or []),
        "federal_holidays": federal_holiday_names(),
    }


@router.get(
    "children/{child_id}/breaks",
    response=BreaksOut,
    summary="The child's school breaks and the federal holidays school is in session",
)
@conditional_answer
def list_breaks(request: HttpRequest, child_id: str):
    return _breaks_out(child_for_read(request, child_id))


@router.post(
    "children/{child_id}/breaks",
    response={201: BreakOut, 422: BreakError},
    summary="Add a school break (school-day deadlines skip it)",
)
def add_school_break(request: HttpRequest, child_id: str, payload: BreakIn):
    child = child_for_write(request, child_id)
    if not payload.name.strip():
        return Status(422, {"detail": gettext("name: can't be empty.")})
    try:
        school_break = school_breaks.add_break(
            child, name=payload.name, start=payload.start, end=payload.end
        )
    except ValidationError as error:
        return Status(422, {"detail": f"end: {' '.join(error.messages)}"})
    return Status(201, _break_out(school_break))


@router.delete(
    "children/{child_id}/breaks/{uuid:break_id}",
    response={204: None},
    summary="Remove a school break",
)
def remove_school_break(request: HttpRequest, child_id: str, break_id: UUID):
    child = child_for_write(request, child_id)
    school_break = get_for_user(
        request.user, SchoolBreak, break_id, write=True, queryset=child.breaks.all()
    )
    school_breaks.remove_break(school_break)
    return Status(204, None)


@router.put(
    "children/{child_id}/breaks/in-session",
    response={200: BreaksOut, 422: BreakError},
    summary="The federal holidays school is in session (they count as school days)",
)
def put_holidays_in_session(request: HttpRequest, child_id: str, payload: InSessionIn):
    child = child_for_write(request, child_id)
    try:
        school_breaks.set_holidays_in_session(child, payload.holidays)
    except ValidationError as error:
        return Status(422, {"detail": f"holidays: {' '.join(error.messages)}"})
    return _breaks_out(child)
