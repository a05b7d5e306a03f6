"""Issue 16: the year-over-year comparison and the checks use the richer IEP facts: the
share of the day in general education, a goal carried over with the same baseline, and
services cut (fewer minutes, fewer sessions, dropped). Each on a worked example."""

from __future__ import annotations

from datetime import date

from playbook.children.models import Goal
from playbook.ledger.checks import check_iep, previous_iep
from playbook.ledger.compare import GOAL_CITATION, LRE_CITATION, PWN_CITATION, compare_ieps

from .conftest import make_iep

READING = "Given a grade-level passage, Sam will read 90 words per minute on weekly probes."
WRITING = "Sam will write a five-sentence paragraph in 4 out of 5 trials, measured by rubric."


def two_ieps(child, old, new):
    a = make_iep(child, date(2025, 9, 1), date(2026, 8, 31), **old)
    b = make_iep(child, date(2026, 9, 1), date(2027, 8, 31), **new)
    return a, b


def baselines(iep, by_text: dict[str, str]) -> None:
    for goal in Goal.objects.filter(iep=iep):
        goal.baseline = by_text.get(goal.text, "")
        goal.save()


def rules(result) -> list[tuple[str, str]]:
    return [(f.rule, f.item) for f in result.findings]


# --- Placement / least restrictive environment -------------------------------------------


def test_less_of_the_day_in_general_education_is_found_with_its_citation(child):
    a, b = two_ieps(
        child,
        {"placement": "General education classroom 80% of the day, resource room 20%"},
        {"placement": "Special education classroom; 40% of the day in general education"},
    )
    result = compare_ieps(a, b)
    assert (result.general_education_from, result.general_education_to) == (80, 40)
    [finding] = result.findings
    assert finding.rule == "less_general_education" and finding.citation == LRE_CITATION
    assert finding.what.startswith(
        "Time in general education went down from 80% to 40% of the school day."
    )
    answer = result.as_dict()
    assert answer["placement"]["general_education_percent_from"] == 80
    assert answer["placement"]["general_education_percent_to"] == 40
    assert answer["findings"][0]["citation"] == "34 CFR §§ 300.114, 300.320(a)(5)"


def test_more_of_the_day_in_general_education_is_said_without_alarm(child):
    a, b = two_ieps(
        child,
        {"placement": "40% of the day in general education"},
        {"placement": "80% of the day in general education"},
    )
    [finding] = compare_ieps(a, b).findings
    assert finding.rule == "more_general_education"
    assert finding.what == "Time in general education went up from 40% to 80% of the school day."
    # The checks raise only what was cut.
    assert check_iep(b, a) == check_iep(b)


def test_a_placement_changed_without_percentages_is_named_as_a_change(child):
    a, b = two_ieps(child, {"placement": "Resource room"}, {"placement": "Self-contained class"})
    [finding] = compare_ieps(a, b).findings
    assert (finding.rule, finding.citation) == ("placement_changed", PWN_CITATION)
    assert finding.what == "The placement changed from Resource room to Self-contained class."


def test_the_same_percentage_in_other_words_is_no_finding(child):
    a, b = two_ieps(
        child,
        {"placement": "General education 80% of the day"},
        {"placement": "In general education classes for 80% of the school day"},
    )
    assert compare_ieps(a, b).findings == []


# --- Goals carried over --------------------------------------------------------------------


def test_a_goal_carried_over_with_the_same_baseline_is_found(child):
    a, b = two_ieps(child, {"goals": [READING, WRITING]}, {"goals": [READING, WRITING]})
    baselines(a, {READING: "62 words per minute", WRITING: "2 sentences"})
    # Reading: same words, same starting point a year later. Writing: the baseline moved.
    baselines(b, {READING: "62  Words per minute", WRITING: "4 sentences"})
    result = compare_ieps(a, b)
    assert rules(result) == [("goal_carried_over", READING), ("goal_repeated", WRITING)]
    carried = result.findings[0]
    assert carried.citation == GOAL_CITATION == "34 CFR §§ 300.320(a)(2), 300.324(b)(1)(ii)"
    assert '"62  Words per minute"' in carried.what and "has not moved" in carried.what
    assert result.as_dict()["goals"]["same_baseline"] == [READING]


def test_a_repeated_goal_without_a_baseline_is_not_said_to_keep_its_baseline(child):
    a, b = two_ieps(child, {"goals": [READING]}, {"goals": [READING]})
    assert rules(compare_ieps(a, b)) == [("goal_repeated", READING)]


# --- Services cut ------------------------------------------------------------------------


