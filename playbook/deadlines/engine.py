"""The deadline engine: every legal clock and agreed date for one child, computed from the
child's facts, today's date and the rule tables. Nothing here is stored.

``deadlines_for(child, today)`` is what the deadlines page, the API, the calendar and the
coach read. It reads the child's related rows through ``.all()``, so a caller that
prefetched them (``breaks``, ``ieps``, ``refusals``, ``trials``, ``meetings``,
``evaluation_consents``, ``removals``) pays no further query; the asks it reads as rows
(``playbook.advocacy.rows``), once per read-only request.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils.text import capfirst
from django.utils.translation import (
    get_language,
    gettext,
    gettext_lazy,
    gettext_noop,
    ngettext,
    pgettext,
    pgettext_lazy,
)

from playbook.advocacy.models import AskStatus
from playbook.advocacy.rows import ask_rows
from playbook.children.counting import add_months, add_years, due_after, summer_breaks
from playbook.children.deadline_rules import Resolved, Rule, resolve, state_rule
from playbook.children.models import US_STATES, state_name
from playbook.children.reevaluation import FEDERAL, cycle_for
from playbook.children.school_calendar import SchoolCalendar
from playbook.meetings.models import Meeting, Trial

from . import clocks

CASE = "case"  # source of a date that comes from the family's own records, not a rule
RECORDS_ASK_KIND = "records_request"
MEETING_ASK_KIND = "meeting_request"
IEP_MEETING_KINDS = {Meeting.Kind.IEP, Meeting.Kind.ANNUAL_REVIEW, Meeting.Kind.REEVALUATION}
# Records are due before any IEP meeting, hearing or resolution session (34 CFR § 300.613(a)).
RECORDS_BEFORE_KINDS = IEP_MEETING_KINDS | {
    Meeting.Kind.RESOLUTION_SESSION,
    Meeting.Kind.DUE_PROCESS_HEARING,
}


# Wherever a date goes: pages, the API, the binder, the digest and the calendar feed.
DISCLAIMER = (
    "Not legal advice — check your state's procedural safeguards notice. "
    "A state's clock may be shorter than the federal one."
)
STATUS_WORDS = {
    "Verified": gettext_noop("verified in the rule's text"),
    "Secondary": gettext_noop("from a secondary source"),
    "Unverified": gettext_noop("not verified: check your state's rule"),
    "": gettext_noop("a date from your records"),
}
FALLBACK_WORDS = "'s own rule is not in our tables"
# The state's code from the name `source_words` writes, to name it in the reader's language.
STATE_CODES = {name: code for code, name in US_STATES.items()}


# Meeting kinds as they read mid-sentence, with their article ("the annual review"), in
# the reader's language. Meeting.Kind's labels stay English (the letters name them).
MEETING_PHRASES = {
    "iep": pgettext_lazy("mid-sentence", "the IEP meeting"),
    "annual_review": pgettext_lazy("mid-sentence", "the annual review"),
    "reevaluation": pgettext_lazy("mid-sentence", "the reevaluation meeting"),
    "trial_review": pgettext_lazy("mid-sentence", "the trial review"),
    "resolution_session": pgettext_lazy("mid-sentence", "the resolution session"),
    "due_process_hearing": pgettext_lazy("mid-sentence", "the due process hearing"),
    "other": pgettext_lazy("mid-sentence", "the other meeting"),
}
# A meeting's kind and status as "Coming up" shows them (the same words as
# meetings/_kind.html and meetings/_status.html).
MEETING_TITLES = {
    "iep": gettext_lazy("IEP meeting"),
    "annual_review": gettext_lazy("Annual review"),
    "reevaluation": gettext_lazy("Reevaluation meeting"),
    "trial_review": gettext_lazy("Trial review"),
    "resolution_session": gettext_lazy("Resolution session"),
    "due_process_hearing": gettext_lazy("Due process hearing"),
    "other": gettext_lazy("Other meeting"),
}
MEETING_STATUSES = {
    "requested": pgettext_lazy("meeting status", "Requested"),
    "acknowledged": pgettext_lazy("meeting status", "Acknowledged"),
    "scheduled": pgettext_lazy("meeting status", "Scheduled"),
    "held": pgettext_lazy("meeting status", "Held"),
    "cancelled": pgettext_lazy("meeting status", "Cancelled"),
}


@dataclass(frozen=True)
class Deadline:
    id: str  # stable: the rule and the fact it was computed from
    rule: str
    title: str
    due: date | None  # None: the rule is unverified; never turned into a date
    basis: str
    citation: str
    counting: str  # calendar, school or business
    counting_words: str
    source: str  # "federal", a state code, or "case" for a date from your own records
    source_words: str
    tag: str = ""
    note: str = ""
    ref: str = ""  # id of the ask, trial, refusal, consent or IEP it came from

    @property
    def dated(self) -> bool:
        return self.due is not None

    def days_left(self, today: date) -> int | None:
        return None if self.due is None else (self.due - today).days

    def when_words(self, today: date) -> str:
        """In the reader's language (issue 19)."""
        days = self.days_left(today)
        if days is None:
            return gettext("check your state's rule")
        if days < 0:
            return ngettext("overdue by %(n)s day", "overdue by %(n)s days", -days) % {"n": -days}
        if days == 0:
            return gettext("due today")
        if days == 1:
            return gettext("due tomorrow")
        return ngettext("in %(n)s day", "in %(n)s days", days) % {"n": days}

    def is_overdue(self, today: date) -> bool:
        days = self.days_left(today)
        return days is not None and days < 0

    @property
    def status(self) -> str:
        """Verified, Secondary or Unverified for a rule; "case" for a date of your own."""
        return self.tag or CASE

    @property
    def status_words(self) -> str:
        return STATUS_WORDS.get(self.tag, self.tag)

    @property
    def label(self) -> str:
        """Where the date comes from and how sure we are, in one line; a date from the
        family's records is only that (its source and its status are the same words)."""
        source = f"{self.source_words[:1].upper()}{self.source_words[1:]}"
        return source if self.source == CASE else f"{source} · {self.status_words}"

    @property
    def shown_label(self) -> str:
        """`label` in the reader's language, for the pages (issue 19). `label` itself stays
        English: the API, the calendar feed, the binder and the digest carry it."""
        if (get_language() or "en").startswith("en"):
            return self.label
        if self.source == CASE:
            return capfirst(gettext("a date from your records"))
        if self.fallback:
            named = self.source_words.split("; ", 1)[-1].removesuffix(FALLBACK_WORDS)
            source = gettext("federal rule; %(state)s's own rule is not in our tables") % {
                "state": state_name(STATE_CODES.get(named, named))
            }
        elif self.source == "federal":
            source = gettext("federal rule")
        else:
            state = state_name(self.source)
            source = gettext("%(state)s rule") % {"state": state}
        status = STATUS_WORDS.get(self.tag)
        return f"{capfirst(source)} · {gettext(status) if status else self.tag}"

    @property
    def shown_counting_words(self) -> str:
        """`counting_words` in the reader's language, for the pages."""
        return shown_counting(self.counting_words)

    @property
    def fallback(self) -> bool:
        return "own rule is not in our tables" in self.source_words

    @property
    def label_key(self) -> tuple[str, str, str]:
        """What `label` and `shown_label` are worked out from."""
        return (self.source, self.source_words, self.tag)


