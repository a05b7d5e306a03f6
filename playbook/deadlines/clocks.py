"""The state clocks that are more than "N days after": Texas's absences, June 30 and ARD
rules, California's year-end referral rules and dated filing limits. Each returns the due
date and the sentence that explains it; the rule tables hold the numbers and citations."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from django.utils import formats
from django.utils.translation import get_language, gettext

from playbook.children.counting import add_years, due_after, summer_after, summer_breaks
from playbook.children.deadline_rules import Rule
from playbook.children.school_calendar import SchoolCalendar
from playbook.day_text import days_as

TX_TWO_YEARS_FROM = date(2022, 9, 1)  # 19 TAC § 89.1151(c)
TX_ABSENCES_THAT_EXTEND = 3  # Tex. Educ. Code § 29.004(a)
CA_LATE_REFERRAL_DAYS = 30  # Cal. Educ. Code § 56344(a)
CA_LATE_PLAN_DAYS = 10  # Cal. Educ. Code § 56321(a)


# What ``%B`` writes in the C locale, which Python keeps unless a program changes it: the
# English long date, without strftime's call per date (a hundred dates per computation).
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def long_date(day: date) -> str:
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


def shown_date(day: date) -> str:
    """`long_date` in the reader's language ("2 de marzo de 2026" in Spanish)."""
    if (get_language() or "en").startswith("en"):
        return long_date(day)
    return formats.date_format(day, "DATE_FORMAT")


def date_words() -> Callable[[date], str]:
    """`shown_date` for the many dates of one computation: the language and the format
    looked up once (Django's formatter translates the month's name on every call)."""
    if (get_language() or "en").startswith("en"):
        return long_date
    return days_as("DATE_FORMAT")


def _counting(words: str) -> str:
    from .engine import shown_counting

    return shown_counting(words)


def last_school_day_before_summer(calendar: SchoolCalendar, after: date) -> date | None:
    summer = summer_after(calendar, after)
    if summer is None:
        return None
    day = summer[0] - timedelta(days=1)
    while not calendar.is_school_day(day):
        day -= timedelta(days=1)
    return day


def next_year_starts(calendar: SchoolCalendar, evaluation, after: date) -> date | None:
    """The first day of the next school year: as the parent entered it, else the first
    school day after the summer break."""
    if evaluation.next_year_starts:
        return evaluation.next_year_starts
    summer = summer_after(calendar, after)
    if summer is None:
        return None
    return calendar.next_school_day(summer[1] + timedelta(days=1))


def texas_june_30(calendar: SchoolCalendar, evaluation) -> date | None:
    """TEC § 29.004(a-1): consent 35 to 44 school days before the last instructional day, and
    fewer than 3 days absent: the report is due June 30. None when the case does not apply."""
    signed = evaluation.signed_on
    if evaluation.absences >= TX_ABSENCES_THAT_EXTEND:
        return None
    last_day = last_school_day_before_summer(calendar, signed)
    if last_day is None:
        return None
    left = calendar.school_days_between(signed + timedelta(days=1), last_day)
    return date(last_day.year, 6, 30) if 35 <= left < 45 else None


def texas_report(calendar: SchoolCalendar, evaluation, school_days: int) -> tuple[date, str]:
    signed = evaluation.signed_on
    june_30 = texas_june_30(calendar, evaluation)
    if june_30 is not None:
        last_day = last_school_day_before_summer(calendar, signed)
        left = calendar.school_days_between(signed + timedelta(days=1), last_day)
        return june_30, gettext(
            "Your consent on %(day)s came %(left)s school days before the last day of school "
            "(%(last_day)s), so the report is due by June 30."
        ) % {"day": shown_date(signed), "left": left, "last_day": shown_date(last_day)}
    words = {"n": school_days, "day": shown_date(signed), "absences": evaluation.absences}
    if evaluation.absences >= TX_ABSENCES_THAT_EXTEND:
        school_days += evaluation.absences
        basis = gettext(
            "%(n)s school days after the school received your written consent on %(day)s, "
            "plus the %(absences)s school days your child was absent meanwhile (three or "
            "more absences extend the clock)."
        )
    else:
        basis = gettext(
            "%(n)s school days after the school received your written consent on %(day)s."
        )
    return calendar.add_school_days(signed, school_days), basis % words


