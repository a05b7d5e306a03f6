"""The deadlines API, the .ics file and the private subscription feed."""

from datetime import date

import pytest
from icalendar import Calendar

from playbook.accounts.models import ApiToken
from playbook.advocacy.models import Ask
from playbook.children.models import IEP, Child
from playbook.deadlines.engine import DISCLAIMER
from playbook.meetings.models import Meeting, Trial

TODAY = "2026-11-28"


@pytest.fixture
def case(child):
    IEP.objects.create(
        child=child,
        meeting_date=date(2026, 3, 3),
        start_date=date(2026, 3, 3),
        end_date=date(2027, 3, 3),
        last_evaluation_date=date(2024, 2, 29),
    )
    Ask.objects.create(
        child=child,
        subject="OT evaluation",
        asked_on=date(2026, 11, 2),
        reply_due=date(2026, 12, 4),
    )
    Trial.objects.create(
        child=child,
        proposal="Visual schedule",
        start_date=date(2026, 11, 2),
        weeks=6,
        measure="Transitions",
        review_date=date(2026, 12, 14),
    )
    Meeting.objects.create(child=child, kind="iep", status="scheduled", date=date(2027, 1, 12))
    return child


def api(client, path, method="get", **kwargs):
    return getattr(client, method)(f"/api/v1/{path}", **kwargs)


def test_deadlines_api_soonest_first_with_every_field(alice_client, case):
    response = api(alice_client, f"children/{case.pk}/deadlines?today={TODAY}")
    assert response.status_code == 200
    items = response.json()
    assert set(items[0]) == {
        "id",
        "title",
        "due",
        "basis",
        "citation",
        "counting",
        "source",
        "status",
        "label",
        "shown_label",
        "fallback",
        "note",
        "disclaimer",
    }
    dated = [i["due"] for i in items if i["due"]]
    assert dated == sorted(dated)
    assert items[0]["id"].startswith("reply_due:")
    annual = next(i for i in items if i["id"].startswith("annual_review:"))
    assert annual == {
        "id": annual["id"],
        "title": "Annual IEP review",
        "due": "2027-03-03",
        "basis": "One year after the IEP meeting of March 3, 2026.",
        "citation": "34 CFR § 300.324(b)(1)",
        "counting": "calendar",
        "source": "federal",
        "status": "Verified",
        "label": "Federal rule; California's own rule is not in our tables · verified in "
        "the rule's text",
        "shown_label": "Federal rule; California's own rule is not in our tables · verified in "
        "the rule's text",
        "fallback": True,
        "note": "An amendment does not replace the annual review.",
        "disclaimer": DISCLAIMER,
    }
    assert items[-1]["due"] is None  # the ESY rule is unverified: never a date


def test_the_label_is_also_given_in_the_answers_language(alice_client, case):
    """A Spanish client reads Spanish titles: the source of each date, above all the federal
    fallback's "check your state's rule", comes in Spanish too (``label`` stays English)."""
    url = f"/api/v1/children/{case.pk}/deadlines?today={TODAY}"
    items = alice_client.get(url, HTTP_ACCEPT_LANGUAGE="es").json()
    annual = next(i for i in items if i["id"].startswith("annual_review:"))
    assert annual["label"].startswith("Federal rule; California's own rule")
    assert annual["shown_label"] == (
        "Regla federal; la regla propia de California no está en nuestras tablas"
        " · verificada en el texto de la regla"
    )
    unverified = items[-1]
    assert unverified["due"] is None and "verific" in unverified["shown_label"]


def test_deadlines_api_with_a_bearer_token(client, alice, case):
    _, raw = ApiToken.issue(alice)
    response = client.get(
        f"/api/v1/children/{case.pk}/deadlines?today={TODAY}",
        headers={"Authorization": f"Bearer {raw}"},
    )
    assert response.status_code == 200


def test_deadlines_api_rejects_a_bad_today(alice_client, case):
    response = api(alice_client, f"children/{case.pk}/deadlines?today=28/11/2026")
    assert response.status_code == 422


def test_deadlines_api_hides_other_households(charlie_client, case):
    assert api(charlie_client, f"children/{case.pk}/deadlines").status_code == 404
    assert api(charlie_client, "children/not-a-uuid/deadlines").status_code == 404
    assert api(charlie_client, f"children/{case.pk}/calendar.ics").status_code == 404
    assert api(charlie_client, f"children/{case.pk}/calendar-feed").status_code == 404
    assert api(charlie_client, f"children/{case.pk}/calendar-feed", "post").status_code == 404


def test_api_needs_a_login(client, case):
    assert api(client, f"children/{case.pk}/deadlines").status_code == 401


def events(body: bytes):
    return {str(e["uid"]): e for e in Calendar.from_ical(body).walk("VEVENT")}


