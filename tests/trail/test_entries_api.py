from datetime import UTC, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from playbook.advocacy.models import Ask, Concern
from playbook.refusals.models import Refusal
from playbook.trail.chain import NewAttachment, append, verify
from playbook.trail.models import Entry

from .conftest import START
from .emails import as_bytes, mbox, message


def _url(child, suffix=""):
    return f"/api/v1/children/{child.pk}/entries{suffix}"


def _post(client, child, **payload):
    return client.post(_url(child), payload, content_type="application/json")


def test_it_lists_entries_oldest_first_with_their_chain_fields(alice_client, child, make_entries):
    made = make_entries(3)
    late = append(child, occurred_at=START.replace(year=2025), kind="call", body="earlier")
    response = alice_client.get(_url(child))
    assert response.status_code == 200
    data = response.json()
    assert response["X-Total-Count"] == "4"
    assert [item["id"] for item in data] == [str(late.pk)] + [str(e.pk) for e in made]
    first = data[0]
    assert first["seq"] == 4
    assert first["hash"] == late.hash and first["prev_hash"] == made[-1].hash
    assert set(first) >= {
        "id", "seq", "occurred_at", "kind", "direction", "counterpart", "sender", "recipients",
        "subject", "body", "corrects", "attachments", "hash", "prev_hash", "flags",
    }  # fmt: skip


def test_it_paginates(alice_client, child, make_entries):
    made = make_entries(5)
    response = alice_client.get(_url(child), {"limit": 2, "offset": 2})
    assert response["X-Total-Count"] == "5"
    assert [i["id"] for i in response.json()] == [str(made[2].pk), str(made[3].pk)]
    assert alice_client.get(_url(child), {"limit": 0}).status_code == 422
    assert alice_client.get(_url(child), {"limit": 501}).status_code == 422


def test_attachments_carry_name_size_digest_and_a_download_url(alice_client, child):
    entry = append(
        child, occurred_at=START, kind="email", attachments=[NewAttachment("iep.pdf", b"%PDF")]
    )
    [item] = alice_client.get(_url(child)).json()
    [attachment] = item["attachments"]
    assert attachment["name"] == "iep.pdf" and attachment["size"] == 4
    assert attachment["sha256"] == entry.attachments.get().sha256
    download = alice_client.get(attachment["url"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF"
    assert "attachment" in download["Content-Disposition"]


def test_it_filters_by_kind_counterpart_and_dates(alice_client, child, case_manager):
    call = append(child, occurred_at=START, kind="call", counterpart=case_manager, body="a")
    note = append(child, occurred_at=START.replace(day=20), kind="note", body="b")
    ids = lambda **q: [i["id"] for i in alice_client.get(_url(child), q).json()]  # noqa: E731
    assert ids(kind="call") == [str(call.pk)]
    assert ids(counterpart=str(case_manager.pk)) == [str(call.pk)]
    assert ids(**{"from": "2026-09-10"}) == [str(note.pk)]
    assert ids(to="2026-09-01") == [str(call.pk)]
    assert ids(**{"from": "2026-09-01", "to": "2026-09-20"}) == [str(call.pk), str(note.pk)]


def test_it_filters_by_ask_and_concern(alice_client, child):
    concern = Concern.objects.create(child=child, title="Reading")
    ask = Ask.objects.create(
        child=child, subject="Reading plan", asked_on=START.date(), concern=concern
    )
    linked = append(child, occurred_at=START, kind="email", body="asked")
    append(child, occurred_at=START, kind="note", body="unrelated")
    ask.entries.add(linked)
    refusal = append(child, occurred_at=START, kind="email", body="That is not an option.")
    Refusal.objects.create(child=child, said_on=START.date(), words="no", ask=ask, entry=refusal)
    for params in ({"ask": str(ask.pk)}, {"concern": str(concern.pk)}):
        items = alice_client.get(_url(child), params).json()
        assert [i["id"] for i in items] == [str(linked.pk), str(refusal.pk)]


def test_it_pages_after_an_entry_in_either_order(alice_client, child, make_entries):
    made = make_entries(5)
    first = alice_client.get(_url(child), {"limit": 2})
    assert [i["seq"] for i in first.json()] == [1, 2] and first["X-Total-Count"] == "5"
    after = first.json()[-1]["id"]
    rest = alice_client.get(_url(child), {"limit": 2, "after": after})
    assert [i["seq"] for i in rest.json()] == [3, 4] and rest["X-Total-Count"] == "5"
    newest = alice_client.get(_url(child), {"order": "newest", "after": str(made[3].pk)})
    assert [i["seq"] for i in newest.json()] == [3, 2, 1]
    searched = alice_client.get(
        _url(child), {"q": "body", "order": "newest", "limit": 2, "after": str(made[3].pk)}
    )
    assert [i["seq"] for i in searched.json()] == [3, 2] and searched["X-Total-Count"] == "5"


def test_the_total_says_when_it_stopped_counting(alice_client, child, make_entries):
    from playbook.trail import paging

    make_entries(paging.EXACT_UP_TO + 1, kind="call")
    narrowed = alice_client.get(_url(child), {"kind": "call", "limit": 1})
    assert narrowed["X-Total-Count"] == f"{paging.EXACT_UP_TO}+"
    assert alice_client.get(_url(child), {"limit": 1})["X-Total-Count"] == "1001"
    searched = alice_client.get(_url(child), {"q": "entry", "limit": 1})
    assert searched["X-Total-Count"] == "1000+" and len(searched.json()) == 1


def test_it_searches_phrases_and_by_relevance(alice_client, child):
    said = append(child, occurred_at=START, kind="email", body='She said "that is not an option".')
    loose = append(child, occurred_at=START, kind="email", body="An option is not ruled out.")
    data = alice_client.get(_url(child), {"q": '"not an option"'}).json()
    assert [i["id"] for i in data] == [str(said.pk)]
    both = alice_client.get(_url(child), {"q": "option not", "order": "relevance"}).json()
    assert {i["id"] for i in both} == {str(said.pk), str(loose.pk)}


def test_it_searches_words(alice_client, child):
    hit = append(
        child, occurred_at=START, kind="email", subject="Speech", body="articulation goals"
    )
    append(child, occurred_at=START, kind="email", subject="Bus", body="pickup time")
    data = alice_client.get(_url(child), {"q": 'articulation "'}).json()
    assert [i["id"] for i in data] == [str(hit.pk)]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"kind": "fax"}, "kind must be one of"),
        ({"counterpart": "nope"}, "counterpart"),
        ({"ask": "3f2a1b7e-1111-4222-8333-444455556666"}, "is not one of this child's asks"),
        ({"from": "2026-09-10", "to": "2026-09-01"}, "from must be on or before to"),
        ({"order": "random"}, "order must be one of newest, oldest, relevance"),
        ({"after": "3f2a1b7e-1111-4222-8333-444455556666"}, "is not one of this child's entries"),
    ],
)
def test_bad_filters_are_422_with_a_clear_message(alice_client, child, params, message):
    response = alice_client.get(_url(child), params)
    assert response.status_code == 422
    assert message in response.json()["detail"]


