"""Logging what happened off email: a call, a conversation, a meeting, a reply, a note."""

from __future__ import annotations

from django.db import models

from . import refusal_language
from .models import Direction, Kind


class LogError(ValueError):
    """Input that cannot become an entry; the message says how to fix it."""


class LogKind(models.TextChoices):
    """What the parent picks on the quick log page, in their words."""

    CALL = "call", "Phone call"
    CONVERSATION = "conversation", "Conversation"
    MEETING = "meeting", "Meeting note"
    REPLY = "reply", "Reply received"
    NOTE = "note", "Note"

    @property
    def entry_kind(self) -> str:
        return {
            LogKind.CALL: Kind.CALL,
            LogKind.CONVERSATION: Kind.NOTE,
            LogKind.MEETING: Kind.MEETING,
            LogKind.REPLY: Kind.NOTE,
            LogKind.NOTE: Kind.NOTE,
        }[self]

    @property
    def direction(self) -> str:
        return Direction.RECEIVED if self is LogKind.REPLY else Direction.NONE

    @property
    def offers_recap(self) -> bool:
        """A call, conversation or meeting is worth a written recap ("my understanding of
        our call is..."), which turns what was said into a record the school can correct."""
        return self in (LogKind.CALL, LogKind.CONVERSATION, LogKind.MEETING)

    def subject(self, who: str) -> str:
        with_whom = f" with {who}" if who else ""
        return {
            LogKind.CALL: f"Phone call{with_whom}",
            LogKind.CONVERSATION: f"Conversation{with_whom}",
            LogKind.MEETING: f"Meeting{with_whom}",
            LogKind.REPLY: f"Reply from {who}" if who else "Reply received",
            LogKind.NOTE: "Note",
        }[self]


def detect_refusal(text: str) -> dict:
    """Flags for what the school said: ``refusal`` (and ``needs_supervisor``) listing the
    phrases matched, the same shape replies and logged refusals use; ``not_read``, what the
    recogniser could not read (kept English: import_words shows it)."""
    detection = refusal_language.detect(text)
    flags = {"refusal": list(detection.matched)} if detection.refusal else {}
    if detection.needs_supervisor:
        flags["needs_supervisor"] = list(detection.supervisor_matched)
    if detection.unread:
        # A message in Spanish, or too long to read whole: no badge is not a "nothing here".
        flags["not_read"] = list(detection.unread)
    return flags
