import hashlib
from datetime import UTC, datetime

import pytest
from django.conf import settings

from playbook.trail.chain import verify
from playbook.trail.email_import import import_messages
from playbook.trail.models import Entry

from .emails import PARENT, SCHOOL, as_bytes, mbox, message

NOW = datetime(2026, 10, 1, 12, 0, tzinfo=UTC)


def _import(child, *raws, labels=None):
    items = [(labels[i] if labels else f"message {i + 1}", raw) for i, raw in enumerate(raws)]
    return import_messages(child, items, now=NOW)


def _only_entry(report) -> Entry:
    assert len(report.imported) == 1, report.rejected
    return Entry.objects.get(pk=report.imported[0].pk)


def test_a_received_message_keeps_its_sender_recipients_date_subject_and_body(child, case_manager):
    report = _import(child, as_bytes(message(cc="Pat Lee <pat@school.example>")))
    entry = _only_entry(report)
    assert entry.kind == "email"
    assert entry.direction == "received"
    assert entry.counterpart == case_manager
    assert entry.sender == f"Dana Cole <{SCHOOL}>"
    assert entry.recipients == f"Alice Parent <{PARENT}>, Pat Lee <pat@school.example>"
    assert entry.occurred_at == datetime(2026, 9, 14, 15, 30, tzinfo=UTC)
    assert entry.subject == "About Sam's reading support"
    assert entry.body.strip() == "Hello, we discussed the reading plan today."
    assert entry.message_id.startswith("<") and entry.message_id.endswith("@school.example>")


def test_a_message_from_a_household_member_is_sent_to_the_team_member_it_names(
    child, alice, case_manager
):
    msg = message(
        sender=f"Alice Parent <{PARENT.upper()}>",
        to=f"Someone Else <other@example.org>, Dana <{SCHOOL}>",
    )
    entry = _only_entry(_import(child, as_bytes(msg)))
    assert entry.direction == "sent"
    assert entry.counterpart == case_manager


def test_a_sender_not_on_the_roster_is_received_without_a_counterpart(child, case_manager):
    entry = _only_entry(_import(child, as_bytes(message(sender="x@elsewhere.example"))))
    assert entry.direction == "received"
    assert entry.counterpart is None


def test_multipart_attachments_are_stored_with_their_digest(child):
    msg = message()
    pdf = b"%PDF-1.4 progress report " * 100
    msg.add_attachment(pdf, maintype="application", subtype="pdf", filename="progress.pdf")
    msg.add_attachment(b"\x89PNG fake", maintype="image", subtype="png", filename="../../chart.png")
    entry = _only_entry(_import(child, as_bytes(msg)))
    attachments = {a.filename: a for a in entry.attachments.all()}
    assert set(attachments) == {"progress.pdf", "chart.png"}
    stored = attachments["progress.pdf"]
    assert stored.size == len(pdf)
    assert stored.sha256 == hashlib.sha256(pdf).hexdigest()
    with stored.file.open("rb") as handle:
        assert handle.read() == pdf
    assert "progress report" not in entry.body
    assert verify(child).ok


def test_quoted_printable_is_decoded(child):
    text = "Sam's café visit: naïve question — " + "long line " * 20 + "end=of=line"
    msg = message(body=text)
    msg.set_content(text, cte="quoted-printable")
    raw = as_bytes(msg)
    assert b"Content-Transfer-Encoding: quoted-printable" in raw
    assert b"=C3=A9" in raw
    entry = _only_entry(_import(child, raw))
    assert entry.body.strip() == text


@pytest.mark.parametrize(
    ("charset", "text"),
    [
        ("iso-8859-1", "Réunion prévue: élève Sam, très bien."),
        ("windows-1252", "We’ll meet “soon” — it’s on the calendar."),
        ("shift_jis", "サムの読書支援について話し合いました。"),
    ],
)
def test_non_utf8_charsets_in_headers_and_body_are_decoded(child, charset, text):
    from email.header import Header

    subject = Header(text[:12], charset).encode()
    raw = (
        f"From: Dana Cole <{SCHOOL}>\r\nTo: {PARENT}\r\n"
        f"Subject: {subject}\r\nDate: Mon, 14 Sep 2026 10:00:00 -0700\r\n"
        f"Message-ID: <{charset}@school.example>\r\nMIME-Version: 1.0\r\n"
        f"Content-Type: text/plain; charset={charset}\r\n"
        "Content-Transfer-Encoding: 8bit\r\n\r\n"
    ).encode("ascii") + text.encode(charset)
    entry = _only_entry(_import(child, raw))
    assert entry.body == text
    assert entry.subject == text[:12]
    assert entry.occurred_at == datetime(2026, 9, 14, 17, 0, tzinfo=UTC)


