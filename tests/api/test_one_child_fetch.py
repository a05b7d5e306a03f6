"""A request looks its child up once: the API's routes reuse the child its sign-in fetched
(children.access), and a page the child its conditional check fetched; another household
still gets 404, and a read-only member's write 403."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

CHILD_ROW = 'FROM "children_child"'


def child_lookups(captured) -> int:
    """SELECTs of the child's row (the access log's INSERT names it in a subquery only)."""
    return sum(q["sql"].startswith("SELECT") and CHILD_ROW in q["sql"] for q in captured)


@pytest.mark.parametrize("route", ["", "/asks", "/team", "/next-moves", "/deadlines"])
def test_an_api_read_fetches_the_child_once(alice_api, child, route):
    with CaptureQueriesContext(connection) as captured:
        response = alice_api.get(f"children/{child.pk}{route}")
    assert response.status_code == 200
    assert child_lookups(captured) == 1


def test_an_api_write_fetches_the_child_once(alice_api, child):
    with CaptureQueriesContext(connection) as captured:
        response = alice_api.post(
            f"children/{child.pk}/concerns", {"title": "Reading is not improving"}
        )
    assert response.status_code == 201
    assert child_lookups(captured) == 1


@pytest.mark.parametrize("page", ["", "moves/", "timeline/", "services/", "deadlines/"])
def test_a_page_fetches_the_child_once(alice_client, child, page):
    with CaptureQueriesContext(connection) as captured:
        response = alice_client.get(f"/children/{child.pk}/{page}")
    assert response.status_code == 200
    assert child_lookups(captured) == 1


def test_another_household_still_gets_404(charlie_api, charlie_client, child):
    assert charlie_api.get(f"children/{child.pk}/asks").status_code == 404
    assert charlie_client.get(f"/children/{child.pk}/").status_code == 404


def test_a_read_only_member_reads_but_may_not_write(bob_api, child):
    assert bob_api.get(f"children/{child.pk}/asks").status_code == 200
    response = bob_api.post(f"children/{child.pk}/concerns", {"title": "Reading"})
    assert response.status_code == 403
