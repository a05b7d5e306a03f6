"""The ledger of a child's services: one line per service, gathered across IEPs.

A service keeps its line when a new IEP changes its minutes: lines are matched by the
service's normalised name, and each IEP's version of the service is in force from that IEP's
start date until the day before the next IEP starts. The sums come from ``owed.tally``.

``child_ledger`` costs a fixed number of queries (IEPs, services, breaks, and the sessions
with the parent's threshold; the threshold alone when nothing is logged in the range),
however many sessions there are.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property

from django.db import connections
from django.db.models import (
    CharField,
    Count,
    ExpressionWrapper,
    F,
    Min,
    UUIDField,
    prefetch_related_objects,
)

from playbook.children.models import IEP, Child, Per, Service
from playbook.children.school_calendar import SchoolCalendar

from .models import (
    DEFAULT_OWED_THRESHOLD,
    THRESHOLD_OF_SESSION,
    LedgerSettings,
    MissedReason,
    ServiceSession,
    SessionStatus,
)
from .owed import Promise, SessionFact, Tally, by_period, tally

SESSION_FIELDS = ("date", "minutes", "status", "reason", "provider", "note")


@dataclass(slots=True)
class SessionRow:
    """A logged session as the ledger, its pages and letters read it: a plain row, not a
    model instance (a year of sessions is hundreds of rows on every services page and in
    every coach check)."""

    stored_id: object  # as the database gave it back (``as_stored``); ``id`` is the uuid
    service_id: object
    date: date
    minutes: int
    status: str
    reason: str
    provider: str
    note: str
    service: Service | None = None

    @property
    def id(self) -> object:
        return ServiceSession._meta.pk.to_python(self.stored_id)

    @property
    def pk(self) -> object:
        return self.id

    def get_status_display(self) -> str:
        return str(SessionStatus(self.status).label)

    def get_reason_display(self) -> str:
        return str(MissedReason(self.reason).label) if self.reason else ""

    @property
    def is_child_absence(self) -> bool:
        return self.status == SessionStatus.MISSED and self.reason == MissedReason.CHILD_ABSENT

    @property
    def count(self) -> int:
        return 1


@dataclass(slots=True)
class SessionsAlike:
    """The sessions of one service logged alike (status, reason, minutes) over a range: how
    many, and the first one's date. What the coach's check tallies instead of each session
    (``services_over_threshold``): a dozen of these instead of a year of rows."""

    service_id: object
    status: str
    reason: str
    minutes: int
    date: date
    count: int


def normalise_name(text: str) -> str:
    """ "Speech-Language  Therapy" and "speech language therapy" are the same service."""
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())


def states_amount(service: Service) -> bool:
    """Whether the IEP says how many minutes and how often; without both nothing can be
    counted as promised (the IEP checks flag it)."""
    return bool(service.minutes) and service.per in Per.values


def amount_text(service: Service) -> str:
    if not states_amount(service):
        return "minutes or frequency not stated"
    return f"{service.minutes} minutes {Per(service.per).label}"


@dataclass
class InForce:
    """One IEP's version of a service and the days it applied within the range."""

    service: Service
    start: date
    end: date

    @property
    def promise(self) -> Promise:
        return Promise(self.service.minutes, self.service.per, self.start, self.end)


@dataclass
class ServiceLine:
    key: str
    service: Service  # the latest version in the range: its name and minutes head the line
    start: date
    end: date
    in_force: list[InForce] = field(default_factory=list)
    sessions: list[SessionRow] = field(default_factory=list)  # oldest first
    # Instead of ``sessions`` when the ledger was read by totals (``each_session=False``).
    alike: list[SessionsAlike] = field(default_factory=list)
    tally: Tally | None = None
    threshold: int = 0
    calendar: SchoolCalendar | None = None
    sessions_shown: int | None = None  # the page lists this many of the latest; None: all

    @property
    def latest_sessions(self) -> list[SessionRow]:
        """The sessions the page lists, newest first."""
        return self.sessions[::-1][: self.sessions_shown]

    @property
    def sessions_hidden(self) -> int:
        return len(self.sessions) - len(self.latest_sessions)

    @property
    def name(self) -> str:
        return self.service.service

    @property
    def promise_text(self) -> str:
        return amount_text(self.service)

    @property
    def amount_stated(self) -> bool:
        return states_amount(self.service)

    @cached_property
    def periods(self) -> list[Tally]:
        """Week by week (month by month for a monthly service), for the evidence table."""
        return by_period(
            [f.promise for f in self.in_force],
            facts(self.sessions, self.service),
            self.calendar or SchoolCalendar(),
            self.start,
            self.end,
        )

    @property
    def changed_in_range(self) -> bool:
        return len({(f.service.minutes, f.service.per) for f in self.in_force}) > 1

    @property
    def over_threshold(self) -> bool:
        """Owed minutes have reached the threshold. A service with no session logged at all
        is not being tracked yet: its "owed" minutes say nothing, so it never triggers."""
        logged = bool(self.sessions or self.alike)
        return logged and self.tally is not None and self.tally.owed >= self.threshold > 0


