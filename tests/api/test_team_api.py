from datetime import date

import pytest

from playbook.children.models import Child, TeamMember

from .conftest import detail

PRINCIPAL = {
    "name": "Denise Walker",
    "role": "principal",
    "email": "DWalker@School.example",
    "phone": "(916) 555-0100",
}


def test_the_team_is_listed_in_the_order_it_was_entered(alice_api, child, case_manager):
    alice_api.post(f"children/{child.pk}/team", PRINCIPAL)
    team = alice_api.get(f"children/{child.pk}/team").json()
    assert [(m["name"], m["role"]) for m in team] == [
        ("Dana Cole", "case_manager"),
        ("Denise Walker", "principal"),
    ]
    assert team[0]["role_label"] == "Case manager"


def test_a_team_member_is_added_with_a_normalised_email(alice_api, child):
    response = alice_api.post(f"children/{child.pk}/team", PRINCIPAL)
    assert response.status_code == 201
    member = TeamMember.objects.get(pk=response.json()["id"])
    assert (member.child, member.email, member.role) == (
        child,
        "dwalker@school.example",
        "principal",
    )


def test_a_therapist_carries_a_discipline(alice_api, child):
    body = {"name": "Priya Raman", "role": "therapist", "discipline": "Speech-language"}
    response = alice_api.post(f"children/{child.pk}/team", body)
    assert response.json()["role_label"] == "Speech-language therapist"
    assert response.json()["email"] == ""


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"role": "janitor"}, "role"),
        ({"role": None}, "role"),
        ({"name": ""}, "name"),
        ({"email": "not an email"}, "email"),
        ({"phone": "5" * 41}, "phone"),
    ],
)
def test_a_bad_team_member_is_refused(alice_api, child, change, field):
    response = alice_api.post(f"children/{child.pk}/team", {**PRINCIPAL, **change})
    assert response.status_code == 422
    assert detail(response).startswith(f"{field}:")
    assert not TeamMember.objects.exists()


def test_an_unknown_role_lists_the_roles(alice_api, child):
    response = alice_api.post(f"children/{child.pk}/team", {**PRINCIPAL, "role": "janitor"})
    assert "director_special_services" in detail(response)


def test_a_team_member_is_read_changed_and_removed(alice_api, child, case_manager):
    url = f"children/{child.pk}/team/{case_manager.pk}"
    assert alice_api.get(url).json()["email"] == "dana.cole@school.example"
    response = alice_api.patch(url, {"phone": "555-0101", "role": "special_ed_teacher"})
    assert response.status_code == 200
    case_manager.refresh_from_db()
    assert (case_manager.phone, case_manager.role) == ("555-0101", "special_ed_teacher")
    assert alice_api.patch(url, {"role": "boss"}).status_code == 422
    assert alice_api.patch(url, {"name": None}).status_code == 422
    case_manager.refresh_from_db()
    assert case_manager.role == "special_ed_teacher" and case_manager.name == "Dana Cole"
    assert alice_api.delete(url).status_code == 204
    assert not TeamMember.objects.exists()


def test_a_team_member_is_only_found_under_their_own_child(
    alice_api, household, child, case_manager
):
    sibling = Child.objects.create(
        household=household, name="Ava", birth_date=date(2018, 1, 1), grade="1", state="CA"
    )
    url = f"children/{sibling.pk}/team/{case_manager.pk}"
    assert alice_api.get(url).status_code == 404
    assert alice_api.delete(url).status_code == 404
    assert TeamMember.objects.filter(pk=case_manager.pk).exists()


def test_read_only_and_outsiders_cannot_change_the_team(bob_api, charlie_api, child, case_manager):
    url = f"children/{child.pk}/team/{case_manager.pk}"
    for api, status in ((bob_api, 403), (charlie_api, 404)):
        assert api.post(f"children/{child.pk}/team", PRINCIPAL).status_code == status
        assert api.patch(url, {"name": "X"}).status_code == status
        assert api.delete(url).status_code == status
    assert bob_api.get(url).status_code == 200
    assert charlie_api.get(f"children/{child.pk}/team").status_code == 404
    assert TeamMember.objects.count() == 1


def test_a_member_the_records_name_is_kept_as_former_and_can_come_back(
    alice_api, bob_api, charlie_api, child, case_manager
):
    """Issue 15, parity with the team page: take_off_team, and "Back on the team"."""
    from playbook.advocacy.models import Ask

    Ask.objects.create(
        child=child, subject="An evaluation", asked_of=case_manager, asked_on=date(2026, 9, 1)
    )
    url = f"children/{child.pk}/team/{case_manager.pk}"
    assert alice_api.get(url).json()["left_on"] is None
    assert alice_api.delete(url).status_code == 204
    case_manager.refresh_from_db()
    assert case_manager.left_on == child.today()
    assert alice_api.get(url).json()["left_on"] == child.today().isoformat()

    for api, status in ((bob_api, 403), (charlie_api, 404)):
        assert api.post(f"{url}/restore", {}).status_code == status
    case_manager.refresh_from_db()
    assert case_manager.left_on is not None

    back = alice_api.post(f"{url}/restore", {})
    assert back.status_code == 200, back.content
    assert back.json()["left_on"] is None
    case_manager.refresh_from_db()
    assert case_manager.left_on is None
