"""The chain of command as one thread (move 5, decision 0036).

An escalation carries the ORIGINAL request up: its ask points at the original (``Ask.about``),
whatever rung it was sent from. Every letter in a chain (the follow-up, the escalation, the
courtesy note, the next escalation up) tells the same story from these functions: the
original request in its own words and its date, what was written and said since, with dates
and who said what, the evidence, and whether prior written notice was given. Internal
bookkeeping titles ("Escalation to ...", "Reply: ...") never appear in it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from playbook.advocacy.models import Ask, AskStatus
from playbook.children.models import TeamMember
from playbook.refusals.ladder import build_ladder, roster_of
from playbook.refusals.models import Refusal

from . import spanish
from .models import Letter


def day(on: date, lang: str = "en") -> str:
    if lang == "es":
        return spanish.day(on)
    return f"{on:%B} {on.day}, {on.year}"


def quoted(words: str) -> str:
    return " ".join((words or "").split())


def asks_of(ask: Ask) -> list[Ask]:
    """The original request and every ask that carried it up, oldest first."""
    original = ask.original
    return [original, *original.carried_up.order_by("asked_on", "created_at")]


def people_in(ask: Ask) -> list[TeamMember]:
    """Everyone the parent has worked with on this request, in the order they came in:
    whom each ask of the thread went to, anyone involved, and who wrote or spoke on it."""
    seen: dict[str, TeamMember] = {}
    for item in asks_of(ask):
        candidates = [item.asked_of, *item.involved.all()]
        candidates += [e.counterpart for e in item.entries.select_related("counterpart")]
        for person in candidates:
            if person is not None and str(person.pk) not in seen:
                seen[str(person.pk)] = person
    return list(seen.values())


def below(ask: Ask, contacted: TeamMember, topic: str) -> list[TeamMember]:
    """The people on this request who sit below ``contacted`` on the topic's ladder (or off
    it): those a courtesy note about going to ``contacted`` is for."""
    ladder = build_ladder(roster_of(ask.child), topic or "other")
    rung_of = {pk: n for n, rung in enumerate(ladder.rungs) for pk in rung.members}
    top = rung_of.get(str(contacted.pk), len(ladder.rungs))
    return [
        person
        for person in people_in(ask)
        if person.pk != contacted.pk and rung_of.get(str(person.pk), -1) < top
    ]


def _name(member: TeamMember | None, addressee: TeamMember | None, lang: str = "en") -> str:
    if member is None:
        return "la escuela" if lang == "es" else "the school"
    if addressee is not None and member.pk == addressee.pk:
        return "usted" if lang == "es" else "you"
    return member.name


def _said(kind: str) -> str:
    """How words came to the parent, by the kind of trail entry that holds them."""
    return {
        "meeting": "said at the meeting",
        "call": "said on the phone",
        "note": "told me",
    }.get(kind, "wrote")


# The same, in the Spanish letter (decision 0048): with the words quoted, and without.
_SAID_ES = {
    "said at the meeting": "dijo en la reunión",
    "said on the phone": "dijo por teléfono",
    "told me": "me dijo",
    "wrote": "escribió",
    "said no": "dijo que no",
}
_ANSWERED_ES = {
    "said at the meeting": "me respondió en la reunión",
    "said on the phone": "me respondió por teléfono",
    "told me": "me respondió en persona",
    "wrote": "me respondió por escrito",
}


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def history(ask: Ask, addressee: TeamMember | None = None, lang: str = "en") -> list[str]:
    """The thread's story, oldest first, one line per event, in the parent's words: "you"
    for the person the letter goes to. ``lang`` "es" tells it in Spanish, for the parent's
    copy of a letter (the words quoted stay as they were said)."""
    es = lang == "es"
    thread = asks_of(ask)
    original = thread[0]
    # (day, then the moment and place in the trail within the day, text): several steps of
    # one day (a reply, then the escalation it led to, then the next reply) keep their order.
    lines: list[tuple[date, tuple, str]] = []
    if es:
        first = (
            f"{day(original.asked_on, lang)}: Le pedí a {_name(original.asked_of, addressee, lang)} "
            f"{spanish.subject(original.subject)}."
        )
    else:
        first = (
            f"{day(original.asked_on)}: I asked {_name(original.asked_of, addressee)} for "
            f"{_mid(original.subject)}."
        )
    lines.append((original.asked_on, _FIRST, first))
    refusals = list(Refusal.objects.filter(ask__in=thread).select_related("said_by", "entry"))
    refusal_entries = {r.entry_id for r in refusals}
    entries = {}
    for item in thread:
        for entry in item.entries.select_related("counterpart"):
            entries[entry.pk] = entry
    letters = {
        letter.entry_id: letter
        for letter in Letter.objects.filter(entry_id__in=entries, state=Letter.State.SENT)
    }
    team = {str(m.pk): m for m in ask.child.team.all()}
    for entry in sorted(entries.values(), key=lambda e: e.occurred_at):
        if entry.pk in refusal_entries:
            continue
        on = ask.child.day_of(entry.occurred_at)
        who = _name(entry.counterpart, addressee, lang)
        letter = letters.get(entry.pk)
        if entry.direction == "sent":
            chain_letter = letter is not None and letter.kind in _CHAIN_KINDS
            if (
                not chain_letter
                and on == original.asked_on
                and (entry.counterpart_id == original.asked_of_id)
            ):
                continue  # the request itself
            if es:
                text = (
                    _sent_es(letter, who, team, addressee)
                    if letter
                    else f"Le escribí a {who} sobre el asunto."
                )
            else:
                text = (
                    _sent(letter, who, team, addressee) if letter else f"I wrote to {who} about it."
                )
        elif entry.direction == "received":
            said = _said(entry.kind)
            words = quoted(entry.body)
            if es:
                text = (
                    f'{who} {_SAID_ES[said]}: "{words}"'
                    if words
                    else f"{who} {_ANSWERED_ES[said]}."
                )
            else:
                text = f'{who} {said}: "{words}"' if words else f"{who} {said} to me."
        else:
            text = f"Hablé con {who} sobre el asunto." if es else f"I spoke with {who} about it."
        lines.append((on, _in_trail(entry), f"{day(on, lang)}: {_sentence(text)}"))
    for refusal in refusals:
        who = _name(refusal.said_by, addressee, lang)
        said = _said(refusal.entry.kind) if refusal.entry else "said no"
        if said == "told me":
            said = "said no"
        said = _SAID_ES[said] if es else said
        text = f'{who} {said}: "{quoted(refusal.words)}"'
        place = _in_trail(refusal.entry) if refusal.entry else _UNTIMED
        lines.append((refusal.said_on, place, f"{day(refusal.said_on, lang)}: {_sentence(text)}"))
    for item in thread:
        if item.reply_text and not any(r.ask_id == item.pk for r in refusals):
            if any(e.direction == "received" for e in item.entries.all()):
                continue  # already told from the trail, with its date and author
            when = item.reply_date or item.asked_on
            who = _name(item.asked_of, addressee, lang)
            answered = "respondió" if es else "answered"
            text = f'{who} {answered}: "{quoted(item.reply_text)}"'
            lines.append((when, _UNTIMED, f"{day(when, lang)}: {_sentence(text)}"))
    return [text for _, _, text in sorted(lines, key=lambda line: (line[0], line[1]))]


# Within a day: the request first, then what the trail recorded in its order, then what has
# no moment of its own (a no logged by hand, a reply kept only on the ask).
_FIRST = (0, 0.0, 0)
_UNTIMED = (2, 0.0, 0)


def _in_trail(entry) -> tuple:
    return (1, entry.occurred_at.timestamp(), entry.seq)


_CHAIN_KINDS = ("follow_up", "escalation", "courtesy_note")


def _sent(letter: Letter, who: str, team: dict, addressee) -> str:
    params = letter.params or {}
    if letter.kind == "follow_up":
        return f"I followed up in writing with {who}."
    if letter.kind == "escalation":
        contacted = team.get(params.get("to", ""))
        if contacted is None:
            return f"I wrote to {who} to ask for help from higher up."
        them = _name(contacted, addressee)
        role = "" if them == "you" else f", {contacted.role_label.lower()}"
        method = params.get("method") or "cc"
        if method == "call":
            return f"I asked {them}{role} to call me about it."
        if method == "invite":
            return f"I invited {them}{role} to the next IEP meeting to decide it."
        if method == "write":
            return f"I wrote to {them}{role} directly, to help us decide."
        if letter.addressee_id and contacted.pk != letter.addressee_id:
            return f"I wrote to {who} and copied {them}{role}, to help us decide."
        return f"I wrote to {them}{role}, to help us decide."
    if letter.kind == "courtesy_note":
        return "I let the team know whom I had contacted, and why."
    return f'I wrote to {who}: "{quoted(letter.subject)}".'


def _sent_es(letter: Letter, who: str, team: dict, addressee) -> str:
    """``_sent`` in the Spanish letter."""
    params = letter.params or {}
    if letter.kind == "follow_up":
        return f"Le envié un seguimiento por escrito a {who}."
    if letter.kind == "escalation":
        contacted = team.get(params.get("to", ""))
        if contacted is None:
            return f"Le escribí a {who} para pedir ayuda a un nivel superior."
        them = _name(contacted, addressee, "es")
        role = "" if them == "usted" else f", {spanish.role(contacted)}"
        method = params.get("method") or "cc"
        if method == "call":
            return f"Le pedí a {them}{role} que me llamara para hablarlo."
        if method == "invite":
            return f"Invité a {them}{role} a la próxima reunión del IEP para decidirlo."
        if method == "write":
            return f"Le escribí directamente a {them}{role}, para que nos ayudara a decidir."
        if letter.addressee_id and contacted.pk != letter.addressee_id:
            return f"Le escribí a {who} con copia a {them}{role}, para que nos ayudara a decidir."
        return f"Le escribí a {them}{role}, para que nos ayudara a decidir."
    if letter.kind == "courtesy_note":
        return "Le informé al equipo a quién había contactado y por qué."
    return f'Le escribí a {who}: "{quoted(letter.subject)}".'


def _mid(title: str) -> str:
    from .templatetags.phrases import mid_sentence

    return mid_sentence(title)


def evidence(ask: Ask, lang: str = "en") -> list[str]:
    """The evidence behind the original request (its concern's bullets), one line each."""
    concern = ask.original.concern
    if concern is None:
        return []
    lines = []
    for item in concern.evidence.all():
        text = quoted(item.text)
        lines.append(f"{day(item.date, lang)}: {text}" if item.date else text)
    return lines


@dataclass(frozen=True)
class WrittenNotice:
    """Whether prior written notice was given for the request (34 CFR § 300.503)."""

    refused: bool
    asked_on: date | None
    received_on: date | None

    @property
    def sentence(self) -> str:
        cite = "(34 CFR § 300.503)"
        if self.received_on:
            return (
                f"On {day(self.received_on)} I received the school's written answer to my "
                f"request for prior written notice {cite}."
            )
        if self.asked_on:
            return (
                f"On {day(self.asked_on)} I asked for prior written notice of the refusal "
                f"{cite}, and I have not received it."
            )
        if self.refused:
            return (
                "I have not received prior written notice of this refusal: the refusal, its "
                f"reasons and the information it was based on {cite}."
            )
        return (
            "No decision has been made, so I have not received prior written notice of one. "
            f"If the answer is no, please give me prior written notice of it {cite}."
        )

    @property
    def sentence_es(self) -> str:
        """``sentence`` in the Spanish letter."""
        cite = "(34 CFR § 300.503)"
        if self.received_on:
            return (
                f"El {day(self.received_on, 'es')} recibí la respuesta por escrito de la escuela "
                f"a mi solicitud de aviso previo por escrito {cite}."
            )
        if self.asked_on:
            return (
                f"El {day(self.asked_on, 'es')} pedí un aviso previo por escrito de la negativa "
                f"{cite}, y no lo he recibido."
            )
        if self.refused:
            return (
                "No he recibido un aviso previo por escrito de esta negativa: la negativa, sus "
                f"motivos y la información en que se basó {cite}."
            )
        return (
            "Todavía no se ha tomado una decisión, así que no he recibido ningún aviso previo "
            "por escrito. Si la respuesta es no, le pido que me dé un aviso previo por escrito "
            f"de esa decisión {cite}."
        )


def written_notice(ask: Ask) -> WrittenNotice:
    thread = asks_of(ask)
    refusals = [
        str(pk) for pk in Refusal.objects.filter(ask__in=thread).values_list("pk", flat=True)
    ]
    refused = bool(refusals) or any(a.status == AskStatus.REFUSED for a in thread)
    asks = {str(a.pk) for a in thread}
    asked = None
    for letter in Letter.objects.filter(
        child_id=ask.child_id, kind="prior_written_notice_request", state=Letter.State.SENT
    ).select_related("ask"):
        params = letter.params or {}
        if params.get("refusal") in refusals or params.get("ask") in asks:
            asked = letter
    if asked is None:
        return WrittenNotice(refused, None, None)
    received = asked.ask.reply_date if asked.ask and asked.ask.reply_date else None
    return WrittenNotice(refused, asked.sent_on, received)


def next_person_up(ask: Ask, topic: str = "services") -> TeamMember | None:
    """Who the parent would bring in next, from the ladder and everyone on the thread."""
    involved = [str(m.pk) for m in people_in(ask)]
    ladder = build_ladder(roster_of(ask.child), topic, involved)
    rung = ladder.next_rung
    if rung is None:
        return None
    return ask.child.team.filter(pk=rung.members[0]).first()
