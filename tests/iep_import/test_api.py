"""POST children/{id}/ieps/import: reads, saves nothing, refuses bad files with a detail."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from playbook.accounts.models import ApiToken
from playbook.children.models import IEP, Child

from .samples import GRID_DISTRICT, GRID_DISTRICT_EXPECTED, LUNCH_MENU, SCANNED


def url(child_id) -> str:
    return f"/api/v1/children/{child_id}/ieps/import"


def upload(client, child_id, content: bytes, name: str = "iep.pdf", **extra):
    file = SimpleUploadedFile(name, content, content_type="application/pdf")
    return client.post(url(child_id), {"file": file}, **extra)


def test_reads_the_iep_and_saves_nothing(alice_client, child):
    response = upload(alice_client, child.pk, GRID_DISTRICT)
    assert response.status_code == 200
    got = response.json()
    # Issue 16 added facts to the answer; the ones before it are unchanged.
    assert {"date_of_birth", "placement", "parent_concerns", "supplementary_aids"} <= set(got)
    got["goals"] = [{"text": g["text"], "page": g["page"]} for g in got["goals"]]
    assert {key: got[key] for key in GRID_DISTRICT_EXPECTED} == GRID_DISTRICT_EXPECTED
    assert IEP.objects.count() == 0


def test_a_bearer_token_works(client, alice, child):
    _, token = ApiToken.issue(alice, "script")
    response = upload(client, child.pk, GRID_DISTRICT, HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("content", "status", "words"),
    [
        (SCANNED, 422, "scan with no text"),
        (LUNCH_MENU, 422, "could not find any IEP facts"),
        (b"just some text", 400, "not a PDF"),
        (GRID_DISTRICT[:2000], 400, "damaged"),
    ],
)
def test_bad_files_get_a_detail(alice_client, child, content, status, words):
    response = upload(alice_client, child.pk, content)
    assert response.status_code == status
    assert words in response.json()["detail"]


def test_no_file_is_a_400(alice_client, child):
    response = alice_client.post(url(child.pk), {})
    assert response.status_code == 400
    assert "file" in response.json()["detail"]


def test_too_large_is_a_413(alice_client, child, settings):
    settings.MAX_UPLOAD_BYTES = 1000
    response = upload(alice_client, child.pk, GRID_DISTRICT)
    assert response.status_code == 413
    assert "larger than" in response.json()["detail"]


def test_another_households_child_is_404(charlie_client, child):
    assert upload(charlie_client, child.pk, GRID_DISTRICT).status_code == 404


def test_a_malformed_id_is_404(alice_client, child):
    assert upload(alice_client, "not-a-uuid", GRID_DISTRICT).status_code == 404


def test_read_only_member_is_403(bob_client, child):
    response = upload(bob_client, child.pk, GRID_DISTRICT)
    assert response.status_code == 403
    assert response.json()["detail"]


def test_signed_out_is_401(client, child):
    assert upload(client, child.pk, GRID_DISTRICT).status_code == 401


def test_charlies_own_child_works_for_him(charlie_client, charlie):
    household = charlie.memberships.get().household
    own = Child.objects.create(
        household=household, name="Kim", birth_date="2016-01-01", grade="4", state="NY"
    )
    assert upload(charlie_client, own.pk, GRID_DISTRICT).status_code == 200


def test_the_route_is_in_the_openapi_document(alice_client):
    document = alice_client.get("/api/v1/openapi.json").json()
    route = document["paths"]["/api/v1/children/{child_id}/ieps/import"]["post"]
    assert set(route["responses"]) >= {"200", "400", "413", "422"}
