import json

from playbook.trail.models import Entry


def test_openapi_lists_the_letter_and_advocacy_routes(alice_client):
    schema = alice_client.get("/api/v1/openapi.json").json()
    for path in (
        "/api/v1/children/{child_id}/letters",
        "/api/v1/letters/{letter_id}/sent",
        "/api/v1/asks/{ask_id}/reply",
        "/api/v1/children/{child_id}/concerns",
    ):
        assert path in schema["paths"], sorted(schema["paths"])


def test_sent_without_a_body_means_today(alice_client, child, case_manager, concern):
    letter = alice_client.post(
        f"/api/v1/children/{child.pk}/letters",
        json.dumps({"kind": "written_concerns", "concern": str(concern.pk)}),
        content_type="application/json",
    ).json()
    response = alice_client.post(f"/api/v1/letters/{letter['id']}/sent")
    assert response.status_code == 200, response.content
    assert (
        response.json()["sent_on"]
        == Entry.objects.get()
        .occurred_at.astimezone(__import__("zoneinfo").ZoneInfo("America/New_York"))
        .date()
        .isoformat()
    )