def labels_of(deadlines: list[Deadline]) -> dict[tuple, tuple[str, str]]:
    """`label` and `shown_label` of each `Deadline.label_key` among ``deadlines``: a page of
    a hundred deadlines has a handful (a Spanish label is three translations and a state's
    name, 8 µs)."""
    labels: dict[tuple, tuple[str, str]] = {}
    for d in deadlines:
        if d.label_key not in labels:
            labels[d.label_key] = (d.label, d.shown_label)
    return labels


def shown_counting(words: str) -> str:
    """ "school days, not counting the summer break" in the reader's language: the pieces
    are the ones `Rule.counting_words` joins (marked in deadline_rules)."""
    if (get_language() or "en").startswith("en"):
        return words
    main, comma, rest = words.partition(",")
    return gettext(main) + (gettext(comma + rest) if comma else "")


def _days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


@dataclass(frozen=True)
class Given:
    """Rows a page reads for itself anyway, handed to the engine so that it does not read
    them again (the meeting prep pack's asks, refusals and meetings). Each row needs at
    least the engine's columns (``ASK_COLUMNS``, ``REFUSAL_COLUMNS``, ``MEETING_COLUMNS``);
    None: the engine reads it."""

    asks: list | None = None
    refusals: list | None = None
    meetings: list | None = None


class _Facts:
    """What the engine reads about a child, loaded once."""

    def __init__(self, child, loaded=None, alone: bool = False) -> None:
        self.child = child
        self.state = child.state
        self.calendar = SchoolCalendar.for_child(child)
        ieps = _rows(child, "ieps", IEP_COLUMNS)
        self.iep = max(ieps, key=lambda i: (i.start_date, i.created_at)) if ieps else None
        # What the coach loaded already (playbook.coach.facts) or the page handed over
        # (Given), else loaded here.
        refusals = getattr(loaded, "refusals", None)
        self.refusals = (
            refusals
            if refusals is not None
            else _rows(child, "refusals", REFUSAL_COLUMNS, ordered=False)
        )
        asks = getattr(loaded, "asks", None)
        if asks is None:
            # Read alone, only the asks and columns the rules read; else the rows every
            # reader of the request shares.
            if alone:
                asks = _read(
                    _rule_asks(child, self.refusals).order_by(), ASK_COLUMNS, (), ASK_ANNOTATIONS
                )
            else:
                asks = ask_rows(child)
        self.asks = asks
        self.asks_by_id = {a.pk: a for a in self.asks}
        trials = getattr(loaded, "trials", None)
        if trials is None:
            trials = _rows(child, "trials", TRIAL_COLUMNS, ordered=False)
        self.trials = trials
        meetings = getattr(loaded, "meetings", None)
        if meetings is None:
            meetings = _rows(child, "meetings", MEETING_COLUMNS)
        self.meetings = [
            m for m in meetings if m.date is not None and m.status != Meeting.Status.CANCELLED
        ]
        self.consents = _unordered(child, "evaluation_consents")
        self.removals = _removals(child, loaded)
        # Looked up once for every deadline (a child with many refusals has a hundred).
        self.day = clocks.date_words()
        self._shown: dict[tuple, _Shown] = {}

    def shown(self, resolved: Resolved) -> _Shown:
        """What each deadline of the applied rule shares, worked out once (the big child
        has 64 deadlines from the two filing windows)."""
        rule = resolved.rule
        key = (id(rule), resolved.state, resolved.fallback)
        kept = self._shown.get(key)
        if kept is None or kept.rule is not rule:
            kept = self._shown[key] = _Shown(
                rule=rule,
                title=rule.shown_title,
                note=rule.shown_note,
                calendar_note=_calendar_note(rule, self.calendar),
                counting_words=rule.counting_words,
                source=resolved.source,
                source_words=resolved.source_words,
            )
        return kept


