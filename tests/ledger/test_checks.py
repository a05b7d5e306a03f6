"""IEP quality checks: goals and services written to pass and to fail."""

from __future__ import annotations

from datetime import date
from urllib.parse import parse_qs, urlsplit

import pytest

from playbook.children.models import Service
from playbook.ledger.checks import (
    accommodation_is_enforceable,
    check_iep,
    goal_has_baseline,
    goal_is_measurable,
    goal_says_how_measured,
    progress_reporting_is_stated,
    service_has_frequency_and_minutes,
    transition_is_planned,
)

from .conftest import make_iep

GOOD_GOAL = (
    "Given a grade-level passage, Sam will increase reading fluency from a baseline of 62 "
    "to 90 words correct per minute, as measured by weekly curriculum-based probes."
)


def iep_with(child, **kwargs):
    kwargs.setdefault("progress_reporting", "Quarterly, with report cards")
    return make_iep(child, date(2026, 9, 1), date(2027, 8, 31), **kwargs)


def test_a_well_written_iep_passes_every_check(child):
    iep = iep_with(
        child,
        goals=[
            GOOD_GOAL,
            "Sam currently writes 2-sentence answers. Sam will write a 5-sentence paragraph "
            "in 4 out of 5 trials, measured by work samples scored with a rubric.",
        ],
        services=[("Speech", 60, "week")],
        accommodations=["Extended time (1.5x) on all tests and quizzes"],
    )
    assert check_iep(iep) == []


@pytest.mark.parametrize(
    ("goal", "failing"),
    [
        ("Sam will improve his reading by June 2027.", {"baseline", "measurable", "measured"}),
        (
            "Sam will improve reading fluency, as measured by teacher observation.",
            {"baseline", "measurable"},
        ),
        (
            "From a baseline of 40%, Sam will answer comprehension questions with 80% accuracy.",
            {"measured"},
        ),
        ("Sam currently reads 60 wpm and will read 90 wpm on weekly probes.", set()),
        (
            "Sam is able to follow 1-step directions; he will follow two-step directions in "
            "four out of five opportunities, per data collection.",
            set(),
        ),
    ],
)
def test_goal_rules(child, goal, failing):
    iep = iep_with(child, goals=[goal])
    found = set()
    if list(goal_has_baseline(iep)):
        found.add("baseline")
    if list(goal_is_measurable(iep)):
        found.add("measurable")
    if list(goal_says_how_measured(iep)):
        found.add("measured")
    assert found == failing


def test_a_service_without_minutes_or_frequency_is_flagged(child):
    iep = iep_with(child, services=[("Speech", 60, "week")])
    Service.objects.create(iep=iep, service="Counseling", minutes=0, per="")
    [finding] = service_has_frequency_and_minutes(iep)
    assert finding.item == "Counseling"
    assert (
        finding.missing == "The service has no minutes and no how often (per day, week or month)."
    )


@pytest.mark.parametrize(
    ("text", "vague"),
    [
        ("Breaks as needed", "as needed"),
        ("Read-aloud of test items when appropriate", "when appropriate"),
        ("Use of a calculator at teacher discretion", "at teacher discretion"),
        ("Modified homework AS APPROPRIATE", "as appropriate"),
        ("Extended time if needed", "if needed"),
        ("Extended time (1.5x) on all tests", None),
    ],
)
def test_vague_accommodations_are_flagged(child, text, vague):
    findings = list(accommodation_is_enforceable(iep_with(child, accommodations=[text])))
    if vague is None:
        assert findings == []
    else:
        assert [f.item for f in findings] == [text]
        assert f'"{vague}"' in findings[0].missing


def test_missing_progress_reporting_is_flagged_with_its_citation(child):
    [finding] = progress_reporting_is_stated(iep_with(child, progress_reporting=" "))
    assert finding.citation == "34 CFR § 300.320(a)(3)(ii)"
    assert list(progress_reporting_is_stated(iep_with(child))) == []


def test_an_iep_in_effect_at_the_transition_age_must_plan_transition(child):
    """A Texas 15-year-old's IEP with reading goals only passed every check (a walk): Texas
    plans transition from 14 (Tex. Educ. Code § 29.0111), IDEA from 16 (decision 0121)."""
    child.state, child.birth_date = "TX", date(2011, 5, 2)
    child.save()
    iep = iep_with(child, goals=[GOOD_GOAL])
    [finding] = transition_is_planned(iep)
    assert finding.citation == "Tex. Educ. Code § 29.0111"
    assert "Sam reaches 14 while this IEP is in effect" in finding.missing
    assert "invite Sam to the meeting" in finding.concern_details
    planned = iep_with(
        child,
        goals=[GOOD_GOAL, "After high school, Sam will attend community college to study IT."],
    )
    assert list(transition_is_planned(planned)) == []
    # In California the federal age applies: 16 on May 2, 2027, inside this IEP (to Aug 31).
    child.state = "CA"
    [federal] = transition_is_planned(iep)
    assert federal.citation == "34 CFR § 300.320(b)" and "reaches 16" in federal.missing
    child.birth_date = date(2012, 5, 2)  # 16 only after this IEP ends
    assert list(transition_is_planned(iep)) == []
    child.birth_date = None  # no birthday, no age: nothing claimed
    assert list(transition_is_planned(iep)) == []


def test_the_transition_finding_in_spanish(child):
    from django.utils import translation

    child.state, child.birth_date = "CA", date(2010, 1, 1)
    child.save()
    with translation.override("es"):
        [finding] = transition_is_planned(iep_with(child, goals=[GOOD_GOAL]))
    assert finding.missing_shown.startswith("Sin plan de transición: Sam cumple 16")
    assert finding.missing.startswith("No transition plan: Sam reaches 16")


def test_each_finding_offers_a_concern_link(child):
    iep = iep_with(child, goals=["Sam will improve his reading."])
    finding = next(iter(goal_has_baseline(iep)))
    url = urlsplit(finding.concern_url(child.pk))
    assert url.path == f"/children/{child.pk}/concerns/new/"
    query = parse_qs(url.query)
    assert query["title"] == ["Add a baseline to the goal: Sam will improve his reading."]
    assert "does not state my child's current level" in query["details"][0]


def test_raise_this_as_a_concern_opens_the_form_with_its_words(alice_client, child):
    """The checks' link landed on an empty concern form (a review of the walk): the parent
    had to type again what the check had written for them."""
    iep = iep_with(child, goals=["Sam will improve his reading."])
    finding = next(iter(goal_has_baseline(iep)))
    page = alice_client.get(finding.concern_url(child.pk)).content.decode()
    assert 'value="Add a baseline to the goal: Sam will improve his reading."' in page
    assert "does not state my child&#x27;s current level" in page
    empty = alice_client.get(f"/children/{child.pk}/concerns/new/").content.decode()
    assert 'id="id_title"' in empty and "Add a baseline" not in empty
