"""The trail's choice labels in the reader's language (issue 19).

``Kind`` and ``Direction`` keep their English labels: the English letters (the meeting
recap names "a phone call"), the binder in English and the API read them. Pages show them
through these maps, as the meetings' and team roles' label maps do (decision 0041)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .log_entry import LogKind
from .models import Direction, Kind

KIND = {
    Kind.EMAIL: _("Email"),
    Kind.LETTER: _("Letter"),
    Kind.CALL: _("Phone call"),
    Kind.MEETING: pgettext_lazy("trail entry kind", "Meeting"),
    Kind.NOTE: _("Note or conversation"),
    Kind.DOCUMENT: _("Document"),
}

DIRECTION = {
    Direction.SENT: _("Sent by us"),
    Direction.RECEIVED: _("Received from the school"),
    Direction.NONE: _("Neither"),
}

LOG_KIND = {
    LogKind.CALL: _("Phone call"),
    LogKind.CONVERSATION: _("Conversation"),
    LogKind.MEETING: _("Meeting note"),
    LogKind.REPLY: _("Reply received"),
    LogKind.NOTE: pgettext_lazy("logged kind", "Note"),
}


def kind_label(kind: str) -> str:
    return str(KIND.get(kind, kind))


def direction_label(direction: str) -> str:
    return str(DIRECTION.get(direction, direction))


def kind_choices() -> list[tuple[str, str]]:
    return [(value, KIND[value]) for value in Kind.values]


def direction_choices() -> list[tuple[str, str]]:
    return [(value, DIRECTION[value]) for value in Direction.values]


def log_kind_choices() -> list[tuple[str, str]]:
    return [(value, LOG_KIND[value]) for value in LogKind.values]
