"""API routes for the month-by-month plan (docs/api.md)."""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest
from django.utils.translation import gettext
from ninja import Router, Schema
from ninja.responses import Status

from playbook.api.common import Day, In, conditional_answer
from playbook.children.access import child_for_read, child_for_write
from playbook.plan.schedule import ChildPlan, Scheduled, parse_month, set_done

router = Router(tags=["plan"])

PREFETCH = ("checklist_ticks", "ieps", "meetings", "evaluation_consents")


class PlanItemOut(Schema):
    id: str
    title: str
    why: str
    done: bool


class TickIn(In):
    item: str
    done: bool
    month: str | None = None


class Error(Schema):
    detail: str


def _out(s: Scheduled) -> dict:
    return {"id": s.id, "title": s.item.shown_title, "why": s.item.shown_why, "done": s.done}


def _month(raw: str | None, today: date) -> tuple[int, int]:
    return parse_month(raw) if raw else (today.year, today.month)


@router.get(
    "children/{child_id}/plan",
    response={200: list[PlanItemOut], 422: Error},
    summary="That month's checklist items for this child",
    description="`month` is YYYY-MM (default: today's month). Anchored items land in the "
    "month their date falls.",
)
@conditional_answer
def get_plan(
    request: HttpRequest, child_id: str, month: str | None = None, today: Day | None = None
):
    child = child_for_read(request, child_id, prefetch=PREFETCH)
    today = today or child.today()
    try:
        year, mon = _month(month, today)
    except ValueError as exc:
        return Status(422, {"detail": f"month: {exc}"})
    return Status(200, [_out(s) for s in ChildPlan(child, today).items_for(year, mon)])


@router.post(
    "children/{child_id}/plan",
    response={200: PlanItemOut, 422: Error},
    summary="Tick or untick a plan item",
    description="`{item, done}`; the month is `month` in the body or the query "
    "(YYYY-MM, default today's month).",
)
def tick(
    request: HttpRequest,
    child_id: str,
    payload: TickIn,
    month: str | None = None,
    today: Day | None = None,
):
    child = child_for_write(request, child_id, prefetch=PREFETCH)
    today = today or child.today()
    try:
        year, mon = _month(payload.month or month, today)
    except ValueError as exc:
        return Status(422, {"detail": f"month: {exc}"})
    items = ChildPlan(child, today).items_for(year, mon)
    scheduled = next((s for s in items if s.id == payload.item), None)
    if scheduled is None:
        return Status(
            422,
            {
                "detail": gettext("item: %(item)s is not in this child's plan for %(month)s.")
                % {"item": repr(payload.item), "month": f"{year:04d}-{mon:02d}"}
            },
        )
    set_done(child, scheduled.id, scheduled.period, payload.done)
    return Status(200, {**_out(scheduled), "done": payload.done})