def test_it_adds_an_entry_to_the_chain(alice_client, child, case_manager):
    first = append(child, occurred_at=START, kind="note", body="first")
    response = _post(
        alice_client,
        child,
        occurred_at="2026-09-14T15:30:00-07:00",
        kind="call",
        direction="received",
        counterpart=str(case_manager.pk),
        subject="Call from Dana",
        body="She said that's not an option.",
    )
    assert response.status_code == 201, response.json()
    data = response.json()
    entry = Entry.objects.get(pk=data["id"])
    assert entry.seq == 2 and entry.prev_hash == first.hash
    assert entry.occurred_at == datetime(2026, 9, 14, 22, 30, tzinfo=UTC)
    assert entry.counterpart == case_manager
    [matched] = data["flags"]["refusal"]
    assert "not an option" in matched
    assert verify(child).ok


def test_a_date_alone_is_noon_in_the_households_zone(alice_client, child):
    data = _post(alice_client, child, occurred_at="2026-09-14", kind="note", body="x").json()
    assert data["occurred_at"].startswith("2026-09-14T16:00:00")


def test_a_correction_points_at_an_entry_of_the_same_child(alice_client, child, charlie):
    from playbook.children.models import Child

    original = append(child, occurred_at=START, kind="call", body="wrong day")
    ok = _post(alice_client, child, occurred_at="2026-09-02", kind="call", body="right day",
               corrects=str(original.pk))  # fmt: skip
    assert ok.status_code == 201
    assert ok.json()["corrects"] == str(original.pk)
    listed = alice_client.get(_url(child)).json()
    assert listed[0]["corrected_by"] == [ok.json()["id"]]
    Entry.objects.get(pk=original.pk)  # the old entry is still there, unchanged
    other = Child.objects.create(household=charlie.memberships.get().household, name="O",
                                 birth_date="2015-01-01", grade="4", state="NY")  # fmt: skip
    theirs = append(other, occurred_at=START, kind="note", body="x")
    bad = _post(alice_client, child, occurred_at="2026-09-02", kind="call", body="x",
                corrects=str(theirs.pk))  # fmt: skip
    assert bad.status_code == 422
    assert "corrects" in bad.json()["detail"]


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ({"kind": "note", "body": "x"}, "occurred_at is required"),
        ({"occurred_at": "yesterday", "kind": "note", "body": "x"}, "occurred_at must be"),
        ({"occurred_at": "2999-01-01", "kind": "note", "body": "x"}, "in the future"),
        ({"occurred_at": "2026-09-01", "kind": "fax", "body": "x"}, "kind must be one of"),
        ({"occurred_at": "2026-09-01", "kind": "note"}, "Write what happened"),
        (
            {"occurred_at": "2026-09-01", "kind": "note", "body": "x", "direction": "up"},
            "direction",
        ),
        (
            {"occurred_at": "2026-09-01", "kind": "note", "body": "x", "counterpart": "1"},
            "counterpart",
        ),
    ],
)
def test_bad_entries_are_422_and_nothing_is_added(alice_client, child, payload, message):
    response = _post(alice_client, child, **payload)
    assert response.status_code == 422
    assert message in response.json()["detail"]
    assert not Entry.objects.exists()


