"""The guided first-run set-up, and query counts that do not grow with the data."""

from __future__ import annotations

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from playbook.children.models import IEP, Child, Goal, Service, TeamMember

from .test_bad_input import GOOD_CHILD, iep_post


def test_the_set_up_runs_child_team_then_the_first_concern_and_the_iep_when_wanted(
    alice_client, household
):
    response = alice_client.get("/children/new/")
    body = response.content.decode()
    assert 'aria-current="step"' in body and "Your child" in body
    response = alice_client.post("/children/new/", GOOD_CHILD)
    child = Child.objects.get()
    team_url = f"/children/{child.pk}/setup/team/"
    assert response["Location"] == team_url

    # The case manager comes first: the form offers that role.
    body = alice_client.get(team_url).content.decode()
    assert '<option value="case_manager" selected>' in body
    response = alice_client.post(
        team_url, {"action": "add", "name": "Dana Cole", "role": "case_manager"}
    )
    assert response["Location"] == team_url
    body = alice_client.get(team_url).content.decode()
    assert "Dana Cole" in body and '<option value="case_manager" selected>' not in body
    response = alice_client.post(
        team_url,
        {"action": "continue", "name": "Lee Park", "role": "therapist", "discipline": "Speech"},
    )
    concern_url = f"/children/{child.pk}/setup/concern/"
    assert response["Location"] == concern_url
    assert [m.name for m in TeamMember.objects.order_by("created_at")] == ["Dana Cole", "Lee Park"]

    # The IEP can come first if the parent wants: the concern step links to it.
    iep_url = f"/children/{child.pk}/setup/iep/"
    assert f'href="{iep_url}"' in alice_client.get(concern_url).content.decode()
    assert "I'll add this later" in alice_client.get(iep_url).content.decode()
    response = alice_client.post(iep_url, iep_post())
    assert response["Location"] == f"/children/{child.pk}/"
    assert IEP.objects.get().services.count() == 2


def test_team_and_iep_steps_can_be_skipped(alice_client, child):
    team_url = f"/children/{child.pk}/setup/team/"
    response = alice_client.post(team_url, {"action": "continue", "role": "case_manager"})
    assert response["Location"] == f"/children/{child.pk}/setup/concern/"
    assert not TeamMember.objects.exists()
    body = alice_client.get(f"/children/{child.pk}/setup/iep/").content.decode()
    assert f'href="/children/{child.pk}/"' in body


def test_a_half_filled_team_member_is_not_skipped_silently(alice_client, child):
    response = alice_client.post(
        f"/children/{child.pk}/setup/team/", {"action": "continue", "name": "Dana"}
    )
    assert response.status_code == 400
    assert "Choose the person&#x27;s role." in response.content.decode()


def test_a_read_only_member_cannot_add_a_child(bob, household):
    from django.test import Client

    from playbook.accounts.models import Membership

    Membership.objects.filter(user=bob).exclude(household=household).delete()
    client = Client()
    client.force_login(bob)
    assert client.get("/children/new/").status_code == 403
    assert client.post("/children/new/", GOOD_CHILD).status_code == 403
    assert not Child.objects.filter(name="Ava Rivera").exists()


def fill(child, n: int) -> None:
    TeamMember.objects.filter(child=child).delete()
    IEP.objects.filter(child=child).delete()
    TeamMember.objects.bulk_create(
        TeamMember(child=child, name=f"Person {i}", role="other", email=f"p{i}@s.example")
        for i in range(n)
    )
    for start in ("2024-09-01", "2025-09-01"):
        iep = IEP.objects.create(child=child, start_date=start, end_date=f"{start[:4]}-12-31")
        Service.objects.bulk_create(
            Service(iep=iep, service=f"Service {i}", minutes=30, per="week") for i in range(n)
        )
        Goal.objects.bulk_create(Goal(iep=iep, text=f"Goal {i}") for i in range(n))


@pytest.mark.parametrize(
    ("page", "expected"),
    # The home page also runs the coach, the deadlines and the plan: more queries, but a
    # fixed number (see test_home_queries_do_not_grow_with_the_record below). Each count
    # includes the access log's one INSERT; the child is fetched once (the conditional
    # check's fetch is the view's) and its records version comes with it; the home
    # prefetches the IEPs, team, meetings, breaks and consents the coach, the deadlines,
    # the plan and the ledger each read; one read of the removals log the coach and the
    # deadlines share (decision 0030), and the languages the coach reads (decision 0034);
    # "Waiting on the school" reuses the asks the coach read (decision 0056), and the team list reuses the prefetched team.
    # With no session logged, the coach's services check reads no threshold (0073).
    [("", 21), ("team/", 5), ("iep/", 8)],
)
def test_query_counts_do_not_grow_with_team_and_services(
    alice_client, child, page, expected, django_assert_num_queries
):
    url = f"/children/{child.pk}/{page}"
    fill(child, 2)
    caches["local"].clear()
    with CaptureQueriesContext(connection) as small:
        assert alice_client.get(url).status_code == 200
    fill(child, 10)
    caches["local"].clear()  # as a first visit: nothing kept from the first request
    with django_assert_num_queries(len(small.captured_queries)):
        response = alice_client.get(url)
    assert response.status_code == 200
    assert len(small.captured_queries) == expected
    body = response.content.decode()
    if page == "team/":
        assert "Person 9" in body
    else:
        assert "Service 9" in body


def test_home_queries_do_not_grow_with_the_record(alice_client, child, case_manager):
    from datetime import UTC, date, datetime

    from playbook.advocacy.models import Ask, Concern
    from playbook.meetings.models import Meeting, Trial
    from playbook.refusals.models import Refusal
    from playbook.trail.chain import append

    def add_record(n: int) -> None:
        ask = Ask.objects.create(
            child=child, subject=f"Ask {n}", asked_of=case_manager, asked_on=date(2026, 9, 1)
        )
        Refusal.objects.create(child=child, said_on=date(2026, 9, 2), words="No.", ask=ask)
        Concern.objects.create(child=child, title=f"Concern {n}")
        Trial.objects.create(
            child=child,
            proposal=f"Trial {n}",
            start_date=date(2026, 9, 1),
            weeks=6,
            measure="x",
            review_date=date(2026, 10, 13),
        )
        Meeting.objects.create(child=child, status="scheduled", date=date(2026, 12, 1 + n))
        append(
            child, occurred_at=datetime(2026, 9, 3, tzinfo=UTC), kind="call", subject=f"Call {n}"
        )

    url = f"/children/{child.pk}/"
    add_record(0)
    with CaptureQueriesContext(connection) as small:
        assert alice_client.get(url).status_code == 200
    for n in range(1, 8):
        add_record(n)
    caches["local"].clear()  # as a first visit: nothing kept from the first request
    with CaptureQueriesContext(connection) as large:
        assert alice_client.get(url).status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)
