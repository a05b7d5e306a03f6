"""Issue 20, finding 13: a team member's name, email, discipline and phone end up in
letters' mail headers, so a line break or control character typed into one is refused,
with a form error on the pages and a 422 in the API, never a 500. Nothing is stored and
nothing typed is lost."""

from __future__ import annotations

import pytest

from playbook.children.forms import TeamMemberForm
from playbook.children.models import TeamMember
from tests.api.conftest import Api

GOOD = {
    "name": "Pat Lee",
    "role": "general_ed_teacher",
    "discipline": "",
    "email": "pat.lee@school.example",
    "phone": "555-0100",
}
LONE_SURROGATE = "\ud800"

# (field, typed value, words of the error)
BAD_TEAM_INPUT = [
    ("name", "Pat\r\nLee", "remove the line break"),
    ("name", "Pat\nBcc: someone@else.example", "remove the line break"),
    ("name", "Pat\x07Lee", "cannot be saved (U+0007"),
    ("name", "Pat\tLee", "remove the tab"),
    ("discipline", "Speech\r\ntherapy", "remove the line break"),
    ("email", "pat.lee@school.example\r\nBcc: someone@else.example", "remove the line break"),
    ("phone", "555\r\n0100", "remove the line break"),
    ("phone", "555\x1b0100", "cannot be saved (U+001B"),
]


def _page_urls(child, case_manager) -> list[str]:
    return [
        f"/children/{child.pk}/team/add/",
        f"/children/{child.pk}/setup/team/",
        f"/children/{child.pk}/team/{case_manager.pk}/edit/",
    ]


@pytest.mark.parametrize("door", [0, 1, 2], ids=["add", "setup", "edit"])
@pytest.mark.parametrize("field, typed, words", BAD_TEAM_INPUT)
def test_a_team_page_refuses_a_break_or_control_with_a_form_error(
    alice_client, child, case_manager, door, field, typed, words
):
    before = list(TeamMember.objects.values_list("name", "email", "discipline", "phone"))
    response = alice_client.post(_page_urls(child, case_manager)[door], {**GOOD, field: typed})
    assert response.status_code == 400
    page = response.content.decode()
    assert words in page
    assert f'name="{field}"' in page
    assert list(TeamMember.objects.values_list("name", "email", "discipline", "phone")) == before


def test_a_role_with_a_line_break_is_not_one_of_the_roles(alice_client, child):
    response = alice_client.post(
        f"/children/{child.pk}/team/add/", {**GOOD, "role": "case_manager\r\n"}
    )
    assert response.status_code == 400
    assert "Choose a role from the list." in response.content.decode()
    assert not TeamMember.objects.exists()


@pytest.mark.parametrize("field", ["name", "discipline", "email", "phone"])
def test_the_team_form_refuses_a_lone_surrogate(field):
    # A browser cannot send one (the request is UTF-8), but the form refuses it anyway.
    form = TeamMemberForm({**GOOD, field: f"Pat{LONE_SURROGATE}"})
    assert not form.is_valid()
    assert "cannot be saved (U+D800" in " ".join(form.errors[field])


def test_a_page_given_the_bytes_of_a_lone_surrogate_saves_readable_text(alice_client, child):
    # UTF-8 cannot encode a lone surrogate; its bytes in a form post are read as U+FFFD.
    response = alice_client.post(
        f"/children/{child.pk}/team/add/",
        b"role=general_ed_teacher&name=Pat%ED%A0%80Lee",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 302
    assert TeamMember.objects.get().name == "Pat\ufffd\ufffd\ufffdLee"


API_BAD = [
    *BAD_TEAM_INPUT,
    ("name", f"Pat {LONE_SURROGATE}", "cannot be saved (U+D800"),
    ("email", f"pat{LONE_SURROGATE}@school.example", "cannot be saved (U+D800"),
    ("discipline", f"Speech{LONE_SURROGATE}", "cannot be saved (U+D800"),
    ("phone", f"555{LONE_SURROGATE}", "cannot be saved (U+D800"),
]


@pytest.mark.parametrize("field, typed, words", API_BAD)
def test_the_api_refuses_a_new_team_member_with_a_break_control_or_surrogate(
    alice, child, field, typed, words
):
    response = Api(alice).post(f"children/{child.pk}/team", {**GOOD, field: typed})
    assert response.status_code == 422
    assert response.json()["detail"].startswith(f"{field}: ")
    assert words in response.json()["detail"]
    assert not TeamMember.objects.exists()


@pytest.mark.parametrize("field, typed, words", API_BAD)
def test_the_api_refuses_a_team_change_with_a_break_control_or_surrogate(
    alice, child, case_manager, field, typed, words
):
    url = f"children/{child.pk}/team/{case_manager.pk}"
    response = Api(alice).patch(url, {field: typed})
    assert response.status_code == 422
    assert words in response.json()["detail"]
    case_manager.refresh_from_db()
    assert (case_manager.name, case_manager.email) == ("Dana Cole", "dana.cole@school.example")


def test_a_line_break_around_a_name_is_trimmed_as_on_the_pages(alice, child):
    response = Api(alice).post(f"children/{child.pk}/team", {**GOOD, "name": "\r\nPat Lee\r\n"})
    assert response.status_code == 201
    assert TeamMember.objects.get().name == "Pat Lee"


def test_the_api_refuses_a_role_with_a_line_break(alice, child):
    response = Api(alice).post(f"children/{child.pk}/team", {**GOOD, "role": "case_manager\r\n"})
    assert response.status_code == 422
    assert response.json()["detail"].startswith("role: ")


def test_a_field_name_with_a_lone_surrogate_is_a_422_in_plain_words(alice, child, case_manager):
    url = f"children/{child.pk}/team/{case_manager.pk}"
    response = Api(alice).patch(url, raw='{"\\ud800": "x"}')
    assert response.status_code == 422
    assert response.json()["detail"].startswith("This text has a character that cannot be saved")
