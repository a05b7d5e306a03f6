"""The plan API and page: reading, ticking (htmx and plain form), access rules."""

from datetime import date

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from playbook.advocacy.models import Ask
from playbook.plan.models import ChecklistTick
from playbook.plan.schedule import ChildPlan


def api_plan(child, query=""):
    return f"/api/v1/children/{child.pk}/plan{query}"


def test_api_lists_the_month(alice_client, child):
    response = alice_client.get(api_plan(child, "?month=2026-11&today=2026-11-28"))
    assert response.status_code == 200
    items = response.json()
    assert set(items[0]) == {"id", "title", "why", "done"}
    assert "nov-behavior-log" in [i["id"] for i in items]
    assert not any(i["done"] for i in items)


def test_api_ticks_and_unticks(alice_client, child):
    response = alice_client.post(
        api_plan(child, "?month=2026-11&today=2026-11-28"),
        {"item": "nov-behavior-log", "done": True},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["done"] is True
    assert ChecklistTick.objects.filter(
        child=child, item_id="nov-behavior-log", period="2026-11"
    ).exists()
    items = alice_client.get(api_plan(child, "?month=2026-11&today=2026-11-28")).json()
    assert next(i for i in items if i["id"] == "nov-behavior-log")["done"] is True
    alice_client.post(
        api_plan(child, "?today=2026-11-28"),
        {"item": "nov-behavior-log", "done": False, "month": "2026-11"},
        content_type="application/json",
    )
    assert not ChecklistTick.objects.exists()


def test_api_errors_name_the_field(alice_client, child):
    bad_month = alice_client.get(api_plan(child, "?month=November"))
    assert bad_month.status_code == 422
    assert bad_month.json()["detail"].startswith("month:")
    unknown = alice_client.post(
        api_plan(child, "?month=2026-11"),
        {"item": "jan-esy-discussion", "done": True},
        content_type="application/json",
    )
    assert unknown.status_code == 422
    assert "jan-esy-discussion" in unknown.json()["detail"]
    assert not ChecklistTick.objects.exists()


def test_api_access(client, alice, bob, charlie, child):
    client.force_login(charlie)
    assert client.get(api_plan(child)).status_code == 404
    body = {"item": "nov-behavior-log", "done": True}
    assert (
        client.post(
            api_plan(child, "?month=2026-11"), body, content_type="application/json"
        ).status_code
        == 404
    )
    client.force_login(bob)
    assert client.get(api_plan(child)).status_code == 200
    assert (
        client.post(
            api_plan(child, "?month=2026-11"), body, content_type="application/json"
        ).status_code
        == 403
    )
    assert not ChecklistTick.objects.exists()


def page(child, query=""):
    return f"/children/{child.pk}/plan/{query}"


def test_plan_page_month_navigation_and_what_last_month_left(alice_client, child):
    response = alice_client.get(page(child, "?today=2026-11-28"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "plan: November 2026" in html
    assert "?month=2026-10" in html and "?month=2026-12" in html
    assert "This month: November 2026" in html and "Left from October 2026" in html
    assert "Check the IEP is in effect for the first day of school" not in html  # August's
    assert "Not for us" in html
    other = alice_client.get(page(child, "?month=2027-02&today=2026-11-28")).content.decode()
    assert "plan: February 2027" in other
    assert 'id="left-over"' not in other


def test_plan_page_bad_month_is_a_clear_error(alice_client, child):
    response = alice_client.get(page(child, "?month=2026-99&today=2026-11-28"))
    assert response.status_code == 400
    assert "YYYY-MM" in response.content.decode()


def test_tick_with_htmx_returns_the_item(alice_client, child):
    response = alice_client.post(
        f"/children/{child.pk}/plan/tick/?today=2026-11-28",
        {"item": "nov-behavior-log", "period": "2026-11", "month": "2026-11", "done": "1"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.strip().startswith('<li class="card plan-item done">')
    assert 'name="done" value="0"' in html
    assert ChecklistTick.objects.filter(item_id="nov-behavior-log").exists()


def _left_over(alice_client, child) -> str:
    html = alice_client.get(page(child, "?today=2026-11-28")).content.decode()
    return html.split('id="left-over"')[1]


@pytest.mark.parametrize("outcome", ["done", "not_for_us"])
def test_tick_plain_form_redirects_back_to_the_month(alice_client, child, outcome):
    october = next(s for s in ChildPlan(child, date(2026, 11, 28)).items_for(2026, 10))
    assert october.item.title in _left_over(alice_client, child)
    response = alice_client.post(
        f"/children/{child.pk}/plan/tick/?today=2026-11-28",
        {
            "item": october.id,
            "period": "2026-10",
            "month": "2026-11",
            "done": "1",
            "outcome": outcome,
        },
    )
    assert response.status_code == 302
    assert response["Location"].endswith("?month=2026-11")
    assert october.item.title not in _left_over(alice_client, child)
    assert ChecklistTick.objects.get(item_id=october.id).outcome == outcome


def test_a_made_up_outcome_is_refused_plainly(alice_client, child):
    response = alice_client.post(
        f"/children/{child.pk}/plan/tick/?today=2026-11-28",
        {"item": "nov-behavior-log", "period": "2026-11", "done": "1", "outcome": "maybe"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 400 and "not for us" in response.content.decode()
    assert not ChecklistTick.objects.exists()


def test_tick_of_an_item_not_in_that_month_changes_nothing(alice_client, child):
    response = alice_client.post(
        f"/children/{child.pk}/plan/tick/",
        {"item": "nov-behavior-log", "period": "2026-03", "done": "1"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 400
    assert not ChecklistTick.objects.exists()


def test_plan_page_access(client, alice, bob, charlie, child):
    tick = {"item": "nov-behavior-log", "period": "2026-11", "done": "1"}
    client.force_login(charlie)
    assert client.get(page(child)).status_code == 404
    assert client.post(f"/children/{child.pk}/plan/tick/", tick).status_code == 404
    client.force_login(bob)
    response = client.get(page(child, "?today=2026-11-28"))
    assert response.status_code == 200
    assert b'name="done"' not in response.content  # read-only: no tick buttons
    assert client.post(f"/children/{child.pk}/plan/tick/", tick).status_code == 403
    client.logout()
    assert client.get(page(child)).status_code == 302


def test_plan_page_queries_do_not_grow_with_asks_or_ticks(alice_client, child):
    def count():
        caches["local"].clear()  # drawn afresh, as after a change
        with CaptureQueriesContext(connection) as ctx:
            assert alice_client.get(page(child, "?today=2026-11-28")).status_code == 200
        return len(ctx.captured_queries)

    count()
    few = count()
    for n in range(15):
        Ask.objects.create(child=child, subject=f"Ask {n}", asked_on=date(2026, 11, 1))
        ChecklistTick.objects.create(child=child, item_id=f"x-{n}", period="2026-11")
    assert count() == few
