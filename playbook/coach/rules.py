"""The coach: small named rules, each reading the case's facts and proposing next moves.

Each rule returns zero or more `Suggestion`s with a move id (docs/api.md), a title, the reason in
one plain sentence, the letter it offers, and the facts it used. A suggestion's ``key``
names it *for those facts*: when the facts change (a reply arrives, a date moves), the key
changes, so a dismissal no longer hides it.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cached_property, lru_cache

from django.urls import reverse
from django.utils.formats import get_format
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from playbook import school_language
from playbook.advocacy.asks import reply_due
from playbook.advocacy.models import AskStatus, Channel
from playbook.advocacy.rows import AskRow
from playbook.children.models import TeamMember, TeamRole
from playbook.children.school_calendar import SchoolCalendar
from playbook.day_text import date_writer
from playbook.deadlines.models import shown_number
from playbook.letters import registry as letter_kinds
from playbook.meetings.models import Meeting, Trial
from playbook.refusals.ladder import UnknownTopic, build_ladder
from playbook.refusals.models import Refusal
from playbook.school_language import kinds
from playbook.trail.refusal_language import detect

from .facts import Facts

FOLLOW_UP_AFTER_DAYS = 10
TRIAL_REVIEW_NOTICE_DAYS = 21
RECORDS_BEFORE_MEETING_DAYS = 70
PARENT_CONCERNS_BEFORE_DAYS = 42
ANNUAL_REVIEW_NOTICE_DAYS = 70
REEVALUATION_NOTICE_DAYS = 180
RECAP_WITHIN_DAYS = 7


@dataclass(frozen=True)
class Suggestion:
    move: str
    title: str
    why: str
    urgency: int  # days until it matters; negative when already late. Lower sorts first.
    refs: dict[str, str] = field(default_factory=dict)
    letter_kind: str | None = None
    letter_params: dict[str, str] = field(default_factory=dict)
    facts_used: tuple[str, ...] = ()
    # A page to open instead of a new letter (the draft waiting to be marked sent).
    link: str = ""
    link_label: str = ""

    @cached_property  # read twice a suggestion (the dismissals, then the page): hashed once
    def key(self) -> str:
        fingerprint = "|".join(self.facts_used)
        digest = hashlib.sha256(fingerprint.encode()).hexdigest()[:12]
        ref = ",".join(f"{name}={value}" for name, value in sorted(self.refs.items()))
        return f"{self.move}:{ref}:{digest}"


Rule = Callable[[Facts], Iterable[Suggestion]]
RULES: list[Rule] = []


def rule(func: Rule) -> Rule:
    RULES.append(func)
    return func


# The titles and reasons are in the language of the request (issue 19); a legal citation is
# written the same in every language.


def _days(n: int) -> str:
    return ngettext("%(n)s day", "%(n)s days", abs(n)) % {"n": abs(n)}


class _Words:
    """What many suggestions of one run write alike, worked out once a run (``_said``): the
    language's date format (Django's ``date_format`` looks it up and translates the month on
    every call) and the few words every ask or refusal names. A big record has about 80
    suggestions."""

    def __init__(self) -> None:
        if (get_language() or "en").startswith("es"):
            self.when = date_writer(str(get_format("DATE_FORMAT")))  # 2 de marzo de 2026
        else:
            self.when = _english_day
        self.to = _(" to %(name)s")
        self.school = _("The school")
        # How an ask was made, after "You asked ... ".
        self.channels = {
            Channel.PHONE: _("by phone"),
            Channel.IN_PERSON: _("in person"),
            Channel.MEETING: _("at a meeting"),
        }

    def of(self, ask) -> str:
        return self.to % {"name": ask.asked_of.name} if ask.asked_of else ""

    def who(self, refusal) -> str:
        return refusal.said_by.name if refusal.said_by else self.school

    def channel(self, ask) -> str:
        return self.channels.get(ask.channel) or ask.get_channel_display().lower()


def _english_day(day: date) -> str:
    return f"{day:%B} {day.day}, {day.year}"


def _said(facts: Facts) -> _Words:
    """This run's shared words, in the language of the request (the facts live for one run)."""
    if "words" not in facts.extra:
        facts.extra["words"] = _Words()
    return facts.extra["words"]


def _when(facts: Facts, day: date) -> str:
    return _said(facts).when(day)


@rule
def put_verbal_ask_in_writing(facts: Facts) -> Iterable[Suggestion]:
    """An ask made out loud (phone, in person, at a meeting) with nothing written since."""
    said = _said(facts)
    # Translated once for the run, filled in for each ask.
    title = _("Put your request for %(subject)s in writing")
    why = _(
        "You asked%(of)s %(channel)s on %(day)s. A short email makes it a record the "
        "school has to answer."
    )
    for ask in facts.asks:
        if ask.escalated_on is not None:
            continue  # carried up the chain: the escalation is followed up instead
        if ask.status != AskStatus.OPEN or ask.channel not in (
            Channel.PHONE,
            Channel.IN_PERSON,
            Channel.MEETING,
        ):
            continue
        written = any(
            e.kind in ("email", "letter") and e.direction == "sent" for e in facts.entries_of(ask)
        ) or facts.letter_sent_for("follow_up", "ask", ask.pk)
        if written:
            continue
        waited = (facts.today - ask.asked_on).days
        pk = str(ask.pk)  # written once for the suggestion's refs, letter and facts
        yield Suggestion(
            move="put_in_writing",
            title=title % {"subject": ask.subject},
            why=why
            % {"of": said.of(ask), "channel": said.channel(ask), "day": said.when(ask.asked_on)},
            urgency=min(0, 3 - waited),
            refs={"ask": pk},
            letter_kind="follow_up",
            letter_params={"ask": pk},
            facts_used=(pk, ask.status, ask.channel, str(ask.asked_on)),
        )


def _trial_over(facts: Facts, ask: AskRow) -> bool:
    """The ask a trial's terms letter opened, once the trial has reached its review date or
    the parent has recorded how it went."""
    trial = facts.trial_of_terms(ask)
    return trial is not None and (bool(trial.outcome) or trial.review_date <= facts.today)