def test_an_undeclared_or_unknown_charset_still_reads(child):
    raw = (
        f"From: {SCHOOL}\r\nTo: {PARENT}\r\nSubject: x\r\n"
        "Content-Type: text/plain; charset=x-made-up\r\n\r\n"
    ).encode() + "Café".encode("cp1252")
    entry = _only_entry(_import(child, raw))
    assert entry.body == "Café"


def test_html_only_mail_becomes_readable_text(child):
    msg = message()
    msg.set_content(
        "<html><head><style>p {color: red}</style><script>alert(1)</script></head>"
        "<body><p>Dear Alice,</p><p>We <b>cannot</b> add minutes &amp; support.</p>"
        "<ul><li>Reading</li><li>Writing</li></ul>"
        '<p>See <a href="https://school.example/plan">the plan</a>.</p></body></html>',
        subtype="html",
    )
    entry = _only_entry(_import(child, as_bytes(msg)))
    assert "<" not in entry.body and "color" not in entry.body and "alert" not in entry.body
    assert "Dear Alice," in entry.body
    assert "We cannot add minutes & support." in entry.body
    assert "- Reading\n- Writing" in entry.body
    assert "the plan (https://school.example/plan)" in entry.body


def test_plain_text_is_preferred_over_html(child):
    msg = message(body="The plain words.")
    msg.add_alternative("<p>The <i>html</i> words.</p>", subtype="html")
    entry = _only_entry(_import(child, as_bytes(msg)))
    assert entry.body.strip() == "The plain words."
    assert not entry.attachments.exists()


def test_a_missing_date_uses_the_import_time_and_says_so(child):
    report = _import(child, as_bytes(message(date=None)))
    entry = _only_entry(report)
    assert entry.occurred_at == NOW
    assert "no Date" in entry.flags["date_missing"]["note"]
    assert report.notes == [
        {"item": "message 1", "note": "it had no Date: the time of import was used"}
    ]


def test_an_unreadable_date_is_treated_like_a_missing_one(child):
    raw = as_bytes(message(date=None)).replace(
        b"\r\n\r\n", b"\r\nDate: sometime last week\r\n\r\n", 1
    )
    entry = _only_entry(_import(child, raw))
    assert entry.occurred_at == NOW
    assert "could not be read" in entry.flags["date_missing"]["note"]


def test_the_same_message_id_is_imported_once(child):
    raw = as_bytes(message(message_id="<same@school.example>"))
    first = _import(child, raw)
    assert len(first.imported) == 1
    again = _import(child, raw, as_bytes(message(message_id="<same@school.example>", body="x")))
    assert again.imported == [] and again.duplicates == 2
    assert Entry.objects.filter(child=child).count() == 1


def test_a_message_without_message_id_imported_twice_is_recognised_by_content(child):
    raw = as_bytes(message(message_id=None))
    assert len(_import(child, raw).imported) == 1
    again = _import(child, raw)
    assert again.imported == [] and again.duplicates == 1
    other = _import(child, as_bytes(message(message_id=None, body="A different message.")))
    assert len(other.imported) == 1


def test_the_same_message_in_another_childs_trail_is_not_a_duplicate(child, household):
    from playbook.children.models import Child

    sibling = Child.objects.create(
        household=household, name="Ana Rivera", birth_date="2017-01-01", grade="3", state="CA"
    )
    raw = as_bytes(message(message_id="<shared@school.example>"))
    assert len(_import(child, raw).imported) == 1
    assert len(_import(sibling, raw).imported) == 1


def _multipart_with_attachment() -> bytes:
    msg = message(subject="Evaluation report")
    msg.add_attachment(bytes(range(256)) * 200, maintype="application", subtype="pdf",
                       filename="evaluation.pdf")  # fmt: skip
    return as_bytes(msg)


