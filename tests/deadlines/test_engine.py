"""The deadline engine against the regulations' own clocks and the state tables."""

from datetime import date

import pytest

from playbook.advocacy.models import Ask, AskStatus
from playbook.children import deadline_rules as rules
from playbook.children.models import IEP, SchoolBreak
from playbook.deadlines.engine import deadlines_for, upcoming
from playbook.deadlines.models import EvaluationConsent
from playbook.meetings.models import Meeting, Trial
from playbook.refusals.models import Refusal

TODAY = date(2026, 11, 28)


def by_rule(child, rule, today=TODAY):
    found = [d for d in deadlines_for(child, today) if d.rule == rule]
    assert found, f"no {rule} deadline"
    return found


def one(child, rule, today=TODAY):
    (deadline,) = by_rule(child, rule, today)
    return deadline


def in_state(child, state, **changes):
    child.state = state
    for name, value in changes.items():
        setattr(child, name, value)
    child.save()
    return child


# Annual review, § 300.324(b)(1)


def test_annual_review_one_year_after_the_meeting(child):
    iep = IEP.objects.create(
        child=child,
        meeting_date=date(2026, 3, 3),
        start_date=date(2026, 3, 3),
        end_date=date(2027, 3, 3),
    )
    review = one(child, "annual_review")
    assert review.due == date(2027, 3, 3)
    assert review.basis == "One year after the IEP meeting of March 3, 2026."
    assert review.citation == "34 CFR § 300.324(b)(1)"
    assert review.id == f"annual_review:{iep.pk}"
    assert review.counting == "calendar"


def test_annual_review_falls_back_on_the_iep_end_date(child):
    IEP.objects.create(child=child, start_date=date(2026, 3, 3), end_date=date(2027, 3, 2))
    review = one(child, "annual_review")
    assert review.due == date(2027, 3, 2)
    assert "runs until March 2, 2027" in review.basis


def test_annual_review_overdue_is_said_in_words(child):
    IEP.objects.create(child=child, start_date=date(2025, 9, 1), end_date=date(2026, 11, 20))
    review = one(child, "annual_review")
    assert review.when_words(TODAY) == "overdue by 8 days"
    assert review.is_overdue(TODAY)


# Reevaluation, § 300.303(b)(2)


def test_reevaluation_three_years_after_a_leap_day_evaluation(child):
    IEP.objects.create(
        child=child,
        start_date=date(2026, 3, 3),
        end_date=date(2027, 3, 2),
        last_evaluation_date=date(2024, 2, 29),
    )
    reeval = one(child, "reevaluation")
    # No 29 February in 2027: the last day that is still within three years.
    assert reeval.due == date(2027, 2, 28)
    assert reeval.basis == "Three years after the last evaluation on February 29, 2024."
    assert reeval.citation == "34 CFR § 300.303(b)(2)"


def test_reevaluation_date_written_in_the_iep_wins(child):
    IEP.objects.create(
        child=child,
        start_date=date(2026, 3, 3),
        end_date=date(2027, 3, 2),
        last_evaluation_date=date(2024, 5, 1),
        reevaluation_due=date(2027, 1, 15),
    )
    assert one(child, "reevaluation").due == date(2027, 1, 15)


def test_pennsylvania_reevaluates_intellectual_disability_every_two_years(child):
    in_state(child, "PA", disability_categories="Intellectual disability")
    IEP.objects.create(
        child=child,
        start_date=date(2026, 3, 3),
        end_date=date(2027, 3, 2),
        last_evaluation_date=date(2025, 5, 1),
    )
    reeval = one(child, "reevaluation")
    assert reeval.due == date(2027, 5, 1)
    assert reeval.source == "PA"
    assert reeval.citation == "22 Pa. Code § 14.124(c)"


# Initial evaluation after consent


def consent(child, signed):
    return EvaluationConsent.objects.create(child=child, signed_on=signed)


