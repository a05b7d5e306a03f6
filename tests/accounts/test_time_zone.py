"""The family's time zone (issue 17): one model method behind the page and the API, only
IANA names taken, and the dates shown follow it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from playbook.accounts.households import sign_up
from playbook.accounts.models import Membership, Role
from tests.conftest import PASSWORD

# 03:00 UTC on December 2: still December 1 in New York, already December 2 in Tokyo.
LATE_EVENING_IN_NEW_YORK = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)


def text(response) -> str:
    return response.content.decode()


def test_the_account_page_leads_to_the_time_zone_page(alice_client):
    assert 'href="/household/time-zone/"' in text(alice_client.get("/account/"))


def test_the_page_changes_the_time_zone_and_the_date_shown(alice_client, household, child):
    with time_machine.travel(LATE_EVENING_IN_NEW_YORK, tick=False):
        page = alice_client.get("/household/time-zone/")
        assert page.status_code == 200
        assert "Tuesday, December 1, 2026" in text(page)
        deadlines = text(alice_client.get(f"/children/{child.pk}/deadlines/"))
        assert "Counted from today, December 1, 2026" in deadlines

        answer = alice_client.post("/household/time-zone/", {"time_zone": "Asia/Tokyo"})
        assert answer.status_code == 302
        household.refresh_from_db()
        assert household.time_zone == "Asia/Tokyo"
        assert "Wednesday, December 2, 2026" in text(alice_client.get("/household/time-zone/"))
        deadlines = text(alice_client.get(f"/children/{child.pk}/deadlines/"))
        assert "Counted from today, December 2, 2026" in deadlines


@pytest.mark.parametrize("bad", ["Mars/Olympus_Mons", "", "America/New_York; DROP", "x" * 200])
def test_a_bad_zone_is_refused_in_plain_words(alice_client, household, bad):
    answer = alice_client.post("/household/time-zone/", {"time_zone": bad})
    assert answer.status_code == 400
    assert "time zone" in text(answer)
    household.refresh_from_db()
    assert household.time_zone == "America/New_York"


def test_the_model_method_refuses_a_name_that_is_not_a_zone(household):
    with pytest.raises(ValidationError) as caught:
        household.set_time_zone("Eastern")
    assert "not a time zone we know" in str(caught.value)
    household.set_time_zone("America/Chicago")
    household.refresh_from_db()
    assert household.time_zone == "America/Chicago"


def test_a_member_of_two_families_changes_only_their_own(bob_client, bob, household):
    """Bob reads Alice's family's records and owns a household of his own: the page is his."""
    assert bob_client.post("/household/time-zone/", {"time_zone": "Asia/Tokyo"}).status_code == 302
    household.refresh_from_db()
    assert household.time_zone == "America/New_York"
    own = bob.memberships.get(role=Role.OWNER).household
    assert own.time_zone == "Asia/Tokyo"


def test_an_advocate_who_can_edit_cannot_change_it(client, household):
    from playbook.accounts.households import create_parent
    from tests.conftest import signed_in

    dee = create_parent("dee@example.com", PASSWORD, "Dee Advocate")
    dee.memberships.all().delete()
    Membership.objects.create(household=household, user=dee, role=Role.ADVOCATE_EDIT)
    answer = signed_in(client, dee).post("/household/time-zone/", {"time_zone": "Asia/Tokyo"})
    assert answer.status_code == 403
    household.refresh_from_db()
    assert household.time_zone == "America/New_York"


def test_sign_up_starts_with_the_browsers_zone_when_it_is_a_real_one(db):
    user = sign_up("new@example.com", PASSWORD, "New Parent", time_zone="America/Denver")
    assert user.memberships.get().household.time_zone == "America/Denver"
    other = sign_up("other@example.com", PASSWORD, "Other", time_zone="Not/AZone")
    assert other.memberships.get().household.time_zone == "America/New_York"


def test_the_sign_up_form_carries_the_browsers_zone(db, client, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    settings.REQUIRE_VERIFIED_EMAIL = False
    page = text(client.get("/signup/"))
    assert 'type="hidden" name="time_zone"' in page
    client.post(
        "/signup/",
        {
            "display_name": "Rosa",
            "email": "rosa@example.com",
            "password": "a-long-browser-password",
            "time_zone": "America/Los_Angeles",
        },
    )
    membership = Membership.objects.get(user__email="rosa@example.com")
    assert membership.household.time_zone == "America/Los_Angeles"