@dataclass(frozen=True)
class _Shown:
    """A rule as its deadlines show it: the title and note in the reader's language, what
    the calendar lacks for a date it counts (no breaks, no summer), and where it comes from."""

    rule: Rule
    title: str
    note: str
    calendar_note: str
    counting_words: str
    source: str
    source_words: str


# The columns the rules read, for a request that did not prefetch the rows whole.
IEP_COLUMNS = (
    "pk",
    "start_date",
    "created_at",
    "meeting_date",
    "end_date",
    "reevaluation_due",
    "last_evaluation_date",
)
REFUSAL_COLUMNS = ("pk", "ask_id", "said_on")
ASK_COLUMNS = ("pk", "subject", "kind", "status", "asked_on", "reply_due", "reply_date")
# An escalation's ask is named by the request it carries up (the same join as the row).
ASK_ANNOTATIONS = {"request_subject": Coalesce("about__subject", "subject")}
# The asks a rule reads by their status (the records, meeting and reply clocks: open or
# unanswered; the filing windows: refused); the windows also read any ask a refusal names.
RULE_ASK_STATUSES = (AskStatus.OPEN, AskStatus.NO_REPLY, AskStatus.REFUSED)
TRIAL_COLUMNS = ("pk", "proposal", "weeks", "start_date", "review_date", "outcome")
MEETING_COLUMNS = ("pk", "kind", "status", "date")


def _rows(child, relation: str, columns: tuple[str, ...], *, ordered: bool = True) -> list:
    """The child's rows as prefetched, else only the columns the rules read (named rows:
    a rule reads ``refusal.said_on`` from either); not ``ordered``: in no particular order,
    for rows whose order no deadline depends on (each has its own id, and the list is
    sorted by date, title and id)."""
    if relation in getattr(child, "_prefetched_objects_cache", {}):
        return list(getattr(child, relation).all())
    rows = getattr(child, relation).all()
    if not ordered:
        rows = rows.order_by()
    return list(rows.values_list(*columns, named=True))


def asks_read(child, refusals: list, *columns: str, **annotations) -> list:
    """The asks the rules read, as named rows of their columns (``ASK_COLUMNS``), in the
    model's order, with ``columns`` and ``annotations`` (as ``annotate`` takes them) for a
    page that shows them too: those still waiting (``RULE_ASK_STATUSES``) and those the
    ``refusals`` name. An answered or granted ask starts no clock: on the big child half
    of its 200 asks. For a request where nothing else reads the asks: ``ask_rows`` reads
    them all, with five more columns (three of them ids made into UUIDs), for its other
    readers, about half the engine's own work."""
    return _read(
        _rule_asks(child, refusals), ASK_COLUMNS, columns, {**ASK_ANNOTATIONS, **annotations}
    )


def _rule_asks(child, refusals: list):
    named = {r.ask_id for r in refusals if r.ask_id is not None}
    return child.asks.filter(Q(status__in=RULE_ASK_STATUSES) | Q(pk__in=named))


def refusals_read(child, *columns: str, **annotations) -> list:
    """The child's refusals as named rows of the rules' columns and those given, in the
    model's order: for a page that lists them too (``Given``)."""
    return _read(child.refusals.all(), REFUSAL_COLUMNS, columns, annotations)


def meetings_read(child, *columns: str) -> list:
    """The child's meetings as named rows of the rules' columns and those given, in the
    model's order: for a page that shows one of them (``Given``)."""
    return _read(child.meetings.all(), MEETING_COLUMNS, columns, {})


def _unordered(child, relation: str) -> list:
    """The child's rows as prefetched, else read in no particular order (each deadline
    made from one has its own id, and the list is sorted by date, title and id)."""
    rows = getattr(child, relation).all()
    if relation in getattr(child, "_prefetched_objects_cache", {}):
        return list(rows)
    return list(rows.order_by())


def _read(rows, rules_columns: tuple, columns: tuple, annotations: dict) -> list:
    if annotations:
        rows = rows.annotate(**annotations)
    return list(rows.values_list(*rules_columns, *columns, *annotations, named=True))