def test_import_answers_imported_duplicates_and_rejected(alice_client, child):
    good = as_bytes(message(subject="Hello", message_id="<one@school.example>"))
    data = mbox(good, b"garbage", good)
    upload = SimpleUploadedFile("school.mbox", data, content_type="application/mbox")
    response = alice_client.post(_url(child, "/import"), {"file": upload})
    assert response.status_code == 200, response.content
    body = response.json()
    assert len(body["imported"]) == 1 and body["duplicates"] == 1
    assert body["rejected"] == [{"item": "message 2", "reason": body["rejected"][0]["reason"]}]
    assert Entry.objects.get(pk=body["imported"][0]).subject == "Hello"
    again = alice_client.post(
        _url(child, "/import"), {"file": SimpleUploadedFile("one.eml", good)}
    ).json()
    assert again["imported"] == [] and again["duplicates"] == 1


def test_import_refuses_other_files_and_a_missing_file(alice_client, child):
    wrong = alice_client.post(
        _url(child, "/import"), {"file": SimpleUploadedFile("notes.pdf", b"%PDF")}
    )
    assert wrong.status_code == 422 and ".eml" in wrong.json()["detail"]
    missing = alice_client.post(_url(child, "/import"), {})
    assert missing.status_code == 422 and "file" in missing.json()["detail"]


def test_import_refuses_a_file_over_the_import_limit(alice_client, child, settings):
    settings.MAX_UPLOAD_BYTES = 100
    upload = SimpleUploadedFile("big.mbox", b"From x\n" + b"y" * 200)
    response = alice_client.post(_url(child, "/import"), {"file": upload})
    assert response.status_code == 413


def test_verify_names_the_first_bad_entry(alice_client, child, make_entries):
    made = make_entries(3)
    assert alice_client.get(_url(child, "/verify")).json()["ok"] is True
    Entry.objects.filter(pk=made[1].pk).update(subject="changed")
    # Entry 2 was found intact by the last check: only a full walk reads it again.
    assert alice_client.get(_url(child, "/verify")).json()["ok"] is True
    data = alice_client.get(_url(child, "/verify"), {"full": "true"}).json()
    assert data["ok"] is False and data["first_bad"] == str(made[1].pk)
    assert data["first_bad_seq"] == 2


def test_one_entry_by_id(alice_client, child):
    entry = append(child, occurred_at=START, kind="note", body="x")
    assert alice_client.get(_url(child, f"/{entry.pk}")).json()["id"] == str(entry.pk)


def test_the_openapi_document_describes_the_trail_routes(client, db):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    listing = paths["/api/v1/children/{child_id}/entries"]
    names = {p["name"] for p in listing["get"]["parameters"]}
    assert {"kind", "counterpart", "from", "to", "ask", "concern", "q", "limit", "offset"} <= names
    assert "post" in listing
    assert "/api/v1/children/{child_id}/entries/import" in paths


def test_an_eml_saved_with_an_mbox_from_line_still_imports(alice_client, child):
    raw = b"From someone@example.com Mon Sep 14 10:00:00 2026\n" + as_bytes(message())
    upload = SimpleUploadedFile("saved.eml", raw)
    body = alice_client.post(_url(child, "/import"), {"file": upload}).json()
    assert len(body["imported"]) == 1, body


def test_a_large_upload_goes_through_a_temporary_file_and_imports(alice_client, child, settings):
    settings.EMAIL_IMPORT_IN_REQUEST_MAX_BYTES = settings.MAX_UPLOAD_BYTES  # imported at once
    big = message(subject="Video of the class")
    big.add_attachment(b"\1" * (settings.FILE_UPLOAD_MAX_MEMORY_SIZE + 1), maintype="video",
                       subtype="mp4", filename="class.mp4")  # fmt: skip
    data = mbox(as_bytes(big), as_bytes(message(subject="Small one")))
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE < len(data) <= settings.MAX_UPLOAD_BYTES
    response = alice_client.post(
        _url(child, "/import"), {"file": SimpleUploadedFile("big.mbox", data)}
    )
    body = response.json()
    assert len(body["imported"]) == 2 and body["rejected"] == []
    video = Entry.objects.get(pk=body["imported"][0]).attachments.get()
    assert video.filename == "class.mp4" and video.size == settings.FILE_UPLOAD_MAX_MEMORY_SIZE + 1
