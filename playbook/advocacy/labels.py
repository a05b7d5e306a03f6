"""The advocacy models' choice labels in the reader's language (issue 19).

The models keep their English labels (the English letters, the API and the trail quote
them, decision 0041); forms and pages show these instead. The English text of each is the
model's label, so an English page is unchanged."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .models import AskStatus, Channel, Evidence

CHANNELS = {
    Channel.EMAIL: pgettext_lazy("how it was asked", "Email"),
    Channel.LETTER: pgettext_lazy("how it was asked", "Letter"),
    Channel.PHONE: pgettext_lazy("how it was asked", "Phone"),
    Channel.IN_PERSON: pgettext_lazy("how it was asked", "In person"),
    Channel.MEETING: pgettext_lazy("how it was asked", "At a meeting"),
}

EVIDENCE_KINDS = {
    Evidence.Kind.EXAMPLE: pgettext_lazy("kind of evidence", "Example"),
    Evidence.Kind.REASON: pgettext_lazy("kind of evidence", "Reason"),
    Evidence.Kind.DATA: pgettext_lazy("kind of evidence", "Data point"),
}

ASK_STATUSES = {
    AskStatus.OPEN: _("Waiting for a reply"),
    AskStatus.ANSWERED: _("Answered"),
    AskStatus.GRANTED: _("Granted"),
    AskStatus.PARTLY_GRANTED: _("Partly granted"),
    AskStatus.REFUSED: _("Refused"),
    AskStatus.NO_REPLY: _("No reply"),
}


def choices(labels: dict) -> list[tuple[str, object]]:
    return [(str(value), label) for value, label in labels.items()]