@dataclass
class Ledger:
    child: Child
    start: date
    end: date
    today: date
    iep: IEP | None  # the IEP in force at the end of the range
    threshold: int
    lines: list[ServiceLine]
    key_of_service: dict[object, str] = field(default_factory=dict)

    def line_for(self, service: Service) -> ServiceLine | None:
        key = self.key_of_service.get(service.pk)
        return next((line for line in self.lines if line.key == key), None)

    @property
    def over_threshold(self) -> list[ServiceLine]:
        return [line for line in self.lines if line.over_threshold]


def iep_in_force(ieps: list[IEP], day: date) -> IEP | None:
    """The IEP that started most recently on or before ``day``."""
    started = [iep for iep in ieps if iep.start_date <= day]
    return max(started, key=lambda i: (i.start_date, i.created_at), default=None)


def _windows(ieps: list[IEP], range_end: date) -> list[tuple[IEP, date, date]]:
    ordered = sorted(ieps, key=lambda i: (i.start_date, i.created_at))
    windows = []
    for index, iep in enumerate(ordered):
        following = ordered[index + 1] if index + 1 < len(ordered) else None
        end = following.start_date - timedelta(days=1) if following else range_end
        if end >= iep.start_date:
            windows.append((iep, iep.start_date, end))
    return windows


def _service_keys(iep: IEP) -> dict[str, Service]:
    keys: dict[str, Service] = {}
    for service in iep.services.all():
        key = normalise_name(service.service)
        if key in keys:  # two services with one name in the same IEP: tell them apart
            key = f"{key} / {normalise_name(service.setting) or service.pk}"
        keys[key] = service
    return keys


def as_stored(column: str) -> ExpressionWrapper:
    """A uuid column as the database gives it back (hex text in SQLite, a uuid from
    PostgreSQL's driver), not made a uuid on each row: a year of sessions is hundreds of
    rows, two ids each, of which a page shows ten per service (``SessionRow.id``)."""
    return ExpressionWrapper(F(column), output_field=CharField())


def stored(pk, using: str) -> object:
    """A uuid as ``as_stored`` reads it back."""
    return UUIDField().get_db_prep_value(pk, connections[using])


def child_ledger(
    child: Child,
    *,
    today: date,
    start: date | None = None,
    end: date | None = None,
    threshold: int | None = None,
    each_session: bool = True,
) -> Ledger:
    """The ledger over [start, end]; default: the current IEP's start to today. ``end`` is
    never later than ``today`` (nothing is owed for days that have not happened).
    ``each_session=False``: the lines hold their sessions counted by kind (``alike``), not
    listed: the same tallies, without a row per session, and no week-by-week table."""
    found = _lines_logged(child, today, start, end, each_session)
    if threshold is None:
        threshold = found.threshold
    if threshold is None:  # nothing logged in the range
        threshold = LedgerSettings.threshold_for(child)
    _tally(found.lines, threshold, SchoolCalendar.for_child(child), found.start, found.end)
    return Ledger(
        child,
        found.start,
        found.end,
        today,
        found.iep,
        threshold,
        found.lines,
        found.key_of_service,
    )


@dataclass
class _Found:
    """The ledger's lines with their sessions, not yet tallied."""

    start: date
    end: date
    iep: IEP | None
    lines: list[ServiceLine]
    key_of_service: dict[object, str]
    threshold: int | None  # the parent's, read with the sessions; None with none logged


