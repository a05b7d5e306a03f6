"""Issue 20, finding 6: the chain head as an outside anchor. A trail cut short at its end,
or rewritten and re-hashed from some entry on, still chains; only a fingerprint kept
outside the database (printed in a binder or a weekly email) shows it."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError

from playbook.trail.chain import (
    BadFingerprint,
    Fingerprint,
    append,
    content_digest,
    head_of,
    link_hash,
    parse_fingerprint,
    remember_shown,
    verify,
)
from playbook.trail.models import ChainAnchor, Entry


def _when(day: int) -> datetime:
    return datetime(2026, 9, day, 15, 0, tzinfo=UTC)


@pytest.fixture
def trail(child) -> list[Entry]:
    return [
        append(child, occurred_at=_when(day), kind="note", body=f"entry {day}") for day in (1, 2, 3)
    ]


def _rewrite_from(child, seq: int, body: str) -> None:
    """What a forger with the database does: change an entry, then re-hash it and every
    entry after it, so the chain holds again."""
    entries = list(Entry.objects.filter(child=child, seq__gte=seq).order_by("seq"))
    prev_hash = Entry.objects.get(child=child, seq=seq - 1).hash if seq > 1 else "0" * 64
    entries[0].body = body
    for entry in entries:
        entry.prev_hash = prev_hash
        entry.content_hash = content_digest(entry, list(entry.attachments.all()))
        entry.hash = prev_hash = link_hash(entry.prev_hash, entry.seq, entry.content_hash)
        entry.save()


# The fingerprint a parent kept


def test_the_head_is_the_last_entry(child, trail):
    assert head_of(child) == Fingerprint(3, trail[2].hash)
    assert str(head_of(child)) == f"3:{trail[2].hash}"


def test_a_trail_cut_short_still_chains_but_not_past_the_fingerprint_you_kept(child, trail):
    kept = head_of(child)
    Entry.objects.filter(pk=trail[2].pk).delete()
    assert verify(child).ok  # nothing inside the database tells
    report = verify(child, against=kept)
    assert not report.ok and report.first_bad is None and report.bad_seq == 3
    assert report.reason == (
        "you kept the fingerprint of entry 3, but the trail now ends at entry 2: "
        "entries were removed from the end"
    )
    assert report.summary().startswith("broken: you kept the fingerprint of entry 3")


def test_a_rewritten_and_rehashed_trail_does_not_match_the_fingerprint_you_kept(child, trail):
    kept = head_of(child)
    _rewrite_from(child, 2, "what the school would rather it said")
    assert verify(child).ok
    report = verify(child, against=kept)
    assert not report.ok and report.first_bad == trail[2] and report.bad_seq == 3
    assert "rewritten" in report.reason


def test_a_fingerprint_kept_without_its_number_is_looked_for_everywhere(child, trail):
    kept = Fingerprint(None, trail[1].hash)
    assert verify(child, against=kept).ok
    _rewrite_from(child, 2, "changed")
    report = verify(child, against=kept)
    assert not report.ok and report.first_bad is None
    assert report.reason.startswith("no entry has the fingerprint you kept")


def test_entries_added_after_the_fingerprint_was_kept_are_fine(child, trail):
    kept = head_of(child)
    append(child, occurred_at=_when(4), kind="note", body="later")
    report = verify(child, against=kept)
    assert report.ok and report.checked == 4 and report.against == kept
    assert report.summary() == "intact: 4 entries checked; entry 3 matches the fingerprint you kept"


@pytest.mark.parametrize(
    "text,seq",
    [("3:{h}", 3), ("  {H}  ", None), ("entry 3: {h}", 3), ("3 : {h}", 3)],
)
def test_a_fingerprint_reads_as_printed(text, seq):
    digest = "3f9a" + "0" * 58 + "c2"
    assert parse_fingerprint(text.format(h=digest, H=digest.upper())) == Fingerprint(seq, digest)


@pytest.mark.parametrize(
    "text", ["", "3:abc", "3f9a…c2", "x:" + "a" * 64, "00:" + "a" * 64, "g" * 64, "1:" + "a" * 65]
)
def test_a_fingerprint_copied_wrong_is_a_plain_error(text):
    with pytest.raises(BadFingerprint) as raised:
        parse_fingerprint(text)
    assert "64" in str(raised.value)


# What the app itself showed: binders and weekly emails


def test_a_trail_cut_short_below_what_a_binder_showed_is_broken(child, trail):
    remember_shown(child, head_of(child), ChainAnchor.ShownIn.BINDER)
    Entry.objects.filter(pk=trail[2].pk).delete()
    report = verify(child)
    assert not report.ok and report.bad_seq == 3
    assert report.reason.startswith("the binder of ")
    assert report.reason.endswith("showed entry 3, but the trail now ends at entry 2: "
                                  "entries were removed from the end")  # fmt: skip


def test_a_rehashed_trail_does_not_match_what_a_weekly_email_showed(child, trail):
    remember_shown(child, head_of(child), ChainAnchor.ShownIn.DIGEST)
    _rewrite_from(child, 1, "rewritten from the start")
    report = verify(child)
    assert not report.ok and report.first_bad == trail[2]
    assert "the weekly email of" in report.reason


def test_showing_the_same_head_twice_keeps_one_anchor(child, trail):
    for _ in range(2):
        remember_shown(child, head_of(child), ChainAnchor.ShownIn.BINDER)
    remember_shown(child, None, ChainAnchor.ShownIn.BINDER)  # an empty trail: nothing shown
    assert ChainAnchor.objects.filter(child=child).count() == 1


def test_the_binder_prints_the_head_and_remembers_it(child, trail):
    from playbook.exports.binder import Scope, binder_context, render_html

    html = render_html(binder_context(child, Scope(), date(2026, 9, 30)))
    assert f"3:{trail[2].hash}" in html
    assert "Paper trail: 3 entries" in html
    anchor = ChainAnchor.objects.get(child=child)
    assert (anchor.seq, anchor.hash, anchor.shown_in) == (3, trail[2].hash, "binder")


def test_every_weekly_email_prints_the_head_and_remembers_it(child, trail, case_manager):
    from playbook.advocacy.models import Ask

    monday = date(2026, 11, 16)
    Ask.objects.create(child=child, subject="an OT evaluation", asked_of=case_manager,
                       asked_on=monday - timedelta(days=20), channel="email")  # fmt: skip
    call_command("remind", today=monday.isoformat(), stdout=io.StringIO())
    [message] = mail.outbox
    assert f"3:{trail[2].hash}" in message.body
    assert f"3:{trail[2].hash}" in message.alternatives[0][0]
    assert ChainAnchor.objects.get(child=child).shown_in == "digest"


# The command


def _run(*args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("verify-trail", *args, stdout=out, stderr=err)
    except SystemExit as exit:
        return exit.code, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def test_the_command_checks_against_a_kept_fingerprint(child, trail):
    kept = str(head_of(child))
    code, out, _ = _run(str(child.pk), "--against", kept)
    assert code == 0 and "entry 3 matches the fingerprint you kept" in out
    Entry.objects.filter(pk=trail[2].pk).delete()
    code, out, err = _run(str(child.pk), "--against", kept)
    assert code == 1
    assert "the trail now ends at entry 2: entries were removed from the end" in out
    assert "1 trail is broken" in err


def test_the_command_says_plainly_what_is_wrong_with_the_arguments(child, trail):
    with pytest.raises(CommandError) as raised:
        call_command("verify-trail", str(child.pk), "--against", "3:abc")
    assert raised.value.returncode == 2 and "64" in str(raised.value)
    with pytest.raises(CommandError) as raised:
        call_command("verify-trail", "--against", str(head_of(child)))
    assert raised.value.returncode == 2 and "CHILD_ID" in str(raised.value)


# The API


def _verify_url(child, against: str = "") -> str:
    url = f"/api/v1/children/{child.pk}/entries/verify"
    return f"{url}?against={against}" if against else url


def test_the_api_checks_against_a_kept_fingerprint(alice_client, child, trail):
    kept = str(head_of(child))
    data = alice_client.get(_verify_url(child, kept)).json()
    assert data["ok"] is True and data["head"] == {"seq": 3, "hash": trail[2].hash}
    Entry.objects.filter(pk=trail[2].pk).delete()
    data = alice_client.get(_verify_url(child, kept)).json()
    assert data["ok"] is False and data["first_bad"] is None and data["first_bad_seq"] == 3
    assert "entries were removed from the end" in data["reason"]


def test_the_api_answers_422_for_a_fingerprint_copied_wrong(alice_client, child, trail):
    response = alice_client.get(_verify_url(child, "3:abc"))
    assert response.status_code == 422 and "64" in response.json()["detail"]


def test_another_familys_fingerprint_check_is_not_found(charlie_client, child, trail):
    assert charlie_client.get(_verify_url(child, str(head_of(child)))).status_code == 404


# The pages


def _check_url(child) -> str:
    return f"/children/{child.pk}/timeline/check/"


def test_the_timeline_offers_to_check_a_kept_fingerprint(alice_client, child, trail):
    html = alice_client.get(f"/children/{child.pk}/timeline/").content.decode()
    assert "Check against a fingerprint you kept" in html
    assert f'action="{_check_url(child)}"' in html


def test_the_check_page_says_in_plain_words_whether_the_fingerprint_holds(
    alice_client, child, trail
):
    kept = str(head_of(child))
    html = alice_client.get(_check_url(child), {"fingerprint": kept}).content.decode()
    assert "matches the fingerprint you kept" in html
    assert f"3:{trail[2].hash}" in html  # the head to keep now
    Entry.objects.filter(pk=trail[2].pk).delete()
    html = alice_client.get(_check_url(child), {"fingerprint": kept}).content.decode()
    assert "Trail changed" in html and "entries were removed from the end" in html


def test_a_fingerprint_copied_wrong_is_a_form_error_on_the_check_page(alice_client, child, trail):
    response = alice_client.get(_check_url(child), {"fingerprint": "3:abc"})
    html = response.content.decode()
    assert response.status_code == 400
    assert 'class="error-text"' in html and "64" in html
    assert 'value="3:abc"' in html  # what was typed is kept
