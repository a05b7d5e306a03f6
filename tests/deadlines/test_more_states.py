"""Worked examples for the evaluation clocks of Michigan, North Carolina, New Jersey, Georgia,
Virginia and Ohio (issue 18), each counted by hand in the comment above it. A state with no
rule in our tables gets the federal rule, which says so."""

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


def test_ohio_30_days_to_answer_and_60_days_from_consent(child):
    in_state(child, "OH")
    evaluation = EvaluationConsent.objects.create(child=child, requested_on=date(2026, 9, 15))
    # Ohio Admin. Code 3301-51-06(B): 30 calendar days from the request. From Tue 15 Sep
    # 2026: 15 days left in September, then 15 in October: Thu 15 Oct 2026.
    answer = one(child, "evaluation_request_answer")
    assert answer.due == date(2026, 10, 15)
    assert answer.citation == "Ohio Admin. Code 3301-51-06(B)"
    assert answer.label == "Ohio rule · from a secondary source"
    evaluation.signed_on = date(2026, 10, 5)
    evaluation.save()
    # Consent given: no more answer clock. 60 calendar days from Mon 5 Oct 2026: 26 days
    # left in October, 30 in November (56), 4 in December: Fri 4 Dec 2026. The school
    # calendar does not matter: Ohio counts calendar days.
    assert not [d for d in deadlines_for(child, TODAY) if d.rule == "evaluation_request_answer"]
    clock = one(child, "initial_evaluation")
    assert clock.due == date(2026, 12, 4)
    assert (clock.source, clock.tag, clock.fallback) == ("OH", "Secondary", False)
    assert clock.citation == "Ohio Admin. Code 3301-51-06(B)(4)"
    assert "3301-51-07" in clock.note  # the IEP within 30 days of eligibility, as a note


def test_a_state_without_its_own_rule_is_the_labelled_federal_fallback(child):
    in_state(child, "WA")
    EvaluationConsent.objects.create(child=child, signed_on=date(2026, 9, 15))
    clock = one(child, "initial_evaluation")
    assert clock.source_words == "federal rule; Washington's own rule is not in our tables"
