"""The binder: one PDF of the case for a meeting or a formal complaint.

Built from an HTML template (exports/binder.html) by WeasyPrint, with the same charts as
the pages. Narrowed by a date range and a concern when asked.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import Prefetch, Q
from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.translation import get_language, gettext

from playbook.advocacy.models import Ask, AskStatus, Concern
from playbook.children.models import IEP, Child
from playbook.deadlines.discipline import removal_year
from playbook.deadlines.engine import DISCLAIMER, deadlines_for
from playbook.deadlines.models import Removal
from playbook.ledger.checks import check_iep, previous_iep
from playbook.ledger.compare import PWN_CITATION, compare_ieps
from playbook.ledger.lines import child_ledger
from playbook.ledger.models import SessionStatus
from playbook.letters.models import Letter
from playbook.meetings.charts import readers_words, series_svg
from playbook.meetings.models import DataSeries, Trial
from playbook.progress.charts import goal_svg
from playbook.progress.lines import FLAG_WORDS, goal_lines
from playbook.refusals.models import Refusal
from playbook.trail.chain import head_of, remember_shown, verify
from playbook.trail.models import ChainAnchor, Entry

# Other parts add sections by appending (child, today, scope) -> list of dicts.
DEADLINE_SOURCES: list[Callable] = []

UNDATED = "check your state's rule"


@dataclass(frozen=True)
class Scope:
    date_from: date | None = None
    date_to: date | None = None
    concern: Concern | None = None

    def within(self, day: date | None) -> bool:
        if day is None:
            return True
        return (self.date_from is None or day >= self.date_from) and (
            self.date_to is None or day <= self.date_to
        )

    @property
    def dated(self) -> bool:
        return bool(self.date_from or self.date_to)

    def overlaps(self, first: date | None, last: date | None) -> bool:
        """Whether [first, last] (open where None) meets the range."""
        return (self.date_to is None or first is None or first <= self.date_to) and (
            self.date_from is None or last is None or last >= self.date_from
        )

    def describe(self) -> str:
        parts = []
        if self.date_from and self.date_to:
            parts.append(
                f"from {self.date_from:%B} {self.date_from.day}, {self.date_from.year} "
                f"to {self.date_to:%B} {self.date_to.day}, {self.date_to.year}"
            )
        elif self.date_from:
            parts.append(f"from {self.date_from:%B} {self.date_from.day}, {self.date_from.year}")
        elif self.date_to:
            parts.append(f"up to {self.date_to:%B} {self.date_to.day}, {self.date_to.year}")
        if self.concern:
            parts.append(f"about \u201c{self.concern.title}\u201d")
        return " ".join(parts) or "the whole record"

    def describe_shown(self) -> str:
        """``describe`` in the reader's language (issue 19): the binder is written in the
        language of the person who asked for it."""
        if (get_language() or "en").startswith("en"):
            return self.describe()
        words = {
            "start": _long(self.date_from) if self.date_from else "",
            "end": _long(self.date_to) if self.date_to else "",
        }
        parts = []
        if self.date_from and self.date_to:
            parts.append(gettext("from %(start)s to %(end)s") % words)
        elif self.date_from:
            parts.append(gettext("from %(start)s") % words)
        elif self.date_to:
            parts.append(gettext("up to %(end)s") % words)
        if self.concern:
            parts.append(gettext("about «%(title)s»") % {"title": self.concern.title})
        return " ".join(parts) or gettext("the whole record")


def _long(day: date) -> str:
    return formats.date_format(day, "DATE_FORMAT")


def _chart_data_uri(series: DataSeries, points: list) -> str:
    svg = series_svg(
        series.name,
        series.unit,
        [(p.date, p.value) for p in points],
        goal=series.goal,
        baseline=series.baseline,
        words=readers_words(),
    )
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def goal_charts(iep: IEP | None) -> list[dict]:
    """Each goal of the IEP in effect with its chart, its reports and its flags (issue 16)."""
    if iep is None:
        return []
    charts = []
    for number, line in enumerate(goal_lines(iep), start=1):
        svg = goal_svg(line, gettext("Goal %(number)s") % {"number": number})
        charts.append(
            {
                "number": number,
                "line": line,
                "uri": "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode(),
                "points": [(p, line.expected(p.day)) for p in line.points],
                "flags": [gettext(FLAG_WORDS[flag]) for flag in line.flags],
            }
        )
    return charts


def legal_deadlines(child: Child, today: date, scope: Scope) -> list[dict]:
    """The deadlines engine's items due from today on, soonest first, then the rules we
    cannot turn into a date (shown as "check your state's rule", never as a date)."""
    if scope.dated:
        # A narrowed binder holds the deadlines that fall in its range, past ones included.
        items = [d for d in deadlines_for(child, today) if d.due is None or scope.within(d.due)]
    else:
        items = [d for d in deadlines_for(child, today) if d.due is None or d.due >= today]
    return [
        {
            "due": d.due,
            "when": d.when_words(today) if d.due else UNDATED,
            "title": d.title,
            "basis": d.basis,
            "citation": d.citation,
            "source": d.source_words,
            "label": d.label,
            # The same in the reader's language (the binder's, issue 19).
            "shown_label": d.shown_label,
        }
        for d in items
    ]


DEADLINE_SOURCES.append(legal_deadlines)


def services_delivered(child: Child, scope: Scope, today: date):
    """The services ledger over the binder's range (default: the current IEP to today)."""
    start, end = scope.date_from, scope.date_to
    if start and start > today:
        return None
    return child_ledger(child, today=today, start=start, end=end)