def _calendar_note(rule: Rule, calendar: SchoolCalendar) -> str:
    if not calendar.breaks and _uses_breaks(rule):
        return gettext(
            "Your school breaks are not entered yet, so this date counts every weekday "
            "outside federal holidays as a school day; add the breaks for an exact date."
        )
    if rule.excluding == "summer" and not summer_breaks(calendar):
        return gettext(
            "No summer break is entered, so the summer was counted; add it on the school "
            "breaks page for an exact date."
        )
    return ""


def _removals(child, loaded) -> list:
    """The removals log, read once for the coach and the engine together."""
    shared = getattr(loaded, "extra", None)
    if shared is None:
        return _unordered(child, "removals")
    if "removals" not in shared:
        shared["removals"] = list(child.removals.all())
    return shared["removals"]


def _from_rule(
    resolved: Resolved,
    *,
    key: str,
    due: date | None,
    basis: str,
    facts: _Facts,
    title: str | None = None,
    ref: str = "",
    note: str = "",
) -> Deadline:
    shown = facts.shown(resolved)
    rule = shown.rule
    if not rule.computable:
        due = None
        basis = (
            basis
            + " "
            + gettext(
                "This rule is not verified in our tables: check your state's rule "
                "in its procedural safeguards notice or with your Parent Training and "
                "Information Center."
            )
        )
    calendar_note = shown.calendar_note if due is not None else ""
    return Deadline(
        id=f"{rule.id}:{key}",
        rule=rule.id,
        title=title or shown.title,
        due=due,
        basis=basis,
        citation=rule.citation,
        counting=rule.counting,
        counting_words=shown.counting_words,
        source=shown.source,
        source_words=shown.source_words,
        tag=rule.tag,
        note=" ".join([n for n in (shown.note, note, calendar_note) if n]),
        ref=ref,
    )


def _uses_breaks(rule) -> bool:
    return rule.unit == "days" and (rule.counting == "school" or bool(rule.excluding))


def annual_review(facts: _Facts, today: date) -> list[Deadline]:
    iep = facts.iep
    if iep is None:
        return []
    resolved = resolve("annual_review", facts.state)
    if iep.meeting_date and add_years(iep.meeting_date, 1) <= iep.end_date:
        due = add_years(iep.meeting_date, 1)
        basis = gettext("One year after the IEP meeting of %(day)s.") % {
            "day": facts.day(iep.meeting_date)
        }
    else:
        due = iep.end_date
        basis = gettext(
            "The IEP that started on %(start)s runs until %(end)s; the team must review it by then."
        ) % {"start": facts.day(iep.start_date), "end": facts.day(iep.end_date)}
    return [
        _from_rule(resolved, key=str(iep.pk), due=due, basis=basis, facts=facts, ref=str(iep.pk))
    ]


def reevaluation(facts: _Facts, today: date) -> list[Deadline]:
    iep = facts.iep
    if iep is None or not (iep.reevaluation_due or iep.last_evaluation_date):
        return []
    resolved = resolve("reevaluation", facts.state)
    if cycle_for(facts.state, facts.child.disability_categories) is not FEDERAL:
        resolved = resolve("reevaluation_intellectual_disability", facts.state)
    key = str(iep.pk)
    if iep.reevaluation_due:
        basis = gettext("The reevaluation date written in the IEP (%(day)s).") % {
            "day": facts.day(iep.reevaluation_due)
        }
        if iep.last_evaluation_date:
            basis += " " + gettext("The last evaluation was on %(day)s.") % {
                "day": facts.day(iep.last_evaluation_date)
            }
        due = iep.reevaluation_due
    else:
        last = iep.last_evaluation_date
        due = add_years(last, resolved.rule.amount)
        basis = ngettext(
            "%(n)s year after the last evaluation on %(day)s.",
            "%(n)s years after the last evaluation on %(day)s.",
            resolved.rule.amount,
        ) % {"n": _number_words(resolved.rule.amount), "day": facts.day(last)}
    deadline = _from_rule(resolved, key=key, due=due, basis=basis, facts=facts, ref=key)
    # The id stays "reevaluation:<iep>" whichever table row applied.
    return [_replace_id(deadline, f"reevaluation:{key}")]


def _replace_id(deadline: Deadline, new_id: str) -> Deadline:
    return replace(deadline, id=new_id, rule=new_id.split(":", 1)[0])


def initial_evaluation(facts: _Facts, today: date) -> list[Deadline]:
    out = []
    resolved = resolve("initial_evaluation", facts.state)
    rule = resolved.rule
    for consent in facts.consents:
        signed = consent.signed_on
        if consent.report_on is not None:
            continue
        if rule.counts_from == "request":
            if consent.requested_on is None:
                continue
            start = consent.requested_on
            sentence = gettext(
                "%(amount)s %(counting)s after the school received your written referral "
                "on %(day)s."
            )
        elif signed is None:
            continue
        else:
            start = signed
            sentence = gettext(
                "%(amount)s %(counting)s after the school received your written consent on %(day)s."
            )
        due = due_after(start, rule, facts.calendar)
        basis = sentence % {
            "amount": rule.amount,
            "counting": shown_counting(rule.counting_words),
            "day": facts.day(start),
        }
        if rule.jurisdiction == "TX":
            due, basis = clocks.texas_report(facts.calendar, consent, rule.amount)
        elif rule.jurisdiction == "CA":
            due, basis = clocks.california_late_referral(facts.calendar, consent, due, basis)
        out.append(
            _from_rule(
                resolved,
                key=str(consent.pk),
                due=due,
                basis=basis,
                facts=facts,
                ref=str(consent.pk),
            )
        )
    return out


