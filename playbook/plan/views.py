"""The month-by-month plan page, tickable in place (htmx) or with a plain form."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from playbook.accounts.access import can_write
from playbook.children.access import child_for_read, child_for_write
from playbook.children.conditional import conditional_page
from playbook.deadlines.views import today_from

from .content import BANDS
from .models import ChecklistTick
from .schedule import ChildPlan, parse_month, period_of, set_done, shift_month

PREFETCH = ("checklist_ticks", "ieps", "meetings", "evaluation_consents")


def _month_label(year: int, month: int) -> str:
    """ "December 2026", "diciembre de 2026": the month in the reader's language."""
    return formats.date_format(date(year, month, 1), "YEAR_MONTH_FORMAT")


@login_required
@conditional_page
def plan_page(request: HttpRequest, child_id) -> HttpResponse:
    child = child_for_read(request, child_id, prefetch=PREFETCH)
    today = today_from(request, child)
    year, month = today.year, today.month
    status = 200
    if request.GET.get("month"):
        try:
            year, month = parse_month(request.GET["month"])
        except ValueError as exc:
            messages.error(
                request, gettext("%(error)s Showing this month instead.") % {"error": exc}
            )
            status = 400
    child_plan = ChildPlan(child, today)
    prev_ym, next_ym = shift_month(year, month, -1), shift_month(year, month, 1)
    context = {
        "child": child,
        "section": "plan",
        "today": today,
        "band": BANDS[child_plan.band],
        "month_label": _month_label(year, month),
        "month": period_of(year, month),
        "prev": period_of(*prev_ym),
        "prev_label": _month_label(*prev_ym),
        "next": period_of(*next_ym),
        "next_label": _month_label(*next_ym),
        "is_this_month": (year, month) == (today.year, today.month),
        "items": child_plan.items_for(year, month),
        "left_over": child_plan.left_over(),
        "can_write": can_write(child),
    }
    return render(request, "plan/plan.html", context, status=status)


@login_required
@require_POST
def plan_tick(request: HttpRequest, child_id) -> HttpResponse:
    child = child_for_write(request, child_id, prefetch=PREFETCH)
    today = today_from(request, child)
    back = request.POST.get("month", "")
    try:
        year, month = parse_month(request.POST.get("period", ""))
        parse_month(back or period_of(year, month))
    except ValueError as exc:
        return _tick_error(request, child, str(exc))
    item_id = request.POST.get("item", "")
    child_plan = ChildPlan(child, today)
    scheduled = next((s for s in child_plan.items_for(year, month) if s.id == item_id), None)
    if scheduled is None:
        return _tick_error(request, child, gettext("That plan item is not in this month's plan."))
    done = request.POST.get("done") == "1"
    outcome = request.POST.get("outcome") or ChecklistTick.Outcome.DONE
    if outcome not in ChecklistTick.Outcome.values:
        return _tick_error(request, child, gettext("Choose done or not for us."))
    set_done(child, item_id, scheduled.period, done, outcome)
    if request.htmx:
        fresh = replace(scheduled, done=done, outcome=outcome if done else "")
        return render(
            request,
            "plan/_item.html",
            {"child": child, "s": fresh, "month": back or fresh.period, "can_write": True},
        )
    said = (
        gettext("Set aside: not for us.")
        if outcome == ChecklistTick.Outcome.NOT_FOR_US
        else gettext("Marked done.")
    )
    messages.success(request, said if done else gettext("Back on the list."))
    return redirect(f"{reverse('plan', args=[child.pk])}?month={back or scheduled.period}")


def _tick_error(request, child, message: str) -> HttpResponse:
    if request.htmx:
        return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
    messages.error(request, message)
    return redirect("plan", child_id=child.pk)
