"""PATCH children/{id}/ieps/{iep_id}: the IEP edit page's twin (issue 15's API parity). It
goes through the page's own write (children.forms.save_iep), from the page's own forms."""

from datetime import date
from unittest import mock

from playbook.children.forms import save_iep
from playbook.children.models import IEP
from playbook.ledger.models import ServiceSession

from .test_ieps_api import NEW_IEP


def _saved(alice_api, child):
    response = alice_api.post(f"children/{child.pk}/ieps", NEW_IEP)
    assert response.status_code == 201, response.json()
    return response.json()


def test_an_iep_is_corrected_as_on_its_edit_page(alice_api, child):
    body = _saved(alice_api, child)
    speech, ot = body["services"]
    logged = ServiceSession.objects.create(
        service_id=speech["id"], date=date(2025, 9, 10), minutes=30, status="delivered"
    )
    with mock.patch("playbook.api.ieps.save_iep", wraps=save_iep) as write:
        response = alice_api.patch(
            f"children/{child.pk}/ieps/{body['id']}",
            {
                "end_date": "2026-08-28",
                "services": [
                    {"id": speech["id"], "service": "Speech therapy", "minutes": 90, "per": "week"},
                    {"service": "Counseling", "minutes": 30, "per": "month"},
                ],
                "remove_services": [ot["id"]],
                "goals": ["Reads 100 words correct per minute"],
            },
        )
    assert response.status_code == 200, response.json()
    assert write.call_count == 1  # the page's write, not one of the API's own
    answer = response.json()
    assert answer["end_date"] == "2026-08-28"
    assert answer["start_date"] == "2025-09-02"  # what the change left out stays
    assert [(s["service"], s["minutes"], s["per"]) for s in answer["services"]] == [
        ("Speech therapy", 90, "week"),
        ("Counseling", 30, "month"),
    ]
    assert answer["services"][0]["id"] == speech["id"]  # changed in place
    assert ServiceSession.objects.filter(pk=logged.pk).exists()  # its sessions kept
    assert [g["text"] for g in answer["goals"]] == ["Reads 100 words correct per minute"]
    assert [a["text"] for a in answer["accommodations"]] == NEW_IEP["accommodations"]


def test_a_wrong_change_is_a_422_naming_the_field_and_changes_nothing(alice_api, child):
    body = _saved(alice_api, child)
    url = f"children/{child.pk}/ieps/{body['id']}"
    response = alice_api.patch(url, {"end_date": "2025-08-01"})
    assert response.status_code == 422
    assert "end_date" in response.json()["detail"]
    response = alice_api.patch(url, {"remove_services": ["not-a-service"]})
    assert response.status_code == 422
    assert "services" in response.json()["detail"]
    response = alice_api.patch(
        url, {"services": [{"service": "Speech", "minutes": 0, "per": "week"}]}
    )
    assert response.status_code == 422
    assert IEP.objects.get(pk=body["id"]).end_date == date(2026, 9, 1)
    assert IEP.objects.get(pk=body["id"]).services.count() == 2


def test_another_household_gets_404_and_a_read_only_member_403(
    alice_api, bob_api, charlie_api, child
):
    body = _saved(alice_api, child)
    url = f"children/{child.pk}/ieps/{body['id']}"
    assert charlie_api.patch(url, {"end_date": "2026-08-28"}).status_code == 404
    assert bob_api.patch(url, {"end_date": "2026-08-28"}).status_code == 403
    assert IEP.objects.get(pk=body["id"]).end_date == date(2026, 9, 1)