@rule
def follow_up_unanswered_ask(facts: Facts) -> Iterable[Suggestion]:
    """An open ask past its reply date (reply_due's when none was set)."""
    calendar = None  # read once, and only for an ask stored without its reply date
    said = _said(facts)
    title = _("Follow up on %(subject)s")
    why = _("Your request%(of)s, “%(subject)s”, has had no reply for %(days)s.")
    for ask in facts.asks:
        if ask.status != AskStatus.OPEN or ask.escalated_on is not None:
            continue  # an escalated ask is followed up at the rung it was carried to
        if _trial_over(facts, ask):
            continue  # confirming the terms of a trial that is over: its review takes over
        if ask.channel in (Channel.PHONE, Channel.IN_PERSON, Channel.MEETING) and not any(
            e.kind in ("email", "letter") for e in facts.entries_of(ask)
        ):
            continue  # put_verbal_ask_in_writing covers it
        waited = (facts.today - ask.asked_on).days
        if ask.reply_due is None and calendar is None:
            calendar = SchoolCalendar.for_child(facts.child)
        due = ask.reply_due or reply_due(ask.kind, ask.asked_on, facts.child, calendar=calendar)
        if facts.today <= due:
            continue
        last_follow_up = max(
            (letter.sent_on for letter in facts.follow_ups_of(ask) if letter.sent_on),
            default=None,
        )
        if last_follow_up and (facts.today - last_follow_up).days < FOLLOW_UP_AFTER_DAYS:
            continue
        subject = ask.original.subject
        pk = str(ask.pk)
        yield Suggestion(
            move="follow_up",
            title=title % {"subject": subject},
            why=why % {"of": said.of(ask), "subject": subject, "days": _days(waited)},
            urgency=-(facts.today - due).days,
            refs={"ask": pk},
            letter_kind="follow_up",
            letter_params={"ask": pk},
            facts_used=(pk, ask.status, str(due), str(last_follow_up)),
        )


_ACTIVE_MEETING = (
    Meeting.Status.REQUESTED,
    Meeting.Status.ACKNOWLEDGED,
    Meeting.Status.SCHEDULED,
)


# After an IEP meeting, the team has this long to act on what it agreed before a concern it
# discussed calls for another meeting (decision 0118); a concern raised since still does.
JUST_MET_DAYS = 30
_HELD_KINDS = {"iep", "annual_review", "reevaluation", "trial_review"}


@rule
def request_meeting_for_open_concerns(facts: Facts) -> Iterable[Suggestion]:
    upcoming = [
        m
        for m in facts.meetings
        if m.status in _ACTIVE_MEETING and (m.date is None or m.date >= facts.today)
    ]
    if upcoming:
        return
    just_held = [
        m.date
        for m in facts.meetings
        if m.status == Meeting.Status.HELD
        and m.kind in _HELD_KINDS
        and m.date is not None
        and 0 <= (facts.today - m.date).days < JUST_MET_DAYS
    ]
    since = max(just_held, default=None)
    concern_ids = [
        pk
        for pk, raised in facts.open_concerns
        if since is None or facts.child.day_of(raised) > since
    ]
    if not concern_ids:
        return
    count = len(concern_ids)
    if since is None:
        why = ngettext(
            "You have %(n)s open concern and no meeting on the calendar. You can ask for an "
            "IEP meeting at any time of year.",
            "You have %(n)s open concerns and no meeting on the calendar. You can ask for an "
            "IEP meeting at any time of year.",
            count,
        ) % {"n": count}
    else:
        why = ngettext(
            "You raised %(n)s concern after the meeting of %(day)s, and no meeting is on the "
            "calendar. You can ask for an IEP meeting at any time of year.",
            "You raised %(n)s concerns after the meeting of %(day)s, and no meeting is on the "
            "calendar. You can ask for an IEP meeting at any time of year.",
            count,
        ) % {"n": count, "day": _when(facts, since)}
    yield Suggestion(
        move="request_meeting",
        title=_("Request an IEP meeting"),
        why=why,
        urgency=14,
        letter_kind="meeting_request",
        letter_params={"concerns": ",".join(str(pk) for pk in concern_ids)},
        facts_used=tuple(sorted(str(pk) for pk in concern_ids)),
    )


@rule
def ask_for_written_policy(facts: Facts) -> Iterable[Suggestion]:
    said = _said(facts)
    # Named: the person whose no it is (the request's latest no, decision 0123).
    ask_named = _("Ask %(name)s which written policy says no")
    ask_school = _("Ask the school which written policy says no")
    ask_why = _(
        "%(who)s said “%(words)s” on %(day)s. Ask, politely and in writing, which "
        "law or written policy that comes from."
    )
    for refusal in facts.refusals:
        outcome, pk = refusal.policy_outcome, str(refusal.pk)
        if (
            outcome == Refusal.PolicyOutcome.NOT_ASKED
            and _answered_by_policy(refusal)
            and not facts.letter_sent_for("policy_request", "refusal", refusal.pk)
            and not facts.superseded(refusal)
        ):
            yield Suggestion(
                move="ask_for_policy",
                title=ask_named % {"name": by.name} if (by := refusal.said_by) else ask_school,
                why=ask_why
                % {
                    "who": said.who(refusal),
                    "words": _short(refusal.words),
                    "day": said.when(refusal.said_on),
                },
                urgency=7 - (facts.today - refusal.said_on).days,
                refs={"refusal": pk},
                letter_kind="policy_request",
                letter_params={"refusal": pk},
                facts_used=(pk, outcome),
            )
        elif outcome in (
            Refusal.PolicyOutcome.NONE_EXISTS,
            Refusal.PolicyOutcome.NO_REPLY,
        ) and not facts.letter_sent_for("policy_renewal", "refusal", refusal.pk):
            if outcome == "none_exists":
                renew_why = _(
                    "You asked for the written policy and no such policy exists. Ask again, "
                    "on the merits."
                )
            else:
                renew_why = _(
                    "You asked for the written policy and no policy came. Ask again, on the merits."
                )
            yield Suggestion(
                move="ask_for_policy",
                title=_("Renew your request on its merits"),
                why=renew_why,
                urgency=3,
                refs={"refusal": pk},
                letter_kind="policy_renewal",
                letter_params={"refusal": pk},
                facts_used=(pk, outcome),
            )


@rule
def request_prior_written_notice(facts: Facts) -> Iterable[Suggestion]:
    """A refusal that stands (the policy was produced, or the ask was refused again after a
    renewal): ask for the refusal and its reasons in writing (§ 300.503)."""
    for refusal in facts.refusals:
        if refusal.policy_outcome != Refusal.PolicyOutcome.PRODUCED:
            continue
        if facts.letter_sent_for("prior_written_notice_request", "refusal", refusal.pk):
            continue
        pk = str(refusal.pk)
        yield Suggestion(
            move="request_prior_written_notice",
            title=_("Ask for the refusal in writing"),
            why=_(
                "The school pointed to a written policy. Ask for prior written notice: the "
                "refusal, its reasons and the data behind it, in writing (34 CFR § 300.503)."
            ),
            urgency=10,
            refs={"refusal": pk},
            letter_kind="prior_written_notice_request",
            letter_params={"refusal": pk},
            facts_used=(pk, refusal.policy_outcome),
        )


# The letter each kind's move drafts (issue 14); asking for the policy has its own rule above.
_LETTER_FOR_MOVE = {
    kinds.PRIOR_WRITTEN_NOTICE: "prior_written_notice_request",
    kinds.REQUEST_MEETING: "meeting_request",
    kinds.ESCALATE: "escalation",
}


