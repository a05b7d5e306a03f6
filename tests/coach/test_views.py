from datetime import timedelta

import pytest
from django.utils import timezone

from playbook.advocacy.models import Ask
from playbook.coach.models import DigestOptOut, DigestSettings
from playbook.deadlines.models import Dismissal


def _overdue_ask(child, case_manager):
    return Ask.objects.create(
        child=child,
        subject="an OT evaluation",
        asked_of=case_manager,
        asked_on=timezone.localdate() - timedelta(days=25),  # past 10 school days
        channel="email",
    )


def test_the_moves_page_lists_suggestions_and_every_move(alice_client, child, case_manager):
    _overdue_ask(child, case_manager)
    page = alice_client.get(f"/children/{child.pk}/moves/").content.decode()
    assert "Follow up on an OT evaluation" in page
    assert f"/children/{child.pk}/letters/new/follow_up/?ask=" in page
    for name in ("Put it in writing", "Request a meeting", "Request make-up services"):
        assert name in page


def test_not_now_hides_a_suggestion(alice_client, child, case_manager):
    _overdue_ask(child, case_manager)
    page = alice_client.get(f"/children/{child.pk}/moves/").content.decode()
    key = page.split('name="key" value="')[1].split('"')[0]
    response = alice_client.post(f"/children/{child.pk}/moves/dismiss/", {"key": key})
    assert response.status_code == 302
    assert Dismissal.objects.filter(child=child).count() == 1
    assert "Follow up on" not in alice_client.get(f"/children/{child.pk}/moves/").content.decode()


@pytest.mark.parametrize(
    ("after", "lands_on"), [("garbage", "/"), ("//evil.example/", "/"), ("/account/", "/account/")]
)
def test_not_now_goes_back_to_a_page_of_this_site_only(
    alice_client, child, case_manager, after, lands_on
):
    _overdue_ask(child, case_manager)
    page = alice_client.get(f"/children/{child.pk}/moves/").content.decode()
    key = page.split('name="key" value="')[1].split('"')[0]
    response = alice_client.post(
        f"/children/{child.pk}/moves/dismiss/", {"key": key, "next": after}
    )
    assert response.status_code == 302
    assert response["Location"] == lands_on


def test_read_only_members_see_moves_but_cannot_dismiss(bob_client, child, case_manager):
    _overdue_ask(child, case_manager)
    page = bob_client.get(f"/children/{child.pk}/moves/").content.decode()
    assert "Follow up on" in page and "Not now" not in page
    response = bob_client.post(f"/children/{child.pk}/moves/dismiss/", {"key": "x"})
    assert response.status_code == 403


def test_outsiders_get_404(charlie_client, child):
    assert charlie_client.get(f"/children/{child.pk}/moves/").status_code == 404
    assert (
        charlie_client.post(f"/children/{child.pk}/moves/dismiss/", {"key": "x"}).status_code == 404
    )


def test_digest_settings_save_opt_out_and_weekday(alice_client, alice, household):
    response = alice_client.post("/household/digest/", {"weekday": "3", "family": "on"})
    assert response.status_code == 302
    assert DigestSettings.objects.get(household=household).weekday == 3
    assert DigestOptOut.objects.filter(user=alice).exists()  # "wanted" left unticked
    bad = alice_client.post("/household/digest/", {"weekday": "9", "wanted": "on"})
    assert bad.status_code == 400
    assert "Select a valid choice" in bad.content.decode()


def test_the_moves_page_counts_days_in_the_familys_time_zone(
    alice_client, household, child, case_manager
):
    from datetime import UTC, date, datetime

    import time_machine

    household.time_zone = "Pacific/Kiritimati"  # UTC+14: already 20 November there
    household.save()
    Ask.objects.create(
        child=child,
        subject="an OT evaluation",
        asked_of=case_manager,
        asked_on=date(2026, 11, 1),
        reply_due=date(2026, 11, 19),
        channel="email",
    )
    with time_machine.travel(datetime(2026, 11, 19, 12, 0, tzinfo=UTC), tick=False):
        page = alice_client.get(f"/children/{child.pk}/moves/").content.decode()
        api = alice_client.get(f"/api/v1/children/{child.pk}/next-moves").json()
    assert "has had no reply for 19 days" in page  # 20 Nov in Kiritimati, not 18 in UTC
    assert [m["move"] for m in api] == ["follow_up"]
