"""Move 3, the Parent Concerns statement: strengths first, then the concerns with their
evidence, then what the parent is asking for, with the request that it be recorded in the
IEP (the team must consider the parent's concerns, 34 CFR § 300.324(a)(1)(ii)).

Sending it opens an ask: "confirm that my statement will be recorded in the IEP". The
statement only counts if it reaches the IEP, and the usual advice is to check that it
appears in the final IEP; an open ask keeps that visible (the coach follows it up) until
the parent records the answer, say when the final IEP arrives with the statement in it.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop

from playbook.advocacy.asks import default_reply_due, open_ask
from playbook.advocacy.models import Ask, AskStatus, Concern
from playbook.meetings.models import Meeting

from .. import spanish
from ..compose import bullet
from ..params import Param
from ..registry import Case, LetterKind, register
from .written_concerns import reply_due_after_sending

NO_STRENGTHS = "[Write here what {first} does well and enjoys, one point per line.]"
NO_CONCERNS = "[Write here what worries you, with examples.]"
NO_REQUESTS = "[Write here what you would like the team to do.]"
NO_STRENGTHS_ES = "[Escriba aquí lo que {first} hace bien y lo que le gusta, un punto por línea.]"
NO_CONCERNS_ES = "[Escriba aquí lo que le preocupa, con ejemplos.]"
NO_REQUESTS_ES = "[Escriba aquí lo que quisiera que hiciera el equipo.]"

# Asks that belong to the meeting itself, not to what the parent wants in the IEP, and the
# asks that only track a move (an escalation, a policy request): the request they serve is
# listed on its own, and their titles are bookkeeping, not the parent's words.
NOT_REQUESTS = {
    *("meeting_request", "parent_concerns", "trial_terms", "meeting_recap"),
    *("escalation", "policy_request", "prior_written_notice_request"),
}


@register
class ParentConcerns(LetterKind):
    name = "parent_concerns"
    title = gettext_noop("Write your Parent Concerns statement")
    why = gettext_noop(
        "Every IEP has a section for the parent's concerns, and the team must consider "
        "them when it writes the IEP. A statement in your own words, with your child's "
        "strengths first, puts your view into the IEP itself. Hand it in about a week "
        "before the meeting."
    )
    params = [
        Param(
            "strengths",
            "What your child does well",
            many=True,
            help="One strength per line: what your child is good at, enjoys, or has learned.",
        ),
        Param(
            "concerns",
            "Concerns to include",
            model=Concern,
            many=True,
            help="Leave all unticked to include every open concern.",
        ),
        Param("meeting", "The meeting it is for", model=Meeting),
    ]

    def context(self, case: Case, values: dict) -> dict:
        first = case.child.first_name
        concerns = _concerns(case, values)
        strengths = values["strengths"]
        requests = [
            bullet(f"{c.title}: {' '.join(c.request.split())}")
            for c in concerns
            if c.request.strip()
        ]
        requests += [bullet(_waiting(*waiting)) for waiting in _open_asks(case, concerns)]
        return {
            "meeting": values["meeting"],
            "strengths": "\n".join(bullet(s) for s in strengths)
            if strengths
            else NO_STRENGTHS.format(first=first),
            "concerns": "\n\n".join(_concern_block(n, c) for n, c in enumerate(concerns, 1))
            or NO_CONCERNS,
            "requests": "\n".join(requests) or NO_REQUESTS,
            "trials": _running_trials(case, concerns),
            "reply_by": default_reply_due(case.child, case.today),
        }

    def context_es(self, case: Case, values: dict, english: dict) -> dict:
        """The same statement in Spanish: the parent's strengths, concerns and requests
        as they wrote them, the app's words and the dates in Spanish."""
        first = case.child.first_name
        concerns = _concerns(case, values)
        requests = [
            bullet(f"{c.title}: {' '.join(c.request.split())}")
            for c in concerns
            if c.request.strip()
        ]
        requests += [bullet(_waiting_es(*waiting)) for waiting in _open_asks(case, concerns)]
        meeting = values["meeting"]
        return {
            "meeting_kind": spanish.meeting_kind(meeting) if meeting else "",
            "strengths": english["strengths"]
            if values["strengths"]
            else NO_STRENGTHS_ES.format(first=first),
            "concerns": "\n\n".join(
                _concern_block(n, c, spanish.day) for n, c in enumerate(concerns, 1)
            )
            or NO_CONCERNS_ES,
            "requests": "\n".join(requests) or NO_REQUESTS_ES,
        }

    def on_sent(self, letter, entry, values: dict) -> Ask:
        first = letter.child.first_name
        return open_ask(
            letter.child,
            subject=f"Record my Parent Concerns statement in {first}'s IEP",
            details=(
                "Confirm that the statement will be attached to the IEP and recorded in "
                "its Parent Concerns section. Check that it is in the final IEP."
            ),
            asked_of=letter.addressee,
            asked_on=letter.sent_on,
            channel="email",
            reply_due_on=reply_due_after_sending(letter),
            kind=self.name,
        )