def sessions_short(ledger) -> list[tuple]:
    """Per service, the sessions missed or cut short: the evidence behind the owed minutes."""
    if ledger is None:
        return []
    pairs = [
        (
            line,
            [
                s
                for s in line.sessions
                if s.status in (SessionStatus.MISSED, SessionStatus.SHORTENED)
            ],
        )
        for line in ledger.lines
    ]
    return [(line, sessions) for line, sessions in pairs if sessions]


def iep_changes(ieps: list[IEP]) -> dict | None:
    """What changed from the IEP before the latest to the latest; None with fewer than two."""
    if len(ieps) < 2:
        return None
    previous, latest = sorted(ieps, key=lambda i: (i.start_date, i.created_at))[-2:]
    comparison = compare_ieps(previous, latest)
    return {
        "comparison": comparison,
        "changed": [s for s in comparison.services if s.change != "unchanged"],
        "pwn_reasons": comparison.prior_written_notice_reasons,
        "pwn_citation": PWN_CITATION,
    }


def scoped_entries(child: Child, scope: Scope):
    """The trail entries the binder holds for this scope."""
    entries = Entry.objects.filter(child=child)
    if scope.date_from:
        entries = entries.filter(occurred_at__date__gte=scope.date_from)
    if scope.date_to:
        entries = entries.filter(occurred_at__date__lte=scope.date_to)
    if scope.concern:
        entries = entries.filter(Q(asks__concern=scope.concern)).distinct()
    return entries


