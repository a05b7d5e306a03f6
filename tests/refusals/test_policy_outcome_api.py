"""Issue 15, API parity: a refusal's policy outcome is recorded through the API with the
page's write (record_policy_outcome), and the renewal can then be drafted through the API."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.test import Client

from playbook.advocacy.models import Ask
from playbook.children.models import TeamMember
from playbook.refusals.models import Refusal
from playbook.refusals.refusals import log_refusal

API = "/api/v1"


def post(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


@pytest.fixture
def refusal(child, case_manager):
    teacher = TeamMember.objects.create(
        child=child, name="Lee Park", role="special_ed_teacher", email="lee@school.example"
    )
    ask = Ask.objects.create(
        child=child,
        subject="An OT evaluation for handwriting",
        asked_of=teacher,
        asked_on=date(2026, 10, 5),
        channel="email",
    )
    return log_refusal(
        child,
        said_by=teacher,
        said_on=date(2026, 10, 20),
        words="We don't do OT evaluations for handwriting.",
        ask=ask,
    )


def test_no_policy_recorded_through_the_api_lets_the_renewal_be_drafted(
    alice_client, child, refusal
):
    before = post(
        alice_client,
        f"{API}/children/{child.pk}/letters",
        {"kind": "policy_renewal", "refusal": str(refusal.pk)},
    )
    assert before.status_code == 422
    answer = post(
        alice_client,
        f"{API}/refusals/{refusal.pk}/policy-outcome",
        {"outcome": "none_exists", "on": "2026-11-02", "notes": "Said on the phone."},
    )
    assert answer.status_code == 200, answer.content
    assert answer.json()["policy_outcome"] == "none_exists"
    assert answer.json()["policy_outcome_on"] == "2026-11-02"
    refusal.refresh_from_db()
    assert (refusal.policy_outcome, refusal.policy_notes) == ("none_exists", "Said on the phone.")
    assert alice_client.get(f"{API}/refusals/{refusal.pk}").json()["policy_outcome"] == (
        "none_exists"
    )

    letter = post(
        alice_client,
        f"{API}/children/{child.pk}/letters",
        {"kind": "policy_renewal", "refusal": str(refusal.pk)},
    )
    assert letter.status_code == 201, letter.content
    body = letter.json()["body"]
    assert "no such written policy" in body
    assert "OT evaluation for handwriting" in body


def test_a_produced_policy_needs_its_citation_and_no_reply_defaults_to_the_familys_today(
    alice_client, child, refusal
):
    url = f"{API}/refusals/{refusal.pk}/policy-outcome"
    missing = post(alice_client, url, {"outcome": "produced"})
    assert missing.status_code == 422
    assert "citation" in missing.json()["detail"]
    future = post(alice_client, url, {"outcome": "no_reply", "on": "2099-01-01"})
    assert future.status_code == 422 and "on:" in future.json()["detail"]
    wrong = post(alice_client, url, {"outcome": "maybe"})
    assert wrong.status_code == 422 and "outcome" in wrong.json()["detail"]
    refusal.refresh_from_db()
    assert refusal.policy_outcome == Refusal.PolicyOutcome.NOT_ASKED

    produced = post(alice_client, url, {"outcome": "produced", "citation": "BP 6164.4"})
    assert produced.status_code == 200
    assert produced.json()["policy_citation"] == "BP 6164.4"
    assert produced.json()["policy_outcome_on"] == child.today().isoformat()


def test_another_household_and_a_read_only_advocate_cannot_record_it(charlie, bob, refusal):
    outsider, advocate = Client(), Client()
    outsider.force_login(charlie)
    advocate.force_login(bob)
    url = f"{API}/refusals/{refusal.pk}/policy-outcome"
    assert post(outsider, url, {"outcome": "no_reply"}).status_code == 404
    assert outsider.get(f"{API}/refusals/{refusal.pk}").status_code == 404
    assert post(advocate, url, {"outcome": "no_reply"}).status_code == 403
    refusal.refresh_from_db()
    assert refusal.policy_outcome == Refusal.PolicyOutcome.NOT_ASKED


# --- The policy document through the API (issue 15: the page's upload, as multipart) ---------

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def upload(client, refusal, data=None, file=None):
    body = dict(data or {})
    if file is not None:
        body["file"] = file
    return client.post(f"{API}/refusals/{refusal.pk}/policy-document", body)


def pdf(name="board-policy-6164.pdf", content=PDF):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_the_policy_document_lands_in_the_trail_with_its_file(alice_client, child, refusal):
    from playbook.trail.chain import verify
    from playbook.trail.models import Entry

    before = Entry.objects.filter(child=child).count()
    answer = upload(
        alice_client,
        refusal,
        {"on": "2026-11-03", "citation": "BP 6164.4", "notes": "Handed to me at the office."},
        pdf(),
    )
    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert body["policy_outcome"] == "produced"
    assert body["policy_citation"] == "BP 6164.4"
    assert body["policy_outcome_on"] == "2026-11-03"
    refusal.refresh_from_db()
    assert body["policy_entry"] == str(refusal.policy_entry_id)
    assert Entry.objects.filter(child=child).count() == before + 1

    entry = refusal.policy_entry
    assert (entry.kind, entry.direction) == ("document", "received")
    assert entry.subject == "Written policy: BP 6164.4"
    assert entry.body == "Handed to me at the office."
    assert entry.counterpart == refusal.said_by
    (attachment,) = entry.attachments.all()
    assert attachment.filename == "board-policy-6164.pdf"
    assert attachment.content_type == "application/pdf"
    with attachment.file.open("rb") as handle:
        assert handle.read() == PDF
    assert body["document"]["id"] == str(attachment.pk)
    assert body["document"]["name"] == "board-policy-6164.pdf"
    assert body["document"]["size"] == len(PDF)
    assert verify(child).ok

    # Served back only to the household, through the authenticated download.
    download = alice_client.get(body["document"]["url"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert Client().get(body["document"]["url"]).status_code in (401, 403)
    entry_json = alice_client.get(f"{API}/children/{child.pk}/entries/{entry.pk}").json()
    assert [a["name"] for a in entry_json["attachments"]] == ["board-policy-6164.pdf"]
    # The page shows it too: one write, two doors.
    page = alice_client.get(f"/children/{child.pk}/refusals/{refusal.pk}/")
    assert b"board-policy-6164.pdf" in page.content


def test_the_date_defaults_to_the_familys_today_and_no_citation_is_needed(
    alice_client, child, refusal
):
    answer = upload(alice_client, refusal, {}, pdf("policy.pdf"))
    assert answer.status_code == 201, answer.content
    assert answer.json()["policy_outcome_on"] == child.today().isoformat()
    refusal.refresh_from_db()
    assert refusal.policy_entry.subject == "Written policy"


def _nothing_saved(child, refusal, entries_before):
    from playbook.trail.models import Attachment, Entry

    refusal.refresh_from_db()
    assert refusal.policy_outcome == Refusal.PolicyOutcome.NOT_ASKED
    assert refusal.policy_entry_id is None
    assert Entry.objects.filter(child=child).count() == entries_before
    assert not Attachment.objects.filter(entry__child=child).exists()


def test_a_bad_upload_is_refused_with_a_clear_detail_and_nothing_is_saved(
    alice_client, child, refusal, settings
):
    from playbook.trail.models import Entry

    before = Entry.objects.filter(child=child).count()
    missing = upload(alice_client, refusal, {"citation": "BP 6164.4"})
    assert missing.status_code == 400
    assert "multipart field named 'file'" in missing.json()["detail"]

    empty = upload(alice_client, refusal, {}, pdf(content=b""))
    assert empty.status_code in (400, 422)
    assert "empty" in empty.json()["detail"]

    settings.MAX_UPLOAD_BYTES = 1024 * 1024  # the same limit as the page's, made small
    big = upload(alice_client, refusal, {}, pdf(content=PDF + b"x" * 1024 * 1024))
    assert big.status_code == 413
    assert "the limit is 1 MB" in big.json()["detail"]

    future = upload(alice_client, refusal, {"on": "2099-01-01"}, pdf())
    assert future.status_code == 422 and "on:" in future.json()["detail"]
    not_a_date = upload(alice_client, refusal, {"on": "next week"}, pdf())
    assert not_a_date.status_code == 422
    too_long = upload(alice_client, refusal, {"citation": "x" * 301}, pdf())
    assert too_long.status_code == 422 and "citation:" in too_long.json()["detail"]
    _nothing_saved(child, refusal, before)


def test_another_household_and_a_read_only_advocate_cannot_attach_it(charlie, bob, child, refusal):
    from playbook.trail.models import Entry

    before = Entry.objects.filter(child=child).count()
    outsider, advocate = Client(), Client()
    outsider.force_login(charlie)
    advocate.force_login(bob)
    assert upload(outsider, refusal, {}, pdf()).status_code == 404
    assert upload(advocate, refusal, {}, pdf()).status_code == 403
    # Not even a missing file tells an outsider the refusal exists.
    assert upload(outsider, refusal, {}).status_code == 404
    _nothing_saved(child, refusal, before)