def test_federal_sixty_calendar_days_and_the_fallback_label(child):
    in_state(child, "WA")  # no Washington evaluation rule in our tables
    consent(child, date(2026, 9, 1))
    evaluation = one(child, "initial_evaluation")
    assert evaluation.due == date(2026, 10, 31)
    assert evaluation.source == "federal"
    assert evaluation.source_words == "federal rule; Washington's own rule is not in our tables"
    assert evaluation.citation == "34 CFR § 300.301(c)(1)"


def test_a_received_report_stops_the_clock(child):
    c = consent(child, date(2026, 9, 1))
    c.report_on = date(2026, 10, 1)
    c.save()
    assert not [d for d in deadlines_for(child, TODAY) if d.rule == "initial_evaluation"]


def test_california_skips_breaks_longer_than_five_school_days(child):
    SchoolBreak.objects.create(
        child=child, name="Thanksgiving", start=date(2026, 11, 25), end=date(2026, 11, 27)
    )
    SchoolBreak.objects.create(
        child=child, name="Winter", start=date(2026, 12, 21), end=date(2027, 1, 1)
    )
    consent(child, date(2026, 11, 16))
    evaluation = one(child, "initial_evaluation")
    # 60 days from 16 Nov is 15 Jan; the 12-day winter break (9 school days) is not
    # counted, the 3-day Thanksgiving break is.
    assert evaluation.due == date(2027, 1, 27)
    assert evaluation.source == "CA"
    assert evaluation.citation == "Cal. Educ. Code § 56344(a)"
    assert "not counting breaks longer than 5 school days" in evaluation.counting_words


def test_texas_counts_45_school_days(child):
    in_state(child, "TX")
    SchoolBreak.objects.create(
        child=child, name="Thanksgiving", start=date(2026, 11, 23), end=date(2026, 11, 27)
    )
    consent(child, date(2026, 11, 2))
    evaluation = one(child, "initial_evaluation")
    # Nov 3-20: 13 school days (Veterans Day, 11 Nov, is a federal holiday); the
    # Thanksgiving week is a break; Nov 30-Dec 31: 23 school days (Christmas off) = 36;
    # Jan 2027: 4, 5, 6, 7, 8, 11, 12, 13, 14 = 45.
    assert evaluation.due == date(2027, 1, 14)
    assert evaluation.counting == "school"
    assert evaluation.source == "TX"


def test_texas_consent_late_in_the_year_is_due_june_30(child):
    in_state(child, "TX")
    SchoolBreak.objects.create(
        child=child, name="Summer", start=date(2027, 6, 4), end=date(2027, 8, 17)
    )
    # 40 school days before the last day of school (3 June 2027).
    consent(child, date(2027, 4, 7))
    evaluation = one(child, "initial_evaluation", today=date(2027, 4, 8))
    assert evaluation.due == date(2027, 6, 30)
    assert "June 30" in evaluation.basis


def test_texas_consent_very_late_runs_into_the_next_school_year(child):
    in_state(child, "TX")
    SchoolBreak.objects.create(
        child=child, name="Summer", start=date(2027, 6, 4), end=date(2027, 8, 17)
    )
    consent(child, date(2027, 5, 20))  # 9 school days left (Memorial Day off)
    evaluation = one(child, "initial_evaluation", today=date(2027, 5, 21))
    # 9 school days before summer, 36 more from 18 August 2027 (Labor Day off).
    assert evaluation.due == date(2027, 10, 7)


def test_illinois_sixty_school_days_across_the_end_of_the_school_year(child):
    in_state(child, "IL")
    SchoolBreak.objects.create(
        child=child, name="Summer", start=date(2027, 6, 12), end=date(2027, 8, 15)
    )
    consent(child, date(2027, 5, 14))
    evaluation = one(child, "initial_evaluation", today=date(2027, 5, 15))
    # May 17-Jun 11: 19 school days (Memorial Day off); then 41 from 16 Aug, with Labor
    # Day (6 Sep) and Columbus Day (11 Oct) off.
    assert evaluation.due == date(2027, 10, 13)
    assert evaluation.tag == "Secondary"


def test_new_york_sixty_calendar_days(child):
    in_state(child, "NY")
    consent(child, date(2027, 1, 1))
    evaluation = one(child, "initial_evaluation")
    assert evaluation.due == date(2027, 3, 2)
    assert evaluation.source == "NY"