def _lines_logged(
    child: Child, today: date, start: date | None, end: date | None, each_session: bool
) -> _Found:
    ieps = list(child.ieps.all())  # no query when the page prefetched them
    prefetch_related_objects(ieps, "services")
    end = min(end or today, today)
    current = iep_in_force(ieps, end)
    if start is None:
        start = current.start_date if current else end
    keys = {iep.pk: _service_keys(iep) for iep in ieps}

    lines: dict[str, ServiceLine] = {}
    key_of_service = {s.pk: key for services in keys.values() for key, s in services.items()}
    for iep, first, last in _windows(ieps, end):
        first, last = max(first, start), min(last, end)
        if first > last:
            continue
        for key, service in keys[iep.pk].items():
            line = lines.setdefault(key, ServiceLine(key, service, start, end))
            line.service = service  # windows run oldest first: the latest version wins
            if states_amount(service):
                line.in_force.append(InForce(service, first, last))

    services = [s for iep in ieps for s in iep.services.all()]

    def line_of(service: Service) -> ServiceLine:
        key = key_of_service[service.pk]
        if key not in lines:  # sessions of a service no IEP promised in this range
            lines[key] = ServiceLine(key, service, start, end)
        return lines[key]

    logged = ServiceSession.objects.filter(
        service__iep__child=child, date__gte=start, date__lte=end
    )
    if each_session:
        rows = logged.order_by("date", "created_at")
        ids = as_stored("id"), as_stored("service_id")
        rows = list(rows.values_list(THRESHOLD_OF_SESSION, *ids, *SESSION_FIELDS))
        by_stored_id = {stored(s.pk, logged.db): s for s in services}
        placed: dict[object, tuple[Service, ServiceLine]] = {}  # by the service's stored id
        for _threshold, stored_id, service_id, *values in rows:
            if service_id not in placed:
                service = by_stored_id[service_id]
                placed[service_id] = service, line_of(service)
            service, line = placed[service_id]
            line.sessions.append(SessionRow(stored_id, service.pk, *values, service))
    else:
        rows = list(_alike(logged))
        services_by_pk = {s.pk: s for s in services}
        for _threshold, service_id, status, reason, minutes, first, n in rows:
            alike = SessionsAlike(service_id, status, reason, minutes, first, n)
            line_of(services_by_pk[service_id]).alike.append(alike)
    # Each row starts with the parent's threshold: None with no settings row (the default).
    threshold = None
    if rows:
        threshold = DEFAULT_OWED_THRESHOLD if rows[0][0] is None else rows[0][0]

    current_keys = list(keys[current.pk]) if current else []
    ordered = sorted(
        lines.values(),
        key=lambda line: (
            current_keys.index(line.key) if line.key in current_keys else len(current_keys),
            line.key,
        ),
    )
    return _Found(start, end, current, ordered, key_of_service, threshold)


def _tally(lines: list[ServiceLine], threshold: int, calendar, start: date, end: date) -> None:
    months: dict = {}  # the lines' windows are mostly one: its months counted once
    for line in lines:
        line.threshold = threshold
        line.calendar = calendar
        line.tally = tally(
            [f.promise for f in line.in_force],
            facts(line.alike or _kinds(line.sessions), line.service),
            calendar,
            start,
            end,
            months,
        )


def _kinds(sessions: list[SessionRow]) -> list[SessionsAlike]:
    """The sessions counted by kind as ``_alike`` counts them, each kind where its first
    session is (so ``facts`` meets the lengths, and the tally the reasons, in the rows'
    order): the same tally as the rows, without a fact per session."""
    kinds: dict[tuple, SessionsAlike] = {}
    for s in sessions:
        kind = kinds.get((s.status, s.reason, s.minutes))
        if kind is None:
            kinds[s.status, s.reason, s.minutes] = SessionsAlike(
                s.service_id, s.status, s.reason, s.minutes, s.date, 1
            )
        else:
            kind.count += 1
    return list(kinds.values())


def _alike(logged):
    """(threshold, service, status, reason, minutes, first date, how many) for each kind of
    session, the earliest kind first (the order ``facts`` meets the lengths in, as with the
    rows)."""
    # values_list first: grouped by its columns, the annotations after them (a copy of the
    # query fewer to build than values, annotate, then values_list).
    return (
        logged.values_list(THRESHOLD_OF_SESSION, "service_id", "status", "reason", "minutes")
        .annotate(first=Min("date"), n=Count("id"))
        .order_by("first", "minutes")
    )


def services_over_threshold(child: Child, today: date) -> list[ServiceLine]:
    """The services of the current IEP whose minutes owed, from the IEP's start to today,
    have reached the parent's threshold. Each line carries what the coach needs:
    ``service``, ``start``/``end`` (the period), ``tally.promised``/``delivered``/``missed``/
    ``owed`` and ``threshold``; its sessions are counted by kind (``alike``), not listed:
    the coach asks on every page it draws. A line with nothing logged is never over, so
    only the logged lines are tallied (and with none, the threshold is never needed)."""
    found = _lines_logged(child, today, None, None, each_session=False)
    logged = [line for line in found.lines if line.alike]
    if logged:
        calendar = SchoolCalendar.for_child(child)
        _tally(logged, found.threshold, calendar, found.start, found.end)
    return [line for line in logged if line.over_threshold]


def service_line(
    child: Child,
    service: Service,
    *,
    today: date,
    start: date | None = None,
    end: date | None = None,
) -> ServiceLine | None:
    """The ledger line holding ``service`` over [start, end] (default: as ``child_ledger``)."""
    return child_ledger(child, today=today, start=start, end=end).line_for(service)


def facts(sessions, service) -> list[SessionFact]:
    """The logged sessions as the tally reads them. A shortened session is measured against
    the planned session length: the IEP's when it gives a number of sessions, else the
    length most sessions were given at (unknown with none delivered: nothing counted)."""
    sessions = list(sessions)
    if service.sessions:
        planned = max(service.minutes // service.sessions, 1)
    else:
        given = Counter()
        for s in sessions:
            if s.status == SessionStatus.DELIVERED:
                given[s.minutes] += s.count
        planned = given.most_common(1)[0][0] if given else 0
    return [
        SessionFact(s.date, s.minutes, s.status, s.reason, planned=planned, count=s.count)
        for s in sessions
    ]
