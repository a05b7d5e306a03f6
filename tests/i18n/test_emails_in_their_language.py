"""Emails in the language of the person they go to (decision 0049): the weekly digest per
member, invitations, the address confirmation and the password reset."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail

from playbook.accounts import invites, verification
from playbook.accounts.households import create_parent
from playbook.advocacy.models import Ask
from tests.coach.conftest import MONDAY, remind

from .test_spanish_pages import english_left


def prose(body: str) -> str:
    """The email's words without its links: a link's random token ("...0IS4...") can spell
    an English word by chance."""
    return re.sub(r"https?://\S+", "", body)


@pytest.fixture
def waiting_ask(child, case_manager):
    """As tests/coach/conftest.py's: an ask the school has left waiting for 20 days."""
    return Ask.objects.create(
        child=child,
        subject="an OT evaluation",
        asked_of=case_manager,
        asked_on=MONDAY - timedelta(days=20),
        channel="email",
    )


@pytest.fixture
def spanish(alice):
    alice.language = "es"
    alice.save(update_fields=["language"])
    return alice


def test_the_digest_goes_to_each_member_in_their_language(waiting_ask, spanish, bob):
    assert remind(MONDAY) == "queued 1 digest"
    english, translated = mail.outbox
    assert english.to == ["bob@example.com"] and translated.to == ["alice@example.com"]
    assert english.subject == "Your IEP Playbook week: Sam"
    assert "Here is your week in IEP Playbook (November 16, 2026)." in english.body
    assert "Follow up on an OT evaluation" in english.body
    assert translated.subject == "Su semana en IEP Playbook: Sam"
    assert "Esta es su semana en IEP Playbook (16 de noviembre de 2026)." in translated.body
    assert "Sus próximos pasos:" in translated.body
    assert "Follow up on" not in translated.body
    assert "Recibe este correo una vez por semana. Para dejar de recibirlo:" in translated.body
    html = translated.alternatives[0][0]
    assert '<html lang="es">' in html
    # The plan's items too, in the words of plan_es.toml.
    assert re.search(r"Pendiente en su plan</h3>\s*<ul><li>", html)
    assert english_left(html.replace("Sam Rivera", "")) == []
    text = prose(translated.body.replace("Sam Rivera", ""))
    assert english_left(text) == []


def test_a_household_reading_english_still_gets_one_email(waiting_ask, alice, bob):
    assert remind(MONDAY) == "queued 1 digest"
    [message] = mail.outbox
    assert sorted(message.to) == ["alice@example.com", "bob@example.com"]
    assert '<html lang="en">' in message.alternatives[0][0]


def test_an_invitation_is_in_the_inviters_language_or_the_invitees(household, spanish):
    invites.create_invite(household, "new@example.com", "advocate_read", spanish)
    [message] = mail.outbox
    assert message.subject == "Alice Parent le invitó a IEP Playbook"
    assert "con el rol de defensor/a (solo lectura)." in message.body
    assert english_left(prose(message.body.replace("Alice Parent", ""))) == []
    # The inviter may choose English for someone without an account.
    invites.create_invite(household, "other@example.com", "parent", spanish, language="en")
    assert mail.outbox[-1].subject == "Alice Parent invited you to IEP Playbook"
    assert "as parent (can edit)." in mail.outbox[-1].body
    # Someone with an account reads it in their own language, whatever the inviter chose.
    create_parent("known@example.com", "a-long-password-1")
    invites.create_invite(household, "known@example.com", "parent", spanish, language="es")
    assert mail.outbox[-1].subject == "Alice Parent invited you to IEP Playbook"


def test_the_invite_form_and_the_api_choose_the_language(alice_client, household):
    page = alice_client.get("/household/sharing/").content.decode()
    assert 'name="language"' in page
    alice_client.post(
        f"/household/{household.pk}/invites/",
        {"email": "page@example.com", "role": "parent", "language": "es"},
    )
    assert mail.outbox[-1].subject == "Alice Parent le invitó a IEP Playbook"
    answer = alice_client.post(
        f"/api/v1/households/{household.pk}/invites",
        {"email": "api@example.com", "role": "parent", "language": "es"},
        content_type="application/json",
    )
    assert answer.status_code == 201, answer.content
    assert mail.outbox[-1].subject == "Alice Parent le invitó a IEP Playbook"
    bad = alice_client.post(
        f"/api/v1/households/{household.pk}/invites",
        {"email": "x@example.com", "role": "parent", "language": "fr"},
        content_type="application/json",
    )
    assert bad.status_code == 422


def test_the_confirmation_email_is_in_the_accounts_language(spanish):
    assert verification.send_confirmation(spanish)
    [message] = mail.outbox
    assert message.subject == "Confirme su dirección de correo electrónico para IEP Playbook"
    assert message.body.startswith("Le damos la bienvenida a IEP Playbook, Alice Parent.")
    assert "Para confirmar que alice@example.com es su dirección" in message.body


def test_the_password_reset_is_in_the_accounts_language(client, spanish):
    # Asked from a browser reading English: the email follows the account.
    client.post("/password-reset/", {"email": "alice@example.com"}, HTTP_ACCEPT_LANGUAGE="en")
    [message] = mail.outbox
    assert message.subject == "Restablezca su contraseña de IEP Playbook"
    assert "Para elegir una contraseña nueva, abra este enlace:" in message.body
    assert english_left(prose(message.body)) == []
