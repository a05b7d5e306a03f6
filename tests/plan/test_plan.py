"""The month-by-month plan: content, anchoring on the child's dates, ticks and rollover."""

from datetime import date

import pytest

from playbook.children.models import IEP
from playbook.deadlines.models import EvaluationConsent
from playbook.meetings.models import Meeting
from playbook.plan.content import BANDS, PlanFileError, parse, plan
from playbook.plan.models import ChecklistTick
from playbook.plan.schedule import ChildPlan, band_for, open_now, parse_month, set_done

TODAY = date(2026, 11, 28)


def ids(child, year, month, today=TODAY):
    return [s.id for s in ChildPlan(child, today).items_for(year, month)]


def months_of(child, item_id, today=TODAY, years=(2025, 2026, 2027, 2028)):
    return [(y, m) for y in years for m in range(1, 13) if item_id in ids(child, y, m, today)]


# Content


@pytest.mark.parametrize("band", list(BANDS))
@pytest.mark.parametrize("month", range(1, 13))
def test_every_month_has_items_for_every_band(band, month):
    assert [i for i in plan().items if i.month == month and band in i.bands]


@pytest.mark.parametrize(
    ("grade", "band"),
    [("PK", "ec"), ("K", "elem"), ("5", "elem"), ("7", "mid"), ("10", "hs"), ("post", "hs")],
)
def test_grade_bands(child, grade, band):
    child.grade = grade
    assert band_for(child, TODAY) == band


def test_a_child_of_each_band_has_items_in_every_month(child):
    for grade in ("PK", "3", "7", "11"):
        child.grade = grade
        child.save()
        for month in range(1, 13):
            assert ids(child, 2027, month), (grade, month)


def test_items_only_for_the_child_band(child):
    november = ids(child, 2026, 11)  # Sam is in grade 5
    assert "nov-behavior-log" in november
    assert "nov-course-preview" not in november


def test_every_item_has_a_why_and_unique_id():
    items = plan().items
    assert len({i.id for i in items}) == len(items)
    assert all(i.why.endswith(".") for i in items)


def test_plan_file_errors_name_the_item():
    with pytest.raises(PlanFileError, match="either a month or an anchor"):
        parse('[[item]]\nid = "x"\ntitle = "X"\nwhy = "Y."\nbands = ["ec"]\n')
    with pytest.raises(PlanFileError, match="bands"):
        parse('[[item]]\nid = "x"\ntitle = "X"\nwhy = "Y."\nbands = ["adult"]\nmonth = 3\n')
    with pytest.raises(PlanFileError, match="own id"):
        parse('[[item]]\nid = "x"\ntitle = "X"\nwhy = "Y."\nbands = ["ec"]\nmonth = 3\n' * 2)


def test_month_parsing():
    assert parse_month("2026-11") == (2026, 11)
    for bad in ("2026-13", "11/2026", "", "2026-1"):
        with pytest.raises(ValueError, match="YYYY-MM"):
            parse_month(bad)


# Anchoring on the child's own dates


def test_annual_review_items_land_weeks_before_the_review(child):
    IEP.objects.create(
        child=child,
        meeting_date=date(2026, 3, 3),
        start_date=date(2026, 3, 3),
        end_date=date(2027, 3, 3),
    )
    # Review due 3 March 2027: -10 weeks 23 Dec, -8 weeks 6 Jan, -4 weeks 3 Feb, -1 week 24 Feb.
    assert months_of(child, "ar-request-records") == [(2026, 12)]
    assert months_of(child, "ar-review-progress") == [(2027, 1)]
    assert months_of(child, "ar-confirm-meeting") == [(2027, 2)]
    assert months_of(child, "ar-parent-concerns") == [(2027, 2)]
    # After each meeting: the last one (3 March 2026) and the coming one.
    assert months_of(child, "ar-recap") == [(2026, 3), (2027, 3)]
    december = ChildPlan(child, TODAY).items_for(2026, 12)
    records = next(s for s in december if s.id == "ar-request-records")
    assert records.on == date(2026, 12, 23)
    assert records.when == "10 weeks before the annual review, due by March 3, 2027"


def test_a_scheduled_annual_review_moves_the_items(child):
    IEP.objects.create(
        child=child,
        meeting_date=date(2026, 3, 3),
        start_date=date(2026, 3, 3),
        end_date=date(2027, 3, 3),
    )
    Meeting.objects.create(
        child=child, kind="annual_review", status="scheduled", date=date(2027, 2, 10)
    )
    assert months_of(child, "ar-request-records") == [(2026, 12)]  # 2 December
    assert months_of(child, "ar-parent-concerns") == [(2027, 2)]  # 3 February
    assert months_of(child, "ar-confirm-meeting") == [(2027, 1)]  # 13 January


def test_changing_the_iep_dates_moves_the_items(child):
    iep = IEP.objects.create(
        child=child,
        meeting_date=date(2026, 3, 3),
        start_date=date(2026, 3, 3),
        end_date=date(2027, 3, 3),
    )
    assert months_of(child, "ar-review-progress") == [(2027, 1)]
    iep.meeting_date = date(2026, 5, 20)
    iep.end_date = date(2027, 5, 20)
    iep.save()
    assert months_of(child, "ar-review-progress") == [(2027, 3)]


