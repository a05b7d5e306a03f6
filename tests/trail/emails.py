"""A corpus of email messages built with the standard library, for the importer's tests."""

from __future__ import annotations

from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

SCHOOL = "dana.cole@school.example"
PARENT = "alice@example.com"


def message(
    *,
    sender: str = f"Dana Cole <{SCHOOL}>",
    to: str = f"Alice Parent <{PARENT}>",
    subject: str = "About Sam's reading support",
    body: str = "Hello, we discussed the reading plan today.",
    date: datetime | None = datetime(2026, 9, 14, 15, 30, tzinfo=UTC),
    message_id: str | None = "auto",
    cc: str | None = None,
) -> EmailMessage:
    msg = EmailMessage(policy=policy.default)
    msg["From"] = sender
    msg["To"] = to
    if cc:
        msg["Cc"] = cc
    msg["Subject"] = subject
    if date is not None:
        msg["Date"] = format_datetime(date)
    if message_id == "auto":
        msg["Message-ID"] = make_msgid(domain="school.example")
    elif message_id:
        msg["Message-ID"] = message_id
    msg.set_content(body)
    return msg


def as_bytes(msg: EmailMessage) -> bytes:
    return msg.as_bytes(policy=policy.SMTP)


def mbox(*raw_messages: bytes) -> bytes:
    """An mbox file: each message after a "From " separator line, body lines that start
    with "From " escaped as mbox exporters do."""
    out = []
    for raw in raw_messages:
        text = raw.replace(b"\r\n", b"\n")
        lines = [b">" + line if line.startswith(b"From ") else line for line in text.split(b"\n")]
        out.append(b"From MAILER-DAEMON Mon Sep 14 15:30:00 2026\n" + b"\n".join(lines) + b"\n\n")
    return b"".join(out)