def _concerns(case: Case, values: dict) -> list[Concern]:
    if values["concerns"]:
        return list(dict.fromkeys(values["concerns"]))
    open_concerns = case.child.concerns.filter(status=Concern.Status.OPEN)
    return list(open_concerns.order_by("created_at").prefetch_related("evidence"))


def _concern_block(n: int, concern: Concern, day=None) -> str:
    lines = [f"{n}. {concern.title}" + (f" ({concern.area})" if concern.area else "")]
    if concern.details.strip():
        lines += ["", concern.details.strip()]
    evidence = [bullet(_evidence_line(item, day)) for item in concern.evidence.all()]
    if evidence:
        lines += ["", *evidence]
    return "\n".join(lines)


def _evidence_line(item, day=None) -> str:
    """``day`` writes the date in another language (``spanish.day``)."""
    if not item.date:
        return item.text
    when = day(item.date) if day else f"{item.date:%B} {item.date.day}, {item.date.year}"
    return f"{when}: {item.text}"


def _running_trials(case: Case, concerns: list[Concern]) -> list:
    """Trials still running for the concerns in the statement (or for no concern)."""
    running = case.child.trials.filter(outcome="").select_related("concern")
    return [t for t in running if t.concern_id is None or t.concern in concerns]


def _open_asks(case: Case, concerns: list[Concern]) -> list[tuple[Ask, bool]]:
    """The parent's requests still waiting, each with whether it waits higher up the chain
    of command: a request refused and carried up by an escalation still open is still the
    parent's request (decision 0111), named in their words, not the escalation's title."""
    listed = {(c.pk, " ".join(c.request.split())) for c in concerns}
    still_open = list(case.child.asks.filter(status=AskStatus.OPEN).select_related("about"))
    waiting = {a.pk: (a, False) for a in still_open if a.kind not in NOT_REQUESTS}
    for carried in still_open:
        request = carried.about if carried.kind == "escalation" else None
        if request is not None and request.kind not in NOT_REQUESTS and request.pk not in waiting:
            waiting[request.pk] = (request, request.status != AskStatus.OPEN)
    return sorted(
        (
            (ask, decided_below)
            for ask, decided_below in waiting.values()
            if (ask.concern_id, " ".join(ask.details.split())) not in listed
        ),
        key=lambda item: (item[0].asked_on, item[0].created_at),
    )


def _waiting(ask: Ask, carried_up: bool) -> str:
    asked = f"{ask.asked_on:%B} {ask.asked_on.day}, {ask.asked_on.year}"
    if carried_up:
        return f"{ask.subject} (I asked on {asked} and am still waiting for a decision)"
    return f"{ask.subject} (I asked on {asked} and am still waiting for an answer)"


def _waiting_es(ask: Ask, carried_up: bool) -> str:
    asked = spanish.day(ask.asked_on)
    if carried_up:
        return f"{ask.subject} (lo pedí el {asked} y sigo esperando una decisión)"
    return f"{ask.subject} (lo pedí el {asked} y sigo esperando respuesta)"