def test_a_truncated_message_is_rejected_with_its_reason(child):
    raw = _multipart_with_attachment()
    report = _import(child, raw[: len(raw) // 2], labels=["evaluation.eml"])
    assert report.imported == []
    assert len(report.rejected) == 1
    assert report.rejected[0]["item"] == "evaluation.eml"
    assert "cut off" in report.rejected[0]["reason"]


def test_an_attachment_over_the_limit_is_skipped_and_the_message_kept(child):
    too_big = settings.MAX_UPLOAD_BYTES + 1
    assert too_big > 20 * 1024 * 1024
    msg = message(subject="Work samples")
    msg.add_attachment(b"\0" * too_big, maintype="video", subtype="mp4", filename="class.mp4")
    msg.add_attachment(b"small", maintype="text", subtype="plain", filename="notes.txt")
    report = _import(child, as_bytes(msg))
    entry = _only_entry(report)
    assert [a.filename for a in entry.attachments.all()] == ["notes.txt"]
    skipped = entry.flags["attachments_skipped"]
    assert skipped[0]["name"] == "class.mp4" and skipped[0]["size"] == too_big
    assert "larger than 20 MB" in report.notes[0]["note"]


def test_refusal_language_in_a_received_message_is_flagged(child, case_manager):
    body = "Thanks for asking. Unfortunately we can't provide that this year."
    entry = _only_entry(_import(child, as_bytes(message(body=body))))
    assert entry.flags["refusal"] == ["Unfortunately we can't provide that this year."]


def test_refusal_language_in_a_sent_message_is_not_flagged(child, alice):
    msg = message(sender=PARENT, to=SCHOOL, body="You said we can't provide that.")
    entry = _only_entry(_import(child, as_bytes(msg)))
    assert "refusal" not in entry.flags


def test_an_mbox_mixing_good_and_bad_messages_imports_the_good_ones(child, tmp_path):
    from playbook.trail.email_import import mbox_messages

    truncated = _multipart_with_attachment()
    data = mbox(
        as_bytes(message(subject="First", body="From now on, reading is daily.")),
        b"this line is not an email at all",
        as_bytes(message(subject="Second")),
        truncated[: len(truncated) // 2],
        as_bytes(message(subject="Third", sender="")),
    )
    path = tmp_path / "school.mbox"
    path.write_bytes(data)
    report = import_messages(child, mbox_messages(str(path)), now=NOW)
    subjects = sorted(e.subject for e in report.imported)
    assert subjects == ["First", "Second"]
    rejected = {r["item"]: r["reason"] for r in report.rejected}
    assert set(rejected) == {"message 2", "message 4", "message 5"}
    assert "no sender" in rejected["message 2"] or "not an email" in rejected["message 2"]
    assert "cut off" in rejected["message 4"]
    assert "no sender" in rejected["message 5"]
    first = next(e for e in report.imported if e.subject == "First")
    assert "From now on, reading is daily." in Entry.objects.get(pk=first.pk).body
    assert verify(child).ok


def test_an_empty_mbox_says_no_messages_were_found(child, tmp_path):
    from playbook.trail.email_import import mbox_messages

    path = tmp_path / "empty.mbox"
    path.write_bytes(b"just some text\n")
    report = import_messages(child, mbox_messages(str(path), "empty.mbox"), now=NOW)
    assert report.rejected == [
        {"item": "empty.mbox", "reason": "no messages were found in it: is it an mbox export?"}
    ]


def test_a_forwarded_message_is_kept_as_an_attachment(child):
    inner = message(subject="Original note", body="The original words.")
    outer = message(subject="Fwd: Original note", body="See below.")
    outer.add_attachment(inner)
    entry = _only_entry(_import(child, as_bytes(outer)))
    [attached] = entry.attachments.all()
    assert attached.filename.endswith(".eml")
    with attached.file.open("rb") as handle:
        assert b"The original words." in handle.read()


def test_raw_8bit_headers_are_read_not_replaced(child):
    for encoding in ("utf-8", "cp1252"):
        raw = (
            f"From: {SCHOOL}\r\nTo: {PARENT}\r\nSubject: Réunion à 10h ({encoding})\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n\r\nBody"
        ).encode(encoding)
        entry = _only_entry(_import(child, raw))
        assert entry.subject == f"Réunion à 10h ({encoding})"
        entry.delete()
