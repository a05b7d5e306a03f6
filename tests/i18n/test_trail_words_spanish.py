"""What the trail says in English where it is kept (an email import's report, an entry's
flags, the hash chain's report, as the API and verify-trail give them) reads in Spanish
on the pages of a Spanish reader (issue 19): why a message was not imported, what was left
out of it, why the chain does not verify. English pages read as they always did."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from playbook import demo
from playbook.accounts.models import User
from playbook.trail import email_import, import_words
from playbook.trail.chain import CHAIN_WORDS, head_of, remember_shown, verify
from playbook.trail.models import ChainAnchor, EmailImport, Entry

from .test_spanish_pages import english_left

TODAY = date(2026, 3, 2)
MB = 1024 * 1024


@pytest.fixture
def reader(client, db):
    """The demo's parent, signed in, reading Spanish."""
    child = demo.load_demo(TODAY)
    parent = User.objects.get(email=demo.DEMO_EMAIL)
    parent.language = "es"
    parent.save(update_fields=["language"])
    client.force_login(parent)
    return client, child, parent


def _rejected(raw: bytes | None) -> str:
    household = email_import._Household(own_addresses=set(), team_by_address={})
    with pytest.raises(email_import.Rejected) as raised:
        email_import.parse_message(raw, household, datetime(2026, 3, 2, tzinfo=UTC))
    return raised.value.reason


def test_every_kept_sentence_has_its_spanish():
    templates = import_words.KEPT.templates + CHAIN_WORDS.templates
    with translation.override("es"):
        assert [t for t in templates if gettext(t) == t] == []


def test_the_import_report_reads_in_spanish(reader):
    client, child, parent = reader
    job = EmailImport.objects.create(
        child=child,
        requested_by=parent,
        filename="school.mbox",
        status=EmailImport.Status.DONE,
        skipped_count=3,
        skipped_items=[
            {"item": "message 2", "reason": _rejected(b"   ")},
            {"item": "message 5", "reason": _rejected(b"Subject: no sender\n\nhello")},
            {"item": "the message", "reason": email_import._too_large(40 * MB)},
        ],
        notes=[
            {
                "item": "message 3",
                "note": import_words.ATTACHMENT_LEFT_OUT
                % {"name": "scan.pdf", "reason": import_words.ATTACHMENT_TOO_LARGE % {"limit": 25}},
            },
            {"item": "message 4", "note": import_words.DATE_GUESSED % {"problem": "had no Date"}},
        ],
    )
    url = reverse("trail_import_job", args=[child.pk, job.pk])
    page = client.get(url).content.decode()
    assert "está vacío: no se encontró ningún mensaje." in page
    assert "no tiene remitente" in page
    assert "pesa 40.0 MB; un mensaje puede pesar como máximo 30 MB." in page
    assert "el archivo adjunto scan.pdf no se guardó: pesa más de 25 MB" in page
    assert "no tenía fecha: se usó la hora de la importación." in page
    assert english_left(page) == []
    english = client.get(url + "?lang=en").content.decode()
    assert "it is empty: no message was found." in english
    assert "it had no Date: the time of import was used." in english


def test_an_entrys_flags_read_in_spanish(reader):
    client, child, _ = reader
    entry = Entry.objects.filter(child=child, kind="email").first()
    flags = {
        "date_missing": {"note": import_words.DATE_GUESSED_ON_ENTRY % {"problem": "had no Date"}},
        "attachments_skipped": [
            {
                "name": "scan.pdf",
                "size": 30 * MB,
                "reason": "it is larger than 25 MB; keep it elsewhere",
            }
        ],
    }
    Entry.objects.filter(pk=entry.pk).update(flags=flags)
    page = client.get(reverse("trail_entry", args=[child.pk, entry.pk])).content.decode()
    assert "El mensaje no tenía fecha; en su lugar se usó la hora de la importación." in page
    assert "pesa más de 25 MB; guárdelo en otro lugar." in page
    assert "keep it elsewhere" not in page and "the time of import" not in page


def test_a_changed_entry_is_explained_in_spanish(reader):
    client, child, _ = reader
    entry = Entry.objects.filter(child=child).order_by("seq")[2]
    Entry.objects.filter(pk=entry.pk).update(subject="What the school would rather it said")
    assert verify(child).reason == "its content was changed"  # kept English
    page = client.get(reverse("trail_check", args=[child.pk])).content.decode()
    assert "no coincide con su huella: se cambió su contenido." in page
    assert "its content was changed" not in page
    english = client.get(reverse("trail_check", args=[child.pk]) + "?lang=en").content.decode()
    assert "does not match its fingerprint: its content was changed." in english


def test_a_trail_cut_short_after_a_binder_is_explained_in_spanish(db):
    child = demo.load_demo(TODAY)
    head = head_of(child)
    remember_shown(child, head, ChainAnchor.ShownIn.BINDER)
    ChainAnchor.objects.filter(child=child).update(shown_at=datetime(2026, 3, 2, 15, tzinfo=UTC))
    Entry.objects.filter(child=child, seq=head.seq).delete()
    reason = verify(child).reason
    assert reason == (
        f"the binder of March 2, 2026 showed entry {head.seq}, but the trail now ends at entry "
        f"{head.seq - 1}: entries were removed from the end"
    )
    with translation.override("es"):
        assert CHAIN_WORDS.shown(reason) == (
            f"la carpeta del 2 de marzo de 2026 mostraba la entrada {head.seq}, pero ahora el "
            f"registro termina en la entrada {head.seq - 1}: se quitaron entradas del final"
        )
    assert CHAIN_WORDS.shown(reason) == reason
    assert CHAIN_WORDS.shown("words no template makes") == "words no template makes"


def test_an_import_that_failed_or_is_reading_reads_in_spanish(reader, settings):
    client, child, parent = reader
    settings.MAX_UPLOAD_BYTES = 25 * MB
    with pytest.raises(email_import.TooLarge) as raised:
        email_import._refuse_oversized(40 * MB)
    failed = EmailImport.objects.create(
        child=child,
        requested_by=parent,
        filename="everything.mbox",
        status=EmailImport.Status.FAILED,
        error=str(raised.value),
    )
    reading = EmailImport.objects.create(
        child=child,
        requested_by=parent,
        filename="school.mbox",
        status=EmailImport.Status.RUNNING,
        stage=import_words.READING_SO_FAR % {"count": "1,200"},
    )
    page = client.get(reverse("trail_import_job", args=[child.pk, failed.pk])).content.decode()
    assert (
        "Ese archivo pesa 40.0 MB; una importación de correo puede pesar como máximo 25 MB." in page
    )
    assert english_left(page) == []
    page = client.get(reverse("trail_import_job", args=[child.pk, reading.pk])).content.decode()
    assert "Leyendo los mensajes: 1,200 hasta ahora" in page
    assert english_left(page) == []


def test_a_file_the_importer_cannot_read_is_refused_in_spanish(reader):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client, child, _ = reader
    url = reverse("trail_import", args=[child.pk])
    answer = client.post(url, {"file": SimpleUploadedFile("mail.txt", b"hello")})
    page = answer.content.decode()
    assert answer.status_code == 400 and "Suba un archivo .eml (un mensaje)" in page
    assert "Upload a .eml file" not in page
