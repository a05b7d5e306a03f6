"""The routes outside the district: mediation, a state complaint, a due process complaint, an
OCR complaint. What each is, who decides, what it costs in time, its filing window counted
from dates in the child's trail, and what the binder should hold for it.

Facts and citations come from shared/domain/idea-facts.md only (sections 1, 3 and 4). The
OCR window is Secondary there, and is labelled so wherever it is shown. Never legal advice:
every page that shows these points to the state's procedural safeguards notice and the
Parent Training and Information Center.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.formats import date_format
from django.utils.translation import gettext, gettext_noop

from playbook.advocacy.models import Ask, AskStatus
from playbook.refusals.models import Refusal
from playbook.trail.models import Entry


@dataclass(frozen=True)
class Window:
    """How long after the violation a complaint may be filed: ``years`` or ``days``."""

    years: int = 0
    days: int = 0
    rule: str = ""  # the window in plain words
    citation: str = ""
    source: str = "Verified"  # as labelled in idea-facts.md
    note: str = ""  # what the count does not cover

    @property
    def exists(self) -> bool:
        return bool(self.years or self.days)

    def file_by(self, violation_on: date) -> date | None:
        if self.years:
            return add_years(violation_on, self.years)
        if self.days:
            return violation_on + timedelta(days=self.days)
        return None


@dataclass(frozen=True)
class Route:
    key: str
    name: str
    what: str
    who_decides: str
    time_cost: str
    citations: tuple[str, ...]
    window: Window
    binder: tuple[str, ...]
    source_note: str = ""


def add_years(day: date, years: int) -> date:
    """The same date ``years`` later. 29 February becomes 28 February: the earlier day, so a
    date we show is never later than the real limit."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


MEDIATION = Route(
    key="mediation",
    name=gettext_noop("Mediation"),
    what=gettext_noop(
        "A meeting with a trained, impartial mediator that the state provides and pays for. "
        "You and the district try to reach an agreement together. It is voluntary for both "
        "sides, what is said stays confidential, and a signed agreement can be enforced in "
        "court."
    ),
    who_decides=gettext_noop(
        "You and the district, together. The mediator helps you talk; the mediator does not "
        "decide anything."
    ),
    time_cost=gettext_noop(
        "Sessions are to be scheduled in a timely way. Mediation cannot be used to delay a due "
        "process hearing you have asked for."
    ),
    citations=("34 CFR § 300.506",),
    window=Window(
        rule=gettext_noop("No federal filing deadline: you can ask for mediation at any time."),
        citation="34 CFR § 300.506",
    ),
    binder=(
        gettext_noop(
            "A one-page summary: what you asked for, what the school said, what you want now"
        ),
        gettext_noop("Your open concerns with their evidence (examples, reasons, data points)"),
        gettext_noop("The current IEP and the parts you disagree with"),
        gettext_noop("Your progress data and any trial results"),
        gettext_noop("The letters you sent and the school's replies, by date"),
    ),
)

STATE_COMPLAINT = Route(
    key="state_complaint",
    name=gettext_noop("State complaint"),
    what=gettext_noop(
        "A signed, written complaint to the state department of education saying the "
        "district broke a special education rule: for example it did not follow the IEP, "
        "missed a timeline, or skipped a required step. Anyone can file one; a copy goes to "
        "the district."
    ),
    who_decides=gettext_noop(
        "The state department of education investigates and issues a written decision. "
        "Issues that are also part of a pending due process hearing are set aside until the "
        "hearing ends."
    ),
    time_cost=gettext_noop(
        "The state has 60 days from receiving the complaint to decide, extended only for "
        "exceptional circumstances or when you and the district agree to try mediation."
    ),
    citations=("34 CFR §§ 300.151–300.153", "§ 300.152(a)–(c)", "§ 300.153(c)"),
    window=Window(
        years=1,
        rule=gettext_noop(
            "The violation must have happened no more than one year before the state "
            "receives your complaint."
        ),
        citation="34 CFR § 300.153(c)",
    ),
    binder=(
        gettext_noop("The IEP in effect when the violation happened"),
        gettext_noop("The rule you believe was broken, and what happened instead, with dates"),
        gettext_noop("The refusals you logged, with who said them and the words used"),
        gettext_noop("Your letters and the school's replies, and any prior written notice"),
        gettext_noop("Service logs or data showing what was and was not provided"),
        gettext_noop("What you want the state to order (your proposed resolution)"),
    ),
)

DUE_PROCESS = Route(
    key="due_process",
    name=gettext_noop("Due process complaint"),
    what=gettext_noop(
        "A formal complaint that asks for a hearing about your child's identification, "
        "evaluation, placement or free appropriate public education. It names the child, "
        "your address, the school, the problem with its facts, and the resolution you "
        "propose. While it runs, your child stays in the current placement unless you and "
        "the district agree otherwise."
    ),
    who_decides=gettext_noop(
        "An impartial hearing officer, after a hearing where both sides present evidence."
    ),
    time_cost=gettext_noop(
        "The district holds a resolution meeting within 15 days of receiving your complaint; "
        "if it is not resolved within 30 days, the hearing goes ahead and the decision is due "
        "within 45 days after that. Evidence is shared 5 business days before the hearing."
    ),
    citations=(
        "34 CFR §§ 300.507–300.508",
        "§ 300.510(a)–(b)",
        "§ 300.511(e)–(f)",
        "§ 300.512(a)(3), (b)(1)",
        "§ 300.515",
        "§ 300.518",
    ),
    window=Window(
        years=2,
        rule=gettext_noop(
            "Within two years of when you knew, or should have known, about the action the "
            "complaint is about, unless your state sets its own limit. There are exceptions "
            "when the district misrepresented that it had solved the problem or withheld "
            "information it was required to give you."
        ),
        citation="34 CFR §§ 300.507(a)(2), 300.511(e)–(f)",
        note=gettext_noop(
            "Your state may set its own limit, which is not in our tables: check your "
            "state's procedural safeguards notice."
        ),
    ),
    binder=(
        gettext_noop("Every IEP and evaluation report for the period in dispute"),
        gettext_noop("Prior written notices, and your requests for them"),
        gettext_noop("The refusals you logged and your requests for the written policy"),
        gettext_noop("Your letters, the school's replies and your call notes, by date"),
        gettext_noop("Progress data, service logs and trial results"),
        gettext_noop("The resolution you propose"),
    ),
)

