"""Issue 20, finding 13: a control character or lone surrogate typed into an entry is
refused (a form error on the pages, a 422 from POST entries), never a 500 and never on
the trail; an imported email whose encoded subject or names decode to line breaks is
cleaned onto one line."""

from __future__ import annotations

import base64

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from playbook.trail.chain import append
from playbook.trail.email_import import import_messages
from playbook.trail.forms import CorrectionForm, LogForm
from playbook.trail.models import Entry
from tests.api.conftest import Api

from .conftest import START

LONE_SURROGATE = "\ud800"


# --- Typed on the pages ------------------------------------------------------------------

LOG = {"kind": "call", "when": "2026-09-14T15:30", "text": "Dana called about reading."}


@pytest.mark.parametrize(
    "typed, words",
    [
        ("Dana called.\x07", "cannot be saved (U+0007"),
        ("Dana called.\x1b[31m", "cannot be saved (U+001B"),
        ("Dana called.\x0bShe will write.", "cannot be saved (U+000B"),
        ("Dana called.\x9b", "cannot be saved (U+009B"),
    ],
)
def test_the_log_page_refuses_a_control_character_with_a_form_error(
    alice_client, child, typed, words
):
    response = alice_client.post(f"/children/{child.pk}/timeline/log/", {**LOG, "text": typed})
    assert response.status_code == 400
    assert words in response.content.decode()
    assert response.context["form"]["text"].value() == typed  # nothing typed is lost
    assert not Entry.objects.exists()


def test_the_log_page_keeps_lines_and_tabs(alice_client, child):
    text = "Dana called.\r\n\tShe will write by Friday."
    response = alice_client.post(f"/children/{child.pk}/timeline/log/", {**LOG, "text": text})
    assert response.status_code == 302
    assert Entry.objects.get().body == text


@pytest.fixture
def original(child):
    return append(child, occurred_at=START, kind="call", subject="Reading", body="Said no.")


CORRECT = {"when": "2026-09-01T11:00", "kind": "call", "direction": "none", "subject": "Reading",
           "body": "Said yes, in the end.", "why": ""}  # fmt: skip


@pytest.mark.parametrize(
    "field, typed, words",
    [
        ("subject", "Reading\r\nsupport", "remove the line break"),
        ("subject", "Reading\x07", "cannot be saved (U+0007"),
        ("body", "Said yes.\x1b", "cannot be saved (U+001B"),
        ("why", "Wrong\r\nanswer", "remove the line break"),
    ],
)
def test_the_correction_page_refuses_a_break_or_control_with_a_form_error(
    alice_client, child, original, field, typed, words
):
    url = f"/children/{child.pk}/timeline/{original.pk}/correct/"
    response = alice_client.post(url, {**CORRECT, field: typed})
    assert response.status_code == 400
    assert words in response.content.decode()
    assert response.context["form"][field].value() == typed
    assert Entry.objects.count() == 1


def test_the_trail_forms_refuse_a_lone_surrogate(child, original):
    # A browser cannot send one (the request is UTF-8), but the forms refuse it anyway.
    log = LogForm(child, {**LOG, "text": f"Dana {LONE_SURROGATE}"})
    assert not log.is_valid()
    assert "cannot be saved (U+D800" in " ".join(log.errors["text"])
    data = {**CORRECT, "subject": LONE_SURROGATE, "body": f"Yes {LONE_SURROGATE}"}
    correction = CorrectionForm(child, original, data)
    assert not correction.is_valid()
    assert set(correction.errors) == {"subject", "body"}