def test_no_iep_no_annual_review_items(child):
    assert months_of(child, "ar-request-records") == []


def test_reevaluation_items_months_before_the_due_date(child):
    IEP.objects.create(
        child=child,
        start_date=date(2026, 3, 3),
        end_date=date(2027, 3, 3),
        last_evaluation_date=date(2024, 9, 15),
    )
    assert months_of(child, "re-decide") == [(2027, 3)]
    assert months_of(child, "re-plan-window") == [(2027, 5)]


def test_evaluation_report_item(child):
    EvaluationConsent.objects.create(
        child=child, signed_on=date(2026, 9, 1), report_on=date(2026, 10, 28)
    )
    assert months_of(child, "ev-iee") == [(2026, 11)]


def test_progress_report_months_follow_the_school_year_start(child):
    assert [m for m in range(1, 13) if "pr-compare" in ids(child, 2027, m)] == [1, 3, 6, 10]
    child.school_year_start_month = 9
    child.save()
    assert [m for m in range(1, 13) if "pr-compare" in ids(child, 2027, m)] == [2, 4, 7, 11]


def test_a_month_with_a_progress_report_asks_to_read_it_once(child):
    """With an August start, January held "Read the mid-year progress report and revisit the
    goals" and "Compare the progress report with the goals" (a walk); October and June alike."""
    for month, calendar_item in [(10, "oct-first-progress"), (1, "jan-midyear-progress"),
                                 (6, "jun-last-report")]:  # fmt: skip
        year = 2026 if month == 10 else 2027
        month_ids = ids(child, year, month)
        assert "pr-compare" in month_ids and calendar_item not in month_ids, month
    child.school_year_start_month = 9  # reports in November, February, April, July
    child.save()
    assert "jan-midyear-progress" in ids(child, 2027, 1)
    assert "pr-compare" not in ids(child, 2027, 1)


def test_birthday_items_land_in_the_birthday_month(child):
    child.grade = "8"
    child.birth_date = date(2012, 5, 9)
    child.save()
    assert months_of(child, "age-14-transition", years=range(2025, 2031)) == [(2026, 5)]
    assert months_of(child, "age-16-transition", years=range(2025, 2031)) == [(2028, 5)]
    child.grade = "11"
    child.save()
    assert months_of(child, "majority-notice", years=range(2025, 2031)) == [(2029, 5)]


def test_part_c_transition_for_a_toddler(child):
    child.grade = "PK"
    child.birth_date = date(2024, 8, 20)
    child.save()
    # 2 years 3 months: 20 November 2026.
    assert months_of(child, "age-part-c-transition") == [(2026, 11)]


# Ticks and rollover


def test_ticks_persist_per_month(child):
    set_done(child, "nov-behavior-log", "2026-11", True)
    set_done(child, "nov-behavior-log", "2026-11", True)  # twice is once
    assert ChecklistTick.objects.filter(child=child).count() == 1
    plan_now = ChildPlan(child, TODAY)
    assert next(s for s in plan_now.items_for(2026, 11) if s.id == "nov-behavior-log").done
    # Next year's November is a new month to do.
    assert not next(s for s in plan_now.items_for(2027, 11) if s.id == "nov-behavior-log").done
    set_done(child, "nov-behavior-log", "2026-11", False)
    assert not ChecklistTick.objects.exists()


def test_open_now_is_this_month_then_what_last_month_left(child):
    """December does not list eleven items back to August: this month's open items, then
    last month's, each once (issue 17)."""
    now = open_now(child, TODAY)
    periods = [s.period for s in now]
    assert set(periods) == {"2026-10", "2026-11"}
    assert periods == sorted(periods, reverse=True)  # this month first
    assert len({(s.id, s.period) for s in now}) == len(now)
    assert "aug-iep-in-effect" not in [s.id for s in now]
    october = next(s for s in now if s.period == "2026-10")
    set_done(child, october.id, "2026-10", True)
    assert (october.id, "2026-10") not in [(s.id, s.period) for s in open_now(child, TODAY)]


def test_not_for_us_sets_an_item_aside_and_undo_brings_it_back(child):
    first = open_now(child, TODAY)[0]
    set_done(child, first.id, first.period, True, ChecklistTick.Outcome.NOT_FOR_US)
    assert (first.id, first.period) not in [(s.id, s.period) for s in open_now(child, TODAY)]
    settled = next(s for s in ChildPlan(child, TODAY).items_for(2026, 11) if s.id == first.id)
    assert settled.done and settled.not_for_us
    set_done(child, first.id, first.period, False)
    assert (first.id, first.period) in [(s.id, s.period) for s in open_now(child, TODAY)]


def test_nothing_carries_over_into_a_new_school_year(child):
    now = open_now(child, date(2027, 8, 5))
    assert {s.period for s in now} == {"2027-08"}


def test_plan_reads_a_constant_number_of_queries(child, django_assert_num_queries):
    IEP.objects.create(child=child, start_date=date(2026, 3, 3), end_date=date(2027, 3, 3))
    for month in range(8, 12):
        set_done(child, "pr-compare", f"2026-{month:02d}", True)
    with django_assert_num_queries(4):
        ChildPlan(child, TODAY).open_now()