def texas_ard(calendar: SchoolCalendar, evaluation) -> tuple[date, str]:
    """ARD decisions 30 calendar days after the report; the 30th day in summer moves to the
    first day of fall classes; in the June 30 case, the 15th school day of the next year."""
    report = evaluation.report_on
    if evaluation.signed_on and texas_june_30(calendar, evaluation) is not None:
        first = next_year_starts(calendar, evaluation, evaluation.signed_on)
        if first is not None:
            first = calendar.next_school_day(first)
            return calendar.add_school_days(first, 14), gettext(
                "The consent came 35 to 44 school days before the end of the year, so the ARD "
                "meets by the 15th school day of the next year (which starts %(day)s)."
            ) % {"day": shown_date(first)}
    due = report + timedelta(days=30)
    for start, end in summer_breaks(calendar):
        if start <= due <= end:
            first = evaluation.next_year_starts or calendar.next_school_day(end + timedelta(days=1))
            return first, gettext(
                "30 calendar days after the evaluation report of %(report)s falls in the "
                "summer (%(due)s), so the ARD has until the first day of classes, %(first)s."
            ) % {"report": shown_date(report), "due": shown_date(due), "first": shown_date(first)}
    return due, gettext("30 calendar days after the evaluation report of %(report)s.") % {
        "report": shown_date(report)
    }


def california_late_referral(
    calendar: SchoolCalendar, evaluation, due: date, basis: str
) -> tuple[date, str]:
    """Ed. Code § 56344(a): a referral 30 days or less before the end of the regular school
    year: the IEP within 30 days after the next school year starts."""
    referral = evaluation.requested_on
    if referral is None:
        return due, basis
    last_day = last_school_day_before_summer(calendar, referral)
    if last_day is None or (last_day - referral).days > CA_LATE_REFERRAL_DAYS:
        return due, basis
    first = next_year_starts(calendar, evaluation, referral)
    if first is None:
        return due, basis
    late_due = first + timedelta(days=CA_LATE_REFERRAL_DAYS)
    return late_due, gettext(
        "The referral on %(day)s came %(n)s days before the end of the school year "
        "(%(last_day)s), so the IEP is due within 30 days after the next year starts on "
        "%(first)s."
    ) % {
        "day": shown_date(referral),
        "n": (last_day - referral).days,
        "last_day": shown_date(last_day),
        "first": shown_date(first),
    }


def california_assessment_plan(
    calendar: SchoolCalendar, evaluation, rule: Rule
) -> tuple[date, str]:
    """Ed. Code § 56321(a): 15 days from the referral, not counting breaks of more than 5
    school days; a referral 10 days or less before the end of the regular school year: 10
    days after the next year starts."""
    referral = evaluation.requested_on
    last_day = last_school_day_before_summer(calendar, referral)
    if last_day is not None and (last_day - referral).days <= CA_LATE_PLAN_DAYS:
        first = next_year_starts(calendar, evaluation, referral)
        if first is not None:
            return first + timedelta(days=CA_LATE_PLAN_DAYS), gettext(
                "The referral on %(day)s came %(n)s days before the end of the school year, "
                "so the plan is due within 10 days after the next year starts on %(first)s."
            ) % {
                "day": shown_date(referral),
                "n": (last_day - referral).days,
                "first": shown_date(first),
            }
    return due_after(referral, rule, calendar), gettext(
        "%(amount)s %(counting)s after the school received the referral on %(day)s."
    ) % {
        "amount": rule.amount,
        "counting": _counting(rule.counting_words),
        "day": shown_date(referral),
    }


def filing_years(rule: Rule, event: date) -> int:
    """Texas: two years since 1 September 2022; an event whose one-year window had closed
    before then keeps the one year (19 TAC § 89.1151(c))."""
    texas = rule.jurisdiction == "TX" and rule.id == "due_process"
    if texas and add_years(event, 1) < TX_TWO_YEARS_FROM:
        return 1
    return rule.amount if rule.unit == "years" else 1
