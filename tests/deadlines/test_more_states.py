"""Worked examples for the evaluation clocks of Michigan, North Carolina, New Jersey, Georgia
and Virginia (issue 18), each counted by hand in the comment above it. Ohio has no rule in
our tables yet, so the federal rule stands in and says so."""

from datetime import date

from playbook.children.models import SchoolBreak
from playbook.deadlines.engine import deadlines_for
from playbook.deadlines.models import EvaluationConsent

TODAY = date(2026, 9, 1)


def in_state(child, state):
    child.state = state
    child.save()
    return child


def one(child, rule, today=TODAY):
    (found,) = [d for d in deadlines_for(child, today) if d.rule == rule]
    return found


def test_michigan_10_school_days_to_answer_and_30_from_consent(child):
    in_state(child, "MI")
    evaluation = EvaluationConsent.objects.create(child=child, requested_on=date(2026, 10, 2))
    # From Fri 2 Oct 2026: 5-9 Oct (5), Columbus Day 12 Oct closed, 13-16 (9), Mon 19 (10).
    answer = one(child, "evaluation_request_answer")
    assert answer.due == date(2026, 10, 19)
    assert answer.citation == "Mich. Admin. Code R 340.1721b(1)(a)"
    evaluation.signed_on = date(2026, 10, 19)
    evaluation.save()
    # From Mon 19 Oct: 20-23 (4), 26-30 (9), 2-6 Nov (14), 9, 10, 12, 13 (18; Veterans Day
    # 11 Nov closed), 16-20 (23), 23, 24, 25 (26), Thanksgiving 26 closed, 27 (27),
    # 30 Nov, 1, 2 Dec (30): Wed 2 Dec 2026.
    offer = one(child, "initial_evaluation")
    assert offer.due == date(2026, 12, 2)
    assert offer.source == "MI" and offer.tag == "Verified"


def test_north_carolina_counts_90_days_from_the_referral(child):
    in_state(child, "NC")
    EvaluationConsent.objects.create(
        child=child, requested_on=date(2026, 9, 1), signed_on=date(2026, 9, 20)
    )
    # 1 Sep 2026 + 90 calendar days = 30 Nov 2026 (Sep 29 + Oct 31 + Nov 30 = 90).
    clock = one(child, "initial_evaluation")
    assert clock.due == date(2026, 11, 30)
    assert "written referral on September 1, 2026" in clock.basis
    assert clock.tag == "Secondary"


def test_new_jersey_90_days_from_consent(child):
    in_state(child, "NJ")
    EvaluationConsent.objects.create(child=child, signed_on=date(2026, 9, 15))
    # 15 Sep 2026 + 90 = 14 Dec 2026 (15 left in Sep, 31 Oct, 30 Nov: 76; +14 Dec).
    assert one(child, "initial_evaluation").due == date(2026, 12, 14)


def test_georgia_60_days_not_counting_a_break_of_5_school_days(child):
    in_state(child, "GA")
    # Thanksgiving week Mon 23 - Fri 27 Nov 2026: 5 weekdays, 4 school days without it
    # (Thanksgiving itself is closed), so it is not a break of 5 school days...
    SchoolBreak.objects.create(
        child=child, name="Thanksgiving", start=date(2026, 11, 23), end=date(2026, 11, 27)
    )
    EvaluationConsent.objects.create(child=child, signed_on=date(2026, 11, 1))
    # ...and 1 Nov + 60 = 31 Dec 2026, as the federal count.
    assert one(child, "initial_evaluation").due == date(2026, 12, 31)
    # A winter break of Mon 21 Dec 2026 - Fri 1 Jan 2027 has 8 school days: it and the
    # weekends next to it (Sat 19 - Sun 3 Jan, 16 days) are not counted: 31 Dec + 16 =
    # 16 Jan 2027.
    SchoolBreak.objects.create(
        child=child, name="Winter", start=date(2026, 12, 21), end=date(2027, 1, 1)
    )
    assert one(child, "initial_evaluation").due == date(2027, 1, 16)


def test_virginia_65_business_days_from_the_referral(child):
    in_state(child, "VA")
    EvaluationConsent.objects.create(child=child, requested_on=date(2026, 9, 1))
    # Business days skip weekends and federal and Virginia holidays (Labor Day 7 Sep,
    # 12 Oct, Election Day 3 Nov, Veterans Day 11 Nov, 26-27 Nov). From Tue 1 Sep 2026:
    # 2-4 Sep (3), 8-11 (7), 14-18 (12), 21-25 (17), 28-30 (20); 1-2 Oct (22), 5-9 (27),
    # 13-16 (31), 19-23 (36), 26-30 (41); 2 Nov (42), 4-6 (45), 9, 10, 12, 13 (49),
    # 16-20 (54), 23-25 (57), 30 (58); 1-4 Dec (62), 7, 8, 9 (65): Wed 9 Dec 2026.
    clock = one(child, "initial_evaluation")
    assert clock.due == date(2026, 12, 9)
    assert clock.counting == "business"


def test_ohio_is_the_labelled_federal_fallback(child):
    in_state(child, "OH")
    EvaluationConsent.objects.create(child=child, signed_on=date(2026, 9, 15))
    clock = one(child, "initial_evaluation")
    assert clock.source_words == "federal rule; Ohio's own rule is not in our tables"