# The recogniser is fixed for the life of the process, so the kind of a refusal's words never
# changes; the coach reads every refusal on every page it shows.
@lru_cache(maxsize=4096)
def _kind_of_no(words: str) -> kinds.Kind | None:
    return school_language.read(words).kind


def _kind_of(refusal) -> kinds.Kind | None:
    """The kind stored when the no was heard (decision 0038); older rows are read again."""
    return refusal.kind_of_no or _kind_of_no(refusal.words)


def _move_made_since(facts: Facts, letter: str, refusal) -> bool:
    """Whether the parent already made the move this no calls for: the prior written notice
    request about it sent; a meeting requested (a letter sent) or on the calendar since it
    was said; its request carried up the chain, or an escalation sent, since then. A meeting
    request or an escalation names no refusal, so they are matched by their dates; a meeting
    counts when it falls between the no and JUST_MET_DAYS from today."""
    if letter == "prior_written_notice_request":
        return facts.letter_sent_for(letter, "refusal", refusal.pk) is not None
    since = refusal.said_on
    request = str(refusal.ask_id) if refusal.ask_id else None
    for row in facts.letters_of_kind(letter):
        about = (row.params or {}).get("ask")  # an escalation about another request: not this
        if row.sent_on and row.sent_on >= since and about in (None, request):
            return True
    if letter == "meeting_request":
        soon = facts.today + timedelta(days=JUST_MET_DAYS)
        return any(
            m.date and since <= m.date <= soon and m.status != Meeting.Status.CANCELLED
            for m in facts.meetings
        )
    return any(ask.pk == refusal.ask_id and ask.escalated_on is not None for ask in facts.asks)


@lru_cache(maxsize=4096)
def _kinds_heard(words: str) -> frozenset:
    """The kinds of every "no" heard in a refusal's words (a reply can hold several)."""
    return frozenset(s.kind for s in school_language.read(words).refusals)


def _concern_of(facts: Facts, refusal):
    """The concern the refused request was about (its original's, for an escalation), if
    the parent filed it under one."""
    ask = next((a for a in facts.asks if a.pk == refusal.ask_id), None)
    if ask is None:
        return None
    return ask.concern_id or ask.original.concern_id


def _answered_by_policy(refusal) -> bool:
    """Whether asking for the written policy is a move for this refusal: it holds a blanket
    rule, a legal claim, or a no of no known kind. A no about staff or convenience, a
    wait-and-see, grades taken as proof or someone else's decision has a move of its own
    (answer_the_kind_of_no): one move per no (decision 0122). A reply whose surest no is of
    another kind and that also says "we don't do that here" gets both."""
    kind = _kind_of(refusal)
    if kind is None or kind.move not in _LETTER_FOR_MOVE:
        return True
    return any(heard.move not in _LETTER_FOR_MOVE for heard in _kinds_heard(refusal.words))


@rule
def answer_the_kind_of_no(facts: Facts) -> Iterable[Suggestion]:
    """A no about staff or money, or convenience, calls for prior written notice; grades or
    progress taken as proof, or wait-and-see, for a meeting; someone else's decision, for
    going up the chain. A blanket rule or a legal claim is the written-policy rule's."""
    said = _said(facts)
    title = _("Answer a no about %(kind)s")
    why = _("%(who)s said “%(words)s” on %(day)s.")
    for refusal in facts.refusals:
        if refusal.policy_outcome != Refusal.PolicyOutcome.NOT_ASKED or facts.superseded(refusal):
            continue
        kind = _kind_of(refusal)
        if kind is None or kind.move not in _LETTER_FOR_MOVE:
            continue
        letter = _LETTER_FOR_MOVE[kind.move]
        if _move_made_since(facts, letter, refusal):
            continue
        params = {"refusal": str(refusal.pk)} if letter == "prior_written_notice_request" else {}
        if letter == "escalation":
            params = {"topic": "services", "method": "cc"}
            if refusal.ask_id:
                params["ask"] = str(refusal.ask_id)
        elif letter == "meeting_request" and (concern := _concern_of(facts, refusal)):
            # The meeting's agenda starts from the concern the refused request was about.
            params = {"concerns": str(concern)}
        name, meaning, move_words = kinds.explained(kind)
        yield Suggestion(
            move=kind.move,
            title=title % {"kind": name},
            why=why
            % {
                "who": said.who(refusal),
                "words": _short(refusal.words),
                "day": said.when(refusal.said_on),
            }
            + f" {meaning} {move_words}",
            urgency=7 - (facts.today - refusal.said_on).days,
            refs={"refusal": str(refusal.pk)},
            letter_kind=letter,
            letter_params=params,
            facts_used=(str(refusal.pk), kind.id, refusal.policy_outcome),
        )


# The phrase book is fixed for the life of the process, so a reply's answer never changes;
# without the cache every page with the coach re-read every reply (benchmarks/latency.py).
@lru_cache(maxsize=4096)
def _needs_supervisor(text: str) -> bool:
    detection = detect(text)
    return bool(getattr(detection, "needs_supervisor", False))


def _who_decides_words(text: str) -> list[str]:
    """The words that say someone above decides ("without the special ed supervisor signing
    off"), or none when the text does not say so: the role named is read from them, not
    from the rest of the reply ("the principal agreed, but ...")."""
    detection = detect(text)
    if not getattr(detection, "needs_supervisor", False):
        return []
    return list(detection.supervisor_matched) or [text]


# Whom the school's words name as the one who decides ("without the special ed supervisor
# signing off"), by the role on the team list; the longer name first.
_NAMED_ROLES = (
    ("assistant superintendent", TeamRole.ASSISTANT_SUPERINTENDENT),
    ("superintendent", TeamRole.SUPERINTENDENT),
    ("principal", TeamRole.PRINCIPAL),
    ("supervisor", TeamRole.SPECIAL_ED_SUPERVISOR),
    ("director", TeamRole.DIRECTOR_SPECIAL_SERVICES),
)


def _named_decider(facts: Facts, words: Iterable[str], involved: set) -> TeamMember | None:
    """The one person on the team list in the role the school named as the decider, when it
    named one and that person is not already in the request; else None (the ladder's next
    rung, as before)."""
    text = " ".join(words).lower()
    for name, role in _NAMED_ROLES:
        if name in text:
            current = [m for m in facts.team if m.role == role and m.left_on is None]
            if len(current) == 1 and current[0].pk not in involved:
                return current[0]
            return None
    return None


