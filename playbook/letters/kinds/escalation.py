"""Move 5, follow the chain of command: bring the next person up into a stuck request, by
copying them on an email, asking their office for a call, or inviting them to the next IEP
meeting."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from playbook.advocacy.asks import default_reply_due
from playbook.advocacy.models import Ask, AskStatus
from playbook.children.models import TeamMember
from playbook.meetings.models import Meeting
from playbook.refusals.ladder import (
    TOPIC_LABELS,
    TOPICS,
    UnknownTopic,
    build_ladder,
    involved_in,
    roster_of,
)

from ..compose import bullet
from ..params import Param, ParamError
from ..registry import Case, LetterKind, register
from .policy_request import open_ask, quoted

METHODS = (
    ("cc", "Copy them on an email to the team"),
    ("call", "Call their office (a note asking them to call you back)"),
    ("invite", "Invite them to the next IEP meeting"),
)
DEFAULT_METHOD = "cc"
UNRESOLVED = (AskStatus.OPEN, AskStatus.NO_REPLY, AskStatus.REFUSED, AskStatus.PARTLY_GRANTED)
# Without an ask, the letter lists the requests still unresolved, most recent first.
MAX_UNRESOLVED = 5

_UPCOMING = (Meeting.Status.REQUESTED, Meeting.Status.ACKNOWLEDGED, Meeting.Status.SCHEDULED)


def method_of(values: dict) -> str:
    return values.get("method") or DEFAULT_METHOD


def topic_phrase(topic: str) -> str:
    """The topic as it reads after "Sam's": "services", "staffing and substitutes"."""
    return "program" if topic == "other" else TOPIC_LABELS[topic].split(" (")[0].lower()


def _day(day: date) -> str:
    return f"{day:%B} {day.day}, {day.year}"


def _name(member: TeamMember | None) -> str:
    return member.name if member else "the school"


def brought_in(case: Case, values: dict) -> TeamMember:
    """The administrator: the person chosen, else the first person on the ladder's next rung
    above everyone already involved in the ask."""
    if values.get("to"):
        return values["to"]
    ladder = build_ladder(roster_of(case.child), values["topic"], involved_in(values.get("ask")))
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
    for person in (case.case_manager, ask.asked_of if ask else None):
        if person is not None and person.pk != administrator.pk:
            return person
    return None


def prior_contacts(ask: Ask) -> list[str]:
    """The history of an ask, oldest first: the request, what was written and said, and
    every refusal in its own words."""
    lines: list[tuple[date, int, str]] = []
    asked = f"{_day(ask.asked_on)}: I asked {_name(ask.asked_of)} for {ask.subject}."
    lines.append((ask.asked_on, 0, asked))
    refusals = list(ask.refusals.select_related("said_by"))
    refusal_entries = {r.entry_id for r in refusals}
    for entry in ask.entries.select_related("counterpart").order_by("occurred_at"):
        if entry.pk in refusal_entries:
            continue
        day = entry.occurred_at.date()
        who = _name(entry.counterpart)
        if entry.direction == "sent":
            if day == ask.asked_on and entry.counterpart_id == ask.asked_of_id:
                continue  # the request itself
            text = f"I wrote to {who}: {entry.subject or 'a follow-up'}."
        elif entry.direction == "received":
            text = f"{who} wrote to me: {entry.subject or 'a reply'}."
        else:
            text = f"{entry.get_kind_display()} with {who}: {entry.subject or 'no subject'}."
        lines.append((day, 1, f"{_day(day)}: {text}"))
    for refusal in refusals:
        who = _name(refusal.said_by)
        said = f'{_day(refusal.said_on)}: {who} said no: "{quoted(refusal.words)}"'
        lines.append((refusal.said_on, 1, said))
    if ask.reply_text and not refusals:
        when = ask.reply_date or ask.asked_on
        lines.append((when, 1, f'{_day(when)}: the answer was: "{quoted(ask.reply_text)}"'))
    return [text for _, _, text in sorted(lines, key=lambda line: (line[0], line[1]))]


def unresolved_asks(case: Case) -> list[str]:
    asks = case.child.asks.filter(status__in=UNRESOLVED).select_related("asked_of")
    asks = sorted(asks, key=lambda a: a.asked_on, reverse=True)[:MAX_UNRESOLVED]
    return [
        f"{_day(a.asked_on)}: I asked {_name(a.asked_of)} for {a.subject} "
        f"({a.get_status_display().lower()})."
        for a in asks
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
    title = "Bring in the next person up"
    why = (
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
        contacts = prior_contacts(ask) if ask else unresolved_asks(case)
        return {
            "administrator": administrator,
            "method": method,
            # Copied only when there is someone on the team to write to.
            "copied": method == "cc" and team_contact(case, values, administrator) is not None,
            "topic_label": topic_phrase(values["topic"]),
            "ask": ask,
            "contacts": "\n".join(bullet(line) for line in contacts),
            "meeting": next_meeting(case) if method == "invite" else None,
            "reply_by": default_reply_due(case.child, case.today),
        }

    def on_sent(self, letter, entry, values: dict) -> Ask:
        administrator: TeamMember = values["to"]
        stuck: Ask | None = values.get("ask")
        topic = topic_phrase(values["topic"])
        ask = open_ask(
            letter,
            subject=f"Escalation to {administrator.name}: {stuck.subject if stuck else topic}",
            details=dict(METHODS)[method_of(values)],
            kind=self.name,
            about=stuck,
        )
        ask.involved.add(administrator)
        if stuck is not None:
            stuck.involved.add(administrator)
            stuck.entries.add(entry)
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
