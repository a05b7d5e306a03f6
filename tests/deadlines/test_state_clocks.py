"""Worked examples for the state clocks of issue 18, each date counted by hand in the
comment above it (school days skip weekends, the federal holidays school is closed on and the
entered breaks)."""

from datetime import date

from playbook.children import deadline_rules as rules
from playbook.children.models import IEP, SchoolBreak
from playbook.deadlines.clocks import filing_years
from playbook.deadlines.engine import deadlines_for
from playbook.deadlines.models import EvaluationConsent
from playbook.meetings.models import Meeting
from playbook.refusals.models import Refusal

TODAY = date(2026, 9, 1)


def one(child, rule, today=TODAY):
    found = [d for d in deadlines_for(child, today) if d.rule == rule]
    assert len(found) == 1, f"{rule}: {found}"
    return found[0]


def none_of(child, rule, today=TODAY):
    return not [d for d in deadlines_for(child, today) if d.rule == rule]


def in_state(child, state, **changes):
    child.state = state
    for name, value in changes.items():
        setattr(child, name, value)
    child.save()
    return child


def summer_2027(child, start=date(2027, 6, 5), end=date(2027, 8, 17)):
    SchoolBreak.objects.create(child=child, name="Summer", start=start, end=end)


def evaluation(child, **fields):
    return EvaluationConsent.objects.create(child=child, **fields)


# Texas: the report, 45 school days from consent (Tex. Educ. Code § 29.004(a))


def test_texas_45_school_days_and_absences_extend_the_clock(child):
    in_state(child, "TX")
    ev = evaluation(child, signed_on=date(2026, 9, 14), absences=2)
    # From Mon 14 Sep 2026: 15-18 Sep (4), 21-25 (9), 28 Sep-2 Oct (14), 5-9 Oct (19),
    # Columbus Day 12 Oct closed, 13-16 (23), 19-23 (28), 26-30 (33), 2-6 Nov (38),
    # 9, 10, 12, 13 (42; Veterans Day 11 Nov closed), 16, 17, 18 (45): Wed 18 Nov 2026.
    # Two absences: fewer than three, no extension.
    assert one(child, "initial_evaluation").due == date(2026, 11, 18)
    ev.absences = 4
    ev.save()
    # Four absences extend it by four school days: 19, 20, 23, 24 Nov -> Tue 24 Nov 2026.
    report = one(child, "initial_evaluation")
    assert report.due == date(2026, 11, 24)
    assert "plus the 4 school days your child was absent" in report.basis


def test_texas_june_30_case_and_absences_cancel_it(child):
    in_state(child, "TX")
    summer_2027(child)
    ev = evaluation(child, signed_on=date(2027, 4, 12))
    # School days left after Mon 12 Apr 2027 until the last day, Fri 4 Jun: 13-16 Apr (4),
    # then five full weeks to 28 May (29 more: 34... counted: 19-23 Apr 9, 26-30 Apr 14,
    # 3-7 May 19, 10-14 May 24, 17-21 May 29, 24-28 May 34), Memorial Day 31 May closed,
    # 1-4 Jun (38). 38 is within 35-44: the report is due June 30, 2027.
    assert one(child, "initial_evaluation", date(2027, 4, 13)).due == date(2027, 6, 30)
    ev.absences = 3
    ev.save()
    # Three absences: the June 30 rule no longer applies; 45 + 3 = 48 school days.
    # 38 by 4 Jun, summer to 17 Aug, then Wed 18 Aug (39), 19, 20 (41), 23-27 (46),
    # 30, 31 Aug (48): Tue 31 Aug 2027.
    assert one(child, "initial_evaluation", date(2027, 4, 13)).due == date(2027, 8, 31)


def test_texas_ard_in_the_june_30_case_meets_by_the_15th_school_day(child):
    in_state(child, "TX")
    summer_2027(child)
    evaluation(
        child,
        signed_on=date(2027, 4, 12),
        report_on=date(2027, 6, 25),
        next_year_starts=date(2027, 8, 18),
    )
    # The year starts Wed 18 Aug 2027 (day 1): 18-20 Aug (3), 23-27 (8), 30 Aug-3 Sep (13),
    # Labor Day 6 Sep closed, 7 Sep (14), 8 Sep (15): Wed 8 Sep 2027.
    ard = one(child, "ard_meeting", date(2027, 6, 26))
    assert ard.due == date(2027, 9, 8)
    assert ard.citation == "19 TAC § 89.1011; Tex. Educ. Code § 29.004"
    assert ard.tag == "Secondary"
    assert "15th school day" in ard.basis


