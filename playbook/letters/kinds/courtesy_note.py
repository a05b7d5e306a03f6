"""Move 5, caring for the relationship: after going up the chain, a short courteous note to
the team saying whom the parent contacted and why."""

from __future__ import annotations

from django.utils.translation import gettext_noop

from playbook.advocacy.models import Ask
from playbook.children.models import TeamMember
from playbook.refusals.ladder import TOPIC_LABELS, TOPICS, build_ladder, roster_of

from .. import spanish, thread
from ..models import Letter
from ..params import Param
from ..registry import Case, LetterKind, register
from .escalation import topic_phrase


def latest_escalation(case: Case, contacted: TeamMember) -> Letter | None:
    return (
        Letter.objects.filter(
            child=case.child,
            kind="escalation",
            state=Letter.State.SENT,
            params__to=str(contacted.pk),
        )
        .order_by("-sent_on", "-created_at")
        .first()
    )


def _escalated_ask(case: Case, escalation: Letter | None) -> Ask | None:
    """The ask the escalation opened (it points at the original request), else the one it
    named."""
    if escalation is None or not escalation.params.get("ask"):
        return None
    if escalation.ask_id:
        return Ask.objects.filter(child=case.child, pk=escalation.ask_id).first()
    if escalation.params.get("ask"):
        return Ask.objects.filter(child=case.child, pk=escalation.params["ask"]).first()
    return None


@register
class CourtesyNote(LetterKind):
    name = "courtesy_note"
    asks = False
    title = gettext_noop("A courteous note to the team")
    why = gettext_noop(
        "Going over someone's head can feel like asking a store clerk for the manager. A "
        "short, friendly note saying whom you contacted and why, and that you look forward "
        "to keeping working together, keeps the team on your side."
    )
    params = [
        Param("contacted", "Whom you contacted", model=TeamMember, required=True),
        Param(
            "topic",
            "What it was about",
            choices=(("", "No particular topic"), *((t, TOPIC_LABELS[t]) for t in TOPICS)),
        ),
    ]

    def _thread_people(self, case: Case, values: dict) -> list[TeamMember] | None:
        """The people the parent has worked with on the request carried up (decision 0036),
        or None when the escalation named no request."""
        escalation = latest_escalation(case, values["contacted"])
        ask = _escalated_ask(case, escalation)
        if ask is None:
            return None
        topic = values.get("topic") or escalation.params.get("topic") or "other"
        return thread.below(ask, values["contacted"], topic)

    def addressee(self, case: Case, values: dict):
        people = self._thread_people(case, values)
        if people is not None:
            manager = case.case_manager
            if manager is not None and any(p.pk == manager.pk for p in people):
                return manager
            return people[0] if people else None
        manager = case.case_manager
        if manager is not None and manager.pk != values["contacted"].pk:
            return manager
        return None

    def cc(self, case: Case, values: dict, addressee) -> list[TeamMember]:
        """The team below the person contacted on this topic's ladder."""
        contacted: TeamMember = values["contacted"]
        people = self._thread_people(case, values)
        if people is not None:
            return [p for p in people if addressee is None or p.pk != addressee.pk]
        ladder = build_ladder(roster_of(case.child), values.get("topic") or "other")
        below: list[str] = []
        for rung in ladder.rungs:
            if str(contacted.pk) in rung.members:
                break
            below += rung.members
        skip = {str(contacted.pk), str(addressee.pk) if addressee else ""}
        team = {str(m.pk): m for m in case.team}
        return [team[pk] for pk in below if pk not in skip]

    def on_sent(self, letter, entry, values: dict) -> None:
        """The note joins the thread of the request it speaks of; it asks nothing."""
        escalation = latest_escalation(
            Case(child=letter.child, today=letter.sent_on, signature="", team=[]),
            values["contacted"],
        )
        carried = escalation.ask if escalation and escalation.params.get("ask") else None
        if carried is not None:
            carried.original.entries.add(entry)
        return None

    def context(self, case: Case, values: dict) -> dict:
        contacted: TeamMember = values["contacted"]
        escalation = latest_escalation(case, contacted)
        carried = _escalated_ask(case, escalation)
        about = carried.original if carried else None
        topic = values.get("topic") or (escalation.params.get("topic") if escalation else None)
        return {
            "contacted": contacted,
            "contacted_on": escalation.sent_on if escalation else None,
            "topic_label": topic_phrase(topic) if topic in TOPICS else "",
            "about": about,
        }

    def context_es(self, case: Case, values: dict, english: dict) -> dict:
        contacted: TeamMember = values["contacted"]
        escalation = latest_escalation(case, contacted)
        topic = values.get("topic") or (escalation.params.get("topic") if escalation else None)
        return {
            "contacted_role": spanish.role(contacted),
            "topic_label": spanish.TOPICS.get(topic, "") if english["topic_label"] else "",
        }