OCR_COMPLAINT = Route(
    key="ocr",
    name=gettext_noop("OCR complaint (Section 504 / ADA)"),
    what=gettext_noop(
        "A complaint to the U.S. Department of Education's Office for Civil Rights about "
        "disability discrimination: a 504 plan not followed, harassment, access, or "
        "retaliation for speaking up."
    ),
    who_decides=gettext_noop("The Office for Civil Rights, which investigates the complaint."),
    time_cost=gettext_noop("Our sources do not give a timeline for OCR's investigation."),
    citations=("34 CFR § 104.61 (adopting § 100.7(b))", "28 CFR § 35.170(b)"),
    window=Window(
        days=180,
        rule=gettext_noop(
            "Within 180 days of the last discriminatory act (OCR may waive this for good "
            "cause). If you use the district's grievance process first, within 60 days after "
            "it ends."
        ),
        citation="34 CFR § 104.61 (adopting § 100.7(b)); 28 CFR § 35.170(b)",
        source="Secondary",
    ),
    binder=(
        gettext_noop("The 504 plan or IEP, and what was not followed"),
        gettext_noop("Each incident: date, place, who was involved, what happened"),
        gettext_noop("Your letters about it and the school's replies"),
        gettext_noop("Names of people who saw what happened"),
    ),
    source_note=gettext_noop(
        "Secondary source: this window comes from advocacy organisations (ACLU of Iowa, "
        "Disability Rights California), not from regulation text we checked."
    ),
)

ROUTES = (MEDIATION, STATE_COMPLAINT, DUE_PROCESS, OCR_COMPLAINT)
ROUTES_BY_KEY = {route.key: route for route in ROUTES}


@dataclass(frozen=True)
class Trigger:
    """A date in the child's trail that may be the violation a complaint is about."""

    on: date
    kind: str  # "refusal", "ask", "entry" (a flagged reply in the trail) or "chosen"
    label: str


@dataclass(frozen=True)
class Deadline:
    trigger: Trigger
    file_by: date
    days_left: int

    @property
    def closed(self) -> bool:
        return self.days_left < 0


def deadlines(route: Route, triggers: list[Trigger], today: date) -> list[Deadline]:
    if not route.window.exists:
        return []
    found = []
    for trigger in triggers:
        file_by = route.window.file_by(trigger.on)
        assert file_by is not None
        found.append(Deadline(trigger, file_by, (file_by - today).days))
    return found


def _quote(words: str, limit: int = 80) -> str:
    words = " ".join(words.split())
    return words if len(words) <= limit else words[: limit - 1].rstrip() + "…"


def _day(on: date) -> str:
    """March 2, 2026 / 2 de marzo de 2026 (playbook/formats)."""
    return date_format(on, "DATE_FORMAT")


def triggers_for(child, limit: int = 10) -> list[Trigger]:
    """The refusals logged, the asks refused and the trail's flagged replies, newest first.
    Three queries."""
    triggers = []
    refusals = Refusal.objects.filter(child=child).select_related("said_by")[:limit]
    for refusal in refusals:
        who = refusal.said_by.name if refusal.said_by else gettext("the school")
        triggers.append(
            Trigger(
                refusal.said_on,
                "refusal",
                gettext("the refusal on %(day)s (%(who)s: “%(words)s”)")
                % {"day": _day(refusal.said_on), "who": who, "words": _quote(refusal.words)},
            )
        )
    # An ask whose refusal was logged is counted once, by the refusal.
    asks = Ask.objects.filter(
        child=child, status=AskStatus.REFUSED, refusals__isnull=True
    ).order_by("-asked_on")[:limit]
    for ask in asks:
        on = ask.reply_date or ask.asked_on
        label = gettext("the refused ask “%(subject)s” (%(day)s)")
        triggers.append(
            Trigger(on, "ask", label % {"subject": _quote(ask.subject), "day": _day(on)})
        )
    # Replies the recogniser flagged in the trail (imported or logged email) that the parent
    # has not turned into a refusal yet.
    flagged = (
        Entry.objects.filter(child=child, flags__has_key="refusal", refusals__isnull=True)
        .exclude(flags__refusal=[])
        .order_by("-occurred_at")[:limit]
    )
    for entry in flagged:
        on = child.day_of(entry.occurred_at)
        if entry.subject:
            label = gettext("the no in “%(subject)s” of %(day)s")
        else:
            label = gettext("the no in a message of %(day)s")
        label %= {"subject": _quote(entry.subject), "day": _day(on)}
        triggers.append(Trigger(on, "entry", label))
    triggers.sort(key=lambda t: t.on, reverse=True)
    return triggers[:limit]