def binder_context(child: Child, scope: Scope, today: date) -> dict:
    """Everything the binder shows, in a fixed number of queries."""
    ieps = list(
        IEP.objects.filter(child=child).prefetch_related("services", "goals", "accommodations")
    )
    # The IEP in effect, as Child.current_iep() chooses it.
    iep = max(ieps, key=lambda i: (i.start_date, i.created_at), default=None)
    asks = list(Ask.objects.filter(child=child).select_related("asked_of", "concern"))
    entries = (
        scoped_entries(child, scope)
        .select_related("counterpart")
        .prefetch_related("attachments")
        .order_by("occurred_at", "seq")
    )
    if scope.concern:
        asks = [a for a in asks if a.concern_id == scope.concern.pk]
    asks = [a for a in asks if scope.within(a.asked_on)]
    ask_ids = {a.pk for a in asks}

    def waited(ask) -> int:
        return ((ask.reply_date or today) - ask.asked_on).days

    unanswered = sorted((a for a in asks if a.status == AskStatus.OPEN), key=lambda a: a.asked_on)
    answered = sorted((a for a in asks if a.status != AskStatus.OPEN), key=lambda a: a.asked_on)
    refusals = [
        r
        for r in Refusal.objects.filter(child=child)
        .select_related("said_by", "ask")
        .order_by("said_on")
        if scope.within(r.said_on) and (scope.concern is None or r.ask_id in ask_ids)
    ]
    concerns = Concern.objects.filter(child=child).prefetch_related(
        "evidence",
        Prefetch("data_series", queryset=DataSeries.objects.prefetch_related("points")),
    )
    if scope.concern:
        concerns = concerns.filter(pk=scope.concern.pk)
    concerns = list(concerns)
    trials = [
        t
        for t in Trial.objects.filter(child=child)
        .select_related("series", "concern")
        .prefetch_related("series__points")
        if (scope.concern is None or t.concern_id == scope.concern.pk)
        and scope.overlaps(t.start_date, t.review_date)
    ]
    charted = {s.pk: s for c in concerns for s in c.data_series.all()}
    charted.update({t.series.pk: t.series for t in trials if t.series})
    if scope.concern is None:
        for series in DataSeries.objects.filter(child=child).prefetch_related("points"):
            charted.setdefault(series.pk, series)
    charts = [
        {"series": s, "uri": _chart_data_uri(s, points), "points": points}
        for s in sorted(charted.values(), key=lambda s: s.name)
        if (points := [p for p in s.points.all() if scope.within(p.date)]) or not scope.dated
    ]
    letters = [
        letter
        for letter in Letter.objects.filter(child=child, state=Letter.State.SENT).order_by(
            "sent_on"
        )
        if scope.within(letter.sent_on) and (scope.concern is None or letter.ask_id in ask_ids)
    ]
    all_removals = list(Removal.objects.filter(child=child).order_by("date", "created_at"))
    removals = [r for r in all_removals if scope.within(r.date)]
    ledger = services_delivered(child, scope, today)
    deadlines = [item for source in DEADLINE_SOURCES for item in source(child, today, scope)]
    chain = verify(child)
    # The head printed in the binder: the parent's copy to check the trail against later;
    # the app remembers it too (decision 0016).
    head = head_of(child)
    remember_shown(child, head, ChainAnchor.ShownIn.BINDER)
    return {
        "child": child,
        "team": list(child.team.all()),
        "iep": iep,
        "scope": scope,
        "today": today,
        # The family's clock, naive so the template does not turn it back to the server's.
        "generated_at": timezone.localtime(timezone=child.zone()).replace(tzinfo=None),
        "unanswered": [(a, waited(a)) for a in unanswered],
        "answered": [(a, waited(a)) for a in answered],
        "refusals": refusals,
        "concerns": concerns,
        "trials": trials,
        "charts": charts,
        "goal_charts": goal_charts(iep) if scope.concern is None else [],
        "entries": list(entries),
        "letters": letters,
        "deadlines": deadlines,
        "disclaimer": DISCLAIMER,
        "removals": removals,
        "removal_year": removal_year(child, today, all_removals),
        "ledger": ledger,
        "sessions_short": sessions_short(ledger),
        "changes": iep_changes(ieps),
        "checks": check_iep(iep, previous_iep(ieps, iep)) if iep is not None else [],
        "chain": chain,
        "head": head,
        "site_url": settings.SITE_URL,
    }


def render_html(context: dict) -> str:
    return render_to_string("exports/binder.html", context)


def render_pdf(child: Child, scope: Scope, today: date) -> bytes:
    from weasyprint import HTML

    with timezone.override(child.zone()):
        html = render_html(binder_context(child, scope, today))
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
