"""Comparing two IEPs: every kind of change."""

from __future__ import annotations

from datetime import date

from playbook.children.models import Service
from playbook.ledger.compare import compare_ieps, minutes_per_week

from .conftest import make_iep

READING = "Given a grade-level passage, Sam will read 90 words per minute."
WRITING = "Sam will write a five-sentence paragraph in 4 out of 5 trials."


def two_ieps(child, old, new):
    a = make_iep(child, date(2025, 9, 1), date(2026, 8, 31), **old)
    b = make_iep(child, date(2026, 9, 1), date(2027, 8, 31), **new)
    return a, b


def changes(result):
    return {s.service: (s.change, s.from_minutes, s.to_minutes, s.per) for s in result.services}


def test_services_added_removed_increased_decreased_and_unchanged(child):
    a, b = two_ieps(
        child,
        {
            "services": [
                ("Speech therapy", 90, "week"),
                ("Occupational therapy", 30, "week"),
                ("Counseling", 30, "week"),
                ("Resource room", 45, "day"),
            ]
        },
        {
            "services": [
                ("Speech  Therapy", 60, "week"),
                ("Occupational therapy", 45, "week"),
                ("Resource room", 45, "day"),
                ("Physical therapy", 30, "week"),
            ]
        },
    )
    result = compare_ieps(a, b)
    assert changes(result) == {
        "Speech  Therapy": ("decreased", 90, 60, "week"),
        "Occupational therapy": ("increased", 30, 45, "week"),
        "Resource room": ("unchanged", 45, 45, "day"),
        "Physical therapy": ("added", None, 30, "week"),
        "Counseling": ("removed", 30, None, "week"),
    }
    assert {s.service for s in result.reductions} == {"Speech  Therapy", "Counseling"}
    assert result.prior_written_notice_reasons == [
        "Speech  Therapy went from 90 to 60 minutes per week.",
        "Counseling was removed.",
    ]


def test_different_periods_are_compared_per_week_and_say_so(child):
    a, b = two_ieps(
        child,
        {"services": [("Speech", 20, "day"), ("OT", 240, "month")]},
        {"services": [("Speech", 90, "week"), ("OT", 60, "week")]},
    )
    result = compare_ieps(a, b)
    speech, ot = result.services
    assert (speech.change, speech.from_minutes, speech.to_minutes, speech.per) == (
        "decreased",
        100,
        90,
        "week",
    )
    assert speech.converted and speech.from_text == "20 minutes per day"
    # 240 a month is 240 x 12 / 52 = 55.4 a week
    assert (ot.change, ot.from_minutes, ot.to_minutes, ot.converted) == (
        "increased",
        55.4,
        60,
        True,
    )
    assert minutes_per_week(240, "month") * 52 == 240 * 12
    assert result.as_dict()["services"][0]["converted_to_per_week"] is True


def test_goals_added_removed_and_repeated_word_for_word(child):
    a, b = two_ieps(
        child,
        {"goals": [READING, WRITING, "Sam will tie his shoes."]},
        {
            "goals": [
                "  given a grade-level passage, SAM will read 90 words  per minute. ",
                "Sam will count to 100.",
            ]
        },
    )
    result = compare_ieps(a, b)
    assert result.goals_repeated == [
        "  given a grade-level passage, SAM will read 90 words  per minute. "
    ]
    assert result.goals_added == ["Sam will count to 100."]
    assert result.goals_removed == [WRITING, "Sam will tie his shoes."]
    goals = result.as_dict()["goals"]
    assert (len(goals["added"]), len(goals["removed"]), len(goals["repeated"])) == (1, 2, 1)


def test_accommodations_dropped_and_placement_changed_suggest_prior_written_notice(child):
    a, b = two_ieps(
        child,
        {
            "accommodations": ["Extended time (1.5x) on tests", "Preferential seating"],
            "placement": "General education with resource support",
        },
        {
            "accommodations": ["Preferential seating", "Use of a calculator"],
            "placement": "Special day class",
        },
    )
    result = compare_ieps(a, b)
    assert result.accommodations_removed == ["Extended time (1.5x) on tests"]
    assert result.accommodations_added == ["Use of a calculator"]
    assert result.placement_changed
    data = result.as_dict()
    assert data["prior_written_notice"] == {
        "suggested": True,
        "reasons": [
            'The accommodation "Extended time (1.5x) on tests" was dropped.',
            "Placement changed from General education with resource support to Special day class.",
        ],
        "citation": "34 CFR § 300.503",
    }


def test_nothing_reduced_suggests_no_prior_written_notice(child):
    same = {
        "services": [("Speech", 60, "week")],
        "accommodations": ["Preferential seating"],
        "placement": "General education",
    }
    result = compare_ieps(*two_ieps(child, same, {**same, "placement": "general  EDUCATION"}))
    assert not result.placement_changed
    assert result.as_dict()["prior_written_notice"]["suggested"] is False
    assert changes(result) == {"Speech": ("unchanged", 60, 60, "week")}


def test_a_service_without_minutes_or_frequency_is_unclear_not_guessed(child):
    a, b = two_ieps(child, {"services": [("Counseling", 30, "week")]}, {})
    Service.objects.create(iep=b, service="Counseling", minutes=0, per="")
    [change] = compare_ieps(a, b).services
    assert (change.change, change.from_text, change.to_text) == (
        "unclear",
        "30 minutes per week",
        "minutes or frequency not stated",
    )
