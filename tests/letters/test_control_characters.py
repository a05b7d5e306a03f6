"""Issue 20, finding 13: a line break in a letter's subject or a control character in its
body is refused where the parent types it (a form error on the pages, a 422 in the API),
and a letter stored with them before (or drafted from records that hold them) still
downloads as .txt, .eml, .docx and .pdf, never a 500."""

from __future__ import annotations

import io
from email import policy
from email.parser import BytesParser

import pdfplumber
import pytest
from docx import Document

from playbook.letters import compose, drafts
from playbook.letters.models import Letter
from tests.api.conftest import Api

from .conftest import TODAY

LONE_SURROGATE = "\ud800"
BODY = "Dear Dana Cole,\n\nPlease send the records.\n\n- Report cards\n- Evaluations\n"


@pytest.fixture
def letter(child, alice, case_manager):
    draft = compose.draft(child, "records_request", {}, today=TODAY, signature="Alice Parent")
    return drafts.save_draft(child, draft, author=alice)


def _unchanged(letter) -> tuple[str, str]:
    before = (letter.subject, letter.body)
    letter.refresh_from_db()
    return before


# --- Typed on the pages ------------------------------------------------------------------

PAGE_BAD = [
    ("subject", "Records\r\nBcc: someone@else.example", "remove the line break"),
    ("subject", "Records\x07", "cannot be saved (U+0007"),
    ("body", "Dear Dana,\r\nPlease\x1b send them.", "cannot be saved (U+001B"),
    ("body", "Dear Dana,\x0bPlease send them.", "cannot be saved (U+000B"),
]


@pytest.mark.parametrize("field, typed, words", PAGE_BAD)
def test_editing_a_draft_refuses_a_break_or_control_with_a_form_error(
    alice_client, child, letter, field, typed, words
):
    given = {"subject": "Records request", "body": BODY, field: typed}
    response = alice_client.post(f"/children/{child.pk}/letters/{letter.pk}/edit/", given)
    assert response.status_code == 400
    assert words in response.content.decode()
    assert response.context["text_form"][field].value() == typed  # nothing typed is lost
    assert _unchanged(letter) == (letter.subject, letter.body)


def test_editing_a_draft_keeps_its_lines_and_tabs(alice_client, child, letter):
    body = "Dear Dana,\r\n\r\n- Report cards\r\n\t(all years)\r\n"
    response = alice_client.post(
        f"/children/{child.pk}/letters/{letter.pk}/edit/", {"subject": "Records", "body": body}
    )
    assert response.status_code == 302
    letter.refresh_from_db()
    assert letter.body == "Dear Dana,\r\n\r\n- Report cards\r\n\t(all years)\n"


@pytest.mark.parametrize("field, typed, words", PAGE_BAD)
def test_saving_a_new_draft_refuses_an_edit_with_a_break_or_control(
    alice_client, child, case_manager, field, typed, words
):
    url = f"/children/{child.pk}/letters/new/records_request/"
    generated = alice_client.get(url).context["text"]
    posted = {
        "subject": generated["subject"],
        "generated_subject": generated["subject"],
        "body": generated["body"],
        "generated_body": generated["body"],
        field: typed,
    }
    response = alice_client.post(url, posted)
    assert response.status_code == 400
    assert words in response.content.decode()
    assert response.context["text"][field] == typed.strip()  # the edit is kept to fix
    assert not Letter.objects.exists()


def test_a_draft_from_records_stored_with_a_control_character_still_saves(
    alice_client, child, case_manager
):
    # An old team member's name holds a bell: the parent did not type it, so it does not
    # stop the draft; the files clean it.
    type(case_manager).objects.filter(pk=case_manager.pk).update(name="Dana\x07 Cole")
    url = f"/children/{child.pk}/letters/new/records_request/"
    generated = alice_client.get(url).context["text"]
    assert "\x07" in generated["body"]
    posted = {**generated, "generated_subject": generated["subject"]}
    response = alice_client.post(url, posted)
    assert response.status_code == 302
    letter = Letter.objects.get()
    assert alice_client.get(f"/children/{child.pk}/letters/{letter.pk}.docx").status_code == 200


def test_a_letters_own_inputs_refuse_a_control_character(alice_client, child, case_manager):
    url = f"/children/{child.pk}/letters/new/parent_concerns/"
    response = alice_client.post(url, {"strengths": "Loves maps\r\nReads\x07 every night"})
    assert response.status_code == 400
    assert "cannot be saved (U+0007" in response.content.decode()
    assert not Letter.objects.exists()


# --- Typed in the API --------------------------------------------------------------------

API_BAD = [
    ("subject", "Records\r\nBcc: someone@else.example", "remove the line break"),
    ("subject", "Records\x07", "cannot be saved (U+0007"),
    ("subject", f"Records {LONE_SURROGATE}", "cannot be saved (U+D800"),
    ("body", "Dear Dana,\nPlease\x1b send them.", "cannot be saved (U+001B"),
    ("body", f"Dear Dana,\nPlease send them {LONE_SURROGATE}.", "cannot be saved (U+D800"),
]


