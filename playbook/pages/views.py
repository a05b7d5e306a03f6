"""The pages that put the domain apps together: the household home, the child's playbook
and the meeting prep pack. Each asks the domain apps directly; nothing below imports this
module."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.db.models import Count, F, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from playbook.accounts.access import can_write, for_user
from playbook.advocacy.asks import open_asks
from playbook.advocacy.models import AskStatus
from playbook.advocacy.rows import ask_rows
from playbook.children.access import child_for_read
from playbook.children.conditional import conditional_page
from playbook.children.links import nav_links
from playbook.children.models import Child, Grade
from playbook.children.views import current_team
from playbook.coach.moves import PREFETCH as COACH_READS
from playbook.coach.moves import next_moves
from playbook.deadlines.engine import (
    Deadline,
    Given,
    asks_read,
    deadlines_for,
    meetings_read,
    refusals_read,
    upcoming,
)
from playbook.meetings.meetings import QUESTIONS_TO_ASK, missing_roles, shown_roles
from playbook.meetings.models import Meeting
from playbook.meetings.pack import agenda_for
from playbook.plan.schedule import open_now

HOME_PLAN_ITEMS = 5  # the home shows the first few; the plan page has them all
HOME_WAITING_ITEMS = 3  # the most overdue asks (issue 17: a few); the asks page lists every one
PREP_DEADLINE_WEEKS = 8


def _page(request, template: str, child: Child, section: str, **context) -> HttpResponse:
    context.update(child=child, section=section, can_write=can_write(child))
    return render(request, template, context)


@login_required
def household_home(request: HttpRequest) -> HttpResponse:
    """The household home: one card per child; with one child, straight to that child."""
    children = list(
        for_user(request.user, Child)
        .select_related("household")
        .annotate(open_asks=Count("asks", filter=Q(asks__status="open")))
        .order_by("name")
    )
    if not children:
        return redirect("child_new")
    if len(children) == 1 and not request.GET.get("all"):
        return redirect("child_home", child_id=children[0].pk)
    # A family has a handful of children: the coach runs once per card (a fixed number of
    # queries per child, whatever each child's record holds).
    for child in children:
        today = child.today()
        deadlines = deadlines_for(child, today)
        moves = next_moves(child, today, deadlines=deadlines)
        child.top_move = moves[0] if moves else None
        child.deadlines_soon = sum(
            1 for d in deadlines if d.due is not None and 0 <= (d.due - today).days <= 60
        )
    return render(request, "accounts/home.html", {"children": children})


@require_safe
@login_required
@conditional_page
def child_home(request: HttpRequest, child_id) -> HttpResponse:
    """The playbook: next moves, what the school owes an answer to, what is coming up,
    this month's plan, then the facts of the case."""
    # What the coach, the deadlines, the plan and the ledger each read of the child, read
    # once for all of them.
    child = child_for_read(request, child_id, prefetch=COACH_READS)
    today = child.today()
    iep = child.current_iep()
    # The coach first: it works the deadlines out from the records it has read anyway,
    # and deadlines_for then finds them kept.
    suggestions = next_moves(child, today)
    deadlines = deadlines_for(child, today)
    plan = open_now(child, today)
    waiting = open_asks(child, today, ask_rows(child))  # the rows the coach read
    shown = waiting[:HOME_WAITING_ITEMS]
    # An ask shown under "Waiting on the school" already says how overdue its reply is:
    # "Coming up" leaves its reply date out rather than say it twice (the deadlines page
    # keeps every date).
    said = {f"reply_due:{wait.ask.pk}" for wait in shown}
    coming_up = [u for u in upcoming(child, today, deadlines=deadlines) if u.id not in said]
    return _page(
        request,
        "children/home.html",
        child,
        "home",
        team=current_team(child),  # prefetched with the coach's reads
        iep=iep,
        services=list(iep.services.all()) if iep else [],
        suggestions=suggestions,
        waiting=shown,
        waiting_more=max(0, len(waiting) - HOME_WAITING_ITEMS),
        coming_up=coming_up,
        plan_items=plan[:HOME_PLAN_ITEMS],
        plan_more=max(0, len(plan) - HOME_PLAN_ITEMS),
        month=f"{today:%Y-%m}",
        grade=grade_shown(child),
        links=nav_links(child),  # the child's pages, without a reverse each
    )


def grade_shown(child: Child) -> str:
    """``child.get_grade_display()``, which the home shows three times: Django's looks the
    grade up by hashing every grade's label, a catalogue lookup each (30 µs a call)."""
    return str(dict(Grade.choices).get(child.grade, child.grade))


def prep_deadlines(child: Child, today, given: Given | None = None) -> list[Deadline]:
    """The child's dated deadlines due within PREP_DEADLINE_WEEKS, soonest first."""
    horizon = today + timedelta(weeks=PREP_DEADLINE_WEEKS)
    return [
        d
        for d in deadlines_for(child, today, loaded=given)
        if d.due is not None and d.due <= horizon
    ]


@login_required
@conditional_page
def meeting_prep(request: HttpRequest, child_id, meeting_id) -> HttpResponse:
    """The prep page, which prints as the pack to bring to the meeting."""
    child = child_for_read(request, child_id)
    # The meeting, the refusals and the open asks the pack shows, with who said or was
    # asked, are among the rows the deadlines engine reads: read once for both, as rows
    # (playbook.meetings.pack says why). The child's access is checked above: the meeting
    # is looked up among its meetings.
    meetings = meetings_read(child, "time", "place")
    row = next((m for m in meetings if m.pk == meeting_id), None)
    if row is None:
        raise Http404
    # The page's meeting (its kind's words, its agenda and invitees), made from its row.
    meeting = Meeting(
        id=row.pk, child_id=child.pk, kind=row.kind, status=row.status, date=row.date,
        time=row.time, place=row.place,
    )  # fmt: skip
    today = child.today()
    refusals = refusals_read(child, "words", "policy_outcome", said_by_name=F("said_by__name"))
    asks = asks_read(child, refusals, asked_of_name=F("asked_of__name"))
    given = Given(asks=asks, refusals=refusals, meetings=meetings)
    waiting = [(ask, (today - ask.asked_on).days) for ask in asks if ask.status == AskStatus.OPEN]
    deadlines = [(d, d.when_words(today)) for d in prep_deadlines(child, today, given)]
    invitees = list(meeting.invitees.values_list("role", named=True))
    return _page(
        request,
        "meetings/prep.html",
        child,
        "meetings",
        meeting=meeting,
        agenda=agenda_for(meeting),
        questions=QUESTIONS_TO_ASK,
        open_asks=waiting,
        refusals=refusals,
        deadlines=deadlines,
        missing=shown_roles(missing_roles(invitees)),
    )