@rule
def escalate_when_stuck(facts: Facts) -> Iterable[Suggestion]:
    """Staff said they must check with a supervisor; or an ask was refused twice; or an ask
    is still unanswered after a follow-up."""
    for ask in facts.asks:
        if ask.escalated_on is not None:
            continue  # already carried up; the ask it opened is the one to watch
        reasons = []
        named_words = _who_decides_words(ask.reply_text) if ask.reply_text else []
        for entry in facts.entries_of(ask):
            named_words += [str(w) for w in (entry.flags or {}).get("needs_supervisor") or ()]
        if named_words:
            reasons.append(_("The reply says someone above them has to decide."))
        # Refused twice: at this rung twice, or here after a rung below (the request's thread:
        # the original and the escalations that carried it up, decision 0109).
        refused_here = facts.refusals_of(ask) or ask.status == AskStatus.REFUSED
        refusals = facts.refusals_of_request(ask) if refused_here else []
        if len(refusals) >= 2:
            reasons.append(
                _("%(subject)s has been refused %(n)s times.")
                % {"subject": ask.original.subject, "n": len(refusals)}
            )
        followed_up = [letter for letter in facts.follow_ups_of(ask) if letter.sent_on]
        if (
            ask.status == AskStatus.OPEN
            and followed_up
            and (facts.today - max(f.sent_on for f in followed_up)).days >= FOLLOW_UP_AFTER_DAYS
        ):
            reasons.append(_("It is still unanswered after your follow-up."))
        if not reasons or facts.letter_sent_for("escalation", "ask", ask.pk):
            continue
        # The next rung keeps the topic (and the way of bringing people in) of the rung below.
        below = next((e for e in facts.letters_of_kind("escalation") if e.ask_id == ask.pk), None)
        params = (below.params or {}) if below else {}
        pk = str(ask.pk)
        topic = params.get("topic") or "services"
        involved = {a.asked_of_id for a in facts.asks if a.original.pk == ask.original.pk}
        decider = _named_decider(facts, named_words, involved) if named_words else None
        missing = None if decider else _nobody_higher(facts, ask, topic)
        if missing is not None:
            # The top of the team list has said no: the letter would have nobody to go to
            # (decision 0112). The next step is to add the person above, or to go outside.
            yield Suggestion(
                move="escalate",
                title=_("Add the next person up for %(subject)s")
                % {"subject": ask.original.subject},
                why=" ".join(
                    [
                        *reasons,
                        _(
                            "Nobody above them is on your team list for this. Add the next "
                            "person up (%(role)s) on the team page to write to them; the ways "
                            "to settle a disagreement outside the district are on the outside "
                            "routes page."
                        )
                        % {"role": missing},
                    ]
                ),
                urgency=5,
                refs={"ask": pk},
                facts_used=(pk, ask.status, str(len(refusals)), str(len(followed_up)), "top"),
                link=reverse("team", args=[facts.child.pk]),
                link_label=_("Open the team page"),
            )
            continue
        letter_params = {"ask": pk, "topic": topic, "method": params.get("method") or "cc"}
        who_decides = _("The next person up can decide.")
        if decider is not None:
            # Bring in the person the school named, not the ladder's next rung.
            letter_params["to"] = str(decider.pk)
            who_decides = _("They named who decides: %(name)s.") % {"name": decider.name}
        yield Suggestion(
            move="escalate",
            title=_("Go up the chain on %(subject)s") % {"subject": ask.original.subject},
            why=" ".join([*reasons, who_decides]),
            urgency=5,
            refs={"ask": pk},
            letter_kind="escalation",
            letter_params=letter_params,
            facts_used=(pk, ask.status, str(len(refusals)), str(len(followed_up))),
        )


def _nobody_higher(facts: Facts, ask: AskRow, topic: str) -> str | None:
    """The name of the next rung up, in the reader's words, when nobody on the team list
    sits above everyone the request has gone to (the people each ask of its thread was made
    of, escalations included), so an escalation letter would have nobody to go to; else
    None. Read from the rows the coach has, without a query."""
    original = ask.original.pk
    involved = {
        str(row.asked_of_id)
        for row in facts.asks
        if row.original.pk == original and row.asked_of_id is not None
    }
    roster = [(str(m.pk), m.role) for m in facts.team if m.left_on is None]
    try:
        ladder = build_ladder(roster, topic, involved)
    except UnknownTopic:  # a letter's topic from before the topics were fixed: let it draft
        return None
    if ladder.next_rung is not None or ladder.involved_top < 0:
        return None
    above = [rung for rung in ladder.rungs[ladder.involved_top + 1 :] if not rung.present]
    return above[0].shown_label if above else _("someone with more authority")


COURTESY_WITHIN_DAYS = 30


@rule
def bring_in_who_can_decide(facts: Facts) -> Iterable[Suggestion]:
    """What the school wrote or said names someone above them as the one to decide ("I can't
    add an aide without the director signing off"), in an email or a call no ask follows (an
    imported email, decision 0119): bring that person in (moves.md, section 5). An entry filed
    under an ask is the stuck ask's rule's; a no about someone else's decision, its kind's."""
    filed = {e.entry_id for entries in facts.ask_entries.values() for e in entries}
    deflected = {
        r.entry_id
        for r in facts.refusals
        if r.entry_id is not None and (k := r.kind_of_no) is not None and k.move == kinds.ESCALATE
    }
    escalated = [letter.sent_on for letter in facts.letters_of_kind("escalation")]
    for entry in facts.recent_entries:
        named = (entry.flags or {}).get("needs_supervisor")
        if not named or entry.pk in filed or entry.pk in deflected:
            continue
        on = facts.child.day_of(entry.occurred_at)
        if any(sent is not None and sent >= on for sent in escalated):
            continue  # the parent has gone up since
        person = facts.member(entry.counterpart_id)
        words = {"who": person.name if person else _("The school"), "day": _when(facts, on)}
        words["words"] = _short(str(named[0]))
        if entry.kind in ("email", "letter"):
            why = _("%(who)s wrote on %(day)s that someone above them decides (“%(words)s”).")
        else:
            why = _("%(who)s said on %(day)s that someone above them decides (“%(words)s”).")
        letter_params = {"topic": "services", "method": "cc"}
        decider = _named_decider(facts, [str(w) for w in named], {entry.counterpart_id})
        if decider is not None:
            letter_params["to"] = str(decider.pk)
        yield Suggestion(
            move="escalate",
            title=_("Bring in the person who can decide"),
            why=why % words
            + " "
            + _("Copy them on a letter about it, so the person who can say yes is asked."),
            urgency=5 - (facts.today - on).days,
            refs={"entry": str(entry.pk)},
            letter_kind="escalation",
            letter_params=letter_params,
            facts_used=(str(entry.pk),),
        )


