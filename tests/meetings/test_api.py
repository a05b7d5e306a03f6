from datetime import date

import pytest

from playbook.advocacy.models import Concern
from playbook.children.models import SchoolBreak, TeamMember
from playbook.meetings.models import DataSeries, Meeting, Trial


def post(client, url, data):
    return client.post(url, data, content_type="application/json")


@pytest.fixture
def concern(child):
    return Concern.objects.create(child=child, title="Reading is not improving")


def test_a_meeting_answers_its_missing_roles(alice_client, child, case_manager, concern):
    teacher = TeamMember.objects.create(child=child, name="Ann Lee", role="general_ed_teacher")
    response = post(
        alice_client,
        f"/api/v1/children/{child.pk}/meetings",
        {
            "kind": "iep",
            "status": "scheduled",
            "date": "2026-12-03",
            "place": "Room 12",
            "invitees": [str(case_manager.pk), str(teacher.pk)],
            "agenda": [str(concern.pk)],
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert [m["role"] for m in body["missing_roles"]] == [
        "district_representative",
        "evaluation_interpreter",
    ]
    assert body["missing_roles"][0]["citation"] == "34 CFR § 300.321(a)(4)"
    assert body["agenda"] == [str(concern.pk)]


def test_the_meeting_moves_from_requested_to_held(alice_client, child):
    created = post(alice_client, f"/api/v1/children/{child.pk}/meetings", {}).json()
    url = f"/api/v1/meetings/{created['id']}"
    for status in ("acknowledged", "scheduled", "held"):
        response = alice_client.patch(
            url, {"status": status, "date": "2026-12-03"}, content_type="application/json"
        )
        assert response.status_code == 200, response.content
    assert Meeting.objects.get().status == "held"


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ({"status": "scheduled"}, "needs its date"),
        ({"invitees": ["00000000-0000-0000-0000-000000000000"]}, "invitees"),
        ({"kind": "party"}, "kind"),
        ({"date": "03/12/2026"}, "date"),
    ],
)
def test_bad_meetings_are_refused_with_the_field_named(alice_client, child, payload, message):
    response = post(alice_client, f"/api/v1/children/{child.pk}/meetings", payload)
    assert response.status_code == 422
    assert message in str(response.json()["detail"])
    assert Meeting.objects.count() == 0


def test_another_households_team_member_cannot_be_invited(alice_client, child, charlie):
    from playbook.children.models import Child

    other = Child.objects.create(
        household=charlie.memberships.get().household,
        name="Other",
        birth_date=date(2016, 1, 1),
        grade="4",
        state="NY",
    )
    stranger = TeamMember.objects.create(child=other, name="X", role="principal")
    response = post(
        alice_client, f"/api/v1/children/{child.pk}/meetings", {"invitees": [str(stranger.pk)]}
    )
    assert response.status_code == 422


def test_trial_review_date_is_derived_across_a_break(alice_client, child):
    SchoolBreak.objects.create(
        child=child, name="Winter", start=date(2026, 12, 21), end=date(2027, 1, 1)
    )
    response = post(
        alice_client,
        f"/api/v1/children/{child.pk}/trials",
        {
            "proposal": "a shared classroom aide",
            "instead_of": "a 1:1 aide",
            "start_date": "2026-11-16",
            "weeks": 5,
            "measure": "incidents per week",
        },
    )
    assert response.status_code == 201, response.content
    # 25 school days from Monday 16 Nov: the break is not trial time (decision 0037).
    assert response.json()["review_date"] == "2027-01-05"


@pytest.mark.parametrize("weeks", [0, -2, 60])
def test_a_trial_needs_a_sensible_length(alice_client, child, weeks):
    response = post(
        alice_client,
        f"/api/v1/children/{child.pk}/trials",
        {"proposal": "x", "start_date": "2026-11-16", "weeks": weeks, "measure": "y"},
    )
    assert response.status_code == 422
    assert Trial.objects.count() == 0


def test_data_series_and_points(alice_client, child):
    created = post(
        alice_client,
        f"/api/v1/children/{child.pk}/data-series",
        {"name": "Words read per minute", "unit": "wpm", "goal": 90, "baseline": 42},
    )
    assert created.status_code == 201
    url = f"/api/v1/children/{child.pk}/data-series/{created.json()['id']}/points"
    assert post(alice_client, url, {"date": "2026-10-01", "value": 45}).status_code == 201
    assert post(alice_client, url, {"date": "2026-10-08", "value": "lots"}).status_code == 422
    assert [p["value"] for p in alice_client.get(url).json()] == [45.0]
    listing = alice_client.get(f"/api/v1/children/{child.pk}/data-series").json()
    assert listing[0]["points"] == 1


def test_a_series_is_reached_only_through_its_own_child(alice_client, child, household):
    from playbook.children.models import Child

    sibling = Child.objects.create(
        household=household, name="Sibling", birth_date=date(2018, 1, 1), grade="2", state="CA"
    )
    series = DataSeries.objects.create(child=child, name="x", unit="y")
    response = alice_client.get(f"/api/v1/children/{sibling.pk}/data-series/{series.pk}/points")
    assert response.status_code == 404


def test_outsiders_404_and_read_only_403(charlie_client, child, client, bob):
    url = f"/api/v1/children/{child.pk}/meetings"
    assert charlie_client.get(url).status_code == 404
    client.force_login(bob)
    assert client.get(url).status_code == 200
    assert post(client, url, {}).status_code == 403
