"""A NUL character (U+0000) in a trial's or a meeting's text is refused by name: PostgreSQL
cannot store it (SQLite can), and `POST trials` with one in `how_often` answered 500 there
(the CI's schemathesis run on PostgreSQL)."""

from __future__ import annotations

import pytest

from playbook.meetings.models import DataSeries, Meeting, Trial
from tests.api.conftest import Api

TRIAL = {"proposal": "A shared aide", "start_date": "2026-09-01", "weeks": 3, "measure": "Exits"}


@pytest.mark.parametrize(
    ("route", "body", "field", "model"),
    [
        ("trials", TRIAL, "how_often", Trial),
        ("trials", TRIAL, "measured_by", Trial),
        ("meetings", {"kind": "iep"}, "place", Meeting),
        ("meetings", {"kind": "iep"}, "outcome", Meeting),
        ("data-series", {"name": "Exits", "unit": "per week"}, "name", DataSeries),
    ],
)
def test_a_nul_character_is_a_422_naming_the_field(alice, child, route, body, field, model):
    answer = Api(alice).post(f"children/{child.pk}/{route}", {**body, field: "a\x00b"})
    assert answer.status_code == 422, answer.content
    assert answer.json()["detail"].startswith(f"{field}:")
    assert not model.objects.exists()