@rule
def tell_the_team_after_escalating(facts: Facts) -> Iterable[Suggestion]:
    """Move 5, caring for the relationship: after each escalation, a courteous note to the
    people the parent has been working with on that request (decision 0036)."""
    noted: dict[str, date] = {}
    for note in facts.letters_of_kind("courtesy_note"):
        contacted = (note.params or {}).get("contacted")
        if contacted and note.sent_on:
            noted[contacted] = max(noted.get(contacted, note.sent_on), note.sent_on)
    seen = set()
    for letter in sorted(
        facts.letters_of_kind("escalation"),
        key=lambda x: (x.sent_on or date.min, x.created_at),
        reverse=True,
    ):
        params = letter.params or {}
        contacted = facts.member(_uuid(params.get("to")))
        if contacted is None or letter.sent_on is None:
            continue
        # One note per request, after its newest escalation: once the request has gone a
        # rung higher, a note about the rung below is out of date (decision 0123).
        carried = facts.ask(_uuid(params.get("ask")))
        thread = ("request", carried.original.pk) if carried else ("person", contacted.pk)
        if thread in seen or ("person", contacted.pk) in seen:
            continue
        seen.update({thread, ("person", contacted.pk)})
        opened = facts.ask(letter.ask_id)
        if opened is not None and not opened.is_open:
            continue  # the person brought in has answered: the news is no longer news
        if noted.get(str(contacted.pk), date.min) >= letter.sent_on:
            continue
        waited = (facts.today - letter.sent_on).days
        if waited > COURTESY_WITHIN_DAYS:
            continue
        query = {"contacted": str(contacted.pk)}
        if params.get("topic"):
            query["topic"] = params["topic"]
        yield Suggestion(
            move="courtesy_note",
            title=_("Tell the team, kindly, whom you contacted"),
            why=_(
                "You brought in %(name)s on %(day)s. A short note to the people you have been "
                "working with on this request says whom you contacted and why, and keeps the "
                "relationship good."
            )
            % {"name": contacted.name, "day": _when(facts, letter.sent_on)},
            urgency=2 - waited,
            refs={"letter": str(letter.pk)},
            letter_kind="courtesy_note",
            letter_params=query,
            facts_used=(str(letter.pk), str(contacted.pk), str(letter.sent_on)),
        )


def _uuid(value):
    try:
        return uuid.UUID(str(value))
    except (ValueError, TypeError):
        return None


@rule
def request_trial_review(facts: Facts) -> Iterable[Suggestion]:
    """The review meeting of a running trial, three weeks ahead; and of a trial the parent
    found did not work, at once, to reconsider what they had asked for (moves.md, 3)."""
    for trial in facts.trials:
        failed = trial.outcome == Trial.Outcome.DID_NOT_WORK
        if trial.outcome and not failed:
            continue
        left = (trial.review_date - facts.today).days
        if left > TRIAL_REVIEW_NOTICE_DAYS and not failed:
            continue
        if any(
            m.trial_id == trial.pk and m.status != Meeting.Status.CANCELLED for m in facts.meetings
        ):
            continue
        pk = str(trial.pk)
        if failed:
            title = _("The trial did not work: ask the team to meet again")
            why = _(
                "You found that “%(what)s” did not work. Ask the team to meet, look at the data "
                "and reconsider what you asked for. If they still say no, they must give you "
                "that decision and its reasons in writing (prior written notice, 34 CFR § "
                "300.503)."
            ) % {"what": trial.proposal}
            urgency = 0
        else:
            if left < 0:
                ends = _("The trial of “%(what)s” ended on %(day)s.")
            else:
                ends = _("The trial of “%(what)s” ends on %(day)s.")
            title = _("Ask for the trial review meeting")
            why = (
                ends % {"what": trial.proposal, "day": _when(facts, trial.review_date)}
                + " "
                + _("Ask for the review meeting now and bring the data.")
            )
            urgency = left - 14
        yield Suggestion(
            move="trial_review",
            title=title,
            why=why,
            urgency=urgency,
            refs={"trial": pk},
            letter_kind="meeting_request",
            letter_params={"trial": pk},
            facts_used=(pk, str(trial.review_date), *((trial.outcome,) if failed else ())),
        )


OFFER_STANDS_DAYS = 60
TERMS_IN_WRITING_DAYS = 21


def _same_words(a: str, b: str) -> bool:
    return " ".join(a.lower().split()) == " ".join(b.lower().split())


def _tried(facts: Facts, request: AskRow) -> bool:
    """A trial is on record for this request: for its concern, or instead of what it asked."""
    return any(
        (request.concern_id is not None and trial.concern_id == request.concern_id)
        or _same_words(trial.instead_of, request.subject)
        for trial in facts.trials
    )


@rule
def offer_a_trial(facts: Facts) -> Iterable[Suggestion]:
    """The school granted part of a request (a shared aide for the 1:1 aide asked for): the
    trial compromise of moves.md, section 3. No letter yet: the terms come first, on the
    trial form, filled in from the request; the terms letter follows (the rule below)."""
    said = _said(facts)
    offered = {}
    for ask in facts.asks:
        if ask.status != AskStatus.PARTLY_GRANTED or ask.reply_date is None:
            continue
        if ask.escalated_on is not None or (facts.today - ask.reply_date).days > OFFER_STANDS_DAYS:
            continue
        offered.setdefault(ask.original.pk, ask)
    for request_pk, ask in offered.items():
        request = ask.original
        if _tried(facts, request):
            continue
        who = ask.asked_of.name if ask.asked_of else _("The school")
        yield Suggestion(
            move="try_the_offer",
            title=_("Think about trying what the school offered, on your terms"),
            why=_(
                "%(who)s answered your request, “%(subject)s”, with only part of it, on "
                "%(day)s. If you are willing, agree to try their offer for a fixed time (six "
                "weeks, say) on three conditions: what is measured, how often and by whom; a "
                "review meeting at the end; and your concern written into the Parent Concerns "
                "section. If it does not work, the data makes your case."
            )
            % {"who": who, "subject": request.subject, "day": said.when(ask.reply_date)},
            urgency=14 - (facts.today - ask.reply_date).days,
            refs={"ask": str(request_pk)},
            link=reverse("trial_new", args=[facts.child.pk]) + f"?ask={request_pk}",
            link_label=_("Set the terms of a trial"),
            facts_used=(str(ask.pk), ask.status, str(ask.reply_date)),
        )


@rule
def put_trial_terms_in_writing(facts: Facts) -> Iterable[Suggestion]:
    """A trial agreed and running, its terms not yet sent to the team (moves.md, section 3):
    written down, they cannot drift."""
    for trial in facts.trials:
        if trial.outcome or (facts.today - trial.start_date).days > TERMS_IN_WRITING_DAYS:
            continue
        if facts.letter_sent_for("trial_terms", "trial", trial.pk):
            continue
        pk = str(trial.pk)
        yield Suggestion(
            move="trial_terms",
            title=_("Put the trial terms in writing"),
            why=_(
                "You agreed to try “%(what)s”. Send the team the terms (how long, what is "
                "measured and by whom, and the review meeting on %(day)s) and ask them to "
                "confirm: written down, they cannot drift."
            )
            % {"what": trial.proposal, "day": _when(facts, trial.review_date)},
            urgency=3,
            refs={"trial": pk},
            letter_kind="trial_terms",
            letter_params={"trial": pk},
            facts_used=(pk, str(trial.start_date), str(trial.review_date)),
        )


