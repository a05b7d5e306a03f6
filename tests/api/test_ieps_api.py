from unittest import mock

import pytest

from playbook.children.models import IEP, Goal, Service

from .conftest import detail

NEW_IEP = {
    "meeting_date": "2025-08-26",
    "start_date": "2025-09-02",
    "end_date": "2026-09-01",
    "last_evaluation_date": "2024-03-15",
    "services": [
        {"service": "Speech therapy", "minutes": 60, "per": "week", "sessions": 2,
         "setting": "Speech room"},
        {"service": "Occupational therapy", "minutes": 30, "per": "week"},
    ],
    "goals": ["Reads 90 words correct per minute", {"text": "Writes 3 sentences", "area": "Writing"}],
    "accommodations": ["Extended time", "Preferential seating"],
}  # fmt: skip


def test_an_iep_is_recorded_with_everything_nested(alice_api, child):
    response = alice_api.post(f"children/{child.pk}/ieps", NEW_IEP)
    assert response.status_code == 201, response.json()
    body = response.json()
    assert [(s["service"], s["minutes"], s["per"]) for s in body["services"]] == [
        ("Speech therapy", 60, "week"),
        ("Occupational therapy", 30, "week"),
    ]
    assert body["services"][0]["sessions"] == 2
    assert [g["text"] for g in body["goals"]] == [
        "Reads 90 words correct per minute",
        "Writes 3 sentences",
    ]
    assert body["goals"][1]["area"] == "Writing"
    assert [a["text"] for a in body["accommodations"]] == ["Extended time", "Preferential seating"]
    iep = IEP.objects.get(pk=body["id"])
    assert iep.child == child and iep.services.count() == 2


def test_the_reevaluation_is_derived_when_absent(alice_api, child):
    body = alice_api.post(f"children/{child.pk}/ieps", NEW_IEP).json()
    assert body["reevaluation_due"] == "2027-03-15"
    assert body["reevaluation_due_derived"] is True
    given = {**NEW_IEP, "reevaluation_due": "2026-12-01"}
    body = alice_api.post(f"children/{child.pk}/ieps", given).json()
    assert body["reevaluation_due"] == "2026-12-01"
    assert body["reevaluation_due_derived"] is False


def test_without_an_evaluation_date_there_is_no_reevaluation_date(alice_api, child):
    body = {k: v for k, v in NEW_IEP.items() if k != "last_evaluation_date"}
    answer = alice_api.post(f"children/{child.pk}/ieps", body).json()
    assert answer["reevaluation_due"] is None and answer["reevaluation_due_derived"] is False


def _with_service(**change):
    return {**NEW_IEP, "services": [{**NEW_IEP["services"][0], **change}]}


@pytest.mark.parametrize(
    ("body", "field", "words"),
    [
        ({**NEW_IEP, "end_date": "2025-08-01"}, "end_date", "after start_date"),
        ({**NEW_IEP, "end_date": "2025-09-02"}, "end_date", "after start_date"),
        ({**NEW_IEP, "start_date": "2025-02-30"}, "start_date", "not a real date"),
        ({**NEW_IEP, "start_date": "Sept 2 2025"}, "start_date", "YYYY-MM-DD"),
        ({**NEW_IEP, "reevaluation_due": "2024-01-01"}, "reevaluation_due", "after"),
        (_with_service(minutes=-30), "services.0.minutes", "at least 1"),
        (_with_service(minutes=0), "services.0.minutes", "at least 1"),
        (_with_service(minutes=12.5), "services.0.minutes", "whole number"),
        (_with_service(minutes="lots"), "services.0.minutes", "whole number"),
        (_with_service(per="year"), "services.0.per", "day, week or month"),
        (_with_service(service=""), "services.0.service", "can't be empty"),
        (_with_service(sessions=0), "services.0.sessions", "at least 1"),
        ({**NEW_IEP, "goals": ["Reads", ""]}, "goals.1.text", "can't be empty"),
        ({**NEW_IEP, "goals": [{"area": "Reading"}]}, "goals.0.text", "required"),
        ({**NEW_IEP, "accommodations": [42]}, "accommodations.0", "as text"),
        ({**NEW_IEP, "goals": "Reads"}, "goals", "list"),
    ],
)
def test_a_bad_iep_is_refused_whole(alice_api, child, body, field, words):
    response = alice_api.post(f"children/{child.pk}/ieps", body)
    assert response.status_code == 422
    fields = [e["field"] for e in response.json()["errors"]]
    assert fields == [field]
    assert words in detail(response)
    assert not IEP.objects.exists() and not Service.objects.exists()


def test_a_failure_midway_stores_nothing(alice_api, child):
    failing = mock.patch.object(Goal.objects, "bulk_create", side_effect=RuntimeError("disk"))
    with failing, pytest.raises(RuntimeError):
        alice_api.post(f"children/{child.pk}/ieps", NEW_IEP)
    assert not IEP.objects.exists() and not Service.objects.exists()


def test_ieps_are_listed_newest_first_and_read_one_by_one(alice_api, child):
    older = {**NEW_IEP, "start_date": "2024-09-02", "end_date": "2025-09-01"}
    first = alice_api.post(f"children/{child.pk}/ieps", older).json()
    second = alice_api.post(f"children/{child.pk}/ieps", NEW_IEP).json()
    listed = alice_api.get(f"children/{child.pk}/ieps").json()
    assert [i["id"] for i in listed] == [second["id"], first["id"]]
    one = alice_api.get(f"children/{child.pk}/ieps/{first['id']}").json()
    assert one == first


def test_an_iep_is_deleted_with_its_services(alice_api, child):
    iep = alice_api.post(f"children/{child.pk}/ieps", NEW_IEP).json()
    assert alice_api.delete(f"children/{child.pk}/ieps/{iep['id']}").status_code == 204
    assert not IEP.objects.exists() and not Service.objects.exists()


def test_read_only_and_outsiders_cannot_change_ieps(alice_api, bob_api, charlie_api, child):
    iep = alice_api.post(f"children/{child.pk}/ieps", NEW_IEP).json()
    url = f"children/{child.pk}/ieps/{iep['id']}"
    for api, status in ((bob_api, 403), (charlie_api, 404)):
        assert api.post(f"children/{child.pk}/ieps", NEW_IEP).status_code == status
        assert api.post(f"children/{child.pk}/ieps", {}).status_code == status
        assert api.delete(url).status_code == status
    assert bob_api.get(url).status_code == 200
    assert charlie_api.get(url).status_code == 404
    assert IEP.objects.count() == 1
