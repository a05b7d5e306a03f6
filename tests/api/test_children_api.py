import pytest

from playbook.accounts.households import create_parent
from playbook.accounts.models import Membership, Role
from playbook.children.models import Child

from .conftest import Api, detail

NEW_CHILD = {
    "name": "Ava Rivera",
    "birth_date": "2017-06-01",
    "grade": "2",
    "school": "Lincoln Elementary",
    "district": "Springfield Public Schools",
    "state": "ca",
    "school_year_start_month": 9,
}


def test_children_lists_only_my_households_children(alice_api, charlie_api, child):
    assert [c["name"] for c in alice_api.get("children").json()] == ["Sam Rivera"]
    assert charlie_api.get("children").json() == []


def test_a_child_is_added_to_my_household(alice_api, household):
    response = alice_api.post("children", NEW_CHILD)
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["state"] == "CA" and body["grade"] == "2"
    assert body["household"] == str(household.pk)
    child = Child.objects.get(pk=body["id"])
    assert child.household == household and child.school_year_start_month == 9


def test_with_two_households_the_child_needs_one_named(alice, alice_api, household, charlie):
    other = charlie.memberships.get().household
    Membership.objects.create(household=other, user=alice, role=Role.PARENT)
    response = alice_api.post("children", NEW_CHILD)
    assert response.status_code == 422
    assert detail(response).startswith("household:")
    response = alice_api.post("children", {**NEW_CHILD, "household": str(other.pk)})
    assert response.status_code == 201
    assert Child.objects.get().household == other


def test_a_read_only_member_cannot_add_a_child_to_the_household(bob, bob_api, household):
    response = bob_api.post("children", {**NEW_CHILD, "household": str(household.pk)})
    assert response.status_code == 403
    assert not Child.objects.filter(household=household).exists()


def test_a_child_cannot_be_added_to_a_stranger_household(charlie_api, household):
    response = charlie_api.post("children", {**NEW_CHILD, "household": str(household.pk)})
    assert response.status_code == 404


def test_someone_with_only_read_access_has_nowhere_to_add_a_child(household):
    reader = create_parent("reader@example.com", "a-long-test-password")
    Membership.objects.filter(user=reader).delete()
    Membership.objects.create(household=household, user=reader, role=Role.ADVOCATE_READ)
    response = Api(reader).post("children", NEW_CHILD)
    assert response.status_code == 422
    assert "household" in detail(response)


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"name": ""}, "name", "can't be empty"),
        ({"name": "   "}, "name", "can't be empty"),
        ({"name": None}, "name", ""),
        ({"birth_date": "2017-13-01"}, "birth_date", "not a real date"),
        ({"birth_date": "06/01/2017"}, "birth_date", "YYYY-MM-DD"),
        ({"birth_date": 1496275200}, "birth_date", "YYYY-MM-DD"),
        ({"birth_date": "2099-01-01"}, "birth_date", "future"),
        ({"grade": "13"}, "grade", "PK, K, 1"),
        ({"state": "California"}, "state", "CA"),
        ({"state": "ZZ"}, "state", "Choose one of"),
        ({"school_year_start_month": 13}, "school_year_start_month", "12"),
        ({"school_year_start_month": 0}, "school_year_start_month", "at least 1"),
        ({"name": "x" * 151}, "name", "150 characters"),
        ({"name": "Ava\x00"}, "name", "U+0000"),
        ({"school": "\x00"}, "school", "U+0000"),
    ],
)
def test_bad_child_details_are_refused_and_nothing_is_stored(alice_api, change, field, words):
    response = alice_api.post("children", {**NEW_CHILD, **change})
    assert response.status_code == 422
    body = response.json()
    assert body["detail"].startswith(f"{field}:")
    assert words in body["detail"]
    assert [e["field"] for e in body["errors"]] == [field]
    assert not Child.objects.exists()


def test_missing_fields_are_each_named(alice_api):
    response = alice_api.post("children", {})
    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["errors"]}
    assert fields == {"name", "grade", "state"}  # birth_date optional since issue 17
    assert "This field is required" in detail(response)


def test_a_child_is_read_changed_and_deleted(alice_api, child):
    assert alice_api.get(f"children/{child.pk}").json()["name"] == "Sam Rivera"
    response = alice_api.patch(f"children/{child.pk}", {"grade": "6", "school": ""})
    assert response.status_code == 200
    child.refresh_from_db()
    assert (child.grade, child.school, child.name) == ("6", "", "Sam Rivera")
    assert alice_api.delete(f"children/{child.pk}").status_code == 204
    assert not Child.objects.exists()
    assert alice_api.get(f"children/{child.pk}").status_code == 404


@pytest.mark.parametrize(
    "change",
    [{"grade": "thirteenth"}, {"name": None}, {"birth_date": "yesterday"}, {"state": None}],
)
def test_a_bad_change_leaves_the_child_as_it_was(alice_api, child, change):
    response = alice_api.patch(f"children/{child.pk}", {**change, "school": "Elsewhere"})
    assert response.status_code == 422
    assert detail(response).startswith(f"{next(iter(change))}:")
    child.refresh_from_db()
    assert child.school == "Lincoln Elementary"


def test_read_only_and_outsiders_cannot_change_a_child(bob_api, charlie_api, child):
    for api, status in ((bob_api, 403), (charlie_api, 404)):
        assert api.patch(f"children/{child.pk}", {"name": "X"}).status_code == status
        assert api.delete(f"children/{child.pk}").status_code == status
    assert bob_api.get(f"children/{child.pk}").status_code == 200
    assert charlie_api.get(f"children/{child.pk}").status_code == 404
    child.refresh_from_db()
    assert child.name == "Sam Rivera"