def evaluation_requests(facts: _Facts, today: date) -> list[Deadline]:
    """State clocks that run from the written request or referral, before any consent."""
    out = []
    for rule_id in ("evaluation_request_answer", "assessment_plan"):
        rule = state_rule(rule_id, facts.state)
        if rule is None:
            continue
        resolved = Resolved(rule, facts.state, fallback=False)
        for consent in facts.consents:
            asked = consent.requested_on
            if asked is None or consent.signed_on is not None:
                continue
            if rule.jurisdiction == "CA":
                due, basis = clocks.california_assessment_plan(facts.calendar, consent, rule)
            else:
                due = due_after(asked, rule, facts.calendar)
                basis = gettext(
                    "%(amount)s %(counting)s after the school received your written request "
                    "on %(day)s."
                ) % {
                    "amount": rule.amount,
                    "counting": shown_counting(rule.counting_words),
                    "day": facts.day(asked),
                }
            out.append(
                _from_rule(
                    resolved,
                    key=str(consent.pk),
                    due=due,
                    basis=basis,
                    facts=facts,
                    ref=str(consent.pk),
                )
            )
    return out


def after_the_report(facts: _Facts, today: date) -> list[Deadline]:
    """The meeting clocks that start when the evaluation report is done (TX ARD, PA IEP),
    the report-before-meeting rules of Pennsylvania and Texas, and New York's services clock."""
    out = []
    ard = state_rule("ard_meeting", facts.state)
    pa_iep = state_rule("iep_after_report", facts.state)
    before = state_rule("report_before_meeting", facts.state)
    services = state_rule("services_start", facts.state)
    for consent in facts.consents:
        key = str(consent.pk)
        found: list[tuple] = []
        if ard is not None and consent.report_on is not None:
            found.append((ard, *clocks.texas_ard(facts.calendar, consent)))
        if pa_iep is not None and consent.report_on is not None:
            due = due_after(consent.report_on, pa_iep, facts.calendar)
            found.append(
                (
                    pa_iep,
                    due,
                    gettext("30 calendar days after the report of %(day)s.")
                    % {"day": facts.day(consent.report_on)},
                )
            )
        if before is not None and consent.signed_on and consent.report_on is None:
            meeting = _next_iep_meeting(facts, consent.signed_on)
            if meeting is not None:
                due = facts.calendar.school_days_before(meeting.date, before.amount)
                found.append(
                    (
                        before,
                        due,
                        gettext("%(n)s school days before %(meeting)s on %(day)s.")
                        % {
                            "n": before.amount,
                            "meeting": _meeting_phrase(meeting, facts),
                            "day": facts.day(meeting.date),
                        },
                    )
                )
        if services is not None and consent.signed_on:
            due = due_after(consent.signed_on, services, facts.calendar)
            found.append(
                (
                    services,
                    due,
                    gettext("%(n)s school days after the school received your consent on %(day)s.")
                    % {"n": services.amount, "day": facts.day(consent.signed_on)},
                )
            )
        for rule, due, basis in found:
            resolved = Resolved(rule, facts.state, fallback=False)
            out.append(_from_rule(resolved, key=key, due=due, basis=basis, facts=facts, ref=key))
    return out


def records_requests(facts: _Facts, today: date) -> list[Deadline]:
    out = []
    resolved = resolve("records_request", facts.state)
    rule = resolved.rule
    counting = shown_counting(rule.counting_words)
    after_request = gettext("%(amount)s %(counting)s after your request of %(day)s.")
    for ask in facts.asks:
        if ask.kind != RECORDS_ASK_KIND or ask.status not in (AskStatus.OPEN, AskStatus.NO_REPLY):
            continue
        due = due_after(ask.asked_on, rule, facts.calendar)
        words = {"amount": rule.amount, "counting": counting, "day": facts.day(ask.asked_on)}
        basis = after_request % words
        meeting = _next_iep_meeting(facts, ask.asked_on, RECORDS_BEFORE_KINDS)
        note = ""
        if meeting is not None and meeting.date - timedelta(days=1) < due:
            due = meeting.date - timedelta(days=1)
            basis = gettext(
                "%(amount)s %(counting)s after your request of %(day)s, and before "
                "%(meeting)s on %(meeting_day)s, which comes first."
            ) % {
                **words,
                "meeting": _meeting_phrase(meeting),
                "meeting_day": facts.day(meeting.date),
            }
            note = gettext(
                "Records must be available before any IEP meeting, hearing or resolution "
                "session (34 CFR § 300.613(a))."
            )
        deadline = _from_rule(
            resolved,
            key=str(ask.pk),
            due=due,
            basis=basis,
            facts=facts,
            ref=str(ask.pk),
            note=note,
        )
        out.append(deadline)
    return out