@pytest.mark.parametrize("field, typed, words", API_BAD)
def test_the_api_refuses_a_letter_edit_with_a_break_control_or_surrogate(
    alice, letter, field, typed, words
):
    response = Api(alice).patch(f"letters/{letter.pk}", {field: typed})
    assert response.status_code == 422
    assert words in response.json()["detail"]
    assert _unchanged(letter) == (letter.subject, letter.body)


def test_the_api_keeps_a_letters_lines_and_tabs(alice, letter):
    response = Api(alice).patch(f"letters/{letter.pk}", {"body": "Dear Dana,\r\n\tThanks.\r\n"})
    assert response.status_code == 200
    assert response.json()["body"] == "Dear Dana,\r\n\tThanks.\n"


@pytest.mark.parametrize(
    "strengths, words",
    [
        (["Loves maps", f"Reads {LONE_SURROGATE}"], "cannot be saved (U+D800"),
        (["Loves maps\x07"], "cannot be saved (U+0007"),
        ("Loves maps\nReads\x1b", "cannot be saved (U+001B"),
    ],
)
def test_the_api_refuses_a_letter_input_with_a_control_or_surrogate(
    alice, child, case_manager, strengths, words
):
    body = {"kind": "parent_concerns", "strengths": strengths}
    response = Api(alice).post(f"children/{child.pk}/letters", body)
    assert response.status_code == 422
    assert response.json()["detail"].startswith("strengths: ")
    assert words in response.json()["detail"]
    assert not Letter.objects.exists()


# --- Stored before: the files never fail -------------------------------------------------

STORED = {
    "subject": "Records request\r\nBcc: someone@else.example\x07",
    "body": "Dear Dana Cole,\x0b\nPlease\x07 send the records.\x1b\x0c\n- Report cards\ufffe\n",
    "to": ["Dana\r\nCole <dana.cole@school.example>"],
    "cc": ["Lee\x85Park <lee.park@school.example>"],
}


@pytest.fixture
def stored(letter, child, alice):
    """A letter, its child and its author as rows written before these checks."""
    Letter.objects.filter(pk=letter.pk).update(**STORED)
    type(child).objects.filter(pk=child.pk).update(name="Sam\r\nRivera")
    type(alice).objects.filter(pk=alice.pk).update(display_name="Alice\r\nParent")
    return Letter.objects.get(pk=letter.pk)


def _download(alice_client, alice, stored, ext: str, door: str):
    if door == "page":
        return alice_client.get(f"/children/{stored.child_id}/letters/{stored.pk}.{ext}")
    return Api(alice).get(f"letters/{stored.pk}.{ext}")


@pytest.mark.parametrize("door", ["page", "api"])
def test_an_old_letter_with_controls_downloads_as_a_clean_eml(alice_client, alice, stored, door):
    response = _download(alice_client, alice, stored, "eml", door)
    assert response.status_code == 200
    message = BytesParser(policy=policy.default).parsebytes(response.content)
    assert message["Subject"] == "Records request Bcc: someone@else.example"
    assert message["To"] == "Dana Cole <dana.cole@school.example>"
    assert message["Cc"] == "Lee Park <lee.park@school.example>"
    assert message["From"] == "Alice Parent <alice@example.com>"
    assert message["Bcc"] is None
    assert message.get_content().replace("\r\n", "\n") == (
        "Dear Dana Cole,\n\nPlease send the records.\n\n- Report cards\n"
    )


@pytest.mark.parametrize("door", ["page", "api"])
def test_an_old_letter_with_controls_downloads_as_a_docx(alice_client, alice, stored, door):
    response = _download(alice_client, alice, stored, "docx", door)
    assert response.status_code == 200
    document = Document(io.BytesIO(response.content))
    text = [p.text for p in document.paragraphs]
    assert text[0] == "Subject: Records request Bcc: someone@else.example"
    assert text[1:3] == ["Dear Dana Cole,", "Please send the records."]
    assert text[-1] == "Report cards"
    assert document.core_properties.author == "Alice Parent <alice@example.com>"


@pytest.mark.parametrize("door", ["page", "api"])
def test_an_old_letter_with_controls_downloads_as_a_pdf(alice_client, alice, stored, door):
    response = _download(alice_client, alice, stored, "pdf", door)
    assert response.status_code == 200
    with pdfplumber.open(io.BytesIO(response.content)) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    assert "Sam Rivera" in text  # the running head
    assert "Subject: Records request Bcc: someone@else.example" in text
    assert "Please send the records." in text


@pytest.mark.parametrize("door", ["page", "api"])
def test_an_old_letter_with_controls_downloads_as_text(alice_client, alice, stored, door):
    response = _download(alice_client, alice, stored, "txt", door)
    assert response.status_code == 200
    assert response.content.decode() == (
        "Dear Dana Cole,\n\nPlease send the records.\n\n- Report cards\n"
    )
    assert response["Content-Disposition"] == (
        'attachment; filename="Sam-Rivera-Records-request-Bcc-someone-else-example.txt"'
    )


def test_an_old_letter_with_controls_shows_with_a_one_line_mail_link(alice_client, stored):
    response = alice_client.get(f"/children/{stored.child_id}/letters/{stored.pk}/")
    assert response.status_code == 200
    mailto = response.context["mailto"]
    assert "subject=Records%20request%20Bcc%3A%20someone%40else.example&" in mailto
    assert "%0D" not in mailto and "%07" not in mailto
