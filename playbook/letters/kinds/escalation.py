"""Move 5, follow the chain of command: bring the next person up into a stuck request, by
copying them on an email, asking their office for a call, or inviting them to the next IEP
meeting."""

from __future__ import annotations

from datetime import date

from django.urls import reverse
from django.utils.translation import gettext_noop

from playbook.advocacy import asks as ask_rules
from playbook.advocacy.asks import default_reply_due
from playbook.advocacy.models import Ask, AskStatus, Channel
from playbook.children.models import TeamMember
from playbook.meetings.models import Meeting
from playbook.refusals.ladder import (
    TOPIC_LABELS,
    TOPICS,
    UnknownTopic,
    build_ladder,
    roster_of,
)

from .. import spanish, thread
from ..compose import bullet
from ..params import Param, ParamError
from ..registry import Case, LetterKind, register
from ..templatetags.phrases import mid_sentence
from .written_concerns import reply_due_after_sending

METHODS = (
    ("cc", "Copy them on an email to the team"),
    ("write", "Write to them directly"),
    ("call", "Call their office (a note asking them to call you back)"),
    ("invite", "Invite them to the next IEP meeting"),
)
DEFAULT_METHOD = "cc"
UNRESOLVED = (AskStatus.OPEN, AskStatus.NO_REPLY, AskStatus.REFUSED, AskStatus.PARTLY_GRANTED)
# Without an ask, the letter lists the requests still unresolved, most recent first.
MAX_UNRESOLVED = 5
# Asks that only track a move about another request ("Written policy behind the “no” of
# February 8, 2026"): their titles are bookkeeping (decision 0036), and the request they
# serve is listed on its own.
TRACKING_KINDS = ("policy_request", "policy_renewal", "prior_written_notice_request")

_UPCOMING = (Meeting.Status.REQUESTED, Meeting.Status.ACKNOWLEDGED, Meeting.Status.SCHEDULED)


def method_of(values: dict) -> str:
    return values.get("method") or DEFAULT_METHOD


def topic_phrase(topic: str) -> str:
    """The topic as it reads after "Sam's": "services", "staffing and substitutes"."""
    return "program" if topic == "other" else TOPIC_LABELS[topic].split(" (")[0].lower()


# The topic in the Spanish letter: bare (the subject line), and with its article, as it
# reads before "de Maya" ("los servicios de Maya").
TOPICS_ES = {
    "services": ("servicios", "los servicios"),
    "placement": ("colocación", "la colocación"),
    "evaluation": ("evaluación y reevaluación", "la evaluación y la reevaluación"),
    "discipline": ("disciplina", "la disciplina"),
    "scheduling": ("horarios", "los horarios"),
    "staffing": ("personal y suplentes", "el personal y los suplentes"),
    "safety": ("seguridad", "la seguridad"),
    "other": ("programa", "el programa"),
}


def _day(day: date) -> str:
    return f"{day:%B} {day.day}, {day.year}"


def _name(member: TeamMember | None) -> str:
    return member.name if member else "the school"


def brought_in(case: Case, values: dict) -> TeamMember:
    """The administrator: the person chosen, else the first person on the ladder's next rung
    above everyone already involved in the ask."""
    if values.get("to"):
        return values["to"]
    ask = values.get("ask")
    if ask is not None:
        involved = [str(m.pk) for m in thread.people_in(ask)]
    else:
        # No one request: everyone the parent's unresolved requests went to, and the case
        # manager the letter is written to, are already involved; the next person up is above
        # them (decision 0119; the first rung, a teacher, was copied "to decide").
        people = [a.asked_of for a in _unresolved(case)] + [case.case_manager]
        involved = [str(m.pk) for m in people if m is not None]
    ladder = build_ladder(roster_of(case.child), values["topic"], involved)
    rung = ladder.next_rung
    if rung is None:
        raise ParamError(
            "to",
            "there is nobody higher on your team list for this topic. Add the next person "
            "up (for example the director of special services) on the team page, or choose "
            "someone here.",
        )
    team = {str(m.pk): m for m in case.team}
    return team[rung.members[0]]