def meeting_requests(facts: _Facts, today: date) -> list[Deadline]:
    """A state's clock for an IEP meeting the parent asked for in writing (California)."""
    rule = state_rule("iep_meeting_on_request", facts.state)
    if rule is None:
        return []
    resolved = Resolved(rule, facts.state, fallback=False)
    out = []
    for ask in facts.asks:
        if ask.kind != MEETING_ASK_KIND or ask.status not in (AskStatus.OPEN, AskStatus.NO_REPLY):
            continue
        key = str(ask.pk)
        basis = gettext("%(amount)s %(counting)s after your written request of %(day)s.") % {
            "amount": rule.amount,
            "counting": shown_counting(rule.counting_words),
            "day": facts.day(ask.asked_on),
        }
        due = due_after(ask.asked_on, rule, facts.calendar)
        out.append(_from_rule(resolved, key=key, due=due, basis=basis, facts=facts, ref=key))
    return out


def _next_iep_meeting(facts: _Facts, after: date, kinds=IEP_MEETING_KINDS) -> Meeting | None:
    later = [
        m
        for m in facts.meetings
        if m.date > after and m.kind in kinds and m.status != Meeting.Status.HELD
    ]
    return min(later, key=lambda m: m.date) if later else None


def _meeting_phrase(meeting: Meeting, facts: _Facts | None = None) -> str:
    """ "the annual review", "the IEP meeting", in the reader's language."""
    if (get_language() or "en").startswith("en"):
        return f"the {_meeting_words(meeting, facts)}"
    if facts is not None and facts.state == "TX" and meeting.kind == Meeting.Kind.IEP:
        return pgettext("mid-sentence", "the ARD meeting")
    return str(MEETING_PHRASES.get(meeting.kind, _meeting_words(meeting, facts)))


def _number_words(n: int) -> str:
    """ "Two", "Three" to start a sentence, in the reader's language."""
    words = {2: gettext("Two"), 3: gettext("Three")}
    return words.get(n, str(n))


def _meeting_words(meeting: Meeting, facts: _Facts | None = None) -> str:
    """ "annual review", "IEP meeting", "resolution session": as it reads mid-sentence. In
    Texas the IEP meeting is the ARD committee meeting."""
    if facts is not None and facts.state == "TX" and meeting.kind == Meeting.Kind.IEP:
        return "ARD meeting"
    label = Meeting.Kind(meeting.kind).label
    return label if label.startswith("IEP") else label.lower()


def replies_due(facts: _Facts, today: date) -> list[Deadline]:
    # The parent's own subject is quoted in Spanish, so a page marks it as theirs.
    title = gettext("Reply due: %(subject)s")
    basis = gettext("The reply date set for what you asked on %(day)s.")
    return [
        Deadline(
            id=f"reply_due:{ref}",
            rule="reply_due",
            title=title % {"subject": ask.subject},
            due=ask.reply_due,
            basis=basis % {"day": facts.day(ask.asked_on)},
            citation="",
            counting="calendar",
            counting_words="calendar days",
            source=CASE,
            source_words="a date from your records",
            ref=ref,
        )
        for ask in facts.asks
        if ask.status == AskStatus.OPEN and ask.reply_due and ask.kind != RECORDS_ASK_KIND
        for ref in (str(ask.pk),)
    ]


def trial_reviews(facts: _Facts, today: date) -> list[Deadline]:
    title = gettext("Trial review: %(proposal)s")
    basis = gettext("The review date agreed for the %(weeks)s-week trial that started on %(day)s.")
    return [
        Deadline(
            id=f"trial_review:{ref}",
            rule="trial_review",
            title=title % {"proposal": trial.proposal},
            due=trial.review_date,
            basis=basis % {"weeks": trial.weeks, "day": facts.day(trial.start_date)},
            citation="",
            counting="calendar",
            counting_words="calendar days",
            source=CASE,
            source_words="a date from your records",
            ref=ref,
        )
        for trial in facts.trials
        if trial.outcome in (Trial.Outcome.RUNNING, Trial.Outcome.EXTENDED)
        for ref in (str(trial.pk),)
    ]


def transition_plan(facts: _Facts, today: date) -> list[Deadline]:
    child = facts.child
    if child.birth_date is None:
        return []  # needs_birth_date() says so on the page
    resolved = resolve("transition_plan", facts.state)
    rule = resolved.rule
    if rule.unit == "months":
        due = add_months(child.birth_date, rule.amount)
        age = _age_words(rule.amount)
    else:
        due = add_years(child.birth_date, rule.amount)
        age = str(rule.amount)
    if due < today:
        return []
    basis = gettext(
        "%(name)s turns %(age)s on %(day)s; the IEP in effect then must include transition "
        "planning."
    ) % {"name": child.first_name, "age": age, "day": facts.day(due)}
    return [_from_rule(resolved, key=str(child.pk), due=due, basis=basis, facts=facts)]


def _age_words(months: int) -> str:
    years, rest = divmod(months, 12)
    if rest == 6:
        return f"{years}½"
    return gettext("%(years)s years and %(months)s months") % {"years": years, "months": rest}


