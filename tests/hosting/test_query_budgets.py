"""Every page and API route of a child answers in a number of queries that does not grow
with the amount of data (issue 8): one record of each kind, then eight of each, same count.

The routes are found by walking the URL patterns: any GET route whose only parameter is
the child's id is measured, so a page added later is measured too."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver

from playbook.advocacy.models import Ask, Concern, Evidence
from playbook.children.models import IEP, Goal, SchoolBreak, Service, TeamMember
from playbook.ledger.models import ServiceSession
from playbook.letters.models import Letter
from playbook.meetings.models import DataSeries, Measurement, Meeting, Trial
from playbook.refusals.models import Refusal
from playbook.trail.chain import NewAttachment, append

PARAM = re.compile(r"<(?:\w+:)?(\w+)>")
# Routes that are not pages to measure: file answers whose size, not query count, grows.
SKIP = {"binder_pdf", "deadlines_ics", "calendar_ics"}


def child_routes() -> list[tuple[str, str]]:
    def walk(patterns, prefix):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern):
                yield route, pattern.name or ""

    found = []
    for route, name in walk(get_resolver().url_patterns, ""):
        if PARAM.findall(route) == ["child_id"] and name not in SKIP:
            found.append((route, name))
    return found


def add_records(child, n: int, start: int = 0) -> None:
    iep = child.ieps.first()
    service = iep.services.first()
    for i in range(start, start + n):
        member = TeamMember.objects.create(child=child, name=f"Teacher {i}", role="therapist")
        Goal.objects.create(
            iep=iep, text=f"Goal {i}: reads 90 words a minute as measured by probes"
        )
        concern = Concern.objects.create(child=child, title=f"Concern {i}", request="Help")
        Evidence.objects.create(concern=concern, text=f"Evidence {i}")
        ask = Ask.objects.create(
            child=child,
            subject=f"Ask {i}",
            asked_of=member,
            asked_on=date(2026, 9, 1),
            concern=concern,
            reply_due=date(2026, 9, 15),
        )
        entry = append(
            child,
            occurred_at=datetime(2026, 9, 2, 12, tzinfo=UTC) + timedelta(hours=i),
            kind="email",
            direction="received",
            counterpart=member,
            subject=f"Entry {i}",
            body="We can't do that.",
            flags={"refusal": ["We can't do that"]},
            attachments=[NewAttachment(f"a{i}.txt", b"x")],
        )
        ask.entries.add(entry)
        Refusal.objects.create(
            child=child,
            said_by=member,
            said_on=date(2026, 9, 3),
            words="No.",
            ask=ask,
            entry=entry,
        )
        series = DataSeries.objects.create(
            child=child, name=f"Series {i}", unit="u", concern=concern
        )
        Measurement.objects.create(series=series, date=date(2026, 9, 4), value=i)
        Trial.objects.create(
            child=child,
            proposal=f"Trial {i}",
            start_date=date(2026, 9, 7),
            weeks=6,
            measure="m",
            review_date=date(2026, 10, 19),
            concern=concern,
            series=series,
        )
        meeting = Meeting.objects.create(
            child=child, status="scheduled", date=date(2026, 12, 1) + timedelta(days=i)
        )
        meeting.invitees.add(member)
        meeting.agenda.add(concern)
        Letter.objects.create(
            child=child,
            kind="follow_up",
            params={"ask": str(ask.pk)},
            subject=f"Letter {i}",
            body="Dear",
            state="sent",
            sent_on=date(2026, 9, 5),
            ask=ask,
        )
        ServiceSession.objects.create(
            service=service,
            date=date(2026, 9, 8) + timedelta(days=i % 5),
            minutes=30,
            status="delivered",
        )
        SchoolBreak.objects.create(
            child=child,
            name=f"Break {i}",
            start=date(2027, 2, 1) + timedelta(days=7 * i),
            end=date(2027, 2, 2) + timedelta(days=7 * i),
        )


@pytest.fixture
def record(child, case_manager):
    iep = IEP.objects.create(
        child=child,
        start_date=date(2026, 8, 31),
        end_date=date(2027, 8, 30),
        last_evaluation_date=date(2025, 1, 10),
    )
    Service.objects.create(iep=iep, service="Speech", minutes=60, per="week")
    add_records(child, 1)
    return child


def count(client, url) -> tuple[int, int]:
    """Status and queries of a GET, with nothing kept from earlier requests (the coach and
    the deadlines are kept between requests; the budget is what computing them costs)."""
    caches["local"].clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response.status_code, len(queries)


def test_every_child_route_has_a_fixed_query_count(alice_client, record):
    child = record
    routes = child_routes()
    assert len(routes) > 25, "the walk should find the child's pages and API routes"
    small = {}
    for route, name in routes:
        url = "/" + PARAM.sub(str(child.pk), route)
        alice_client.get(url)  # a first visit may set something up (a calendar-feed token)
        small[name or route] = (url, *count(alice_client, url))
    add_records(child, 7, start=1)
    grew = []
    for url, status, queries in small.values():
        alice_client.get(url)  # as above (and a message the route before left is shown)
        status_after, queries_after = count(alice_client, url)
        if status not in (200,) or status_after != status:
            continue  # POST-only routes (405) and redirects hold no page to measure
        if queries_after != queries:
            grew.append(f"{url}: {queries} -> {queries_after} queries")
    measured = [k for k, (_, status, _) in small.items() if status == 200]
    assert len(measured) > 25, measured
    assert grew == [], "\n".join(grew)


# The routes issue 13 measured, as counted on the fixture's record after a change (nothing
# kept in memory): session, user, the child once, what the page reads, the access log's
# INSERT. Lower these when a change wins queries; a rise fails here first. The coach and
# the deadlines each read the removals log once (the discipline clock, decision 0030); the
# coach reads the languages the family reads (decision 0034). The child home's "Waiting on
# the school" reuses the asks the coach read (decision 0056). The ledger's threshold comes
# with its sessions (decision 0073).
BUDGETS = {
    "child_home": 22,
    "child_moves": 21,
    "trail_timeline": 10,
    "ledger_services": 8,
    "deadlines": 13,
    "get_child": 4,
    "list_next_moves": 21,
    "list_entries": 7,
    "list_asks": 5,
    "list_deadlines": 12,
}


def test_the_measured_routes_stay_within_their_budgets(alice_client, record):
    child = record
    names = {name: route for route, name in child_routes()}
    counted = {}
    for name in BUDGETS:
        url = "/" + PARAM.sub(str(child.pk), names[name])
        alice_client.get(url)
        status, counted[name] = count(alice_client, url)
        assert status == 200, url
    assert counted == BUDGETS
