"""The ledger's words in the reader's language (issue 19).

``SessionStatus``, ``MissedReason`` and ``Per`` keep their English labels: the make-up
services letter, the binder in English and the API read them. Pages show them through
these maps (decision 0041's label maps)."""

from __future__ import annotations

from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from playbook.children.models import Per

from .models import MissedReason, SessionStatus

STATUS = {
    SessionStatus.DELIVERED: _("Delivered"),
    SessionStatus.MISSED: _("Missed"),
    SessionStatus.SHORTENED: _("Shortened"),
    SessionStatus.MADE_UP: _("Made up"),
}

REASON = {
    MissedReason.PROVIDER_ABSENT: _("Provider absent"),
    MissedReason.SCHOOL_EVENT: _("School event"),
    MissedReason.CHILD_ABSENT: _("My child was absent"),
    MissedReason.UNKNOWN: _("Reason not given"),
    MissedReason.OTHER: pgettext_lazy("missed session reason", "Other"),
}


def status_label(status: str) -> str:
    return str(STATUS.get(status, status))


def reason_label(reason: str) -> str:
    return str(REASON.get(reason, reason)) if reason else ""


def status_choices() -> list[tuple[str, str]]:
    return [(value, STATUS[value]) for value in SessionStatus.values]


def reason_choices() -> list[tuple[str, str]]:
    return [(value, REASON[value]) for value in MissedReason.values]


def amount(minutes, per: str) -> str:
    """ "60 minutes per week" in the active language; the ledger's words for a service
    whose IEP does not say how much when either is missing."""
    if not minutes or per not in Per.values:
        return gettext("minutes or frequency not stated")
    if per == Per.DAY:
        return gettext("%(minutes)s minutes per day") % {"minutes": minutes}
    if per == Per.MONTH:
        return gettext("%(minutes)s minutes per month") % {"minutes": minutes}
    return gettext("%(minutes)s minutes per week") % {"minutes": minutes}