def test_services_cut_in_minutes_in_sessions_or_dropped_are_each_found(child):
    a, b = two_ieps(
        child,
        {
            "services": [
                ("Speech therapy", 120, "week", 4),
                ("Occupational therapy", 30, "day"),
                ("Counseling", 30, "week"),
                ("Reading intervention", 60, "week", 2),
            ]
        },
        {
            "services": [
                ("Speech therapy", 120, "week", 2),  # same minutes, half the sessions
                ("Occupational therapy", 60, "week"),  # 150 a week became 60
                ("Reading intervention", 90, "week", 3),  # more: not a cut
            ]
        },
    )
    result = compare_ieps(a, b)
    assert {(f.rule, f.item): f.what for f in result.findings} == {
        ("service_sessions_cut", "Speech therapy"): (
            "Speech therapy is given less often: 4 sessions per week before, 2 now."
        ),
        ("service_minutes_cut", "Occupational therapy"): (
            "Occupational therapy was cut from 30 minutes per day to 60 minutes per week. "
            "That is 150 to 60 minutes a week."
        ),
        ("service_dropped", "Counseling"): "Counseling was dropped (it was 30 minutes per week).",
    }
    assert {f.citation for f in result.findings} == {PWN_CITATION}
    assert "Speech therapy went from 4 to 2 sessions per week." in (
        result.prior_written_notice_reasons
    )
    speech = next(s for s in result.as_dict()["services"] if s["service"] == "Speech therapy")
    assert (speech["from_sessions"], speech["to_sessions"], speech["fewer_sessions"]) == (
        4,
        2,
        True,
    )


def test_nothing_cut_nothing_found(child):
    same = {"services": [("Speech therapy", 60, "week", 2)], "goals": [READING]}
    a, b = two_ieps(child, same, {**same, "goals": [WRITING]})
    assert compare_ieps(a, b).findings == []


# --- The checks, given the IEP before -------------------------------------------------------


def test_the_checks_raise_what_the_new_iep_cut_or_carried_over(child):
    a, b = two_ieps(
        child,
        {
            "placement": "80% of the day in general education",
            "services": [("Speech therapy", 60, "week"), ("Counseling", 30, "week")],
            "goals": [READING],
            "progress_reporting": "Quarterly",
        },
        {
            "placement": "50% of the day in general education",
            "services": [("Speech therapy", 30, "week")],
            "goals": [READING],
            "progress_reporting": "Quarterly",
        },
    )
    baselines(a, {READING: "62 words per minute"})
    baselines(b, {READING: "62 words per minute"})
    alone = [f.rule for f in check_iep(b)]
    with_last_year = check_iep(b, previous_iep([b, a], b))
    added = [f for f in with_last_year if f.rule not in alone]
    assert [(f.rule, f.item) for f in added] == [
        ("less_general_education", ""),
        ("goal_carried_over", READING),
        ("service_minutes_cut", "Speech therapy"),
        ("service_dropped", "Counseling"),
    ]
    lre = added[0]
    assert lre.citation == LRE_CITATION
    assert lre.concern_title == "Ask why my child spends less of the day in general education"
    assert "80% to 50%" in lre.concern_details
    assert added[1].concern_details.startswith(f'The goal "{READING}" is in this IEP word for word')
    assert added[3].concern_title == "Ask why Counseling was dropped"
    assert previous_iep([b, a], a) is None


def test_the_checks_page_and_api_show_the_year_over_year_findings(alice_client, child):
    a, b = two_ieps(
        child,
        {"services": [("Counseling", 30, "week")]},
        {"services": [("Speech therapy", 30, "week")]},
    )
    page = alice_client.get(f"/children/{child.pk}/iep/checks/?today=2026-10-01").content.decode()
    assert "A service was dropped." in page and "Counseling was dropped" in page
    api = alice_client.get(f"/api/v1/children/{child.pk}/ieps/checks?today=2026-10-01").json()
    dropped = [f for f in api["findings"] if f["rule"] == "service_dropped"]
    assert dropped and dropped[0]["citation"] == PWN_CITATION
    compared = alice_client.get(f"/api/v1/children/{child.pk}/ieps/compare").json()
    assert [f["rule"] for f in compared["findings"]] == ["service_dropped"]
    compare_page = alice_client.get(f"/children/{child.pk}/iep/compare/").content.decode()
    assert "Counseling was dropped (it was 30 minutes per week)." in compare_page


def test_the_binder_names_the_findings_and_checks_against_last_years_iep(child):
    from playbook.exports.binder import Scope, binder_context, render_html

    two_ieps(
        child,
        {
            "services": [("Counseling", 30, "week")],
            "placement": "75% of the day in general education",
        },
        {
            "services": [("Speech therapy", 30, "week")],
            "placement": "60% of the day in general education",
        },
    )
    context = binder_context(child, Scope(), date(2026, 10, 1))
    assert {"less_general_education", "service_dropped"} <= {f.rule for f in context["checks"]}
    html = render_html(context)
    assert "What to ask about" in html
    assert "Time in general education went down from 75% to 60% of the school day." in html
