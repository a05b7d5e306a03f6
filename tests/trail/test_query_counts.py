"""The timeline page and the entries API cost the same number of queries for 10 entries as
for 60: nothing is fetched per entry. A page reads its entries' attachments, corrections
and corrected originals in one query each, and only when it shows some (issue 21)."""

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


# The queries that read what a page's entries have, each run only for a page that has it.
EXTRAS = {
    "attachments": 'SELECT "trail_attachment"',
    "corrections": '"trail_entry"."corrects_id" IN',
    "originals": 'SELECT "trail_entry"."id", "trail_entry"."seq" FROM "trail_entry" WHERE',
}


def _extras(sqls: list[str]) -> dict[str, int]:
    return {kind: sum(1 for sql in sqls if start in sql) for kind, start in EXTRAS.items()}


def _count(client, url, *, extras: bool = True):
    """The request's queries; without ``extras``, leaving out those of EXTRAS, each of
    which ran at most once."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    sqls = [q["sql"] for q in queries]
    assert all(n <= 1 for n in _extras(sqls).values()), sqls
    return (len(sqls) if extras else len(sqls) - sum(_extras(sqls).values())), response


def _compare(alice_client, child, case_manager, household, url_for):
    from playbook.children.models import Child

    small = Child.objects.create(household=household, name="Ten", birth_date="2015-01-01",
                                 grade="4", state="CA")  # fmt: skip
    small_concern = _fill(small, case_manager, 10)
    big_concern = _fill(child, case_manager, 60)
    few, small_response = _count(alice_client, url_for(small, small_concern), extras=False)
    many, big_response = _count(alice_client, url_for(child, big_concern), extras=False)
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
            counted[q, limit] = _count(alice_client, url, extras=False)[0]
    assert counted["word", 5] == counted["word", 500] == counted["corrected", 5]
    assert counted["nothing", 5] == counted["nothing", 500] == counted["word", 5] - 1
    timeline = _count(alice_client, f"/children/{child.pk}/timeline/?q=word")[0]
    assert timeline <= 12


def test_a_page_reads_attachments_and_corrections_only_when_it_shows_some(child, case_manager):
    from datetime import timedelta

    from playbook.trail import cards, paging
    from playbook.trail.filters import EntryFilter

    _fill(child, case_manager, 60)  # at START: attachments, and half of them corrected
    append_many(child, [
        Draft(occurred_at=START + timedelta(days=1, minutes=i), kind="note", body="plain")
        for i in range(60)
    ])  # fmt: skip
    zone = child.zone()
    for order, has in (("newest", 0), ("oldest", 1)):
        with CaptureQueriesContext(connection) as queries:
            page = paging.read_page(child, EntryFilter(), order=order, columns=cards.COLUMNS)
        sqls = [q["sql"] for q in queries]
        # The newest 50 are plain notes: the page and its count, nothing else. The oldest 50
        # have attachments and corrections, and correct no earlier entry themselves.
        expected = {"attachments": has, "corrections": has, "originals": 0}
        assert _extras(sqls) == expected, sqls
        assert len(sqls) == 2 + 2 * has
        # The cards read nothing the page did not (no deferred column, no relation).
        with CaptureQueriesContext(connection) as drawing:
            html = cards.entry_cards(page.entries, child, zone)
        assert len(drawing) == 0, [q["sql"] for q in drawing]
        assert html.count("<li><article") == 50
        assert ("f0.txt" in html, "Corrected" in html) == (bool(has), bool(has))
