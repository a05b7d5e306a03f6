"""Wherever a date goes (page, API, binder, weekly digest, calendar feed) it carries the
rule's source label, its status and the disclaimer; each file is parsed to find them."""

from __future__ import annotations

from datetime import date

import pytest
from django.core import mail
from icalendar import Calendar

from playbook.deadlines.engine import DISCLAIMER
from playbook.deadlines.models import EvaluationConsent
from tests.coach.conftest import MONDAY, remind
from tests.exports.test_binder import pdf_text
from tests.exports.test_binder_sections import table_after

FALLBACK = "Federal rule; Washington's own rule is not in our tables"


@pytest.fixture
def washington(child):
    """A Washington child: no Washington rule in our tables, so the federal 60 days stand
    in."""
    child.state = "WA"
    child.save()
    # Consent received 1 Nov 2026: 60 calendar days -> 31 Dec 2026.
    EvaluationConsent.objects.create(child=child, signed_on=date(2026, 11, 1))
    return child


def test_the_api_answers_citation_counting_source_status_label(alice_client, washington):
    items = alice_client.get(f"/api/v1/children/{washington.pk}/deadlines?today=2026-11-16").json()
    evaluation = next(i for i in items if i["id"].startswith("initial_evaluation:"))
    assert evaluation["due"] == "2026-12-31"
    assert evaluation["citation"] == "34 CFR § 300.301(c)(1)"
    assert evaluation["counting"] == "calendar"
    assert evaluation["source"] == "federal"
    assert evaluation["status"] == "Verified"
    assert evaluation["fallback"] is True
    assert evaluation["label"] == f"{FALLBACK} · verified in the rule's text"
    assert evaluation["disclaimer"] == DISCLAIMER
    assert "not legal advice" in DISCLAIMER.lower()
    assert "may be shorter than the federal one" in DISCLAIMER


def test_the_calendar_feed_descriptions(alice_client, washington):
    response = alice_client.get(f"/api/v1/children/{washington.pk}/calendar.ics?today=2026-11-16")
    calendar = Calendar.from_ical(response.content)
    (event,) = [
        e for e in calendar.walk("VEVENT") if str(e["uid"]).startswith("deadline-initial_eval")
    ]
    text = str(event["description"])
    assert f"Source: {FALLBACK} · verified in the rule's text." in text
    assert DISCLAIMER in text


def test_the_binder(alice_client, washington):
    response = alice_client.get(f"/api/v1/children/{washington.pk}/binder.pdf?today=2026-11-16")
    assert response.status_code == 200
    assert " ".join(DISCLAIMER.split()) in pdf_text(response.content)
    rows = table_after(response.content, ["Due", "What", "Rule"])
    (evaluation,) = [r for r in rows if r[1].startswith("Initial evaluation finished")]
    assert evaluation[0] == "Dec 31, 2026"
    assert evaluation[2] == (f"34 CFR § 300.301(c)(1) {FALLBACK} · verified in the rule's text")


def test_the_weekly_digest(washington, case_manager):
    # MONDAY is 16 Nov 2026; the evaluation is due 31 Dec, past the digest's 30 days (to
    # 16 Dec), so a consent of 15 Oct (60 days -> 14 Dec 2026) brings one inside it.
    consent = EvaluationConsent.objects.get(child=washington)
    consent.signed_on = date(2026, 10, 15)
    consent.save()
    assert remind(MONDAY) == "queued 1 digest"
    [message] = mail.outbox
    assert "Dec 14: Initial evaluation finished" in message.body
    assert f"{FALLBACK} · verified in the rule's text" in message.body
    assert DISCLAIMER in message.body
    html = message.alternatives[0][0]
    assert "own rule is not in our tables" in html
    assert "procedural safeguards notice" in html


def test_the_deadlines_page(alice_client, washington):
    html = alice_client.get(
        f"/children/{washington.pk}/deadlines/?today=2026-11-16"
    ).content.decode()
    assert "Federal rule; Washington&#x27;s own rule is not in our tables" in html
    assert "may be shorter than the federal one" in html


def test_the_child_home_coming_up(alice_client, washington):
    from playbook.deadlines.engine import upcoming

    (item,) = [
        u for u in upcoming(washington, date(2026, 11, 16)) if u.id.startswith("initial_eval")
    ]
    assert item.label == f"{FALLBACK} · verified in the rule's text"
    html = alice_client.get(f"/children/{washington.pk}/").content.decode()
    assert "may be shorter than the federal one" in html
