"""The chain check goes on from where the last one found the trail intact (issue 21): the
timeline's badge and the API cost what was added since, at any size of trail; a full walk
is one request (or the verify-trail command) away, and anything the shortcut cannot be
sure of gets one."""

from __future__ import annotations

from playbook.trail.chain import head_of, remember_shown, verify
from playbook.trail.models import Entry, VerifiedHead


def test_after_a_full_check_only_new_entries_are_walked(child, make_entries):
    made = make_entries(30)
    full = verify(child)
    assert full.ok and full.walked_from is None and full.full_at is not None
    assert VerifiedHead.objects.get(child=child).seq == 30
    make_entries(3, subject="Later")
    report = verify(child, incremental=True)
    assert report.ok and (report.checked, report.walked_from, report.added_since) == (33, 30, 3)
    assert report.full_at == full.full_at and report.head == head_of(child)
    assert "3 added since the last check walked" in report.summary()
    assert VerifiedHead.objects.get(child=child).seq == 33
    again = verify(child, incremental=True)
    assert (again.walked_from, again.added_since) == (33, 0)
    assert made[0].pk  # the trail is the one made above


def test_a_change_after_the_last_check_is_found(child, make_entries):
    make_entries(5)
    verify(child)
    later = make_entries(3, subject="Later")
    Entry.objects.filter(pk=later[1].pk).update(body="rewritten")
    report = verify(child, incremental=True)
    assert not report.ok and report.first_bad == later[1]


def test_a_changed_head_or_a_missing_entry_sends_the_check_back_to_entry_one(child, make_entries):
    made = make_entries(6)
    verify(child)
    Entry.objects.filter(pk=made[-1].pk).update(body="rewritten")
    report = verify(child, incremental=True)
    assert not report.ok and report.first_bad == made[-1] and report.walked_from is None

    Entry.objects.filter(pk=made[-1].pk).update(body=made[-1].body)
    assert verify(child).ok
    Entry.objects.filter(pk=made[2].pk).delete()
    report = verify(child, incremental=True)
    assert not report.ok and report.bad_seq == 4 and "entry 3 is missing" in report.reason


def test_an_earlier_change_waits_for_the_full_check_which_finds_it(child, make_entries):
    made = make_entries(6)
    verify(child)
    Entry.objects.filter(pk=made[1].pk).update(body="rewritten quietly")
    shortcut = verify(child, incremental=True)
    # What the shortcut says, and no more: the entries up to the head it remembered.
    assert shortcut.ok and shortcut.walked_from == 6
    assert not verify(child).ok and verify(child).first_bad == made[1]


def test_a_shown_head_cut_off_is_still_found(child, make_entries):
    made = make_entries(6)
    remember_shown(child, head_of(child), "binder")
    verify(child)
    Entry.objects.filter(pk__in=[e.pk for e in made[4:]]).delete()
    report = verify(child, incremental=True)
    assert not report.ok and "entries were removed from the end" in report.reason


def test_the_api_goes_on_from_the_last_check_unless_asked_for_all(
    alice_client, child, make_entries
):
    make_entries(4)
    url = f"/api/v1/children/{child.pk}/entries/verify"
    first = alice_client.get(url).json()
    assert first["ok"] and first["checked"] == 4 and first["incremental"] is False
    make_entries(2, subject="Later")
    second = alice_client.get(url).json()
    assert second["ok"] and second["checked"] == 6 and second["incremental"] is True
    assert second["full_at"] == first["full_at"]
    full = alice_client.get(url, {"full": "true"}).json()
    assert full["incremental"] is False and full["full_at"] > first["full_at"]


def test_the_badge_says_what_it_walked_and_offers_the_full_check(alice_client, child, make_entries):
    make_entries(3)
    url = f"/children/{child.pk}/timeline/check/"
    assert "Checked 3 entries" in alice_client.get(url, HTTP_HX_REQUEST="true").content.decode()
    make_entries(2, subject="Later")
    badge = alice_client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "The first 3 were found intact" in badge and "the 2 added since" in badge
    assert "?full=1" in badge
    for full in (url + "?full=1", url):  # the link, and the page without JavaScript
        assert "Checked 5 entries" in alice_client.get(full).content.decode()