def age_of_majority_notice(facts: _Facts, today: date) -> list[Deadline]:
    child = facts.child
    if child.birth_date is None:
        return []  # needs_birth_date() says so on the page
    resolved = resolve("age_of_majority_notice", facts.state)
    due = add_years(child.birth_date, resolved.rule.amount)
    if due < today:
        return []
    state = state_name(facts.state)
    basis = gettext(
        "One year before %(name)s turns 18 on %(day)s, if 18 is the age of majority in %(state)s."
    ) % {
        "name": child.first_name,
        "day": facts.day(add_years(child.birth_date, 18)),
        "state": state,
    }
    return [_from_rule(resolved, key=str(child.pk), due=due, basis=basis, facts=facts)]


def part_c_transition(facts: _Facts, today: date) -> list[Deadline]:
    child = facts.child
    if child.birth_date is None:
        return []  # needs_birth_date() says so on the page
    third = add_years(child.birth_date, 3)
    if today > third:
        return []
    conference = resolve("part_c_transition", facts.state)
    by_three = resolve("iep_by_third_birthday", facts.state)
    return [
        _from_rule(
            conference,
            key=str(child.pk),
            due=third - timedelta(days=conference.rule.amount),
            basis=gettext("90 days before %(name)s's 3rd birthday on %(day)s.")
            % {"name": child.first_name, "day": facts.day(third)},
            facts=facts,
        ),
        _from_rule(
            by_three,
            key=str(child.pk),
            due=third,
            basis=gettext("%(name)s's 3rd birthday is on %(day)s.")
            % {"name": child.first_name, "day": facts.day(third)},
            facts=facts,
            note=_summer_birthday(facts, third),
        ),
    ]


def _summer_birthday(facts: _Facts, third: date) -> str:
    """34 CFR § 300.101(b)(2): a 3rd birthday in the summer break lets the IEP team set the
    day services start; the IEP itself is still due by the birthday."""
    for start, end in summer_breaks(facts.calendar):
        if start <= third <= end:
            return gettext(
                "The 3rd birthday falls in the summer break you entered (%(start)s to "
                "%(end)s): the IEP team decides the day services start, for example the "
                "first day of school (34 CFR § 300.101(b)(2)); the IEP states that date "
                "(34 CFR § 300.320(a)(7))."
            ) % {"start": facts.day(start), "end": facts.day(end)}
    return ""


def filing_windows(facts: _Facts, today: date) -> list[Deadline]:
    events = _refusal_events(facts)
    if not events:
        return []
    # Translated once for every event (a child with many refusals has a hundred of them);
    # an event is written out only once a window from it is still open.
    basis = gettext("%(years)s after %(what)s, if that was a violation of your child's rights.")
    year_words = {1: gettext("One year"), 2: gettext("Two years")}
    written: dict[int, tuple[str, str]] = {}  # an event's id and what it names, by index
    out = []
    for rule_id in ("state_complaint", "due_process"):
        resolved = resolve(rule_id, facts.state)
        for index, (kind, pk, day, sentence, subject) in enumerate(events):
            years = clocks.filing_years(resolved.rule, day)
            due = add_years(day, years)
            if due < today:
                continue  # the window has closed; nothing to count down to
            if index not in written:
                what = sentence % {"subject": subject, "day": facts.day(day)}
                written[index] = (str(pk), what)
            ref, what = written[index]
            words = year_words.get(years) or ngettext("%(n)s year", "%(n)s years", years) % {
                "n": years
            }
            out.append(
                _from_rule(
                    resolved,
                    key=f"{kind}:{ref}",
                    due=due,
                    basis=basis % {"years": words, "what": what},
                    facts=facts,
                    ref=ref,
                )
            )
    return out


def _refusal_events(facts: _Facts) -> list[tuple]:
    """Each refusal, and each refused ask no refusal names: ("refusal" or "ask", its id,
    its date, the sentence that names it and the ask's subject)."""
    events = []
    refused_asks = set()
    refusal_to = gettext("the refusal to “%(subject)s” on %(day)s")
    refusal_on = gettext("the refusal on %(day)s")
    for refusal in facts.refusals:
        ask = facts.asks_by_id.get(refusal.ask_id)
        if ask is None:
            events.append(("refusal", refusal.pk, refusal.said_on, refusal_on, ""))
        else:
            refused_asks.add(ask.pk)
            subject = _request_subject(ask)
            events.append(("refusal", refusal.pk, refusal.said_on, refusal_to, subject))
    refusal_of = gettext("the refusal of “%(subject)s” on %(day)s")
    for ask in facts.asks:
        if ask.status == AskStatus.REFUSED and ask.pk not in refused_asks:
            day = ask.reply_date or ask.asked_on
            events.append(("ask", ask.pk, day, refusal_of, _request_subject(ask)))
    return events


def _request_subject(ask) -> str:
    """What the parent asked for, in their words: an escalation's ask is named by the
    request it carried up, not by its own title ("Escalation to ...: ...")."""
    original = getattr(ask, "original", None)  # a shared row (advocacy.rows.AskRow)
    if original is not None:
        return original.subject
    return ask.request_subject  # read alone: ASK_ANNOTATIONS


