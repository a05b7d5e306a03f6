"""Sending the Spanish letter itself (decision 0049): a pair may go to the school in
Spanish, chosen on the letter page or through the API; the files and the trail carry it."""

from __future__ import annotations

import io
import json

import pdfplumber
import pytest

from playbook.letters import compose, drafts
from playbook.letters.models import Letter, SendTextError

from .conftest import TODAY


@pytest.fixture
def pair(alice, child, case_manager, concern):
    made = compose.draft(
        child,
        "written_concerns",
        {"concern": str(concern.pk)},
        today=TODAY,
        signature="Alice Parent",
        lang="es",
    )
    return drafts.save_draft(child, made, author=alice)


@pytest.fixture
def english(alice, child, case_manager, concern):
    made = compose.draft(
        child, "written_concerns", {"concern": str(concern.pk)}, today=TODAY, signature="A"
    )
    return drafts.save_draft(child, made, author=alice)


def test_english_is_sent_unless_the_parent_chooses_spanish(alice_client, pair):
    assert pair.send_lang == "en" and pair.outgoing_body == pair.body
    url = f"/api/v1/letters/{pair.pk}"
    answer = alice_client.patch(url, json.dumps({"send_lang": "es"}), "application/json")
    assert answer.status_code == 200 and answer.json()["send_lang"] == "es"
    # The English letter stays the letter's subject and body.
    assert (
        answer.json()["body"].startswith("Alice Parent")
        and "Dear Dana Cole," in (answer.json()["body"])
    )
    eml = alice_client.get(f"{url}.eml").content.decode()
    assert "Estimado/a Dana Cole:" in eml or "Estimado/a Dana Cole:" in _decoded(eml)
    text = alice_client.get(f"{url}.txt").content.decode()
    assert "Estimado/a Dana Cole:" in text and "Dear " not in text
    pdf = alice_client.get(f"{url}.pdf").content
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        said = " ".join(page.extract_text() or "" for page in document.pages)
    assert "Asunto:" in said and "Atentamente," in said


def _decoded(eml: str) -> str:
    from email import message_from_string, policy

    message = message_from_string(eml, policy=policy.default)
    assert message["Content-Language"] == "es"
    return message.get_content()


def test_sending_in_spanish_puts_the_spanish_text_on_the_trail(alice_client, pair):
    url = f"/api/v1/letters/{pair.pk}/sent"
    payload = {
        "date": str(TODAY),
        "via": "certified",
        "tracking_number": "9407 1",
        "send_lang": "es",
    }
    answer = alice_client.post(url, json.dumps(payload), "application/json")
    assert answer.status_code == 200, answer.content
    letter = Letter.objects.select_related("entry").get(pk=pair.pk)
    assert letter.send_lang == "es" and letter.entry.subject == letter.translation_subject
    assert "Estimado/a Dana Cole:" in letter.entry.body
    # The delivery line says how it went, in both texts.
    assert "Enviada por correo certificado, con acuse de recibo (número de seguimiento 9407 1)" in (
        letter.translation
    )
    assert "(tracking number 9407 1)" in letter.body
    again = alice_client.patch(
        f"/api/v1/letters/{pair.pk}", json.dumps({"send_lang": "en"}), "application/json"
    )
    assert again.status_code == 409


def test_an_english_letter_cannot_be_sent_in_spanish(alice_client, english):
    for route, method in (("", "patch"), ("/sent", "post")):
        answer = getattr(alice_client, method)(
            f"/api/v1/letters/{english.pk}{route}",
            json.dumps({"send_lang": "es"}),
            "application/json",
        )
        assert answer.status_code == 422, route
        assert answer.json()["detail"].startswith("send_lang:")
    bad = alice_client.patch(
        f"/api/v1/letters/{english.pk}", json.dumps({"send_lang": "fr"}), "application/json"
    )
    assert bad.status_code == 422 and "en or es" in bad.json()["detail"]
    english.refresh_from_db()
    assert english.send_lang == "en" and english.is_draft
    with pytest.raises(SendTextError):
        english.choose_send_lang("es")


def test_the_letter_page_chooses_the_spanish_letter(alice_client, child, pair):
    base = f"/children/{child.pk}/letters/{pair.pk}/"
    page = alice_client.get(base).content.decode()
    assert 'name="send_lang" value="es"' in page
    chosen = alice_client.post(f"{base}send-lang/", {"send_lang": "es"})
    assert chosen.status_code == 302
    pair.refresh_from_db()
    assert pair.send_lang == "es"
    page = alice_client.get(base).content.decode()
    assert "You are sending the Spanish letter to the school" in page
    sent = alice_client.post(f"{base}sent/", {"date": str(TODAY), "via": "email"})
    assert sent.status_code == 302
    pair.refresh_from_db()
    assert pair.entry.body == pair.translation and not pair.is_draft


def test_a_backup_made_before_the_column_restores(db):
    from playbook.exports import backup

    names = backup._ADDED_A_COLUMN_WITH_A_DEFAULT["letters"]
    assert "0006_letter_send_lang" in names
    read = backup.schema_read_as_now({"letters": "0005_escalations_carry_the_original"})
    assert read["letters"] == names[-1]


def test_the_pair_says_which_text_goes_to_the_school(pair):
    from playbook.letters import files

    assert files.pair_headings(pair) == ("English (to send to the school)", "Español (su copia)")
    drafts.choose_send_lang(pair, "es")
    assert files.pair_headings(pair)[1] == "Español (para enviar a la escuela)"
    assert files.pair_pdf(pair).startswith(b"%PDF")
