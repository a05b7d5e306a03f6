"""Outlook's own .msg file cannot be read; the parent is told how to save the message as a
.eml instead, on the page and through the API, and nothing is kept. A plain message that a
program named .msg is read as the .eml it is."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from playbook.trail import import_words
from playbook.trail.models import EmailImport, Entry

from .emails import as_bytes, message

# The compound-file header and some of what follows, as in a .msg Outlook saves.
OUTLOOK_MSG = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + b"__substg1.0_0037001F"


@pytest.mark.parametrize("name", ["Re IEP meeting.msg", "renamed.eml"])
def test_the_api_says_how_to_save_an_outlook_message_as_eml(alice_client, child, name):
    upload = SimpleUploadedFile(name, OUTLOOK_MSG)
    response = alice_client.post(f"/api/v1/children/{child.pk}/entries/import", {"file": upload})
    assert response.status_code == 422
    assert response.json()["detail"] == import_words.OUTLOOK_MESSAGE
    assert "Download message" in response.json()["detail"]
    assert not Entry.objects.filter(child=child).exists()
    assert not EmailImport.objects.filter(child=child).exists()


def test_the_page_says_it_next_to_the_file_field(alice_client, child):
    upload = SimpleUploadedFile("Re IEP meeting.msg", OUTLOOK_MSG)
    response = alice_client.post(f"/children/{child.pk}/timeline/import/", {"file": upload})
    assert response.status_code == 400
    assert "This is an Outlook message file (.msg)" in response.content.decode()
    assert not EmailImport.objects.filter(child=child).exists()


def test_the_words_are_written_in_spanish_too():
    with translation.override("es"):
        shown = import_words.shown(import_words.OUTLOOK_MESSAGE)
    assert shown.startswith("Este es un archivo de mensaje de Outlook (.msg)")


def test_a_plain_message_named_msg_is_imported(alice_client, child):
    raw = as_bytes(message(subject="Speech minutes"))
    upload = SimpleUploadedFile("speech.msg", raw)
    response = alice_client.post(f"/api/v1/children/{child.pk}/entries/import", {"file": upload})
    assert response.status_code == 200, response.content
    assert len(response.json()["imported"]) == 1
    assert Entry.objects.get(child=child).subject == "Speech minutes"
