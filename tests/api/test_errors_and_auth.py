"""The transport: malformed bodies, size limits, the two ways to sign in, CSRF."""

import json

from django.test import Client

from playbook.children.models import TeamMember

from .conftest import detail

MEMBER = {"name": "Dana Cole", "role": "case_manager"}


def test_malformed_json_is_a_400_that_says_so(alice_api, child):
    response = alice_api.post(f"children/{child.pk}/team", raw='{"name": "Dana",')
    assert response.status_code == 400
    assert "not valid JSON" in detail(response)
    assert not TeamMember.objects.exists()


def test_json_that_is_not_an_object_is_a_422(alice_api, child):
    response = alice_api.post(f"children/{child.pk}/team", raw="[1, 2]")
    assert response.status_code == 422
    assert not TeamMember.objects.exists()


def test_a_body_over_the_limit_is_a_413(alice_api, child, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
    big = json.dumps({**MEMBER, "phone": "5" * (2 * 1024 * 1024)})
    response = alice_api.post(f"children/{child.pk}/team", raw=big)
    assert response.status_code == 413
    assert "1 MB" in detail(response)
    assert not TeamMember.objects.exists()


def test_errors_always_carry_a_detail_sentence(alice_api, child):
    for response in (
        alice_api.get("children/not-a-uuid"),
        alice_api.post(f"children/{child.pk}/team", {"role": "x"}),
        alice_api.post(f"children/{child.pk}/team", raw="{"),
    ):
        assert response["Content-Type"].startswith("application/json")
        assert isinstance(detail(response), str) and detail(response).endswith(".")


def test_the_browser_session_signs_in_for_reads(alice, child):
    client = Client()
    client.force_login(alice)
    assert client.get("/api/v1/children").json()[0]["name"] == "Sam Rivera"


def test_session_writes_need_the_csrf_token(alice, child):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    url = f"/api/v1/children/{child.pk}/team"
    refused = client.post(url, MEMBER, content_type="application/json")
    assert refused.status_code == 403
    assert not TeamMember.objects.exists()
    token = "abcdefghijklmnopqrstuvwxyzABCDEF"  # what the page's CSRF cookie holds
    client.cookies["csrftoken"] = token
    accepted = client.post(
        url, MEMBER, content_type="application/json", headers={"X-CSRFToken": token}
    )
    assert accepted.status_code == 201


def test_bearer_tokens_need_no_csrf(alice_api, child):
    alice_api.client = Client(enforce_csrf_checks=True)
    assert alice_api.post(f"children/{child.pk}/team", MEMBER).status_code == 201


def test_a_token_of_a_deactivated_account_stops_working(alice, alice_api):
    alice.is_active = False
    alice.save()
    assert alice_api.get("me").status_code == 401
