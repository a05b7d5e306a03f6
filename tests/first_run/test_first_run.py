"""The first five minutes (issue 17): sign-up on a laptop starts at once, the set-up leads
from the case manager to "What's worrying you?" and straight to the written-concerns letter
with its draft, then offers the meeting request, where another concern can be added."""

from __future__ import annotations

import re

import pytest

from playbook.accounts.models import User
from playbook.advocacy.models import Concern
from playbook.letters.models import Letter
from tests.conftest import PASSWORD

CONSOLE = "django.core.mail.backends.console.EmailBackend"


def _sign_up(client, email="rosa@example.com"):
    return client.post(
        "/signup/",
        {"email": email, "password": PASSWORD, "display_name": "Rosa Diaz"},
    )


def test_on_a_laptop_a_new_account_is_signed_in_at_once(db, client, settings):
    settings.EMAIL_BACKEND = CONSOLE
    settings.REQUIRE_VERIFIED_EMAIL = False
    answer = _sign_up(client)
    assert answer.status_code == 302 and answer["Location"] == "/"
    assert client.get("/")["Location"] == "/children/new/"


@pytest.mark.parametrize(
    ("backend", "require"),
    [(CONSOLE, True), ("django.core.mail.backends.locmem.EmailBackend", False)],
)
def test_where_email_goes_out_sign_up_still_waits_for_the_link(
    db, client, settings, backend, require
):
    settings.EMAIL_BACKEND = backend
    settings.REQUIRE_VERIFIED_EMAIL = require
    answer = _sign_up(client)
    assert answer["Location"] == "/signup/sent/"
    assert "_auth_user_id" not in client.session


def test_a_known_address_gets_the_same_page_and_no_sign_in(db, client, settings, alice):
    settings.EMAIL_BACKEND = CONSOLE
    settings.REQUIRE_VERIFIED_EMAIL = False
    answer = _sign_up(client, email="alice@example.com")
    assert answer["Location"] == "/signup/sent/"
    assert "_auth_user_id" not in client.session


def test_the_case_manager_step_goes_on_to_whats_worrying_you(client, alice, child):
    client.force_login(alice)
    answer = client.post(
        f"/children/{child.pk}/setup/team/",
        {"action": "continue", "role": "case_manager", "name": "Dana Cole"},
    )
    assert answer["Location"] == f"/children/{child.pk}/setup/concern/"
    page = client.get(answer["Location"]).content.decode()
    assert "What&#x27;s worrying you?" in page or "What's worrying you?" in page
    assert f"/children/{child.pk}/iep/import/" in page  # the IEP can come later, from its PDF


def test_the_team_page_does_save_and_continue_on_enter(client, alice, child):
    """Enter submits with the first submit button: it must be the main action."""
    client.force_login(alice)
    page = client.get(f"/children/{child.pk}/setup/team/").content.decode()
    buttons = re.findall(r'<button type="submit" name="action" value="(\w+)"', page)
    assert buttons[0] == "continue"


def test_the_worry_becomes_a_concern_with_bullets_and_opens_its_letter(
    client, alice, child, case_manager
):
    client.force_login(alice)
    answer = client.post(
        f"/children/{child.pk}/setup/concern/",
        {
            "title": "Reading is not improving",
            "evidence": "Reads 48 words a minute\n- Cries over homework\n\n",
        },
    )
    concern = Concern.objects.get(child=child)
    assert [e.text for e in concern.evidence.order_by("position")] == [
        "Reads 48 words a minute",
        "Cries over homework",
    ]
    assert answer["Location"] == (
        f"/children/{child.pk}/letters/new/written_concerns/?concern={concern.pk}"
    )
    letter_page = client.get(answer["Location"]).content.decode()
    assert "Dear Dana Cole," in letter_page and "Cries over homework" in letter_page


def test_a_worry_without_what_was_seen_is_asked_for_plainly(client, alice, child):
    client.force_login(alice)
    answer = client.post(f"/children/{child.pk}/setup/concern/", {"title": "Reading"})
    assert answer.status_code == 400
    assert "Write at least one thing you have seen." in answer.content.decode()
    assert not Concern.objects.exists()


def test_the_letter_opens_with_its_draft_when_there_is_one_concern(
    client, alice, child, case_manager
):
    Concern.objects.create(child=child, title="Speech is behind")
    client.force_login(alice)
    page = client.get(f"/children/{child.pk}/letters/new/written_concerns/").content.decode()
    assert "Dear Dana Cole," in page and "Speech is behind" in page


def test_a_concern_can_be_added_inside_the_written_concerns_letter(
    client, alice, child, case_manager
):
    client.force_login(alice)
    empty = client.get(f"/children/{child.pk}/letters/new/written_concerns/").content.decode()
    assert "Or add a concern" in empty and "Add this concern" in empty
    answer = client.post(
        f"/children/{child.pk}/letters/new/written_concerns/",
        {"new_concern": "Math homework takes hours", "add_concern": "1"},
    )
    assert answer.status_code == 200
    concern = Concern.objects.get(child=child, title="Math homework takes hours")
    page = answer.content.decode()
    assert f'value="{concern.pk}" selected' in page
    assert "Math homework takes hours" in page.split('id="draft"')[1]


def test_the_meeting_request_takes_another_concern_and_saves_with_both(
    client, alice, child, case_manager
):
    first = Concern.objects.create(child=child, title="Reading is not improving")
    client.force_login(alice)
    today = child.today()
    from tests.school_days import school_days_ahead

    days = school_days_ahead(today, 3, from_days=8)
    data = {"concerns": [str(first.pk)], "new_concern": "Speech is behind"}
    for n, day in enumerate(days):
        data[f"availability_{n}_date"] = day.isoformat()
    answer = client.post(f"/children/{child.pk}/letters/new/meeting_request/", data)
    assert answer.status_code == 302, answer.content.decode()[:3000]
    letter = Letter.objects.get(child=child, kind="meeting_request")
    second = Concern.objects.get(child=child, title="Speech is behind")
    assert sorted(letter.params["concerns"]) == sorted([str(first.pk), str(second.pk)])
    assert "Speech is behind" in letter.body and "Reading is not improving" in letter.body


def test_the_written_concerns_letter_offers_the_meeting_request(client, alice, child, case_manager):
    concern = Concern.objects.create(child=child, title="Reading is not improving")
    client.force_login(alice)
    answer = client.post(
        f"/children/{child.pk}/letters/new/written_concerns/", {"concern": str(concern.pk)}
    )
    page = client.get(answer["Location"]).content.decode()
    assert "Request a meeting" in page
    assert f"/letters/new/meeting_request/?concerns={concern.pk}" in page


def test_an_empty_home_offers_the_first_two_moves(client, alice, child):
    client.force_login(alice)
    page = client.get(f"/children/{child.pk}/").content.decode()
    assert f"/children/{child.pk}/setup/concern/" in page
    assert f"/children/{child.pk}/letters/new/meeting_request/" in page


def test_signed_in_user_exists_after_laptop_sign_up(db, client, settings):
    settings.EMAIL_BACKEND = CONSOLE
    settings.REQUIRE_VERIFIED_EMAIL = False
    _sign_up(client)
    assert str(User.objects.get(email="rosa@example.com").pk) == client.session["_auth_user_id"]
