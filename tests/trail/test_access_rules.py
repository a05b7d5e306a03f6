"""Every trail route: another household's ids answer 404, a read-only member's writes 403,
and nobody signed out sees anything."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from playbook.trail.chain import NewAttachment, append
from playbook.trail.models import Entry

from .conftest import START


@pytest.fixture
def entry(child):
    return append(child, occurred_at=START, kind="email", subject="Private", body="private",
                  attachments=[NewAttachment("private.pdf", b"secret")])  # fmt: skip


def _reads(child, entry):
    attachment = entry.attachments.get()
    base = f"/children/{child.pk}/timeline"
    return [
        f"{base}/",
        f"{base}/check/",
        f"{base}/{entry.pk}/",
        f"{base}/attachments/{attachment.pk}/",
        f"/api/v1/children/{child.pk}/entries",
        f"/api/v1/children/{child.pk}/entries/verify",
        f"/api/v1/children/{child.pk}/entries/{entry.pk}",
        f"/api/v1/attachments/{attachment.pk}",
    ]


def _writes(child, entry):
    base = f"/children/{child.pk}/timeline"
    return [
        (f"{base}/log/", {"kind": "note", "when": "2026-09-01T10:00", "text": "x"}),
        (
            f"{base}/{entry.pk}/correct/",
            {"when": "2026-09-01T10:00", "kind": "note", "direction": "none", "body": "x"},
        ),  # fmt: skip
        (f"{base}/import/", {"file": SimpleUploadedFile("a.eml", b"From: a@b\r\n\r\nx")}),
        (
            f"/api/v1/children/{child.pk}/entries/import",
            {"file": SimpleUploadedFile("a.eml", b"From: a@b\r\n\r\nx")},
        ),  # fmt: skip
    ]


def test_another_household_gets_404_everywhere(charlie_client, child, entry):
    for url in _reads(child, entry):
        assert charlie_client.get(url).status_code == 404, url
    for url, data in _writes(child, entry):
        assert charlie_client.get(url).status_code in (404, 405), url
        assert charlie_client.post(url, data).status_code == 404, url
    response = charlie_client.post(
        f"/api/v1/children/{child.pk}/entries",
        {"occurred_at": "2026-09-01", "kind": "note", "body": "x"},
        content_type="application/json",
    )
    assert response.status_code == 404
    assert Entry.objects.count() == 1


def test_an_attachment_is_not_reachable_through_another_childs_url(
    alice_client, child, entry, household
):
    from playbook.children.models import Child

    sibling = Child.objects.create(household=household, name="Ana", birth_date="2017-01-01",
                                   grade="3", state="CA")  # fmt: skip
    attachment = entry.attachments.get()
    url = f"/children/{sibling.pk}/timeline/attachments/{attachment.pk}/"
    assert alice_client.get(url).status_code == 404
    assert alice_client.get(f"/children/{sibling.pk}/timeline/{entry.pk}/").status_code == 404


def test_a_read_only_member_reads_but_gets_403_on_writes(bob_client, child, entry):
    for url in _reads(child, entry):
        assert bob_client.get(url).status_code == 200, url
    for url, data in _writes(child, entry):
        assert bob_client.post(url, data).status_code == 403, url
    for url in (f"/children/{child.pk}/timeline/log/", f"/children/{child.pk}/timeline/import/"):
        assert bob_client.get(url).status_code == 403
    response = bob_client.post(
        f"/api/v1/children/{child.pk}/entries",
        {"occurred_at": "2026-09-01", "kind": "note", "body": "x"},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert Entry.objects.count() == 1
    timeline = bob_client.get(f"/children/{child.pk}/timeline/").content.decode()
    assert "Log a call or note" not in timeline and "Import email" not in timeline


def test_signed_out_visitors_see_nothing(client, child, entry):
    for url in _reads(child, entry):
        response = client.get(url)
        assert response.status_code in (302, 401), url
        assert b"secret" not in b"".join(getattr(response, "streaming_content", [response.content]))


@pytest.mark.parametrize("bad", ["not-a-uuid", "3f2a1b7e-1111-4222-8333-444455556666"])
def test_unknown_ids_are_404(alice_client, child, bad):
    assert alice_client.get(f"/children/{child.pk}/timeline/{bad}/").status_code == 404
    assert alice_client.get(f"/api/v1/children/{bad}/entries").status_code in (404, 422)