def test_florida_skips_school_holidays_and_breaks(child):
    in_state(child, "FL")
    SchoolBreak.objects.create(
        child=child, name="Winter", start=date(2026, 12, 21), end=date(2027, 1, 1)
    )
    consent(child, date(2026, 12, 1))
    evaluation = one(child, "initial_evaluation")
    # 60 days from 1 Dec is 30 Jan; the 12 break days and Martin Luther King Day
    # (18 Jan 2027) are not counted.
    assert evaluation.due == date(2027, 2, 12)


def test_pennsylvania_does_not_count_the_summer(child):
    in_state(child, "PA")
    SchoolBreak.objects.create(
        child=child, name="Summer", start=date(2027, 6, 12), end=date(2027, 8, 24)
    )
    consent(child, date(2027, 5, 14))
    evaluation = one(child, "initial_evaluation", today=date(2027, 5, 15))
    # 28 days to 11 June, 32 more from 25 August.
    assert evaluation.due == date(2027, 9, 25)
    assert evaluation.citation == "22 Pa. Code § 14.123(b)"


def test_a_school_day_clock_without_breaks_says_so(child):
    in_state(child, "IL")
    consent(child, date(2026, 9, 1))
    assert "breaks are not entered yet" in one(child, "initial_evaluation").note


# Records, § 300.613 and Cal. Educ. Code § 56504


def records_ask(child, asked_on, **extra):
    return Ask.objects.create(
        child=child,
        subject="All of Sam's records",
        asked_on=asked_on,
        kind="records_request",
        **extra,
    )


def test_california_records_in_five_business_days(child):
    records_ask(child, date(2026, 7, 1))
    records = one(child, "records_request", today=date(2026, 7, 1))
    # 3 July 2026 is the observed Independence Day.
    assert records.due == date(2026, 7, 9)
    assert records.counting == "business"
    assert records.source == "CA"


def test_federal_records_45_days_or_before_the_meeting(child):
    in_state(child, "OH")
    ask = records_ask(child, date(2026, 10, 1))
    assert one(child, "records_request", today=date(2026, 10, 2)).due == date(2026, 11, 15)
    Meeting.objects.create(
        child=child, kind="annual_review", status="scheduled", date=date(2026, 10, 20)
    )
    records = one(child, "records_request", today=date(2026, 10, 2))
    assert records.due == date(2026, 10, 19)
    assert "before the annual review on October 20, 2026" in records.basis
    assert records.id == f"records_request:{ask.pk}"


def test_answered_records_request_has_no_deadline(child):
    records_ask(child, date(2026, 10, 1), status=AskStatus.GRANTED)
    assert not [d for d in deadlines_for(child, TODAY) if d.rule == "records_request"]


# Asks and trials: dates from the family's own records


def test_reply_due_on_each_open_ask(child):
    ask = Ask.objects.create(
        child=child,
        subject="OT evaluation",
        asked_on=date(2026, 11, 2),
        reply_due=date(2026, 11, 16),
    )
    Ask.objects.create(
        child=child,
        subject="Answered already",
        asked_on=date(2026, 11, 2),
        reply_due=date(2026, 11, 16),
        status=AskStatus.GRANTED,
    )
    reply = one(child, "reply_due")
    assert reply.id == f"reply_due:{ask.pk}"
    assert reply.due == date(2026, 11, 16)
    assert reply.source == "case"


def test_trial_review_date(child):
    trial = Trial.objects.create(
        child=child,
        proposal="Visual schedule",
        start_date=date(2026, 11, 2),
        weeks=6,
        measure="Transitions without prompts",
        review_date=date(2026, 12, 14),
    )
    review = one(child, "trial_review")
    assert review.due == date(2026, 12, 14)
    assert review.id == f"trial_review:{trial.pk}"


# Ages: transition, majority, Part C


