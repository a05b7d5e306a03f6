"""Minutes owed: what the IEP promised against what was delivered, over a date range.

A pure function of the promises in force (minutes per day, week or month and the dates each
applies), the logged sessions, the child's school calendar and the range. No database.

How promised minutes are counted (the decision, kept conservative so that a figure the parent
puts in a letter is one the school cannot call inflated):

- Only school days count: weekdays that are not a federal holiday and not inside one of the
  child's breaks (``SchoolCalendar``).
- Per day: the minutes, on every school day in the range.
- Per week (Monday to Sunday): a week with at least one school day in the range counts, in
  proportion to its school days out of 5. A full week promises the whole minutes; the week
  of Thanksgiving with three school days promises 3/5 of them; a week inside winter break
  promises nothing; the week an IEP starts on a Wednesday promises 3/5.
- Per month: likewise, a month's school days in the range out of its weekdays (Monday to
  Friday, holidays included). A month with a week of break promises less than a full one.
- Each IEP's services apply from its start date until the day before the next IEP starts;
  the latest IEP applies to the end of the range.
- Fractions are kept exact and rounded to whole minutes (half up) once, at the end.

Sessions: delivered, shortened and made-up sessions count as delivered (their minutes are
the minutes actually given). A missed session whose reason is the child's own absence
reduces what was promised instead of counting as owed.

What is owed is what the school lost, session by session: the minutes of sessions missed
for any reason on the school's side, plus the minutes cut from shortened sessions (their
planned length less the minutes given), less the minutes made up. A week that delivered
more than its share of the weekly minutes (a short week with the usual sessions) never
cancels a session the school missed in another week (issue 15): the calendar comparison
(promised against delivered) counts only when it is larger, as when sessions were never
logged at all. Owed is never negative.
"""

from __future__ import annotations

from bisect import bisect_left
from calendar import monthrange
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from fractions import Fraction

from playbook.children.school_calendar import SchoolCalendar, weekdays_between

from .models import MissedReason, SessionStatus

DAYS_IN_WEEK_COUNTED = 5
DELIVERED_STATUSES = frozenset(
    {SessionStatus.DELIVERED, SessionStatus.SHORTENED, SessionStatus.MADE_UP}
)


@dataclass(frozen=True)
class Promise:
    """``minutes`` each ``per`` ("day", "week", "month"), in force from ``start`` to ``end``
    (both included)."""

    minutes: int
    per: str
    start: date
    end: date


@dataclass(frozen=True)
class SessionFact:
    date: date
    minutes: int
    status: str
    reason: str = ""
    #: The session's planned length, for a shortened one (0: not known).
    planned: int = 0
    #: How many sessions alike (same status, reason and minutes) this one stands for: the
    #: coach's check tallies sessions by kind, not one by one (``lines.services_over_threshold``).
    count: int = 1

    @property
    def shortened_by(self) -> int:
        if self.status != SessionStatus.SHORTENED or not self.planned:
            return 0
        return max(self.planned - self.minutes, 0)

    @property
    def is_child_absence(self) -> bool:
        return self.status == SessionStatus.MISSED and self.reason == MissedReason.CHILD_ABSENT


@dataclass(frozen=True)
class Tally:
    start: date
    end: date
    scheduled: int  # promised by the calendar, before the child's own absences
    child_absent: int
    promised: int
    delivered: int
    made_up: int
    missed: int  # missed for reasons other than the child's absence
    missed_by_reason: dict[str, int] = field(default_factory=dict)
    school_days: int = 0
    shortened: int = 0  # minutes cut from shortened sessions

    @property
    def balance(self) -> int:
        return self.promised - self.delivered

    @property
    def lost(self) -> int:
        """Minutes the school lost: missed on its side, and cut from shortened sessions."""
        return self.missed + self.shortened

    @property
    def owed(self) -> int:
        """The larger of what the school lost (less make-ups) and the calendar's shortfall
        (sessions never logged are owed too); never the one netted against the other."""
        return max(self.lost - self.made_up, self.balance, 0)

    @property
    def surplus(self) -> int:
        return max(-self.balance, 0)


def _weekdays_in_month(day: date) -> int:
    first = day.replace(day=1)
    return weekdays_between(first, first.replace(day=monthrange(first.year, first.month)[1]))


def _weight(per: str, day: date) -> Fraction:
    """The share of one period's minutes a school day carries."""
    if per == "day":
        return Fraction(1)
    if per == "week":
        return Fraction(1, DAYS_IN_WEEK_COUNTED)
    if per == "month":
        return Fraction(1, _weekdays_in_month(day))
    raise ValueError(f"unknown period {per!r}")


def _days(start: date, end: date) -> Iterable[date]:
    for offset in range((end - start).days + 1):
        yield start + timedelta(days=offset)


