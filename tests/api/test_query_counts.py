"""The list routes cost the same number of queries however big the team or the IEP is."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from playbook.children.models import IEP, Accommodation, Child, Goal, Service, TeamMember


def grow(child: Child, n: int) -> None:
    TeamMember.objects.bulk_create(
        TeamMember(child=child, name=f"Teacher {i}", role="general_ed_teacher") for i in range(n)
    )
    for year in range(n):
        iep = IEP.objects.create(
            child=child, start_date=date(2010 + year, 9, 1), end_date=date(2011 + year, 8, 31)
        )
        Service.objects.bulk_create(
            Service(iep=iep, service=f"Service {i}", minutes=30, per="week") for i in range(n)
        )
        Goal.objects.bulk_create(Goal(iep=iep, text=f"Goal {i}") for i in range(n))
        Accommodation.objects.bulk_create(Accommodation(iep=iep, text=f"A {i}") for i in range(n))


def queries_for(api, path) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = api.get(path)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("route", ["children", "children/{id}/team", "children/{id}/ieps"])
def test_list_routes_do_not_grow_with_the_data(alice_api, household, child, route):
    path = route.format(id=child.pk)
    grow(child, 1)
    small = queries_for(alice_api, path)
    grow(child, 6)
    Child.objects.create(
        household=household, name="Ava", birth_date=date(2018, 1, 1), grade="1", state="CA"
    )
    large = queries_for(alice_api, path)
    assert large == small
    # token, scope check, the list and its prefetches (no N+1), the access log's INSERT
    assert small <= 8


def test_the_ieps_list_answers_every_nested_item(alice_api, child):
    grow(child, 3)
    ieps = alice_api.get(f"children/{child.pk}/ieps").json()
    assert len(ieps) == 3
    assert all(len(i["services"]) == 3 and len(i["goals"]) == 3 for i in ieps)
