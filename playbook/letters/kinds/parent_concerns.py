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
from playbook.advocacy.models import Ask, Concern
from playbook.meetings.models import Meeting

from .. import spanish
from ..compose import bullet
from ..params import Param
from ..registry import Case, LetterKind, register
from ..requests import WAITING, WAITING_HIGHER, Request, not_said_by, parents_requests
from .written_concerns import reply_due_after_sending

NO_STRENGTHS = "[Write here what {first} does well and enjoys, one point per line.]"
NO_CONCERNS = "[Write here what worries you, with examples.]"
NO_REQUESTS = "[Write here what you would like the team to do.]"
NO_STRENGTHS_ES = "[Escriba aquí lo que {first} hace bien y lo que le gusta, un punto por línea.]"
NO_CONCERNS_ES = "[Escriba aquí lo que le preocupa, con ejemplos.]"
NO_REQUESTS_ES = "[Escriba aquí lo que quisiera que hiciera el equipo.]"


@register
class ParentConcerns(LetterKind):
    name = "parent_concerns"
    # One statement for a meeting, however its strengths and concerns were chosen.
    same_letter_params = ("meeting",)
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
        trials = _running_trials(case, concerns)
        requests += [bullet(r.said()) for r in _requests(case, concerns, trials)]
        return {
            "meeting": values["meeting"],
            "strengths": "\n".join(bullet(s) for s in strengths)
            if strengths
            else NO_STRENGTHS.format(first=first),
            "concerns": "\n\n".join(_concern_block(n, c) for n, c in enumerate(concerns, 1))
            or NO_CONCERNS,
            "requests": "\n".join(requests) or NO_REQUESTS,
            "trials": trials,
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
        trials = _running_trials(case, concerns)
        requests += [bullet(r.said("es")) for r in _requests(case, concerns, trials)]
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


def _requests(case: Case, concerns: list[Concern], trials: list) -> list[Request]:
    """The parent's requests, waiting or turned down (decision 0116), but not one a running
    trial tries something else instead of: the trial's paragraph says it."""
    tried = {" ".join(t.instead_of.lower().split()) for t in trials}
    return [
        r
        for r in not_said_by(parents_requests(case.child, case.today), concerns)
        if r.state in (WAITING, WAITING_HIGHER)
        or " ".join(r.ask.subject.lower().split()) not in tried
    ]