def test_ics_parses_with_stable_uids(alice_client, case):
    first = api(alice_client, f"children/{case.pk}/calendar.ics?today={TODAY}")
    assert first.status_code == 200
    assert first["Content-Type"].startswith("text/calendar")
    one = events(first.content)
    two = events(api(alice_client, f"children/{case.pk}/calendar.ics?today={TODAY}").content)
    assert set(one) == set(two)
    meeting = Meeting.objects.get(child=case)
    trial = Trial.objects.get(child=case)
    assert f"meeting-{meeting.pk}@iep-playbook" in one
    assert f"deadline-trial_review-{trial.pk}@iep-playbook" in one
    annual = next(e for uid, e in one.items() if uid.startswith("deadline-annual_review-"))
    assert annual.decoded("dtstart") == date(2027, 3, 3)  # all-day: a date, not a time
    assert annual.decoded("dtend") == date(2027, 3, 4)
    assert "34 CFR § 300.324(b)(1)" in str(annual["description"])
    # Unverified rules never become calendar dates.
    assert not [uid for uid in one if "esy_decision" in uid]


def test_ics_page_download_matches_the_api(alice_client, case):
    page = alice_client.get(f"/children/{case.pk}/deadlines/calendar.ics?today={TODAY}")
    assert page.status_code == 200
    assert "attachment" in page["Content-Disposition"]
    api_file = api(alice_client, f"children/{case.pk}/calendar.ics?today={TODAY}")
    assert set(events(page.content)) == set(events(api_file.content))


def test_feed_url_works_without_login_and_renewing_revokes_it(client, alice, case):
    client.force_login(alice)
    url = api(client, f"children/{case.pk}/calendar-feed").json()["url"]
    assert url == api(client, f"children/{case.pk}/calendar-feed").json()["url"]
    client.logout()
    path = url.removeprefix("http://testserver")
    response = client.get(path)
    assert response.status_code == 200
    assert events(response.content)
    client.force_login(alice)
    new_url = api(client, f"children/{case.pk}/calendar-feed", "post").json()["url"]
    assert new_url != url
    client.logout()
    assert client.get(path).status_code == 404
    assert client.get(new_url.removeprefix("http://testserver")).status_code == 200


def test_feed_refuses_a_wrong_token(client, case):
    assert client.get("/calendar/not-the-token.ics").status_code == 404
    assert client.get("/calendar/" + "0" * 64 + ".ics").status_code == 404


def test_feed_token_is_stored_only_as_a_hash(alice_client, case):
    url = api(alice_client, f"children/{case.pk}/calendar-feed").json()["url"]
    token = url.rsplit("/", 1)[1].removesuffix(".ics")
    feed = Child.objects.get(pk=case.pk).calendar_feeds.get()
    assert token not in (feed.token_hash, feed.nonce)


def test_read_only_member_sees_the_feed_but_cannot_renew(bob_client, case):
    assert api(bob_client, f"children/{case.pk}/calendar-feed").status_code == 200
    response = api(bob_client, f"children/{case.pk}/calendar-feed", "post")
    assert response.status_code == 403
    assert "read-only" in response.json()["detail"]


def test_feed_link_shown_after_a_secret_key_change_still_works(client, alice, case, settings):
    from playbook.deadlines import feeds

    old = feeds.token_for(case, alice)
    settings.SECRET_KEY = "another-secret-key-for-this-test-only-0123456789"
    new = feeds.token_for(case, alice)
    assert new != old
    assert feeds.child_for_token(new) == case
    assert feeds.child_for_token(old) is None


def test_rule_titles_and_notes_in_spanish_under_accept_language_es(alice_client, case):
    """Issue 19: a rule's title and note come from the table's Spanish text; the date, the
    citation and the id do not change."""
    path = f"children/{case.pk}/deadlines?today={TODAY}"
    english = {i["id"]: i for i in api(alice_client, path).json()}
    spanish = {i["id"]: i for i in api(alice_client, path, HTTP_ACCEPT_LANGUAGE="es").json()}
    assert english.keys() == spanish.keys()
    annual = next(k for k in spanish if k.startswith("annual_review:"))
    assert english[annual]["title"] == "Annual IEP review"
    assert spanish[annual]["title"].startswith("Revisión anual del IEP")
    assert spanish[annual]["note"].startswith("Una enmienda no reemplaza la revisión anual.")
    for same in ("due", "citation", "counting", "source", "status"):
        assert spanish[annual][same] == english[annual][same], same
    # English again: the Spanish answer was not kept for it.
    again = {i["id"]: i for i in api(alice_client, path).json()}
    assert again[annual]["title"] == "Annual IEP review"


def test_when_words_follow_the_language():
    from datetime import timedelta

    from django.utils import translation

    from playbook.deadlines.engine import Deadline

    day = date(2026, 11, 28)

    def when(days):
        return Deadline(
            id="x",
            rule="x",
            title="x",
            due=day + timedelta(days=days),
            basis="",
            citation="",
            counting="calendar",
            counting_words="",
            source="federal",
            source_words="",
        ).when_words(day)

    assert [when(n) for n in (-3, -1, 0, 1, 5)] == [
        "overdue by 3 days",
        "overdue by 1 day",
        "due today",
        "due tomorrow",
        "in 5 days",
    ]
    with translation.override("es"):
        assert [when(n) for n in (-3, -1, 0, 1, 5)] == [
            "vencido hace 3 días",
            "vencido hace 1 día",
            "vence hoy",
            "vence mañana",
            "en 5 días",
        ]