@rule
def request_records_before_meeting(facts: Facts) -> Iterable[Suggestion]:
    for meeting in facts.meetings:
        if meeting.status != Meeting.Status.SCHEDULED or meeting.date is None:
            continue
        left = (meeting.date - facts.today).days
        # On the meeting's own day a records request can no longer come before it.
        if not 1 <= left <= RECORDS_BEFORE_MEETING_DAYS:
            continue
        asked = any(
            a.kind == "records_request" and (facts.today - a.asked_on).days <= 180
            for a in facts.asks
        )
        if asked:
            continue
        yield Suggestion(
            move="records_request",
            title=_("Ask for your child's records before the meeting"),
            why=_(
                "The meeting is on %(day)s. The school must let you see the records before an "
                "IEP meeting (34 CFR § 300.613)."
            )
            % {"day": _when(facts, meeting.date)},
            urgency=left - 30,
            refs={"meeting": str(meeting.pk)},
            letter_kind="records_request",
            letter_params={"meeting": str(meeting.pk)},
            facts_used=(str(meeting.pk), str(meeting.date)),
        )


@rule
def prepare_parent_concerns(facts: Facts) -> Iterable[Suggestion]:
    dates = [
        (m.date, _("the meeting on %(day)s") % {"day": _when(facts, m.date)})
        for m in facts.meetings
        if m.status == Meeting.Status.SCHEDULED and m.date and m.date >= facts.today
    ]
    if facts.iep and facts.iep.end_date >= facts.today:
        due_by = _("the annual review due by %(day)s") % {"day": _when(facts, facts.iep.end_date)}
        dates.append((facts.iep.end_date, due_by))
    if not dates:
        return
    day, what = min(dates)
    left = (day - facts.today).days
    if left > PARENT_CONCERNS_BEFORE_DAYS:
        return
    since = day - timedelta(days=PARENT_CONCERNS_BEFORE_DAYS + 30)
    if any(
        letter.kind == "parent_concerns" and facts.child.day_of(letter.created_at) >= since
        for letter in facts.letters
    ):
        return
    yield Suggestion(
        move="parent_concerns",
        title=_("Write your Parent Concerns statement"),
        why=_(
            "Send it about a week before %(what)s. The team must consider your concerns when "
            "it writes the IEP (34 CFR § 300.324(a)(1)(ii))."
        )
        % {"what": what},
        urgency=left - 7,
        letter_kind="parent_concerns",
        facts_used=(str(day),),
    )


@rule
def prepare_annual_review(facts: Facts) -> Iterable[Suggestion]:
    if facts.iep is None:
        return
    left = (facts.iep.end_date - facts.today).days
    if not 0 <= left <= ANNUAL_REVIEW_NOTICE_DAYS:
        return
    yield Suggestion(
        move="prepare_annual_review",
        title=_("Get ready for the annual review"),
        why=_(
            "The IEP must be reviewed by %(day)s (34 CFR § 300.324(b)(1)). Gather progress "
            "reports and list what you want changed."
        )
        % {"day": _when(facts, facts.iep.end_date)},
        urgency=left - 21,
        refs={"iep": str(facts.iep.pk)},
        facts_used=(str(facts.iep.pk), str(facts.iep.end_date)),
    )


@rule
def prepare_reevaluation(facts: Facts) -> Iterable[Suggestion]:
    if facts.iep is None:
        return
    due = facts.iep.reevaluation_due_or_derived
    if due is None:
        return
    cycle = facts.iep.reevaluation_cycle
    left = (due - facts.today).days
    if not 0 <= left <= REEVALUATION_NOTICE_DAYS:
        return
    yield Suggestion(
        move="prepare_reevaluation",
        title=_("Plan for the reevaluation"),
        why=_(
            "A reevaluation is due by %(day)s (at least every %(years)s years, %(citation)s). "
            "Decide which areas you want tested so results arrive in time."
        )
        % {"day": _when(facts, due), "years": cycle.years, "citation": cycle.citation},
        urgency=left - 60,
        refs={"iep": str(facts.iep.pk)},
        facts_used=(str(facts.iep.pk), str(due)),
    )


@rule
def recap_recent_conversation(facts: Facts) -> Iterable[Suggestion]:
    recapped = {
        letter.params.get("entry") for letter in facts.letters if letter.kind == "meeting_recap"
    }
    recapped |= {
        letter.params.get("meeting") for letter in facts.letters if letter.kind == "meeting_recap"
    }
    for entry in facts.recent_entries:
        if entry.kind not in ("call", "meeting") or str(entry.pk) in recapped:
            continue
        on = facts.child.day_of(entry.occurred_at)
        age = (facts.today - on).days
        if not 0 <= age <= RECAP_WITHIN_DAYS:
            continue
        held = {"day": _when(facts, on)}
        if entry.kind == "call":
            title = _("Send a recap of the call")
            why = _(
                "A short recap of the call on %(day)s turns what was said into a record, and "
                "invites corrections."
            )
        else:
            title = _("Send a recap of the meeting")
            why = _(
                "A short recap of the meeting on %(day)s turns what was said into a record, "
                "and invites corrections."
            )
        yield Suggestion(
            move="meeting_recap",
            title=title,
            why=why % held,
            urgency=2 - age,
            refs={"entry": str(entry.pk)},
            letter_kind="meeting_recap",
            letter_params={"entry": str(entry.pk)},
            facts_used=(str(entry.pk),),
        )
    for meeting in facts.meetings:
        if meeting.status != Meeting.Status.HELD or not meeting.date or str(meeting.pk) in recapped:
            continue
        age = (facts.today - meeting.date).days
        if not 0 <= age <= RECAP_WITHIN_DAYS:
            continue
        yield Suggestion(
            move="meeting_recap",
            title=_("Send a recap of the meeting"),
            why=_(
                "Write down what you understood was agreed at the meeting on %(day)s, and ask "
                "the team to correct anything you misunderstood."
            )
            % {"day": _when(facts, meeting.date)},
            urgency=2 - age,
            refs={"meeting": str(meeting.pk)},
            letter_kind="meeting_recap",
            letter_params={"meeting": str(meeting.pk)},
            facts_used=(str(meeting.pk), meeting.status),
        )


def _short(words: str, limit: int = 80) -> str:
    words = " ".join(words.split())
    return words if len(words) <= limit else words[: limit - 1].rstrip() + "\u2026"


TRANSITION_NOTICE_DAYS = 365
IEP_CHANGE_RECENT_DAYS = 60


@rule
def plan_transition(facts: Facts) -> Iterable[Suggestion]:
    """The transition plan age (by state) or the age-of-majority notice within a year."""
    for deadline in facts.deadlines:
        if deadline.rule not in ("transition_plan", "age_of_majority_notice"):
            continue
        left = deadline.days_left(facts.today)
        if left is None or not 0 <= left <= TRANSITION_NOTICE_DAYS:
            continue
        yield Suggestion(
            move="plan_transition",
            title=deadline.title,
            why=f"{deadline.basis} ({deadline.citation}). " + _("Start planning this year."),
            urgency=left - 120,
            refs={"deadline": deadline.id},
            facts_used=(deadline.id, str(deadline.due)),
        )


