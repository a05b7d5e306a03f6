"""The timeline page and the entries API cost the same number of queries for 10 entries as
for 60: nothing is fetched per entry."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from playbook.advocacy.models import Ask, Concern
from playbook.trail.chain import Draft, NewAttachment, append_many

from .conftest import START


def _fill(child, case_manager, n):
    concern = Concern.objects.create(child=child, title=f"Concern {n}")
    ask = Ask.objects.create(child=child, subject="Ask", asked_on=START.date(), concern=concern)
    entries = append_many(child, [
        Draft(occurred_at=START, kind="email", subject=f"Entry {i}", body="word " * 80,
              counterpart=case_manager, attachments=[NewAttachment(f"f{i}.txt", b"x")],
              flags={"refusal": {"matched": ["no"]}})
        for i in range(n)
    ])  # fmt: skip
    # Half of them corrected, so the pages show correction links both ways.
    corrections = append_many(child, [
        Draft(occurred_at=START, kind="email", body="word corrected", corrects=entry)
        for entry in entries[: n // 2]
    ])  # fmt: skip
    ask.entries.add(*entries, *corrections)
    return concern


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


def _compare(alice_client, child, case_manager, household, url_for):
    from playbook.children.models import Child

    small = Child.objects.create(household=household, name="Ten", birth_date="2015-01-01",
                                 grade="4", state="CA")  # fmt: skip
    small_concern = _fill(small, case_manager, 10)
    big_concern = _fill(child, case_manager, 60)
    few, small_response = _count(alice_client, url_for(small, small_concern))
    many, big_response = _count(alice_client, url_for(child, big_concern))
    assert few == many
    return small_response, big_response


def test_the_timeline_page_queries_do_not_grow(alice_client, child, case_manager, household):
    _, big = _compare(alice_client, child, case_manager, household,
                      lambda c, concern: f"/children/{c.pk}/timeline/?q=word&concern={concern.pk}")  # fmt: skip
    html = big.content.decode()
    assert html.count('class="card entry"') == 50 and "Corrects" in html


def test_the_entries_api_queries_do_not_grow(alice_client, child, case_manager, household):
    _, big = _compare(alice_client, child, case_manager, household,
                      lambda c, concern: f"/api/v1/children/{c.pk}/entries?limit=500&q=word&concern={concern.pk}")  # fmt: skip
    items = big.json()
    assert len(items) == 90
    assert sum(1 for item in items if item["corrected_by"]) == 30


def test_the_timeline_page_has_a_fixed_query_budget(
    alice_client, child, case_manager, django_assert_max_num_queries
):
    _fill(child, case_manager, 60)
    with django_assert_max_num_queries(12):
        alice_client.get(f"/children/{child.pk}/timeline/")


def test_a_searched_page_has_a_fixed_query_budget(alice_client, child, case_manager, household):
    # A search reads its matches once (up to 1,001: the count, and the page cut from them),
    # then the entries shown by key and their attachments and corrections: the same for a
    # page of 5 as for a page of 500, and for a word in every entry as for a rare one.
    _fill(child, case_manager, 60)
    counted = {}
    for q in ("word", "corrected", "nothing"):
        for limit in (5, 500):
            url = f"/api/v1/children/{child.pk}/entries?q={q}&limit={limit}"
            counted[q, limit] = _count(alice_client, url)[0]
    assert counted["word", 5] == counted["word", 500] == counted["corrected", 5]
    assert counted["nothing", 5] == counted["nothing", 500] == counted["word", 5] - 3
    timeline = _count(alice_client, f"/children/{child.pk}/timeline/?q=word")[0]
    assert timeline <= 12
