"""Every deadlines and plan route, walked with another household's ids: 404, never data."""

import uuid
from datetime import date

import pytest
from django.urls import reverse

from playbook.children.models import SchoolBreak
from playbook.deadlines import urls as deadline_urls
from playbook.deadlines.models import EvaluationConsent, Removal
from playbook.plan import urls as plan_urls

PAGES = [
    p for p in deadline_urls.urlpatterns + plan_urls.urlpatterns if "child_id" in str(p.pattern)
]
API = ["deadlines", "calendar.ics", "calendar-feed", "plan", "evaluations", "removals"]


def test_the_walk_covers_every_child_route():
    names = {p.name for p in PAGES}
    assert names >= {"deadlines", "deadlines_ics", "school_breaks", "plan", "plan_tick"}
    public = [p for p in deadline_urls.urlpatterns if "child_id" not in str(p.pattern)]
    assert [p.name for p in public] == ["calendar_feed"]  # the token is the key


@pytest.fixture
def ids(child):
    consent = EvaluationConsent.objects.create(child=child, signed_on=date(2026, 9, 1))
    school_break = SchoolBreak.objects.create(
        child=child, name="Winter", start=date(2026, 12, 21), end=date(2027, 1, 1)
    )
    removal = Removal.objects.create(child=child, date=date(2026, 10, 6), days=1)
    return {
        "child_id": child.pk,
        "consent_id": consent.pk,
        "break_id": school_break.pk,
        "removal_id": removal.pk,
    }


def _urls(ids):
    for pattern in PAGES:
        names = pattern.pattern.converters.keys()
        yield reverse(pattern.name, kwargs={k: ids[k] for k in names})


@pytest.mark.parametrize("method", ["get", "post"])
def test_another_household_gets_404_everywhere(charlie_client, ids, method):
    for path in _urls(ids):
        response = getattr(charlie_client, method)(path)
        assert response.status_code in (404, 405), (path, response.status_code)
        assert response.status_code == 404 or method == "get", path
    for tail in API:
        path = f"/api/v1/children/{ids['child_id']}/{tail}"
        body = {"item": "nov-behavior-log", "done": True} if tail == "plan" else {}
        response = getattr(charlie_client, method)(path, body, content_type="application/json")
        assert response.status_code in (404, 405), path
    assert EvaluationConsent.objects.count() == 1
    assert SchoolBreak.objects.count() == 1
    assert Removal.objects.count() == 1


def test_unknown_ids_are_404(alice_client, ids):
    unknown = {k: uuid.uuid4() for k in ids}
    for path in _urls(unknown):
        assert alice_client.post(path).status_code == 404, path


def test_anonymous_visitors_are_sent_to_log_in(client, ids):
    for path in _urls(ids):
        response = client.get(path)
        assert response.status_code in (302, 405), path
        if response.status_code == 302:
            assert "/login/" in response["Location"]
