"""GET/PATCH households/{id}: the family's time zone through the API (issue 17)."""

from __future__ import annotations

from datetime import UTC, datetime

import time_machine


def test_read_and_change_the_time_zone(alice_api, household):
    with time_machine.travel(datetime(2026, 12, 2, 3, 0, tzinfo=UTC), tick=False):
        answer = alice_api.get(f"households/{household.pk}")
        assert answer.status_code == 200
        assert answer.json()["time_zone"] == "America/New_York"
        assert answer.json()["today"] == "2026-12-01"
        changed = alice_api.patch(f"households/{household.pk}", {"time_zone": "Asia/Tokyo"})
        assert changed.status_code == 200, changed.content
        assert changed.json()["time_zone"] == "Asia/Tokyo"
        assert changed.json()["today"] == "2026-12-02"
    household.refresh_from_db()
    assert household.time_zone == "Asia/Tokyo"


def test_a_bad_zone_is_a_clear_400(alice_api, household):
    answer = alice_api.patch(f"households/{household.pk}", {"time_zone": "Mars/Olympus"})
    assert answer.status_code == 422, answer.content
    assert [e["field"] for e in answer.json()["errors"]] == ["time_zone"]
    assert "not a time zone we know" in answer.content.decode()
    household.refresh_from_db()
    assert household.time_zone == "America/New_York"


def test_a_misspelt_field_is_refused(alice_api, household):
    answer = alice_api.patch(f"households/{household.pk}", {"timezone": "Asia/Tokyo"})
    assert answer.status_code == 422


def test_read_only_and_outsiders(bob_api, charlie_api, household):
    assert bob_api.get(f"households/{household.pk}").status_code == 200
    assert (
        bob_api.patch(f"households/{household.pk}", {"time_zone": "Asia/Tokyo"}).status_code == 403
    )
    assert charlie_api.get(f"households/{household.pk}").status_code == 404
    household.refresh_from_db()
    assert household.time_zone == "America/New_York"