def team_contact(case: Case, values: dict, administrator: TeamMember) -> TeamMember | None:
    """Whom the team-side letter goes to: the case manager, else whoever the ask went to."""
    ask = values.get("ask")
    for person in (case.case_manager, ask.original.asked_of if ask else None):
        if person is not None and person.pk != administrator.pk:
            return person
    return None


def prior_contacts(ask: Ask, addressee: TeamMember | None = None) -> list[str]:
    """The history of the request this ask carries, oldest first (letters.thread)."""
    return thread.history(ask, addressee)


def _unresolved(case: Case) -> list[Ask]:
    asks = case.child.asks.filter(status__in=UNRESOLVED, about__isnull=True)
    asks = asks.exclude(kind__in=TRACKING_KINDS).select_related("asked_of")
    return sorted(asks, key=lambda a: a.asked_on, reverse=True)[:MAX_UNRESOLVED]


def unresolved_asks(case: Case) -> list[str]:
    """The requests still unresolved, in their own words: an ask that carries another up
    the chain is not a request of its own (decision 0036)."""
    asks = _unresolved(case)
    return [
        f"{_day(a.asked_on)}: I asked {_name(a.asked_of)} for {mid_sentence(a.subject)} "
        f"({a.get_status_display().lower()})."
        for a in asks
    ]


def unresolved_asks_es(case: Case) -> list[str]:
    """``unresolved_asks`` in the Spanish letter."""
    return [
        f"{spanish.day(a.asked_on)}: le pedí a {a.asked_of.name if a.asked_of else 'la escuela'} "
        f"{spanish.subject(a.subject)} ({spanish.ASK_STATUSES.get(a.status, a.status)})."
        for a in _unresolved(case)
    ]


def next_meeting(case: Case) -> Meeting | None:
    return (
        case.child.meetings.filter(status__in=_UPCOMING, date__gte=case.today)
        .order_by("date")
        .first()
    )