@pytest.mark.parametrize(
    ("state", "due", "source"),
    [
        ("CA", date(2031, 3, 14), "federal"),
        ("NY", date(2030, 3, 14), "NY"),
        ("IL", date(2029, 9, 14), "IL"),
        ("TX", date(2029, 3, 14), "TX"),
        ("PA", date(2029, 3, 14), "PA"),
        ("FL", date(2031, 3, 14), "federal"),
    ],
)
def test_transition_plan_age_by_state(child, state, due, source):
    in_state(child, state)
    plan = one(child, "transition_plan")
    assert plan.due == due
    assert plan.source == source
    if state == "IL":
        assert "turns 14½" in plan.basis


def test_transition_plan_federal_rule_says_it_is_the_fallback(child):
    plan = one(child, "transition_plan")
    assert plan.citation == "34 CFR § 300.320(b)"
    assert plan.source_words == "federal rule; California's own rule is not in our tables"


def test_age_of_majority_notice_a_year_before_18_and_says_18_is_assumed(child):
    notice = one(child, "age_of_majority_notice")
    assert notice.due == date(2032, 3, 14)
    assert "check your state's rule" in notice.note
    assert "18" in notice.basis


def test_part_c_transition_ninety_days_before_the_third_birthday(child):
    child.birth_date = date(2024, 6, 10)
    child.grade = "PK"
    child.save()
    conference = one(child, "part_c_transition")
    assert conference.due == date(2027, 3, 12)
    assert conference.citation == "34 CFR § 303.209(b)-(d)"
    assert one(child, "iep_by_third_birthday").due == date(2027, 6, 10)


def test_no_part_c_items_after_the_third_birthday(child):
    assert not [d for d in deadlines_for(child, TODAY) if d.rule == "part_c_transition"]


# Filing windows


def test_filing_windows_from_a_refusal_and_a_refused_ask(child):
    refusal = Refusal.objects.create(
        child=child, said_on=date(2026, 3, 3), words="We don't do that."
    )
    Ask.objects.create(
        child=child,
        subject="Aide on the bus",
        asked_on=date(2026, 5, 1),
        status=AskStatus.REFUSED,
        reply_date=date(2026, 5, 8),
    )
    complaints = by_rule(child, "state_complaint")
    assert [d.due for d in complaints] == [date(2027, 3, 3), date(2027, 5, 8)]
    assert complaints[0].id == f"state_complaint:refusal:{refusal.pk}"
    assert complaints[0].citation == "34 CFR § 300.153(c)"
    due_process = by_rule(child, "due_process")
    assert [d.due for d in due_process] == [date(2028, 3, 3), date(2028, 5, 8)]


@pytest.mark.parametrize("alone", [False, True], ids=["shared rows", "read alone"])
def test_a_refused_escalation_is_named_by_the_request_it_carried_up(child, alone):
    # Decision 0110: the filing window names what the parent asked for, never an internal
    # title such as "Escalation to ...".
    original = Ask.objects.create(
        child=child,
        subject="Aide on the bus",
        asked_on=date(2026, 5, 1),
        status=AskStatus.REFUSED,
        reply_date=date(2026, 5, 8),
    )
    carried = Ask.objects.create(
        child=child,
        subject="Escalation to Dr. Park: Aide on the bus",
        kind="escalation",
        about=original,
        asked_on=date(2026, 5, 12),
        status=AskStatus.REFUSED,
        reply_date=date(2026, 5, 20),
    )
    Refusal.objects.create(child=child, said_on=date(2026, 5, 20), words="No.", ask=carried)
    complaints = [
        d for d in deadlines_for(child, TODAY, alone=alone) if d.rule == "state_complaint"
    ]
    assert [d.due for d in complaints] == [date(2027, 5, 8), date(2027, 5, 20)]
    for deadline in complaints:
        assert "“Aide on the bus”" in deadline.basis and "Escalation" not in deadline.basis


def test_a_date_from_the_records_says_so_once(child):
    Ask.objects.create(
        child=child, subject="Data", asked_on=date(2026, 11, 20), reply_due=date(2026, 12, 4)
    )
    reply = one(child, "reply_due")
    assert (reply.status, reply.label) == ("case", "A date from your records")