def test_texas_ard_30th_day_in_summer_moves_to_the_first_day_of_classes(child):
    in_state(child, "TX")
    summer_2027(child)
    evaluation(child, signed_on=date(2027, 2, 1), report_on=date(2027, 5, 20))
    # 20 May + 30 days = Sat 19 Jun 2027, inside the summer break (5 Jun-17 Aug): the ARD
    # has until the first day of classes, the first school day after the break, Wed 18 Aug.
    ard = one(child, "ard_meeting", date(2027, 5, 21))
    assert ard.due == date(2027, 8, 18)
    assert "falls in the summer" in ard.basis
    assert "at least 5 school days before" in ard.note


def test_texas_ard_during_the_year_is_30_calendar_days(child):
    in_state(child, "TX")
    evaluation(child, signed_on=date(2026, 8, 20), report_on=date(2026, 10, 1))
    # 1 Oct + 30 days = Sat 31 Oct 2026 (calendar days: weekends count).
    assert one(child, "ard_meeting", date(2026, 10, 2)).due == date(2026, 10, 31)


def test_texas_answer_to_a_written_request_in_15_school_days(child):
    in_state(child, "TX")
    evaluation(child, requested_on=date(2026, 10, 2))
    # From Fri 2 Oct 2026: 5-9 Oct (5), Columbus Day 12 Oct closed, 13-16 (9), 19-23 (14),
    # Mon 26 Oct (15).
    answer = one(child, "evaluation_request_answer")
    assert answer.due == date(2026, 10, 26)
    assert answer.citation == "19 TAC § 89.1011(b)"
    assert "Overview of Special Education for Parents" in answer.note
    # No evaluation clock yet: the request alone starts none.
    assert none_of(child, "initial_evaluation")
    # The district teaches on Columbus Day: 5-9 (5), 12-16 (10), 19-23 (15): Fri 23 Oct.
    in_state(child, "TX", holidays_in_session=["Columbus Day"])
    assert one(child, "evaluation_request_answer").due == date(2026, 10, 23)


def test_the_answer_clock_is_texas_only(child):
    evaluation(child, requested_on=date(2026, 10, 2))
    in_state(child, "WA")  # Ohio, Michigan and Texas have one; Washington not in our tables
    assert none_of(child, "evaluation_request_answer")


def test_texas_due_process_is_dated(child):
    in_state(child, "TX")
    rule = rules.resolve("due_process", "TX").rule
    assert rule.citation == "19 TAC § 89.1151(c)"
    # An event of 1 Jun 2021: its one-year window closed 1 Jun 2022, before the two-year
    # rule began on 1 Sep 2022, so it keeps one year.
    assert filing_years(rule, date(2021, 6, 1)) == 1
    # An event of 1 Oct 2021 could still be filed on 1 Sep 2022: two years.
    assert filing_years(rule, date(2021, 10, 1)) == 2
    Refusal.objects.create(child=child, said_on=date(2026, 3, 3), words="No.")
    # 3 Mar 2026 + 2 years = 3 Mar 2028.
    due_process = one(child, "due_process", date(2026, 3, 4))
    assert due_process.due == date(2028, 3, 3)
    assert due_process.source == "TX"


# California


def test_california_late_referral_moves_the_iep_to_the_next_year(child):
    summer_2027(child, date(2027, 6, 12), date(2027, 8, 20))
    ev = evaluation(
        child,
        requested_on=date(2027, 5, 20),
        signed_on=date(2027, 6, 1),
        next_year_starts=date(2027, 8, 23),
    )
    # The last school day is Fri 11 Jun 2027; the referral on 20 May came 22 days before
    # (30 or less), so the IEP is due 30 days after the year starts on Mon 23 Aug: 22 Sep.
    iep = one(child, "initial_evaluation", date(2027, 6, 2))
    assert iep.due == date(2027, 9, 22)
    assert "came 22 days before" in iep.basis
    ev.requested_on = date(2027, 4, 1)
    ev.save()
    # A referral 71 days before: the 60 days, not counting the summer break (a break over
    # 5 school days). 2-11 Jun are days 1-10; the break 12 Jun-20 Aug is skipped; 21 Aug is
    # day 11, so day 60 is 21 Aug + 49 = Sat 9 Oct 2027.
    assert one(child, "initial_evaluation", date(2027, 6, 2)).due == date(2027, 10, 9)


def test_california_assessment_plan_in_15_days_or_10_after_the_year_starts(child):
    summer_2027(child, date(2027, 6, 12), date(2027, 8, 20))
    evaluation(child, requested_on=date(2026, 10, 5))
    # 5 Oct 2026 + 15 calendar days (no break over 5 school days in between) = 20 Oct.
    plan = one(child, "assessment_plan")
    assert plan.due == date(2026, 10, 20)
    assert plan.citation == "Cal. Educ. Code § 56321(a)"
    EvaluationConsent.objects.all().delete()
    evaluation(child, requested_on=date(2027, 6, 3))
    # 3 Jun 2027 is 8 days before the last school day (Fri 11 Jun): 10 days after the next
    # year starts, the first school day after the break, Mon 23 Aug -> Thu 2 Sep 2027.
    assert one(child, "assessment_plan", date(2027, 6, 4)).due == date(2027, 9, 2)