@register
class Escalation(LetterKind):
    name = "escalation"
    title = gettext_noop("Bring in the next person up")
    why = gettext_noop(
        "The people at the table may agree with you and still not be able to say yes. "
        "Bringing in the next person up the chain of command, in writing and with the "
        "history of your request, puts someone with authority to decide into the "
        "conversation."
    )
    params = [
        Param(
            "topic",
            "What it is about",
            choices=tuple((topic, TOPIC_LABELS[topic]) for topic in TOPICS),
            required=True,
        ),
        Param(
            "to",
            "Who to bring in",
            model=TeamMember,
            help="Leave empty for the next person up the chain of command for this topic.",
        ),
        Param("method", "How to bring them in", choices=METHODS),
        Param(
            "ask",
            "The request that is stuck",
            model=Ask,
            statuses=UNRESOLVED,
            help="Optional. We list its history: dates, names and answers.",
        ),
        Param("cc", "Also copy", model=TeamMember, many=True),
    ]

    def check(self, case: Case, values: dict) -> None:
        if values["topic"] not in TOPICS:  # the choices already refuse it; the ladder agrees
            raise ParamError("topic", str(UnknownTopic(values["topic"])))
        # The defaults are settled here, so the saved letter remembers whom it brought in
        # and how, whatever the roster looks like by the time it is sent.
        values["to"] = brought_in(case, values)
        values["method"] = method_of(values)

    def addressee(self, case: Case, values: dict) -> TeamMember | None:
        administrator = brought_in(case, values)
        if method_of(values) == "cc":
            return team_contact(case, values, administrator) or administrator
        return administrator

    def cc(self, case: Case, values: dict, addressee) -> list[TeamMember]:
        administrator = brought_in(case, values)
        copied: list[TeamMember] = []
        if method_of(values) == "cc":
            copied.append(administrator)
        elif method_of(values) == "invite" and case.case_manager:
            copied.append(case.case_manager)  # who schedules the meeting
        ask = values.get("ask")
        if method_of(values) == "cc" and ask is not None:
            # Copied on the email to the people already involved in this request.
            copied += thread.below(ask, administrator, values.get("topic") or "other")
        copied += values.get("cc") or []
        seen = {addressee.pk} if addressee else set()
        unique = []
        for person in copied:
            if person.pk not in seen:
                seen.add(person.pk)
                unique.append(person)
        return unique

    def context(self, case: Case, values: dict) -> dict:
        administrator = brought_in(case, values)
        ask: Ask | None = values.get("ask")
        method = method_of(values)
        addressee = self.addressee(case, values)
        contacts = prior_contacts(ask, addressee) if ask else unresolved_asks(case)
        original = ask.original if ask else None
        return {
            "administrator": administrator,
            "method": method,
            "original": original,
            "original_to": _name(original.asked_of) if original else "",
            "evidence": "\n".join(bullet(line) for line in thread.evidence(ask)) if ask else "",
            "written_notice": thread.written_notice(ask).sentence if ask else "",
            # Copied only when there is someone on the team to write to.
            "copied": method == "cc" and team_contact(case, values, administrator) is not None,
            "topic_label": topic_phrase(values["topic"]),
            "ask": original,
            "latest": ask,
            "contacts": "\n".join(bullet(line) for line in contacts),
            "meeting": next_meeting(case) if method == "invite" else None,
            "reply_by": default_reply_due(case.child, case.today),
        }

    def context_es(self, case: Case, values: dict, english: dict) -> dict:
        ask: Ask | None = values.get("ask")
        addressee = self.addressee(case, values)
        contacts = thread.history(ask, addressee, "es") if ask else unresolved_asks_es(case)
        bare, with_article = TOPICS_ES[values["topic"]]
        meeting = english["meeting"]
        return {
            "administrator_role": spanish.role(english["administrator"]),
            "ask_subject": spanish.subject(english["ask"].subject) if ask else "",
            "topic_label": with_article,
            "topic_subject": bare,
            "contacts": "\n".join(bullet(line) for line in contacts),
            "evidence": "\n".join(bullet(line) for line in thread.evidence(ask, "es"))
            if ask
            else "",
            "written_notice": thread.written_notice(ask).sentence_es if ask else "",
            "meeting_time": spanish.at_clock(meeting.time) if meeting and meeting.time else "",
        }

    def on_sent(self, letter, entry, values: dict) -> Ask:
        """The ask now waits on the administrator, and points at the original request; the
        ask it was carried up from is marked escalated (no more follow-ups at that rung)."""
        administrator: TeamMember = values["to"]
        stuck: Ask | None = values.get("ask")
        original = stuck.original if stuck else None
        topic = topic_phrase(values["topic"])
        ask = ask_rules.open_ask(
            letter.child,
            subject=f"Escalation to {administrator.name}: {original.subject if original else topic}",
            details=original.details if original else "",
            asked_of=administrator,
            asked_on=letter.sent_on,
            channel=Channel.EMAIL,
            reply_due_on=reply_due_after_sending(letter),
            concern=original.concern if original else None,
            kind=self.name,
            about=original,
        )
        ask.involved.add(administrator, *([letter.addressee] if letter.addressee else []))
        if stuck is not None:
            for carried in {stuck.pk: stuck, original.pk: original}.values():
                carried.involved.add(administrator)
                carried.entries.add(entry)
                if carried.escalated_on is None:
                    carried.escalated_on = letter.sent_on
                    carried.save(update_fields=["escalated_on"])
        return ask

    def follow_on(self, letter) -> dict | None:
        """After sending: the courtesy note to the team."""
        if letter.is_draft:
            return None
        contacted = letter.params.get("to")
        if not contacted:
            return None
        query = f"contacted={contacted}&topic={letter.params.get('topic', '')}"
        return {
            "title": "Now tell the team, kindly",
            "text": (
                "A short note to the team saying whom you contacted and why keeps the "
                "relationship good."
            ),
            "label": "Write the courtesy note",
            "url": reverse("letter_new", args=[letter.child_id, "courtesy_note"]) + f"?{query}",
        }