def test_closed_filing_window_is_not_listed(child):
    Refusal.objects.create(child=child, said_on=date(2025, 3, 3), words="No.")
    assert not [d for d in deadlines_for(child, TODAY) if d.rule == "state_complaint"]
    assert one(child, "due_process").due == date(2027, 3, 3)


# Unverified rules are never dates


def test_unverified_rule_is_never_dated(child):
    IEP.objects.create(child=child, start_date=date(2026, 3, 3), end_date=date(2027, 3, 2))
    esy = one(child, "esy_decision")
    assert esy.due is None
    assert "check your state's rule" in esy.basis
    assert esy.when_words(TODAY) == "check your state's rule"


def test_an_unverified_state_entry_hides_the_date(child, monkeypatch):
    text = rules.RULES_FILE.read_text() + (
        '\n[WA.initial_evaluation]\ntitle = "Evaluation"\namount = 30\nunit = "days"\n'
        'counting = "school"\nfrom = "consent"\ncitation = "Ohio rule"\ntag = "Unverified"\n'
    )
    monkeypatch.setattr(rules, "tables", lambda: rules.parse(text))
    in_state(child, "WA")
    consent(child, date(2026, 9, 1))
    evaluation = one(child, "initial_evaluation")
    assert evaluation.due is None
    assert "check your state's rule" in evaluation.basis
    assert deadlines_for(child, TODAY)[-1].due is None  # undated ones sort last


def test_rule_table_rejects_a_rule_without_citation():
    with pytest.raises(rules.RuleTableError):
        rules.parse(
            '[federal.x]\ntitle = "X"\namount = 1\nunit = "days"\ncounting = "calendar"\n'
            'from = "a"\ncitation = ""\ntag = "Verified"\n'
        )


def test_every_state_in_idea_facts_is_in_the_tables():
    # The six of idea-facts, the five added from their rule text for issue 18, and Ohio
    # (from the Ohio Department of Education's guidance, decision 0040).
    assert set(rules.states_in_tables()) == {
        *("CA", "TX", "NY", "IL", "FL", "PA"),
        *("MI", "NC", "NJ", "GA", "VA", "OH"),
    }


# The whole list


def test_soonest_first_and_upcoming_window(child):
    IEP.objects.create(child=child, start_date=date(2026, 3, 3), end_date=date(2027, 3, 2))
    Ask.objects.create(
        child=child,
        subject="OT evaluation",
        asked_on=date(2026, 11, 2),
        reply_due=date(2026, 12, 4),
    )
    Meeting.objects.create(child=child, kind="iep", status="scheduled", date=date(2026, 12, 10))
    dated = [d.due for d in deadlines_for(child, TODAY) if d.due]
    assert dated == sorted(dated)
    soon = upcoming(child, TODAY, days=60)
    assert [u.kind for u in soon] == ["deadline", "meeting"]
    assert soon[0].when == "in 6 days"
    assert len(upcoming(child, TODAY, days=200)) == 3


def test_query_count_does_not_grow_with_asks(child, django_assert_num_queries):
    IEP.objects.create(child=child, start_date=date(2026, 3, 3), end_date=date(2027, 3, 2))
    with django_assert_num_queries(9):  # records_version (0023); the removals (0030)
        deadlines_for(child, TODAY)
    for n in range(20):
        Ask.objects.create(
            child=child, subject=f"Ask {n}", asked_on=date(2026, 11, 1), reply_due=date(2026, 12, 1)
        )
        records_ask(child, date(2026, 11, 1))
        Refusal.objects.create(child=child, said_on=date(2026, 11, 1), words="No.")
    with django_assert_num_queries(9):
        assert len(deadlines_for(child, TODAY)) > 60


def test_pennsylvania_without_a_summer_break_says_so(child):
    in_state(child, "PA")
    SchoolBreak.objects.create(
        child=child, name="Winter", start=date(2026, 12, 21), end=date(2027, 1, 1)
    )
    consent(child, date(2027, 5, 14))
    evaluation = one(child, "initial_evaluation", today=date(2027, 5, 15))
    assert evaluation.due == date(2027, 7, 13)
    assert "No summer break is entered" in evaluation.note