def scheduled_minutes(
    promises: Iterable[Promise],
    calendar: SchoolCalendar,
    start: date,
    end: date,
    months: dict | None = None,
) -> Fraction:
    """Minutes promised in [start, end] by the calendar alone, exact. ``months``: what was
    counted already with this calendar, per window (a ledger's services mostly share one:
    counted once for all its lines)."""
    months = {} if months is None else months
    total = Fraction(0)
    for promise in promises:
        first, last = max(start, promise.start), min(end, promise.end)
        total += promise.minutes * _weighed_days(promise.per, calendar, first, last, months)
    return total


def _weighed_days(per: str, calendar: SchoolCalendar, first: date, last: date, months: dict):
    """The school days of [first, last], each weighed by the share of a ``per``'s minutes it
    carries. A day's weight depends only on its month: the school days are counted per month,
    then each month weighed once (the same exact sum, without a Fraction per day)."""
    weighed = months.get((first, last, per))
    if weighed is None:
        per_month = months.get((first, last))
        if per_month is None:
            per_month = months[first, last] = _per_month(calendar, first, last)
        weighed = sum(
            (_weight(per, month) * days for month, days in per_month.items()), Fraction(0)
        )
        months[first, last, per] = weighed
    return weighed


def _per_month(calendar: SchoolCalendar, first: date, last: date) -> dict[date, int]:
    """The school days in [first, last] per month (its first day)."""
    days = calendar.school_days_in(first, last) if first <= last else ()
    per_month, index = {}, 0
    while index < len(days):  # the days are in order: each month's run ends at the next's
        month = days[index].replace(day=1)
        following = bisect_left(days, (month + timedelta(days=32)).replace(day=1), index)
        per_month[month], index = following - index, following
    return per_month


def _round(value: Fraction) -> int:
    return int(value + Fraction(1, 2)) if value >= 0 else -_round(-value)


def tally(
    promises: Iterable[Promise],
    sessions: Iterable[SessionFact],
    calendar: SchoolCalendar,
    start: date,
    end: date,
    months: dict | None = None,
) -> Tally:
    """Promised, delivered, missed and owed minutes for one service over [start, end].

    Sessions outside the range are ignored. ``months``: as ``scheduled_minutes``, shared by
    the tallies of one calendar."""
    promises = list(promises)
    in_range = [s for s in sessions if start <= s.date <= end]
    scheduled = _round(scheduled_minutes(promises, calendar, start, end, months))
    child_absent = sum(s.minutes * s.count for s in in_range if s.is_child_absence)
    missed_by_reason = Counter()
    for s in in_range:
        if s.status == SessionStatus.MISSED and not s.is_child_absence:
            missed_by_reason[s.reason or MissedReason.UNKNOWN] += s.minutes * s.count
    return Tally(
        start=start,
        end=end,
        scheduled=scheduled,
        child_absent=child_absent,
        promised=max(scheduled - child_absent, 0),
        delivered=sum(s.minutes * s.count for s in in_range if s.status in DELIVERED_STATUSES),
        made_up=sum(s.minutes * s.count for s in in_range if s.status == SessionStatus.MADE_UP),
        missed=sum(missed_by_reason.values()),
        missed_by_reason=dict(missed_by_reason),
        school_days=_school_days(promises, calendar, start, end),
        shortened=sum(s.shortened_by * s.count for s in in_range),
    )


def _school_days(promises: list[Promise], calendar: SchoolCalendar, start: date, end: date) -> int:
    """School days in the range on which some promise was in force."""
    if len(promises) == 1:  # most lines: one IEP's promise over the range
        first, last = max(start, promises[0].start), min(end, promises[0].end)
        return len(calendar.school_days_in(first, last)) if first <= last else 0
    days = set()
    for promise in promises:
        first, last = max(start, promise.start), min(end, promise.end)
        if first <= last:
            days.update(calendar.school_days_in(first, last))
    return len(days)


def _period_start(day: date, unit: str) -> date:
    return day.replace(day=1) if unit == "month" else day - timedelta(days=day.weekday())


def _next_period(day: date, unit: str) -> date:
    if unit == "month":
        return (day.replace(day=1) + timedelta(days=32)).replace(day=1)
    return day + timedelta(days=7)


def by_period(
    promises: Iterable[Promise],
    sessions: Iterable[SessionFact],
    calendar: SchoolCalendar,
    start: date,
    end: date,
) -> list[Tally]:
    """The tally week by week (Monday to Sunday), or month by month when every promise is
    per month, each clipped to [start, end]. Each period is rounded on its own, so the rows
    may add up to a minute or two more or less than the tally of the whole range."""
    promises = list(promises)
    unit = "month" if promises and all(p.per == "month" for p in promises) else "week"
    # Each period tallies only its own sessions: a year of weeks against a year of sessions
    # would otherwise compare every session with every week.
    in_period: dict[date, list[SessionFact]] = defaultdict(list)
    for session in sessions:
        in_period[_period_start(session.date, unit)].append(session)
    rows = []
    period = _period_start(start, unit)
    while period <= end:
        following = _next_period(period, unit)
        first, last = max(period, start), min(following - timedelta(1), end)
        rows.append(tally(promises, in_period.get(period, ()), calendar, first, last))
        period = following
    return rows
