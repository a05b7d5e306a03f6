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


def test_review_date_counts_school_weeks_of_five_school_days():
    calendar = SchoolCalendar()
    # Monday 14 Sep + 30 school days; Columbus Day (12 Oct) is not one, so the 30th school
    # day is Monday 26 Oct and the review the day after (decision 0037).
    assert review_date(date(2026, 9, 14), 6, calendar) == date(2026, 10, 27)
    calendar = SchoolCalendar(in_session=["Columbus Day"])
    assert review_date(date(2026, 9, 14), 6, calendar) == date(2026, 10, 26)  # 6 whole weeks


def test_a_trial_starting_on_a_weekend_reviews_on_the_next_school_day():
    calendar = SchoolCalendar()
    # Saturday 3 Oct 2026: counting starts Monday 5 Oct; 30 school days skip Columbus Day
    # and Veterans Day, so the review is Wednesday 18 Nov, not Monday 16 Nov.
    assert review_date(date(2026, 10, 3), 6, calendar) == date(2026, 11, 18)


def test_a_trial_ending_in_a_break_reviews_after_it():
    calendar = SchoolCalendar([(date(2026, 12, 21), date(2027, 1, 1))])
    # Monday 16 Nov: 24 school days to the break (Thanksgiving is not one), the 25th on
    # Monday 4 Jan, so the review is Tuesday 5 Jan: the break is not counted as trial time.
    assert review_date(date(2026, 11, 16), 5, calendar) == date(2027, 1, 5)


def test_a_winter_break_inside_a_trial_adds_its_weeks_to_the_review():
    winter = [(date(2026, 12, 21), date(2027, 1, 1))]
    # Monday 7 Dec, 4 school weeks: 10 school days before the break, 10 after it (4 to 15
    # Jan), so the review is on the next school day, Tuesday 19 Jan (18 Jan is MLK Day).
    assert review_date(date(2026, 12, 7), 4, SchoolCalendar(winter)) == date(2027, 1, 19)
    # Without the break the same trial reviews on Wednesday 6 Jan (25 Dec and 1 Jan are
    # holidays, so the 20th school day is 5 Jan).
    assert review_date(date(2026, 12, 7), 4, SchoolCalendar()) == date(2027, 1, 6)


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