# Grades where a deadline that counts from a birthday can be near: the third birthday for
# a preschooler; transition planning (14 or 16, by state) and the age of majority later.
BIRTHDAY_GRADES = {"PK", "8", "9", "10", "11", "12", "post"}


@rule
def add_birth_date(facts: Facts) -> Iterable[Suggestion]:
    """No birth date yet (it is optional at set-up, decision 0039) in a grade where a date
    that counts from a birthday may be close: ask for it, plainly."""
    child = facts.child
    if child.birth_date is not None or child.grade not in BIRTHDAY_GRADES:
        return
    which = (
        "the third birthday (when the early-intervention plan hands over to the school)"
        if child.grade == "PK"
        else "transition planning and the notice about rights at 18"
    )
    yield Suggestion(
        move="plan_transition",
        title=f"Add {child.first_name}'s birth date",
        why=f"Some deadlines count from {child.first_name}'s birthday: {which}. Without the "
        "birth date we cannot tell you when they fall.",
        urgency=30,
        refs={"child": str(child.pk)},
        facts_used=(str(child.pk), child.grade),
        link=reverse("child_edit", args=[child.pk]),
        link_label="Add the birth date",
    )


@rule
def request_comp_services(facts: Facts) -> Iterable[Suggestion]:
    """Service minutes owed have reached the parent's threshold."""
    from playbook.ledger.lines import services_over_threshold

    for line in services_over_threshold(facts.child, facts.today):
        owed = int(line.tally.owed)
        sent = any(
            letter.kind == "comp_services_request"
            and letter.params.get("service") == str(line.service.pk)
            and letter.sent_on
            and letter.sent_on >= line.end - timedelta(days=30)
            for letter in facts.letters
        )
        if sent:
            continue
        yield Suggestion(
            move="request_comp_services",
            title=_("Ask for make-up %(service)s minutes") % {"service": line.name},
            why=_(
                "%(owed)s minutes of %(service)s are owed since %(day)s, past the %(threshold)s "
                "minutes you set. Ask for a plan to make them up."
            )
            % {
                "owed": owed,
                "service": line.name,
                "day": _when(facts, line.start),
                "threshold": line.threshold,
            },
            urgency=5,
            refs={"service": str(line.service.pk)},
            letter_kind="comp_services_request",
            letter_params={
                "service": str(line.service.pk),
                "from": line.start.isoformat(),
                "to": line.end.isoformat(),
            },
            facts_used=(str(line.service.pk), str(owed // 30)),
        )


@rule
def question_iep_reductions(facts: Facts) -> Iterable[Suggestion]:
    """A new IEP cut a service or dropped an accommodation: ask for the reasons in writing."""
    from playbook.children.models import IEP
    from playbook.ledger.compare import compare_ieps

    if facts.iep is None or (facts.today - facts.iep.start_date).days > IEP_CHANGE_RECENT_DAYS:
        return
    previous = (
        IEP.objects.filter(child=facts.child, start_date__lt=facts.iep.start_date)
        .order_by("-start_date")
        .first()
    )
    if previous is None:
        return
    reasons = compare_ieps(previous, facts.iep).prior_written_notice_reasons
    if not reasons or facts.letter_sent_for("prior_written_notice_request", "iep", facts.iep.pk):
        return
    yield Suggestion(
        move="request_prior_written_notice",
        title=_("Ask why the new IEP gives less"),
        why=" ".join(reasons[:2])
        + " "
        + _("Ask for prior written notice of the change and its reasons (34 CFR § 300.503)."),
        urgency=7,
        refs={"iep": str(facts.iep.pk)},
        letter_kind="prior_written_notice_request",
        letter_params={"iep": str(facts.iep.pk)},
        facts_used=(str(facts.iep.pk), str(previous.pk), *reasons),
    )


# The discipline clock (34 CFR §§ 300.530-300.536): removals from the removals log.

REMOVAL_IN_WRITING_WITHIN_DAYS = 30


def _removals(facts: Facts) -> list:
    if "removals" not in facts.extra:
        facts.extra["removals"] = list(facts.child.removals.all())
    return facts.extra["removals"]


@rule
def ask_for_removal_in_writing(facts: Facts) -> Iterable[Suggestion]:
    """An early pick-up or in-school removal of the last 30 days not yet asked for in
    writing: unwritten removals are the ones that go uncounted."""
    asked = {
        (letter.params or {}).get("removal")
        for letter in facts.letters_of_kind("removal_in_writing")
    }
    for removal in _removals(facts):
        age = (facts.today - removal.date).days
        if not 0 <= age <= REMOVAL_IN_WRITING_WITHIN_DAYS or str(removal.pk) in asked:
            continue
        if removal.kind == "suspension":
            continue  # a suspension usually comes with a written notice already
        yield Suggestion(
            move="ask_for_removal_in_writing",
            title=_("Ask for the removal in writing"),
            why=_(
                "%(name)s was kept out of class on %(day)s. Ask the school to confirm it in "
                "writing: every removal counts toward the 10 school days of 34 CFR § 300.530."
            )
            % {"name": facts.child.first_name, "day": _when(facts, removal.date)},
            urgency=REMOVAL_IN_WRITING_WITHIN_DAYS - age,
            refs={"removal": str(removal.pk)},
            letter_kind="removal_in_writing",
            letter_params={"removal": str(removal.pk)},
            facts_used=(str(removal.pk), str(removal.date)),
        )


@rule
def ask_for_discipline_review(facts: Facts) -> Iterable[Suggestion]:
    """10 school days of removal this year: ask for an FBA and a behavior plan; more than 10,
    or a change of placement decided: ask for the manifestation determination review."""
    from playbook.deadlines.discipline import removal_year

    removals = _removals(facts)
    year = removal_year(facts.child, facts.today, removals)
    if not year.removals:
        return
    latest = year.removals[-1]
    asked = {
        (letter.params or {}).get("removal")
        for letter in facts.letters_of_kind("discipline_review_request")
    }
    if str(latest.pk) in asked:
        # The letter sent asks for both, counted up to this removal (its ask is followed
        # up from here); a further removal asks again.
        return
    decided = [r for r in year.removals if r.placement_change_on]
    used = (str(latest.pk), str(year.days))
    if year.over_threshold or decided:
        yield Suggestion(
            move="ask_for_manifestation_review",
            title=_("Ask for the manifestation determination review"),
            why=_(
                "%(name)s has %(days)s of removal this school year. A change of placement needs "
                "a review within 10 school days of whether the behavior came from the "
                "disability (34 CFR § 300.530(e))."
            )
            % {"name": facts.child.first_name, "days": _school_days(year.days)},
            urgency=0,
            refs={"removal": str(latest.pk)},
            letter_kind="discipline_review_request",
            letter_params={"removal": str(latest.pk)},
            facts_used=used,
        )
    if year.at_threshold:
        yield Suggestion(
            move="ask_for_fba_bip",
            title=_("Ask for a behavior assessment and plan"),
            why=_(
                "%(days)s of removal this school year: ask for a functional behavioral "
                "assessment and a behavior intervention plan (34 CFR § 300.530(d), (f))."
            )
            % {"days": _school_days(year.days).capitalize()},
            urgency=5,
            refs={"removal": str(latest.pk)},
            letter_kind="discipline_review_request",
            letter_params={"removal": str(latest.pk)},
            facts_used=used,
        )


def _school_days(days) -> str:
    """3 school days; 2.5 school days (a partial day counts as its part; 2,5 in Spanish)."""
    shown = shown_number(days)
    if days == 1:
        return _("%(n)s school day") % {"n": shown}
    return _("%(n)s school days") % {"n": shown}


UNSENT_AFTER_DAYS = 2


# How the reminder asks about a draft of these kinds; any other is named by its subject.
def _draft_question(kind: str, subject: str) -> str:
    questions = {
        "meeting_request": _("Did you send the meeting request?"),
        "written_concerns": _("Did you send the letter about your concern?"),
        "records_request": _("Did you send the records request?"),
        "follow_up": _("Did you send the follow-up letter?"),
        "parent_concerns": _("Did you send the Parent Concerns statement?"),
    }
    return questions.get(kind) or _("Did you send “%(subject)s”?") % {"subject": subject}


def _same_letter(letter) -> tuple[str, str]:
    """The kind and the choices that make two letters the same letter (decision 0117)."""
    try:
        same_letter = letter_kinds.get(letter.kind).same_letter
    except letter_kinds.UnknownKind:  # a kind no longer made: its own choices, all of them
        same_letter = letter_kinds.LetterKind().same_letter
    return letter.kind, same_letter(letter.params or {})


def _newest_copies(facts: Facts) -> dict[tuple[str, str], datetime]:
    """When the newest copy of each letter was made, sent or not: an older draft of the same
    letter is left over, not waiting to go, so only the newest copy is asked about."""
    newest: dict[tuple[str, str], datetime] = {}
    for letter in facts.letters:
        same = _same_letter(letter)
        newest[same] = max(newest.get(same, letter.created_at), letter.created_at)
    return newest


@rule
def confirm_draft_sent(facts: Facts) -> Iterable[Suggestion]:
    """A letter drafted (and perhaps downloaded) some days ago but never marked sent: if it
    went out, saying so starts the reply clock; if not, it is still waiting."""
    newest = _newest_copies(facts)
    for letter in facts.letters:
        if not letter.is_draft or newest[_same_letter(letter)] > letter.created_at:
            continue
        drafted = facts.child.day_of(letter.created_at)
        waited = (facts.today - drafted).days
        if waited < UNSENT_AFTER_DAYS:
            continue
        yield Suggestion(
            move="confirm_sent",
            title=_draft_question(letter.kind, letter.subject),
            why=_(
                "You drafted it %(days)s ago and it is not marked sent. If you sent it, say "
                "when: we then track the reply. If not, it is ready to send."
            )
            % {"days": _days(waited)},
            urgency=7 - waited,
            refs={"letter": str(letter.pk)},
            facts_used=(str(letter.pk), letter.state),
            link=reverse("letter_detail", args=[facts.child.pk, letter.pk]),
            link_label=_("Open the draft"),
        )


# The language names the letters write (letters.spanish reads either language's name).
LANGUAGE_NAMES = {"es": "Spanish"}
COMING = (Meeting.Status.REQUESTED, Meeting.Status.ACKNOWLEDGED, Meeting.Status.SCHEDULED)


def _coming_meetings(facts: Facts) -> list[Meeting]:
    return [
        m
        for m in facts.meetings
        if m.status in COMING and (m.date is None or m.date >= facts.today)
    ]


@rule
def request_interpreter(facts: Facts) -> Iterable[Suggestion]:
    """A parent who reads the app in another language is offered an interpreter for each
    meeting still to come (34 CFR § 300.322(e))."""
    for lang in facts.extra.get("home_languages", ()):
        language = LANGUAGE_NAMES.get(lang)
        if language is None:
            continue
        for meeting in _coming_meetings(facts):
            if facts.letter_sent_for("interpreter_request", "meeting", meeting.pk):
                continue
            left = (meeting.date - facts.today).days if meeting.date else 14
            if meeting.date:
                coming = _("A meeting is coming on %(day)s.") % {"day": _when(facts, meeting.date)}
            else:
                coming = _("A meeting is coming.")
            yield Suggestion(
                move="request_interpreter",
                title=_("Ask for an interpreter at the meeting"),
                why=coming
                + " "
                + _(
                    "The school must arrange an interpreter so that you understand the meeting "
                    "(34 CFR § 300.322(e))."
                ),
                urgency=left - 10,
                refs={"meeting": str(meeting.pk)},
                letter_kind="interpreter_request",
                letter_params={"meeting": str(meeting.pk), "language": language},
                facts_used=(str(meeting.pk), str(meeting.date), lang),
            )


@rule
def request_translated_documents(facts: Facts) -> Iterable[Suggestion]:
    """Once a school year, when a meeting or a prior written notice is coming, a parent who
    reads the app in another language is offered the documents in it (§§ 300.503(c),
    300.322(f))."""
    languages = [
        LANGUAGE_NAMES[x] for x in facts.extra.get("home_languages", ()) if x in LANGUAGE_NAMES
    ]
    if not languages:
        return
    asked = any(
        (facts.today - (letter.sent_on or facts.today)).days <= 180
        for letter in facts.letters_of_kind("translation_request")
    )
    if asked:
        return
    meetings = _coming_meetings(facts)
    notice_awaited = [
        a
        for a in facts.asks
        if a.kind == "prior_written_notice_request" and a.status == AskStatus.OPEN
    ]
    if not meetings and not notice_awaited:
        return
    dated = [m.date for m in meetings if m.date]
    left = (min(dated) - facts.today).days if dated else 14
    if meetings:
        reason = _("A meeting is coming.")
    else:
        reason = _("You are waiting for a prior written notice.")
    yield Suggestion(
        move="request_translated_documents",
        title=_("Ask for the IEP and notices in your language"),
        why=reason
        + " "
        + _(
            "A prior written notice must be in your native language (34 CFR § 300.503(c)), "
            "and the school must make sure you understand the IEP (34 CFR § 300.322(e), (f))."
        ),
        urgency=left - 7,
        refs={},
        letter_kind="translation_request",
        letter_params={"language": languages[0]},
        facts_used=(*(str(m.pk) for m in meetings), *(str(a.pk) for a in notice_awaited)),
    )
