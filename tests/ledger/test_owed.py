"""Minutes owed, counted by hand against the 2026 calendar.

Federal holidays used: Veterans Day Wed 11 Nov 2026, Thanksgiving Thu 26 Nov 2026, Christmas
Fri 25 Dec 2026, New Year Fri 1 Jan 2027, Martin Luther King Jr. Day Mon 18 Jan 2027.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest

from playbook.children.school_calendar import SchoolCalendar
from playbook.ledger.owed import Promise, SessionFact, by_period, scheduled_minutes, tally

THANKSGIVING_BREAK = (date(2026, 11, 25), date(2026, 11, 27))
WINTER_BREAK = (date(2026, 12, 21), date(2027, 1, 1))


def weekly(minutes, start=date(2026, 8, 1), end=date(2027, 6, 30)):
    return Promise(minutes, "week", start, end)


def test_a_weekly_service_prorates_weeks_with_holidays_and_breaks():
    calendar = SchoolCalendar([THANKSGIVING_BREAK])
    # 5 school days (60) + Veterans Day week 4 (48) + 5 (60) + Thanksgiving week 2 (24)
    minutes = scheduled_minutes([weekly(60)], calendar, date(2026, 11, 2), date(2026, 11, 29))
    assert minutes == 192


def test_a_week_inside_a_break_promises_nothing():
    calendar = SchoolCalendar([WINTER_BREAK])
    assert scheduled_minutes([weekly(60)], calendar, date(2026, 12, 21), date(2027, 1, 3)) == 0


def test_an_iep_starting_midweek_promises_part_of_that_week():
    promise = weekly(60, start=date(2026, 11, 4))  # a Wednesday: 3 of 5 school days
    assert (
        scheduled_minutes([promise], SchoolCalendar(), date(2026, 11, 2), date(2026, 11, 8)) == 36
    )


def test_owed_counts_makeups_shortened_sessions_and_excludes_the_childs_absences():
    calendar = SchoolCalendar([THANKSGIVING_BREAK])
    sessions = [
        SessionFact(date(2026, 11, 3), 30, "delivered"),
        SessionFact(date(2026, 11, 5), 30, "delivered"),
        SessionFact(date(2026, 11, 10), 30, "missed", "provider_absent"),
        SessionFact(date(2026, 11, 12), 30, "delivered"),
        SessionFact(date(2026, 11, 17), 30, "missed", "child_absent"),
        SessionFact(date(2026, 11, 19), 30, "missed", ""),
        SessionFact(date(2026, 11, 20), 30, "made_up"),
        SessionFact(date(2026, 11, 24), 20, "shortened", planned=30),
        SessionFact(date(2026, 12, 1), 30, "delivered"),  # outside the range
    ]
    result = tally([weekly(60)], sessions, calendar, date(2026, 11, 2), date(2026, 11, 29))
    assert result.scheduled == 192
    assert result.child_absent == 30
    assert result.promised == 162
    assert result.delivered == 30 + 30 + 30 + 30 + 20
    assert result.made_up == 30
    assert result.missed == 60
    assert result.missed_by_reason == {"provider_absent": 30, "unknown": 30}
    # What the school lost: 60 missed on its side + 10 cut short, less 30 made up. The
    # calendar's shortfall (162 - 140 = 22) is smaller, so it does not hide a lost minute.
    assert (result.shortened, result.lost, result.balance) == (10, 70, 22)
    assert result.owed == 40
    assert result.surplus == 0


def test_a_worked_example_extra_weeks_never_cancel_minutes_the_school_lost():
    """60 minutes a week in two 30-minute sessions, over four weeks of November 2026.

    Week of Nov 2: both sessions, plus an extra one the therapist added (90 given).
    Week of Nov 9: the provider was absent for one session (30 lost).
    Week of Nov 16: one session cut from 30 to 10 minutes (20 lost); the child was ill for
    the other (not owed: the school log's "Student ill").
    Week of Nov 23: Thanksgiving break, three school days; both sessions given.
    """
    calendar = SchoolCalendar([THANKSGIVING_BREAK])
    sessions = [
        SessionFact(date(2026, 11, 3), 30, "delivered"),
        SessionFact(date(2026, 11, 4), 30, "delivered"),
        SessionFact(date(2026, 11, 5), 30, "delivered"),
        SessionFact(date(2026, 11, 10), 30, "delivered"),
        SessionFact(date(2026, 11, 12), 30, "missed", "provider_absent"),
        SessionFact(date(2026, 11, 17), 10, "shortened", planned=30),
        SessionFact(date(2026, 11, 19), 30, "missed", "child_absent"),
        SessionFact(date(2026, 11, 23), 30, "delivered"),
        SessionFact(date(2026, 11, 24), 30, "delivered"),
    ]
    result = tally([weekly(60)], sessions, calendar, date(2026, 11, 2), date(2026, 11, 29))
    # 2 full weeks (120), Veterans Day's week of 4 school days (48) and the Thanksgiving
    # week's 2 (24); less the 30 the child was absent.
    assert (result.scheduled, result.child_absent, result.promised) == (192, 30, 162)
    assert result.delivered == 90 + 30 + 10 + 60
    # Netted, the extra session and the short weeks would leave nothing owed at all.
    assert (result.balance, result.surplus) == (162 - 190, 28)
    assert (result.missed, result.shortened, result.owed) == (30, 20, 50)


def test_more_delivered_than_promised_is_a_surplus_never_negative_owed():
    sessions = [SessionFact(date(2026, 11, 3), 45, "delivered")] * 2
    result = tally([weekly(60)], sessions, SchoolCalendar(), date(2026, 11, 2), date(2026, 11, 6))
    assert (result.promised, result.delivered, result.owed, result.surplus) == (60, 90, 0, 30)


def test_child_absences_never_make_the_promise_negative():
    sessions = [SessionFact(date(2026, 11, d), 30, "missed", "child_absent") for d in (3, 4, 5)]
    result = tally([weekly(60)], sessions, SchoolCalendar(), date(2026, 11, 2), date(2026, 11, 6))
    assert (result.scheduled, result.child_absent, result.promised, result.owed) == (60, 90, 0, 0)


def test_a_daily_service_counts_school_days_across_winter_break_and_holidays():
    calendar = SchoolCalendar([WINTER_BREAK])
    daily = Promise(20, "day", date(2026, 8, 1), date(2027, 6, 30))
    # 14-18 Dec (5) + 4-8 Jan (5) + 11-15 Jan (5) + 19-22 Jan (4: MLK Day)
    assert scheduled_minutes([daily], calendar, date(2026, 12, 14), date(2027, 1, 22)) == 19 * 20
    result = tally([daily], [], calendar, date(2026, 12, 14), date(2027, 1, 22))
    assert result.school_days == 19
    assert result.owed == 380


def test_a_monthly_service_counts_school_days_out_of_the_months_weekdays():
    # November 2026 has 21 weekdays; 19 are school days (Veterans Day, Thanksgiving).
    monthly = Promise(120, "month", date(2026, 8, 1), date(2027, 6, 30))
    november = (date(2026, 11, 1), date(2026, 11, 30))
    assert scheduled_minutes([monthly], SchoolCalendar(), *november) == Fraction(120 * 19, 21)
    assert tally([monthly], [], SchoolCalendar(), *november).promised == 109  # 108.57
    # With the Thanksgiving break, 17 of 21.
    assert tally([monthly], [], SchoolCalendar([THANKSGIVING_BREAK]), *november).promised == 97


def test_lines_sharing_a_window_share_its_count_but_not_their_periods():
    """A ledger's tallies share what the calendar counted per window (``months``): a
    weekly, a monthly and a daily service over one window each keep their own weights."""
    calendar = SchoolCalendar([WINTER_BREAK])
    window = (date(2026, 11, 16), date(2027, 2, 26))
    promises = [weekly(60), Promise(120, "month", *window), Promise(20, "day", *window)]
    shared: dict = {}
    together = [tally([p], [], calendar, *window, shared).scheduled for p in promises]
    apart = [tally([p], [], SchoolCalendar([WINTER_BREAK]), *window).scheduled for p in promises]
    assert together == apart
    # 62 school days (Thanksgiving, winter break, MLK Day, Presidents' Day out): 10 of
    # November's 21 weekdays, 14 of December's 23, 19 of January's 21, 19 of February's 20.
    assert apart[0] == 62 * 12
    months = Fraction(10, 21) + Fraction(14, 23) + Fraction(19, 21) + Fraction(19, 20)
    assert apart[1] == round(120 * months)
    assert apart[2] == 62 * 20


def test_partial_months_are_summed_exactly_and_rounded_once():
    monthly = Promise(120, "month", date(2026, 8, 1), date(2027, 6, 30))
    # 15-31 Oct: 12 of October's 22 weekdays; November: 19 of 21.
    result = tally([monthly], [], SchoolCalendar(), date(2026, 10, 15), date(2026, 11, 30))
    expected = Fraction(120 * 12, 22) + Fraction(120 * 19, 21)  # 174.03
    assert result.promised == round(expected) == 174


def test_a_service_that_changed_minutes_mid_year_applies_each_iep_in_its_window():
    old = weekly(90, start=date(2026, 8, 20), end=date(2026, 11, 17))
    new = weekly(60, start=date(2026, 11, 18), end=date(2027, 11, 17))
    result = tally([old, new], [], SchoolCalendar(), date(2026, 11, 2), date(2026, 11, 27))
    # 90 + 72 (Veterans Day) + 2 days at 18 + 3 days at 12 + 4 days at 12 (Thanksgiving)
    assert result.promised == 90 + 72 + 36 + 36 + 48


@pytest.mark.parametrize("per", ["fortnight", ""])
def test_an_unknown_period_is_refused_not_guessed(per):
    with pytest.raises(ValueError):
        scheduled_minutes(
            [Promise(30, per, date(2026, 11, 2), date(2026, 11, 6))],
            SchoolCalendar(),
            date(2026, 11, 2),
            date(2026, 11, 6),
        )


def test_week_by_week_rows_clip_to_the_range_and_follow_the_calendar():
    calendar = SchoolCalendar([THANKSGIVING_BREAK])
    sessions = [
        SessionFact(date(2026, 11, 5), 60, "delivered"),
        SessionFact(date(2026, 11, 10), 30, "missed", "provider_absent"),
    ]
    rows = by_period([weekly(60)], sessions, calendar, date(2026, 11, 4), date(2026, 11, 24))
    assert [(r.start, r.end) for r in rows] == [
        (date(2026, 11, 4), date(2026, 11, 8)),
        (date(2026, 11, 9), date(2026, 11, 15)),
        (date(2026, 11, 16), date(2026, 11, 22)),
        (date(2026, 11, 23), date(2026, 11, 24)),
    ]
    assert [(r.promised, r.delivered, r.missed, r.owed) for r in rows] == [
        (36, 60, 0, 0),
        (48, 0, 30, 48),
        (60, 0, 0, 60),
        (24, 0, 0, 24),
    ]


def test_a_monthly_service_is_shown_month_by_month():
    monthly = Promise(120, "month", date(2026, 8, 1), date(2027, 6, 30))
    rows = by_period([monthly], [], SchoolCalendar(), date(2026, 10, 15), date(2026, 11, 30))
    assert [(r.start, r.end, r.promised) for r in rows] == [
        (date(2026, 10, 15), date(2026, 10, 31), 65),  # 12 of 22 weekdays
        (date(2026, 11, 1), date(2026, 11, 30), 109),  # 19 of 21
    ]