def manifestation_reviews(facts: _Facts, today: date) -> list[Deadline]:
    resolved = resolve("manifestation_determination", facts.state)
    out = []
    for removal in facts.removals:
        decided = removal.placement_change_on
        if decided is None:
            continue
        key = str(removal.pk)
        out.append(
            _from_rule(
                resolved,
                key=key,
                due=due_after(decided, resolved.rule, facts.calendar),
                basis=gettext(
                    "10 school days after the school decided on %(day)s to change the "
                    "placement for discipline."
                )
                % {"day": facts.day(decided)},
                facts=facts,
                ref=key,
            )
        )
    return out


def esy_decision(facts: _Facts, today: date) -> list[Deadline]:
    if facts.iep is None:
        return []
    resolved = resolve("esy_decision", facts.state)
    return [
        _from_rule(
            resolved,
            key=str(facts.child.pk),
            due=None,
            basis=gettext(
                "The IEP team decides each year whether your child needs extended school "
                "year services."
            ),
            facts=facts,
        )
    ]


RULES = (
    annual_review,
    reevaluation,
    initial_evaluation,
    evaluation_requests,
    after_the_report,
    records_requests,
    meeting_requests,
    replies_due,
    trial_reviews,
    transition_plan,
    age_of_majority_notice,
    part_c_transition,
    filing_windows,
    manifestation_reviews,
    esy_decision,
)


def sort_key(deadline: Deadline):
    return (deadline.due is None, deadline.due or date.max, deadline.title, deadline.id)


def deadlines_for(child, today: date, *, loaded=None, alone: bool = False) -> list[Deadline]:
    """Every deadline for the child, soonest first; undated (unverified) rules last. Kept
    until the child's records change (``playbook.children.computed``). ``loaded``: the
    coach's facts, whose asks, refusals, trials and meetings need not be read again, or
    the rows a page ``Given``. ``alone``: nothing else in this request reads the asks
    (the deadlines page and API), so only the rules' columns of them are read."""
    from playbook.children.computed import remember

    # The titles and notes are in the language of the request (issue 19).
    language = get_language() or "en"
    return remember(
        child, "deadlines", today, lambda: _deadlines_for(child, today, loaded, alone), language
    )


def _deadlines_for(child, today: date, loaded=None, alone: bool = False) -> list[Deadline]:
    facts = _Facts(child, loaded, alone)
    items = [item for rule in RULES for item in rule(facts, today)]
    return sorted(items, key=sort_key)


def meetings_for(child) -> list[Meeting]:
    """Meetings with a date, not cancelled (for the calendar and "Coming up")."""
    return sorted(
        (m for m in child.meetings.all() if m.date and m.status != Meeting.Status.CANCELLED),
        key=lambda m: m.date,
    )


@dataclass(frozen=True)
class Upcoming:
    title: str
    due: date
    when: str
    overdue: bool
    basis: str
    citation: str
    kind: str  # "deadline" or "meeting"
    id: str
    label: str = ""  # where a deadline's date comes from, and its status
    shown_label: str = ""  # the same in the reader's language


def upcoming(
    child, today: date, days: int = 60, deadlines: list[Deadline] | None = None
) -> list[Upcoming]:
    """Deadlines (overdue ones included) and meetings in the next ``days`` days, soonest
    first: the child home's "Coming up". Pass ``deadlines`` when already computed."""
    horizon = today + timedelta(days=days)
    if deadlines is None:
        deadlines = deadlines_for(child, today)
    soon = [d for d in deadlines if d.due is not None and d.due <= horizon]
    labels = labels_of(soon)
    out = [
        Upcoming(
            title=d.title,
            due=d.due,
            when=d.when_words(today),
            overdue=d.due < today,
            basis=d.basis,
            citation=d.citation,
            kind="deadline",
            id=d.id,
            label=labels[d.label_key][0],
            shown_label=labels[d.label_key][1],
        )
        for d in soon
    ]
    for meeting in meetings_for(child):
        if today <= meeting.date <= horizon:
            days_left = (meeting.date - today).days
            out.append(
                Upcoming(
                    title=str(MEETING_TITLES.get(meeting.kind, meeting.get_kind_display())),
                    due=meeting.date,
                    when=gettext("today")
                    if days_left == 0
                    else ngettext("in %(n)s day", "in %(n)s days", days_left) % {"n": days_left},
                    overdue=False,
                    basis=_meeting_basis(meeting),
                    citation="",
                    kind="meeting",
                    id=f"meeting:{meeting.pk}",
                )
            )
    return sorted(out, key=lambda u: (u.due, u.title))


def _meeting_basis(meeting: Meeting) -> str:
    """ "Scheduled at the school office": the meeting's status and place, in the reader's
    language (the place as the family wrote it)."""
    status = str(MEETING_STATUSES.get(meeting.status, meeting.get_status_display()))
    if not meeting.place:
        return status
    if (get_language() or "en").startswith("en"):
        return f"{status} at {meeting.place}"
    return gettext("%(status)s at «%(place)s»") % {"status": status, "place": meeting.place}
