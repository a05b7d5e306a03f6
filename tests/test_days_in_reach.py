"""A date outside the years a record can hold (1900 to 2199) is refused where it comes in,
with a message naming the year, and nothing is saved (decision 0100). Kept, a meeting on
9999-12-31 made every clock that counts from it overflow: the child home, the deadlines, the
plan and the household home answered 500 until the row was mended by hand."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from playbook.advocacy.models import Ask
from playbook.children.models import IEP
from playbook.deadlines.models import Removal
from playbook.meetings.models import Meeting
from tests.api.conftest import Api

OUTSIDE = ["9999-12-31", "0001-01-01", "2962-03-04", "0226-03-04"]
WRITES = [
    ("removals", {"kind": "suspension", "days": 1}, "date", Removal),
    ("meetings", {"kind": "iep", "status": "scheduled"}, "date", Meeting),
    ("asks", {"subject": "An evaluation"}, "asked_on", Ask),
    ("ieps", {"end_date": "2027-08-31"}, "start_date", IEP),
]


@pytest.mark.parametrize("day", OUTSIDE)
@pytest.mark.parametrize(("route", "body", "field", "model"), WRITES)
def test_an_api_write_with_a_year_out_of_reach_is_a_422_and_saves_nothing(
    alice, child, route, body, field, model, day
):
    answer = Api(alice).post(f"children/{child.pk}/{route}", {**body, field: day})
    assert answer.status_code == 422, answer.content
    assert day in answer.json()["detail"] and "check the year" in answer.json()["detail"]
    assert model.objects.count() == 0


@pytest.mark.parametrize(
    "route",
    [
        "removals?today=0001-01-01",
        "removals?today=9999-12-31",
        "next-moves?today=0001-01-01",
        "next-moves?today=9999-12-31",
        "ledger?today=9999-12-31",
        "deadlines?today=9999-12-31",
        "entries?to=9999-12-31",
    ],
)
def test_a_computed_read_for_a_day_out_of_reach_is_a_422(alice, child, route):
    answer = Api(alice).get(f"children/{child.pk}/{route}")
    assert answer.status_code == 422, answer.content
    assert "1900 to 2199" in answer.json()["detail"]


@pytest.mark.parametrize("day", ["1900-01-01", "2199-12-31"])
def test_the_first_and_last_days_in_reach_are_kept_and_every_page_opens(
    alice, alice_client, child, day
):
    answer = Api(alice).post(
        f"children/{child.pk}/meetings", {"kind": "iep", "status": "scheduled", "date": day}
    )
    assert answer.status_code == 201, answer.content
    for page in ("", "deadlines/", "plan/", "moves/", "meetings/"):
        assert alice_client.get(f"/children/{child.pk}/{page}").status_code == 200, page
    assert alice_client.get("/", follow=True).status_code == 200


def test_a_page_form_says_so_and_keeps_what_was_typed(alice_client, child):
    answer = alice_client.post(
        f"/children/{child.pk}/meetings/new/",
        {"kind": "iep", "status": "scheduled", "date": "9999-12-31", "place": "Room 4"},
    )
    assert answer.status_code == 400  # the form again, with its errors
    page = answer.content.decode()
    assert "9999-12-31 is outside the dates IEP Playbook keeps" in page
    assert 'value="Room 4"' in page
    assert not Meeting.objects.exists()


def test_spanish_readers_get_it_in_spanish(alice, child):
    api = Api(alice)
    api.headers["Accept-Language"] = "es"
    answer = api.post(f"children/{child.pk}/removals", {**WRITES[0][1], "date": "9999-12-31"})
    assert answer.status_code == 422
    assert "1900" in answer.json()["detail"] and "outside" not in answer.json()["detail"]


def test_the_reminder_command_refuses_a_today_out_of_reach(db):
    with pytest.raises(CommandError, match="1900 to 2199"):
        call_command("remind", today="9999-12-31", stdout=StringIO())


def test_the_documented_pattern_holds_the_same_years():
    import re
    from datetime import timedelta

    from playbook import days_in_reach

    for day in (days_in_reach.EARLIEST, days_in_reach.LATEST):
        assert re.match(days_in_reach.PATTERN, day.isoformat())
    for day in (days_in_reach.EARLIEST - timedelta(1), days_in_reach.LATEST + timedelta(1)):
        assert not re.match(days_in_reach.PATTERN, day.isoformat())
