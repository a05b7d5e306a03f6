"""The parent's requests a letter speaks of: those still waiting for an answer (or, carried up
the chain of command, for a decision), and those the school refused or granted only in part
in the last year, which the parent still asks for (decision 0116)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Q

from playbook.advocacy.models import Ask, AskStatus, Concern
from playbook.children.models import Child

from .thread import day

# Asks the letters open that are not a request of the parent's own: the moves' bookkeeping.
NOT_REQUESTS = {
    *("meeting_request", "parent_concerns", "trial_terms", "meeting_recap"),
    *("escalation", "policy_request", "prior_written_notice_request"),
}
# A request the school decided on longer ago than this is history, not what the parent asks
# for now: a new school year, often a new IEP.
STILL_ASKED_FOR = timedelta(days=365)

WAITING = "waiting"
WAITING_HIGHER = "waiting_higher"  # refused, and carried up the chain, where it waits
REFUSED = "refused"
PARTLY = "partly_granted"


# How a request and where it stands are said, in each language of the letters; {on} is the
# reply's day when it is known.
_SAID = {
    "en": {
        WAITING_HIGHER: "{subject} (I asked on {asked} and am still waiting for a decision)",
        WAITING: "{subject} (I asked on {asked} and am still waiting for an answer)",
        REFUSED: "{subject} (I asked on {asked}; the school said no{on}, and I still ask for it)",
        PARTLY: "{subject} (I asked on {asked}; it was granted only in part{on}, and I still "
        "ask for the rest)",
    },
    "es": {
        WAITING_HIGHER: "{subject} (lo pedí el {asked} y sigo esperando una decisión)",
        WAITING: "{subject} (lo pedí el {asked} y sigo esperando respuesta)",
        REFUSED: "{subject} (lo pedí el {asked}; la escuela dijo que no{on}, y lo sigo pidiendo)",
        PARTLY: "{subject} (lo pedí el {asked}; se concedió solo en parte{on}, y sigo pidiendo "
        "el resto)",
    },
}
_ON = {"en": " on {day}", "es": " el {day}"}


@dataclass(frozen=True)
class Request:
    ask: Ask
    state: str

    @property
    def concern_id(self):
        return self.ask.concern_id

    def said(self, lang: str = "en") -> str:
        """The request and where it stands, in the parent's voice."""
        ask = self.ask
        on = _ON[lang].format(day=day(ask.reply_date, lang)) if ask.reply_date else ""
        return _SAID[lang][self.state].format(
            subject=ask.subject, asked=day(ask.asked_on, lang), on=on
        )


def parents_requests(child: Child, today: date) -> list[Request]:
    """Oldest first. A request refused and carried up by an escalation still open is still the
    parent's request (decision 0111), named in their words, not the escalation's title; one
    asked again (a renewal, an escalation) is named once, by the ask that still waits."""
    since = today - STILL_ASKED_FOR
    asks = list(
        child.asks.filter(
            Q(status=AskStatus.OPEN)
            | Q(status__in=(AskStatus.REFUSED, AskStatus.PARTLY_GRANTED))
            & (Q(reply_date__gte=since) | Q(reply_date__isnull=True, asked_on__gte=since))
        ).select_related("about")
    )
    still_open = [a for a in asks if a.status == AskStatus.OPEN]
    found = {a.pk: Request(a, WAITING) for a in still_open if a.kind not in NOT_REQUESTS}
    # Asked again in a request of its own (a renewal on the merits): that ask names it.
    asked_again = {a.about_id for a in still_open if a.about_id and a.kind not in NOT_REQUESTS}
    for carried in still_open:
        request = carried.about if carried.kind == "escalation" else None
        if request is not None and request.kind not in NOT_REQUESTS and request.pk not in found:
            state = WAITING if request.status == AskStatus.OPEN else WAITING_HIGHER
            found[request.pk] = Request(request, state)
    for ask in asks:
        if ask.status == AskStatus.OPEN or ask.kind in NOT_REQUESTS or ask.pk in found:
            continue
        if ask.pk in asked_again:
            continue
        found[ask.pk] = Request(ask, REFUSED if ask.status == AskStatus.REFUSED else PARTLY)
    return sorted(found.values(), key=lambda r: (r.ask.asked_on, r.ask.created_at))


def not_said_by(requests: list[Request], concerns: list[Concern]) -> list[Request]:
    """Leave out a request a concern's own "what I ask for" already says."""
    listed = {(c.pk, " ".join(c.request.split())) for c in concerns}
    return [
        r for r in requests if (r.ask.concern_id, " ".join(r.ask.details.split())) not in listed
    ]
