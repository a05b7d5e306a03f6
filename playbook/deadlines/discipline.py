"""The discipline clock: removals counted over the school year and the rules of 34 CFR
§§ 300.530-300.536 they bring into play.

After 10 school days of removal in a school year the school must keep providing services
(§ 300.530(d)); a removal of more than 10 school days in a row, or a series that adds up to
more than 10 and forms a pattern, is a change of placement (§ 300.536); within 10 school
days of deciding a change of placement the school, the parent and the relevant IEP team
members review whether the behavior was a manifestation of the disability (§ 300.530(e));
if it was, a functional behavioral assessment and a behavior intervention plan follow
(§ 300.530(f)); the parent may appeal (§ 300.532).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.utils.translation import gettext

from .models import shown_number

THRESHOLD = Decimal(10)  # school days in a school year, § 300.530(b), (d)


def school_year(child, day: date) -> tuple[date, date]:
    """The school year ``day`` falls in, from the child's school-year start month."""
    month = child.school_year_start_month
    year = day.year if day.month >= month else day.year - 1
    start = date(year, month, 1)
    return start, date(year + 1, month, 1) - timedelta(days=1)


@dataclass(frozen=True)
class RemovalYear:
    start: date
    end: date
    removals: list
    days: Decimal

    @property
    def over_threshold(self) -> bool:
        return self.days > THRESHOLD

    @property
    def at_threshold(self) -> bool:
        return self.days >= THRESHOLD

    @property
    def days_words(self) -> str:
        shown = shown_number(self.days)
        if self.days == 1:
            return gettext("%(n)s school day") % {"n": shown}
        return gettext("%(n)s school days") % {"n": shown}

    @property
    def rule_words(self) -> str:
        if self.over_threshold:
            return gettext(
                "More than 10 school days of removal this school year: the school must keep "
                "providing services (34 CFR § 300.530(d)), and if the removals form a pattern "
                "they are a change of placement that needs a manifestation determination "
                "review (§§ 300.530(e), 300.536)."
            )
        if self.at_threshold:
            return gettext(
                "10 school days of removal this school year: any further removal brings the "
                "protections of 34 CFR § 300.530(d)."
            )
        left = THRESHOLD - self.days
        return gettext(
            "%(n)s school days left before the protections of 34 CFR § 300.530(d) apply."
        ) % {"n": shown_number(left)}


def removal_year(child, day: date, removals=None) -> RemovalYear:
    start, end = school_year(child, day)
    rows = list(child.removals.all()) if removals is None else removals
    inside = sorted((r for r in rows if start <= r.date <= end), key=lambda r: r.date)
    return RemovalYear(start, end, inside, sum((r.day_count for r in inside), Decimal(0)))
