"""What the school said is recorded on a day that has come: a reply or a refusal dated after
the family's today is refused by the page and by the API alike, with the date named, and
nothing is saved (found on a walk: a reply dated two days ahead went into the trail, which
refuses a future entry of its own, and the API logged a refusal the page would refuse)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from playbook.advocacy.models import Ask
from playbook.refusals.models import Refusal
from playbook.trail.models import Entry


@pytest.fixture
def ask(child, case_manager):
    return Ask.objects.create(
        child=child,
        subject="A 1:1 aide",
        asked_of=case_manager,
        asked_on=child.today() - timedelta(days=10),
    )


def test_a_reply_dated_after_today_is_refused_by_both_doors(alice_client, child, ask):
    later = (child.today() + timedelta(days=2)).isoformat()
    api = alice_client.post(
        f"/api/v1/asks/{ask.pk}/reply",
        {"text": "We don't have the staff.", "date": later, "outcome": "refused"},
        content_type="application/json",
    )
    assert api.status_code == 422, api.content
    assert "date" in api.json()["detail"] and "has not come yet" in api.json()["detail"]
    page = alice_client.post(
        f"/children/{child.pk}/asks/{ask.pk}/reply/",
        {
            "text": "We don't have the staff.",
            "date": later,
            "outcome": "refused",
            "channel": "email",
        },
    )
    assert page.status_code in (200, 400)
    assert "has not come yet" in page.content.decode()
    ask.refresh_from_db()
    assert ask.status == "open" and not ask.reply_text
    assert not Entry.objects.filter(child=child).exists()
    # Today is a day that has come.
    today = alice_client.post(
        f"/api/v1/asks/{ask.pk}/reply",
        {
            "text": "We don't have the staff.",
            "date": child.today().isoformat(),
            "outcome": "refused",
        },
        content_type="application/json",
    )
    assert today.status_code == 200, today.content


def test_the_api_refuses_a_refusal_said_after_today_as_the_page_does(
    alice_client, child, case_manager
):
    later = (child.today() + timedelta(days=1)).isoformat()
    response = alice_client.post(
        f"/api/v1/children/{child.pk}/refusals",
        {"said_by": str(case_manager.pk), "said_on": later, "words": "Not our policy."},
        content_type="application/json",
    )
    assert response.status_code == 422, response.content
    assert "said_on" in str(response.json())
    assert not Refusal.objects.exists()


def test_an_ask_made_after_today_is_refused_by_both_doors(alice_client, child, case_manager):
    """An ask records a request already made (found on a walk: the API opened an ask "asked"
    tomorrow, whose reply date then moved past what the parent was told)."""
    later = (child.today() + timedelta(days=1)).isoformat()
    api = alice_client.post(
        f"/api/v1/children/{child.pk}/asks",
        {"subject": "A reading intervention", "asked_on": later},
        content_type="application/json",
    )
    assert api.status_code == 422, api.content
    assert api.json()["detail"].startswith("asked_on:")
    assert "has not come yet" in api.json()["detail"]
    page = alice_client.post(
        f"/children/{child.pk}/asks/new/",
        {"subject": "A reading intervention", "asked_on": later, "channel": "email"},
    )
    assert page.status_code == 400
    assert "has not come yet" in page.content.decode()
    assert not Ask.objects.exists()


def test_an_ask_without_its_date_was_made_on_the_familys_today(alice_client, child):
    response = alice_client.post(
        f"/api/v1/children/{child.pk}/asks",
        {"subject": "A reading intervention"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["asked_on"] == child.today().isoformat()


def test_an_asks_date_moved_after_today_is_refused_by_both_doors(alice_client, child, ask):
    later = (child.today() + timedelta(days=3)).isoformat()
    api = alice_client.patch(
        f"/api/v1/asks/{ask.pk}", {"asked_on": later}, content_type="application/json"
    )
    assert api.status_code == 422, api.content
    assert api.json()["detail"].startswith("asked_on:")
    page = alice_client.post(
        f"/children/{child.pk}/asks/{ask.pk}/edit/",
        {"subject": ask.subject, "asked_on": later, "channel": "email"},
    )
    assert page.status_code == 400
    assert "has not come yet" in page.content.decode()
    ask.refresh_from_db()
    assert ask.asked_on == child.today() - timedelta(days=10)


def test_a_letter_sent_after_today_is_refused_by_both_doors(alice_client, child, case_manager):
    from playbook.letters.models import Letter

    drafted = alice_client.post(
        f"/api/v1/children/{child.pk}/letters",
        {"kind": "records_request"},
        content_type="application/json",
    )
    assert drafted.status_code == 201, drafted.content
    letter = Letter.objects.get(pk=drafted.json()["id"])
    later = (child.today() + timedelta(days=2)).isoformat()
    api = alice_client.post(
        f"/api/v1/letters/{letter.pk}/sent", {"date": later}, content_type="application/json"
    )
    assert api.status_code == 422, api.content
    assert api.json()["detail"].startswith("date:") and "has not come yet" in api.json()["detail"]
    page = alice_client.post(f"/children/{child.pk}/letters/{letter.pk}/sent/", {"date": later})
    assert page.status_code == 400
    assert "has not come yet" in page.content.decode()
    letter.refresh_from_db()
    assert letter.is_draft and not Entry.objects.filter(child=child).exists()
    assert not Ask.objects.exists()


def test_a_data_point_measured_after_today_is_refused_by_both_doors(alice_client, child):
    from playbook.meetings.models import DataSeries, Measurement

    series = DataSeries.objects.create(child=child, name="Words per minute", unit="wpm")
    later = (child.today() + timedelta(days=1)).isoformat()
    api = alice_client.post(
        f"/api/v1/children/{child.pk}/data-series/{series.pk}/points",
        {"date": later, "value": 41},
        content_type="application/json",
    )
    assert api.status_code == 422, api.content
    assert api.json()["detail"].startswith("date:") and "has not come yet" in api.json()["detail"]
    page = alice_client.post(
        f"/children/{child.pk}/data/{series.pk}/", {"date": later, "value": "41", "note": ""}
    )
    assert page.status_code == 400
    assert "has not come yet" in page.content.decode()
    assert not Measurement.objects.exists()
    # A point saved before the rule with a later date can still have its value corrected.
    point = Measurement.objects.create(
        series=series, date=child.today() + timedelta(days=5), value=1
    )
    fixed = alice_client.patch(
        f"/api/v1/children/{child.pk}/data-series/{series.pk}/points/{point.pk}",
        {"value": 2},
        content_type="application/json",
    )
    assert fixed.status_code == 200, fixed.content
