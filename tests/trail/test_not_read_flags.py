"""A message the recogniser could not read says so on the trail (issue 14): an email written
in Spanish, or half in Spanish, shows no "sounds like a no" badge, and without a word the
parent would take that for "nothing to worry about"."""

from __future__ import annotations

from datetime import UTC, datetime

from django.urls import reverse

from playbook.school_language import reading
from playbook.trail.email_import import import_messages
from playbook.trail.models import Entry

from ..conftest import signed_in
from .emails import as_bytes, message

NOW = datetime(2026, 10, 1, 12, 0, tzinfo=UTC)
SPANISH = (
    "Hola, gracias por su mensaje. Lamentablemente no podemos ofrecer ese servicio este año "
    "porque no tenemos el personal. Podemos hablar en la próxima reunión."
)
ENGLISH_NO = "Unfortunately we can't provide that this year."


def _imported(child, body: str) -> Entry:
    report = import_messages(child, [("message 1", as_bytes(message(body=body)))], now=NOW)
    assert len(report.imported) == 1, report.rejected
    return Entry.objects.get(pk=report.imported[0].pk)


def test_a_message_in_spanish_is_flagged_as_not_read(child, case_manager):
    entry = _imported(child, SPANISH)
    assert entry.flags["not_read"] == [reading.NOT_ENGLISH]
    assert "refusal" not in entry.flags


def test_a_message_in_two_languages_is_read_for_its_english_and_says_the_rest_was_not(
    child, case_manager
):
    entry = _imported(child, f"{ENGLISH_NO}\n\n{SPANISH}")
    assert entry.flags["refusal"] == [ENGLISH_NO]
    assert entry.flags["not_read"] == [reading.SOME_NOT_ENGLISH]


def test_a_message_in_english_has_no_such_flag(child, case_manager):
    entry = _imported(child, f"Thanks for asking. {ENGLISH_NO}")
    assert "not_read" not in entry.flags


def test_a_sent_message_is_not_read_and_not_flagged(child, alice):
    msg = message(sender="Alice Parent <alice@example.com>", to="dana.cole@school.example")
    msg.set_content(SPANISH)
    report = import_messages(child, [("message 1", as_bytes(msg))], now=NOW)
    entry = Entry.objects.get(pk=report.imported[0].pk)
    assert entry.flags == {}


def test_the_timeline_and_the_entry_say_it_in_the_readers_language(client, alice, child):
    entry = _imported(child, SPANISH)
    signed_in(client, alice)
    english = "Checking for a “no”: This does not look like English."
    for url in (
        reverse("trail_entry", args=[child.pk, entry.pk]),
        reverse("trail_timeline", args=[child.pk]),
    ):
        assert english in client.get(url).content.decode()
    alice.language = "es"
    alice.save(update_fields=["language"])
    page = client.get(reverse("trail_entry", args=[child.pk, entry.pk])).content.decode()
    assert "This does not look like English" not in page
    assert "no parece estar en inglés" in page


def test_a_call_logged_in_spanish_says_so_on_the_page_and_in_the_api(
    alice_client, alice, child, case_manager
):
    from tests.api.conftest import Api

    response = alice_client.post(
        reverse("trail_log", args=[child.pk]),
        {"kind": "call", "when": "2026-03-05T15:30", "who": str(case_manager.pk), "text": SPANISH},
    )
    assert response.status_code == 302, response.content
    logged = Entry.objects.get(child=child, flags__logged_as="call")
    assert logged.flags["not_read"] == [reading.NOT_ENGLISH]

    entry = {"occurred_at": "2026-09-14", "kind": "email", "direction": "received"}
    answer = Api(alice).post(
        f"children/{child.pk}/entries", {**entry, "subject": "Re: aide", "body": SPANISH}
    )
    assert answer.status_code == 201, answer.content
    assert answer.json()["flags"]["not_read"] == [reading.NOT_ENGLISH]


def test_a_note_too_long_to_read_whole_says_where_reading_stopped_in_both_languages():
    from django.utils import translation

    from playbook.trail import import_words
    from playbook.trail.log_entry import detect_refusal

    flags = detect_refusal("We discussed the reading plan today. " * 6_000)
    assert flags["not_read"] == ["Only the first 200,000 characters were read."]
    with translation.override("es"):
        shown = import_words.shown(flags["not_read"][0])
    assert shown == "Solo se leyeron los primeros 200,000 caracteres."