def test_the_log_page_given_the_bytes_of_a_lone_surrogate_saves_readable_text(alice_client, child):
    # UTF-8 cannot encode a lone surrogate; its bytes in a form post are read as U+FFFD.
    response = alice_client.post(
        f"/children/{child.pk}/timeline/log/",
        b"kind=call&when=2026-09-14T15%3A30&text=Dana%ED%A0%80called",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 302
    assert Entry.objects.get().body == "Dana\ufffd\ufffd\ufffdcalled"


# --- Typed in the API: POST entries ------------------------------------------------------

ENTRY = {"occurred_at": "2026-09-14", "kind": "note", "subject": "Reading", "body": "Noted."}


@pytest.mark.parametrize(
    "field, typed, words",
    [
        ("subject", "Reading\r\nsupport", "remove the line break"),
        ("subject", "Reading\x07", "cannot be saved (U+0007"),
        ("subject", f"Reading {LONE_SURROGATE}", "cannot be saved (U+D800"),
        ("body", "Noted.\x1b", "cannot be saved (U+001B"),
        ("body", f"Noted {LONE_SURROGATE}.", "cannot be saved (U+D800"),
        ("sender", "Dana Cole\r\n<dana@school.example>", "remove the line break"),
        ("sender", f"Dana {LONE_SURROGATE}", "cannot be saved (U+D800"),
        ("recipients", "Alice\r\n<alice@example.com>", "remove the line break"),
        ("recipients", f"Alice {LONE_SURROGATE}", "cannot be saved (U+D800"),
    ],
)
def test_post_entries_refuses_a_break_control_or_surrogate(alice, child, field, typed, words):
    response = Api(alice).post(f"children/{child.pk}/entries", {**ENTRY, field: typed})
    assert response.status_code == 422
    assert words in response.json()["detail"]
    assert not Entry.objects.exists()


def test_post_entries_keeps_lines_and_tabs_in_the_body(alice, child):
    body = "Dana called.\r\n\tShe will write."
    response = Api(alice).post(f"children/{child.pk}/entries", {**ENTRY, "body": body})
    assert response.status_code == 201
    assert Entry.objects.get().body == body


# --- Imported: cleaned -------------------------------------------------------------------


def _encoded(text: str) -> str:
    """An RFC 2047 encoded word: how a mailer sends any text in a header."""
    return f"=?utf-8?b?{base64.b64encode(text.encode()).decode()}?="


PARENT = _encoded("Alice\r\nParent")
DANA = "Dana\r\nCole"
SUBJECT = _encoded("Reading plan\r\nBcc: someone@else.example\x07 update")
HEADERS = (
    "From: Dana Cole <dana.cole@school.example>\r\n"
    f"To: {PARENT} <alice@example.com>\r\n"
    f"Subject: {SUBJECT}\r\n"
    "Date: Mon, 14 Sep 2026 15:30:00 +0000\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n"
)
BODY = "\r\nWe met today.\r\nThe plan\x07 starts Monday.\r\n"
RAW = (HEADERS + "Message-ID: <reading-plan@school.example>\r\n" + BODY).encode()


def _import_by_function(child, alice_client):
    import_messages(child, [("message 1", RAW)])


def _import_by_api(child, alice_client):
    upload = SimpleUploadedFile("plan.eml", RAW)
    response = alice_client.post(f"/api/v1/children/{child.pk}/entries/import", {"file": upload})
    assert response.status_code == 200


def _import_by_page(child, alice_client):
    upload = SimpleUploadedFile("plan.eml", RAW)
    response = alice_client.post(f"/children/{child.pk}/timeline/import/", {"file": upload})
    assert response.status_code == 302  # the import ran as a task (at once, in tests)


@pytest.mark.parametrize("door", [_import_by_function, _import_by_api, _import_by_page])
def test_an_imported_subject_that_decodes_to_line_breaks_is_one_line(
    alice_client, child, case_manager, door
):
    door(child, alice_client)
    entry = Entry.objects.get()
    assert entry.subject == "Reading plan Bcc: someone@else.example update"
    assert entry.recipients == "Alice Parent <alice@example.com>"
    assert entry.sender == "Dana Cole <dana.cole@school.example>"
    assert entry.body == "We met today.\nThe plan starts Monday.\n"
    assert entry.counterpart == case_manager


def test_such_a_message_without_a_message_id_imported_twice_is_one_entry(child):
    without_id = (HEADERS + BODY).encode()
    import_messages(child, [("message 1", without_id)])
    again = import_messages(child, [("again", without_id)])
    assert again.duplicates == 1
    assert Entry.objects.count() == 1


def test_a_sender_whose_encoded_name_decodes_to_a_line_break_is_kept(child, case_manager):
    sender = f"From: {_encoded(DANA)} <dana.cole@school.example>\r\n"
    raw = (sender + HEADERS.split("\r\n", 1)[1] + BODY).encode()
    report = import_messages(child, [("message 1", raw)])
    assert report.rejected == []
    entry = Entry.objects.get()
    assert entry.sender == "Dana Cole <dana.cole@school.example>"
    assert entry.counterpart == case_manager
