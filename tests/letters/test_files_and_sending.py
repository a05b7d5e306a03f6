"""Every file format opens with a standard parser and carries the letter's text; sending
writes the trail and opens the ask once."""

from __future__ import annotations

import io
import re
from datetime import date
from email import policy
from email.parser import BytesParser

import pdfplumber
import pytest
from docx import Document

from playbook.advocacy.models import Ask
from playbook.letters import compose, drafts, files
from playbook.trail.chain import verify
from playbook.trail.models import Entry
from tests.letters.texts import with_subject

from .conftest import TODAY


def saved(child, alice, kind, **params):
    draft = compose.draft(child, kind, params, today=TODAY, signature=alice.signature_name)
    return drafts.save_draft(child, draft, author=alice)


def words(text: str) -> str:
    """Text compared across formats: bullets, line breaks and spacing aside."""
    text = re.sub(r"(?m)^\s*[-•]\s+", "", text)
    return " ".join(text.split())


@pytest.fixture
def letters(child, alice, case_manager, concern, ask, call):
    return [
        saved(child, alice, "written_concerns", concern=str(concern.pk)),
        saved(child, alice, "follow_up", ask=str(ask.pk)),
        saved(child, alice, "meeting_recap", entry=str(call.pk)),
    ]


def test_txt_is_the_body(letters):
    for letter in letters:
        assert files.as_txt(letter).decode() == letter.body


def test_eml_parses_as_an_unsent_draft_with_the_same_text(letters):
    for letter in letters:
        message = BytesParser(policy=policy.default).parsebytes(
            files.as_eml(letter, "Alice Parent <alice@example.com>")
        )
        assert message["X-Unsent"] == "1"
        assert message["Subject"] == letter.subject
        assert message["To"] == ", ".join(letter.to)
        assert message["From"] == "Alice Parent <alice@example.com>"
        assert message["Date"]
        assert message.get_content().replace("\r\n", "\n") == letter.body
    assert BytesParser(policy=policy.default).parsebytes(files.as_eml(letters[0]))["Cc"] is None


def test_docx_opens_with_python_docx_and_carries_the_text(letters):
    for letter in letters:
        document = Document(io.BytesIO(files.as_docx(letter)))
        text = "\n".join(p.text for p in document.paragraphs)
        assert words(with_subject(letter)) == words(text)
        # The end of the letter moves to a new page as one piece.
        texts = [p.text for p in document.paragraphs]
        closing = texts.index(next(t for t in texts if t.startswith("Sincerely")))
        assert document.paragraphs[closing - 1].paragraph_format.keep_with_next
    bullets = [p for p in document.paragraphs if p.style.name == "List Bullet"]
    assert len(bullets) == 2  # the two points of the call recap


def test_pdf_text_extracts_with_pdfplumber(letters):
    for letter in letters:
        with pdfplumber.open(io.BytesIO(files.as_pdf(letter))) as pdf:
            text = "\n".join(page.extract_text() or "" for page in pdf.pages)
        # The running head and page numbers are in the margin boxes.
        assert "Page 1 of" in text
        body = re.sub(r"^Sam Rivera\n", "", text, flags=re.MULTILINE)
        body = re.sub(r"Page \d+ of \d+", "", body)
        assert words(with_subject(letter)) == words(body)


def test_sending_written_concerns_appends_an_entry_and_opens_one_ask(
    child, alice, case_manager, concern
):
    letter = saved(child, alice, "written_concerns", concern=str(concern.pk))
    sent = drafts.mark_sent(letter, date(2026, 3, 3))
    entry = Entry.objects.get(child=child)
    assert (entry.kind, entry.direction, entry.counterpart) == ("letter", "sent", case_manager)
    assert entry.subject == letter.subject and entry.body == letter.body
    ask = Ask.objects.get(child=child)
    assert sent.ask == ask and sent.entry == entry
    assert (ask.asked_of, ask.asked_on, ask.status, ask.concern) == (
        case_manager,
        date(2026, 3, 3),
        "open",
        concern,
    )
    assert ask.reply_due == date(2026, 3, 16)  # the date the letter states
    assert list(ask.entries.all()) == [entry]
    with pytest.raises(drafts.AlreadySent):
        drafts.mark_sent(letter, date(2026, 3, 4))
    assert Entry.objects.filter(child=child).count() == 1
    assert Ask.objects.filter(child=child).count() == 1
    assert verify(child).ok


def test_sent_late_the_ask_gets_a_fresh_reply_date(child, alice, case_manager, concern):
    letter = saved(child, alice, "written_concerns", concern=str(concern.pk))
    sent = drafts.mark_sent(letter, date(2026, 3, 20))
    assert sent.ask.reply_due == date(2026, 4, 3)


def test_sending_a_follow_up_updates_the_original_ask(child, alice, ask):
    letter = saved(child, alice, "follow_up", ask=str(ask.pk))
    sent = drafts.mark_sent(letter, TODAY)
    ask.refresh_from_db()
    assert sent.ask == ask
    assert ask.reply_due == date(2026, 3, 9)
    assert Ask.objects.filter(child=child).count() == 1
    assert ask.entries.get() == sent.entry


def test_sending_a_recap_opens_nothing(child, alice, case_manager, call):
    letter = saved(child, alice, "meeting_recap", entry=str(call.pk))
    sent = drafts.mark_sent(letter, TODAY)
    assert sent.ask is None
    assert Entry.objects.filter(child=child, kind="letter").count() == 1
    assert not Ask.objects.filter(child=child).exists()


def test_a_sent_letter_cannot_be_edited(child, alice, call):
    letter = saved(child, alice, "meeting_recap", entry=str(call.pk))
    drafts.edit_draft(letter, body="My own words.")
    assert letter.body == "My own words.\n"
    drafts.mark_sent(letter, TODAY)
    letter.refresh_from_db()
    with pytest.raises(drafts.AlreadySent):
        drafts.edit_draft(letter, body="Changed after sending")
