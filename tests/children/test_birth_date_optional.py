"""Issue 17: a child can start without a birth date (the grade is enough), and the state
starts from the family. Every place that reads the birth date copes with it missing and
says "add the birth date" where a date would have counted from it."""

from __future__ import annotations

import io
from datetime import date

import pytest

from playbook.accounts.models import Household
from playbook.children.models import Child, default_state, state_for_zone
from playbook.deadlines.engine import deadlines_for
from playbook.exports.backup import backup_bytes
from playbook.exports.binder import Scope, binder_context, render_html
from playbook.exports.restore import restore_backup
from playbook.plan.schedule import band_for

TODAY = date(2026, 11, 20)


def text(response) -> str:
    return response.content.decode()


@pytest.fixture
def undated(child):
    child.birth_date = None
    child.save()
    return child


def test_set_up_saves_a_child_with_no_birth_date(alice_client, household):
    answer = alice_client.post(
        "/children/new/",
        {"name": "Maya Diaz", "birth_date": "", "grade": "4", "state": "CA",
         "school_year_start_month": "8"},
    )  # fmt: skip
    assert answer.status_code == 302, text(answer)
    maya = Child.objects.get(name="Maya Diaz")
    assert maya.birth_date is None
    assert maya.age_on(TODAY) is None


def test_the_state_starts_from_the_time_zone(alice_client, household):
    household.time_zone = "America/Los_Angeles"
    household.save()
    page = text(alice_client.get("/children/new/"))
    assert '<option value="CA" selected>' in page


def test_the_state_starts_from_a_brother_or_sister(alice_client, household, child):
    child.state = "TX"
    child.save()
    assert '<option value="TX" selected>' in text(alice_client.get("/children/new/"))


def test_a_zone_outside_the_us_suggests_no_state(alice_client, household):
    household.time_zone = "Europe/Paris"
    household.save()
    page = text(alice_client.get("/children/new/"))
    assert '<option value="" selected>Choose a state</option>' in page


@pytest.mark.parametrize(
    ("zone", "state"),
    [("America/Chicago", "IL"), ("America/Indiana/Knox", "IN"), ("Pacific/Honolulu", "HI"),
     ("Asia/Tokyo", "")],
)  # fmt: skip
def test_state_for_zone(zone, state):
    assert state_for_zone(zone) == state


def test_default_state_with_no_children(db):
    assert default_state(Household.objects.create(name="x", time_zone="America/Denver")) == "CO"


def test_deadlines_that_count_from_a_birthday_wait_and_the_page_says_so(
    alice_client, child, undated
):
    assert not [d for d in deadlines_for(undated, TODAY) if d.rule == "age_of_majority_notice"]
    page = text(alice_client.get(f"/children/{child.pk}/deadlines/?today={TODAY}"))
    assert "Add Sam's birth date to see the deadlines that count from a" in page
    assert f'href="/children/{child.pk}/edit/"' in page


def test_with_a_birth_date_the_notice_goes_and_the_deadline_comes(alice_client, child):
    child.birth_date = date(2010, 1, 10)  # 16 in 2026: the age-of-majority notice is ahead
    child.save()
    assert [d for d in deadlines_for(child, TODAY) if d.rule == "age_of_majority_notice"]
    page = text(alice_client.get(f"/children/{child.pk}/deadlines/?today={TODAY}"))
    assert "birth date to see the deadlines" not in page


def test_a_preschooler_with_no_birth_date_is_placed_by_grade(undated):
    undated.grade = "PK"
    assert band_for(undated, TODAY) == "ec"
    undated.grade = "5"
    assert band_for(undated, TODAY) == "elem"


@pytest.mark.parametrize("where", ["", "plan/", "edit/", "letters/new/written_concerns/"])
def test_pages_open_without_a_birth_date(alice_client, undated, where):
    answer = alice_client.get(f"/children/{undated.pk}/{where}")
    assert answer.status_code == 200
    assert "None" not in text(answer).split("<main", 1)[-1].split("</main>")[0]


def test_an_iep_meeting_with_a_date_opens_and_answers_without_one(alice, alice_client, undated):
    # The student-invitation check counts from the birthday; without one it waits (it used
    # to answer 500 on the meeting's page, its API routes and the child's meeting list).
    from tests.api.conftest import Api  # noqa: PLC0415

    api = Api(alice)
    made = api.post(
        f"children/{undated.pk}/meetings",
        {"kind": "annual_review", "date": "2027-03-04", "status": "scheduled"},
    )
    assert made.status_code == 201, made.content
    assert made.json()["student_invitation"] is None
    assert api.get(f"children/{undated.pk}/meetings").status_code == 200
    page = alice_client.get(f"/children/{undated.pk}/meetings/{made.json()['id']}/")
    assert page.status_code == 200


def test_the_child_home_offers_to_add_it(alice_client, undated):
    assert "Add the birth date" in text(alice_client.get(f"/children/{undated.pk}/"))


def test_the_binder_leaves_it_out(undated):
    html = render_html(binder_context(undated, Scope(), TODAY))
    assert "Born" not in html.split('<section class="cover">')[1].split("</section>")[0]
    assert "Not recorded" in html


def test_the_api_takes_a_child_without_one_and_answers_null(alice, household):
    from tests.api.conftest import Api  # noqa: PLC0415

    api = Api(alice)
    answer = api.post("children", {"name": "Maya Diaz", "grade": "4", "state": "CA"})
    assert answer.status_code == 201, answer.content
    assert answer.json()["birth_date"] is None
    again = api.get(f"children/{answer.json()['id']}")
    assert again.json()["birth_date"] is None


def test_a_backup_round_trip_keeps_it_missing(alice, household, undated):
    archive = backup_bytes(household)
    household.delete()
    report = restore_backup(io.BytesIO(archive), alice)
    restored = Child.objects.get(household_id=report.household_id)
    assert restored.birth_date is None
