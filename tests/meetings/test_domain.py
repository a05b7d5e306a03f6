from datetime import date, timedelta

import pytest

from playbook.children.models import TeamMember
from playbook.children.school_calendar import SchoolCalendar
from playbook.meetings.charts import series_svg
from playbook.meetings.meetings import missing_roles
from playbook.meetings.trials import review_date


def _team(*roles):
    return [TeamMember(name=role, role=role) for role in roles]


FULL = (
    "general_ed_teacher",
    "special_ed_teacher",
    "director_special_services",
    "school_psychologist",
)


def test_a_full_team_misses_no_one():
    assert missing_roles(_team(*FULL)) == []


@pytest.mark.parametrize(
    ("left_out", "missing"),
    [
        ("general_ed_teacher", "general_ed_teacher"),
        ("director_special_services", "district_representative"),
    ],
)
def test_leaving_out_a_required_role_warns_with_the_citation(left_out, missing):
    team = _team(*(role for role in FULL if role != left_out))
    [warning] = missing_roles(team)
    assert warning["role"] == missing
    assert warning["citation"].startswith("34 CFR § 300.321(a)")


def test_the_special_education_teacher_can_also_explain_the_evaluation():
    team = _team("general_ed_teacher", "special_ed_teacher", "principal")
    assert missing_roles(team) == []
    assert [w["role"] for w in missing_roles(_team("general_ed_teacher", "principal"))] == [
        "special_ed_teacher",
        "evaluation_interpreter",
    ]


def test_no_general_education_teacher_needed_outside_general_education():
    team = _team("special_ed_teacher", "principal")
    assert missing_roles(team, general_education=False) == []


def test_an_empty_invitation_misses_every_role():
    assert len(missing_roles([])) == 4


def test_review_date_is_start_plus_weeks_on_a_school_day():
    calendar = SchoolCalendar()
    assert review_date(date(2026, 9, 14), 6, calendar) == date(2026, 10, 26)  # Monday + 6 weeks


def test_a_trial_starting_on_a_weekend_reviews_on_the_next_school_day():
    calendar = SchoolCalendar()
    # Saturday 3 Oct 2026 + 6 weeks = Saturday 14 Nov -> Monday 16 Nov.
    assert review_date(date(2026, 10, 3), 6, calendar) == date(2026, 11, 16)


def test_a_trial_ending_in_a_break_reviews_after_it():
    calendar = SchoolCalendar([(date(2026, 12, 21), date(2027, 1, 1))])
    # Monday 16 Nov + 5 weeks = Monday 21 Dec, in the break; 1 Jan is a holiday too.
    assert review_date(date(2026, 11, 16), 5, calendar) == date(2027, 1, 4)


@pytest.mark.parametrize("count", [0, 1, 500])
def test_charts_render_for_any_number_of_points(count):
    points = [(date(2026, 1, 5) + timedelta(days=i), float(i % 17)) for i in range(count)]
    svg = series_svg("Words read per minute", "words/min", points, goal=90, baseline=40)
    assert svg.lstrip().startswith("<?xml") and "</svg>" in svg


def test_the_narrow_chart_is_drawn_for_a_phone_with_fewer_date_ticks():
    """Issue 17: at 375 px the wide chart shrank to half and its labels to 4 px."""
    points = [(date(2026, 9, 1) + timedelta(days=7 * i), float(i)) for i in range(20)]
    wide = series_svg("Words read per minute", "words/min", points, goal=90)
    narrow = series_svg("Words read per minute", "words/min", points, goal=90, narrow=True)
    assert 'width="302.4pt"' in narrow and 'width="504pt"' in wide  # 4.2 and 7 inches
    assert 2 <= narrow.count('id="xtick_') < wide.count('id="xtick_')
