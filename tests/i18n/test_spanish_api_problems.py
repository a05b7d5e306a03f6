"""The API's hand-written problems in the reader's language (issue 19): the same bad request
answers in Spanish with `Accept-Language: es` and, in English, word for word as it always
did. The field a problem names and the values it echoes back stay as they are."""

from __future__ import annotations

import uuid

from django.test import Client

from tests.i18n.test_spanish_api_messages import assert_spanish, in_both

API = "/api/v1"
NOBODY = uuid.UUID("00000000-0000-4000-8000-000000000001")


def details(client, method: str, url: str, status: int, **kwargs) -> tuple[str, str]:
    es, en = in_both(client, method, url, **kwargs)
    assert es.status_code == en.status_code == status, (es.content, en.content)
    return es.json()["detail"], en.json()["detail"]


def named_apart(text: str, name: str) -> str:
    """The text without a parameter or endpoint it names, which stays as it is in Spanish
    too (and may read like an English word)."""
    assert name in text, text
    return text.replace(name, "")


def test_a_refusal_without_its_facts_is_refused_in_spanish(alice_client, child):
    es, en = details(
        alice_client,
        "post",
        f"{API}/children/{child.pk}/refusals",
        422,
        data={"said_on": "March 3", "words": ""},
        content_type="application/json",
    )
    assert en == (
        "said_on: 'March 3' is not a date; use YYYY-MM-DD.; "
        "words: required: the words the school used, as close as you remember."
    )
    assert_spanish(es, en)
    assert es.startswith("said_on: 'March 3' no es una fecha; use YYYY-MM-DD.")


def test_an_ask_of_someone_not_on_the_team_is_refused_in_spanish(alice_client, child):
    es, en = details(
        alice_client,
        "post",
        f"{API}/children/{child.pk}/asks",
        422,
        data={"subject": "Speech minutes", "asked_on": "2025-03-03", "asked_of": str(NOBODY)},
        content_type="application/json",
    )
    assert en == f"asked_of: no team member with id {NOBODY} for {child.name}."
    assert_spanish(es, en)
    assert es.startswith("asked_of: ") and str(NOBODY) in es and child.name in es


def test_a_meeting_inviting_a_stranger_is_refused_in_spanish(alice_client, child):
    es, en = details(
        alice_client,
        "post",
        f"{API}/children/{child.pk}/meetings",
        422,
        data={"invitees": [str(NOBODY)]},
        content_type="application/json",
    )
    assert en == f"invitees: no team member of this child has the id {NOBODY}."
    assert_spanish(es, en)
    assert es.startswith("invitees: ")


def test_a_page_of_the_trail_out_of_range_is_refused_in_spanish(alice_client, child):
    es, en = details(alice_client, "get", f"{API}/children/{child.pk}/entries?offset=-1", 422)
    assert en == "offset must be 0 or more."
    assert_spanish(es, en)


def test_a_letter_without_its_kind_is_refused_in_spanish(alice_client, child):
    es, en = details(
        alice_client,
        "post",
        f"{API}/children/{child.pk}/letters",
        422,
        data={},
        content_type="application/json",
    )
    assert en == "kind: is required (e.g. written_concerns)."
    assert_spanish(es, en)
    assert es.startswith("kind: ")


def test_a_comparison_with_one_iep_named_is_refused_in_spanish(alice_client, child):
    es, en = details(alice_client, "get", f"{API}/children/{child.pk}/ieps/compare?a=x", 422)
    assert en == "Give both a and b (IEP ids), or neither for the two most recent."
    assert_spanish(es, en)


def test_a_binder_running_backwards_is_refused_in_spanish(alice_client, child):
    url = f"{API}/children/{child.pk}/binder.pdf?from=2025-03-03&to=2025-01-01"
    es, en = details(alice_client, "get", url, 422)
    assert en == "to: must not be before from."
    assert_spanish(named_apart(es, "from"), en)


def test_an_unknown_suggestion_is_refused_in_spanish(alice_client, child):
    es, en = details(
        alice_client,
        "post",
        f"{API}/children/{child.pk}/next-moves/dismiss",
        422,
        data={"key": "no-such-move"},
        content_type="application/json",
    )
    assert en == "No current suggestion has that key; list next-moves for the keys."
    assert_spanish(named_apart(es, "next-moves"), en)


def test_signing_in_is_asked_for_in_spanish(db):
    es, en = details(Client(), "get", f"{API}/children", 401)
    assert en == "Sign in, or send 'Authorization: Bearer TOKEN' (see `playbook token`)."
    assert_spanish(es, en)
    assert "Authorization: Bearer TOKEN" in es
