"""Restoring a backup from the account page and the API (issue 20, finding 2): an owner of
a family uploads a backup; it becomes a new family they own, with the same guarantees as
`playbook restore`."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from playbook.accounts.models import ApiToken, Household, Membership, Role, User
from playbook.children.models import Child
from playbook.exports.backup import backup_bytes

from ..conftest import signed_in


@pytest.fixture
def charlies_backup(charlie):
    """Charlie's family backed up, then gone from this installation."""
    household = charlie.memberships.get().household
    Child.objects.create(
        household=household, name="Kit Other", birth_date=date(2016, 1, 2), grade="4", state="OR"
    )
    archive = backup_bytes(household)
    household.delete()
    return archive


def _zip(content: bytes, name: str = "backup.zip") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/zip")


def test_the_account_page_offers_restore(alice_client):
    assert "/household/restore/" in alice_client.get("/account/").content.decode()


def test_an_owner_restores_a_backup_as_a_new_family(alice, alice_client, charlies_backup):
    page = alice_client.get("/household/restore/").content.decode()
    assert 'enctype="multipart/form-data"' in page and "Your backup file" in page

    response = alice_client.post("/household/restore/", {"file": _zip(charlies_backup)})

    assert response.status_code == 200
    text = response.content.decode()
    assert "Charlie Other&#x27;s family</strong> is back" in text
    assert "charlie@example.com (Owner)" in text  # to invite again
    assert 'href="/household/sharing/"' in text  # the next step: invite them
    restored = Household.objects.get(name="Charlie Other's family")
    assert list(restored.memberships.values_list("user", "role")) == [(alice.pk, "owner")]
    assert restored.children.get().name == "Kit Other"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"PK but not a zip", "not a zip file"),
        (b"", "This file is empty"),
    ],
)
def test_a_file_that_is_not_a_backup_is_a_form_error(alice_client, content, message):
    response = alice_client.post("/household/restore/", {"file": _zip(content)})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Household.objects.count() == 1  # Alice's own


def test_restoring_the_same_backup_twice_is_refused(alice_client, charlies_backup):
    first = alice_client.post("/household/restore/", {"file": _zip(charlies_backup)})
    assert first.status_code == 200
    response = alice_client.post("/household/restore/", {"file": _zip(charlies_backup)})
    assert response.status_code == 400
    assert "already in this installation" in response.content.decode()
    assert Household.objects.count() == 2


def test_a_backup_over_the_upload_limit_is_refused(alice_client, settings):
    settings.MAX_UPLOAD_BYTES = 1024 * 1024
    response = alice_client.post("/household/restore/", {"file": _zip(b"x" * (1024 * 1024 + 1))})
    assert response.status_code == 400
    assert "larger than 1 MB" in response.content.decode()


@pytest.fixture
def not_an_owner(household):
    """An advocate of Alice's family who owns no family."""
    user = User.objects.create_user("dana@example.com", "a-long-test-password")
    Membership.objects.create(household=household, user=user, role=Role.ADVOCATE_EDIT)
    return user


def test_only_an_owner_may_restore(client, not_an_owner, charlies_backup):
    signed_in(client, not_an_owner)
    page = client.get("/household/restore/")
    assert page.status_code == 200
    assert "Only a family's owner can restore a backup" in page.content.decode()
    response = client.post("/household/restore/", {"file": _zip(charlies_backup)})
    assert response.status_code == 403
    assert not Household.objects.filter(name="Charlie Other's family").exists()


def test_signing_in_comes_first(client):
    response = client.get("/household/restore/")
    assert response.status_code == 302 and "/login" in response["Location"]


# The API: POST households/restore


def _api_restore(user, upload=None) -> object:
    _, raw = ApiToken.issue(user)
    data = {"file": upload} if upload is not None else {}
    return Client().post(
        "/api/v1/households/restore", data, headers={"Authorization": f"Bearer {raw}"}
    )


def test_the_api_restores_a_backup_as_a_new_household(alice, charlies_backup):
    response = _api_restore(alice, _zip(charlies_backup))

    assert response.status_code == 201
    answer = response.json()
    restored = Household.objects.get(pk=answer["household"]["id"])
    assert answer["household"]["name"] == restored.name == "Charlie Other's family"
    assert answer["members_to_invite"] == [{"email": "charlie@example.com", "role": "owner"}]
    assert (answer["records"], answer["files"]) == (2, 0)
    assert list(restored.memberships.values_list("user", "role")) == [(alice.pk, "owner")]


@pytest.mark.parametrize(
    ("upload", "status", "message"),
    [
        (None, 422, "multipart field 'file'"),
        (b"PK but not a zip", 422, "not a zip file"),
    ],
)
def test_the_api_refuses_what_is_not_a_backup(alice, upload, status, message):
    response = _api_restore(alice, _zip(upload) if upload is not None else None)
    assert response.status_code == status
    assert message in response.json()["detail"]
    assert Household.objects.count() == 1


def test_the_api_refuses_a_backup_over_the_upload_limit(alice, settings):
    settings.MAX_UPLOAD_BYTES = 1024 * 1024
    response = _api_restore(alice, _zip(b"x" * (1024 * 1024 + 1)))
    assert response.status_code == 413
    assert "at most 1 MB" in response.json()["detail"]


def test_the_api_lets_only_an_owner_restore(not_an_owner, charlies_backup):
    response = _api_restore(not_an_owner, _zip(charlies_backup))
    assert response.status_code == 403
    assert not Household.objects.filter(name="Charlie Other's family").exists()