# Pennsylvania


def test_pennsylvania_report_before_the_meeting_and_iep_after_the_report(child):
    in_state(child, "PA")
    ev = evaluation(child, signed_on=date(2026, 9, 1))
    Meeting.objects.create(child=child, kind="iep", status="scheduled", date=date(2026, 11, 20))
    # 10 school days before Fri 20 Nov 2026, counted back: 19, 18, 17, 16, 13, 12 (6),
    # Veterans Day 11 Nov closed, 10, 9, 6, 5 (10): Thu 5 Nov 2026.
    before = one(child, "report_before_meeting")
    assert before.due == date(2026, 11, 5)
    assert before.citation == "22 Pa. Code § 14.123(d)"
    ev.report_on = date(2026, 10, 1)
    ev.save()
    # The IEP within 30 days of the report: 1 Oct + 30 = 31 Oct 2026.
    assert one(child, "iep_after_report").due == date(2026, 10, 31)
    assert none_of(child, "report_before_meeting")


def test_pennsylvania_intellectual_disability_two_years_everywhere(alice_client, child):
    in_state(child, "PA", disability_categories="Intellectual disability")
    iep = IEP.objects.create(
        child=child,
        start_date=date(2026, 3, 3),
        end_date=date(2027, 3, 2),
        last_evaluation_date=date(2025, 5, 1),
    )
    # 1 May 2025 + 2 years = 1 May 2027, on the deadlines, on the IEP and in the API.
    assert one(child, "reevaluation").due == date(2027, 5, 1)
    assert iep.reevaluation_due_or_derived == date(2027, 5, 1)
    page = alice_client.get(f"/children/{child.pk}/iep/{iep.pk}/").content.decode()
    assert "May 1, 2027" in page
    assert "2 years after the last evaluation, 22 Pa. Code § 14.124(c)" in page
    api = alice_client.get(f"/api/v1/children/{child.pk}/ieps/{iep.pk}").json()
    assert api["reevaluation_due"] == "2027-05-01"
    # The rule table and the shared cycle agree.
    table = rules.state_rule("reevaluation_intellectual_disability", "PA")
    assert (table.amount, table.citation) == (2, "22 Pa. Code § 14.124(c)")
    # Another state, or another category: three years.
    in_state(child, "OH")
    iep.refresh_from_db()
    assert iep.reevaluation_due_or_derived == date(2028, 5, 1)


def test_coach_names_the_two_year_cycle(child):
    from playbook.coach.facts import load_facts
    from playbook.coach.rules import prepare_reevaluation

    in_state(child, "PA", disability_categories="Intellectual disability")
    IEP.objects.create(
        child=child,
        start_date=date(2026, 3, 3),
        end_date=date(2027, 3, 2),
        last_evaluation_date=date(2025, 5, 1),
    )
    (suggestion,) = prepare_reevaluation(load_facts(child, date(2027, 2, 1)))
    assert "at least every 2 years, 22 Pa. Code § 14.124(c)" in suggestion.why


# New York


def test_new_york_services_within_60_school_days(child):
    in_state(child, "NY")
    evaluation(child, signed_on=date(2026, 9, 14))
    # 45 school days land on Wed 18 Nov 2026 (as in Texas above); then 19, 20 (47),
    # 23-25 (50), Thanksgiving 26 Nov closed, 27 (51), 30 Nov-4 Dec (56), 7-10 Dec (60):
    # Thu 10 Dec 2026.
    services = one(child, "services_start")
    assert services.due == date(2026, 12, 10)
    assert services.citation == "8 NYCRR § 200.4(e)(1)"


def test_california_iep_meeting_within_30_days_of_a_written_request(child):
    from playbook.advocacy.models import Ask

    SchoolBreak.objects.create(
        child=child, name="Winter", start=date(2026, 12, 21), end=date(2027, 1, 1)
    )
    Ask.objects.create(
        child=child, subject="An IEP meeting", asked_on=date(2026, 12, 7), kind="meeting_request"
    )
    # 30 days from 7 Dec 2026, not counting the winter break (8 school days, over 5):
    # 8-20 Dec are days 1-13, 21 Dec-1 Jan skipped, 2 Jan is day 14, day 30 is 18 Jan 2027.
    meeting = one(child, "iep_meeting_on_request", date(2026, 12, 8))
    assert meeting.due == date(2027, 1, 18)
    assert meeting.citation == "Cal. Educ. Code § 56343.5"
    # Another state: no such clock.
    in_state(child, "OH")
    assert none_of(child, "iep_meeting_on_request", date(2026, 12, 8))
