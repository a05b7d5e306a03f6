"""The family's clock for moments (decision 0113): a time stored in UTC is drawn in the
household's time zone on every page, in the binder and in a letter's email file. On an
evening in Honolulu the server's date is already tomorrow; nothing shown may say so."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.utils import timezone

from playbook.accounts.invites import create_invite
from playbook.accounts.models import ApiToken
from playbook.exports.binder import render_html
from playbook.letters import compose, drafts, files
from playbook.trail import chain

# 19:30 on Sunday December 6 in Honolulu (UTC-10); 05:30 on December 7 in UTC.
EVENING_IN_HONOLULU = datetime(2026, 12, 7, 5, 30, tzinfo=UTC)


@pytest.fixture
def honolulu(household, child):
    household.time_zone = "Pacific/Honolulu"
    household.save(update_fields=["time_zone"])
    child.refresh_from_db()
    with time_machine.travel(EVENING_IN_HONOLULU, tick=False):
        yield child


def _call(child):
    return chain.append(
        child,
        occurred_at=timezone.now(),
        kind="call",
        direction="none",
        subject="Phone call with Ms. Rivera about reading",
    )


def test_a_draft_is_listed_with_the_day_it_was_drafted_there(alice_client, honolulu):
    made = compose.draft(honolulu, "records_request", {}, today=honolulu.today(), signature="A")
    drafts.save_draft(honolulu, made, author=None)
    page = alice_client.get(f"/children/{honolulu.pk}/letters/").content.decode()
    assert "drafted Dec 6, 2026" in page
    assert "Dec 7" not in page


def test_a_call_to_recap_is_offered_with_the_day_it_happened_there(alice_client, honolulu):
    _call(honolulu)
    page = alice_client.get(f"/children/{honolulu.pk}/letters/new/meeting_recap/").content
    assert b"Phone call, Dec 06, 2026: Phone call with Ms. Rivera" in page
    assert b"Dec 07, 2026" not in page


def test_the_binder_job_draws_on_the_familys_clock_whatever_the_worker_last_served(
    honolulu, monkeypatch
):
    from playbook.exports import jobs
    from playbook.exports.models import BinderJob

    _call(honolulu)
    drawn = []

    def draw(context):
        drawn.append(render_html(context))
        return "<p>binder</p>"

    monkeypatch.setattr(jobs, "render_html", draw)
    timezone.activate("Asia/Tokyo")  # the last family this worker thread served
    job = BinderJob.objects.create(child=honolulu, date_to=date(2026, 12, 6))
    jobs._make(job)
    assert "Dec 6, 2026 7:30 PM" in drawn[0]
    assert "Phone call with Ms. Rivera" in drawn[0]
    job.refresh_from_db()
    assert job.status == BinderJob.Status.DONE


def test_the_account_and_sharing_pages_date_tokens_and_invitations_there(
    alice_client, alice, household, honolulu
):
    ApiToken.issue(alice, "Spreadsheet")
    create_invite(household, "grandma@example.com", "advocate_read", alice)
    account = alice_client.get("/account/").content.decode()
    sharing = alice_client.get("/household/sharing/").content.decode()
    for page in (account, sharing):
        assert "Dec. 6, 2026" in page or "December 6, 2026" in page or "Dec 6, 2026" in page
        assert "Dec. 7" not in page and "December 7" not in page and "Dec 7" not in page


def test_a_letters_email_file_is_dated_with_the_familys_offset(honolulu):
    made = compose.draft(honolulu, "records_request", {}, today=honolulu.today(), signature="A")
    letter = drafts.save_draft(honolulu, made, author=None)
    assert b"Date: Sun, 06 Dec 2026 19:30:00 -1000" in files.as_eml(letter)


def test_a_request_leaves_the_servers_clock_behind_it(alice_client, honolulu):
    assert alice_client.get(f"/children/{honolulu.pk}/letters/").status_code == 200
    assert timezone.get_current_timezone_name() == "UTC"


def test_the_coach_dates_a_call_to_recap_on_the_familys_day(honolulu):
    from playbook.coach.moves import next_moves

    _call(honolulu)
    moves = [m for m in next_moves(honolulu, honolulu.today()) if m.move == "meeting_recap"]
    assert moves, "a call logged this evening is offered a recap"
    assert "December 6, 2026" in str(moves[0].why)
    assert "December 7" not in str(moves[0].why)


def test_a_kept_fingerprint_is_named_by_the_day_it_was_shown_there(honolulu):
    from playbook.trail.models import ChainAnchor

    _call(honolulu)
    anchor = ChainAnchor.objects.create(
        child=honolulu, seq=1, hash="0" * 64, shown_in=ChainAnchor.ShownIn.BINDER
    )
    anchor = honolulu.chain_anchors.get(pk=anchor.pk)
    assert anchor.named == "the binder of December 6, 2026"
