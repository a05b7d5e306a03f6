"""The owner's access log: who opened or exported which child's data."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine

from playbook.accounts.models import AccessEvent
from playbook.children.models import IEP


def test_opening_the_child_and_exporting_are_logged(alice_client, alice, child):
    assert alice_client.get(f"/children/{child.pk}/").status_code == 200
    assert alice_client.get(f"/api/v1/children/{child.pk}/calendar.ics").status_code == 200
    events = list(AccessEvent.objects.order_by("at"))
    assert [(e.action, e.child, e.user, e.via_api) for e in events] == [
        ("opened", child, alice, False),
        ("exported", child, alice, True),
    ]
    assert events[0].household == child.household


@time_machine.travel(datetime(2026, 11, 30, 15, 0, tzinfo=UTC), tick=False)
def test_opening_again_within_five_minutes_is_one_line_but_exports_are_each_listed(
    alice_client, alice, child
):
    home, calendar = f"/children/{child.pk}/", f"/api/v1/children/{child.pk}/calendar.ics"
    for _ in range(3):
        assert alice_client.get(home).status_code == 200
        assert alice_client.get(calendar).status_code == 200
    assert AccessEvent.objects.filter(action="opened").count() == 1
    assert AccessEvent.objects.filter(action="exported").count() == 3
    with time_machine.travel(timedelta(minutes=6)):
        assert alice_client.get(home).status_code == 200
    assert AccessEvent.objects.filter(action="opened").count() == 2


def test_failed_or_foreign_requests_are_not_logged(charlie_client, child):
    assert charlie_client.get(f"/children/{child.pk}/").status_code == 404
    assert AccessEvent.objects.count() == 0


def test_a_file_found_through_its_own_id_is_logged_to_its_household(alice_client, child):
    from django.core.files.base import ContentFile

    iep = IEP.objects.create(child=child, start_date=date(2026, 1, 5), end_date=date(2027, 1, 4))
    iep.file.save("iep.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    assert alice_client.get(f"/children/{child.pk}/iep/{iep.pk}/file/").status_code == 200
    [event] = AccessEvent.objects.all()
    assert (event.what, event.child, event.household) == ("the IEP file", child, child.household)


def test_a_full_backup_is_logged(alice_client, child):
    assert alice_client.post("/household/backup/").status_code == 200
    [event] = AccessEvent.objects.all()
    assert event.what == "a full backup of the family" and event.child is None


def test_only_the_owner_reads_the_log(alice_client, client, bob, household, child):
    from playbook.accounts.models import Membership, Role, User

    alice_client.get(f"/children/{child.pk}/")
    page = alice_client.get("/household/access-log/").content.decode()
    assert "Alice Parent" in page and "Sam Rivera" in page
    client.force_login(bob)  # Bob owns a household of his own: he sees only that one's log
    assert "Sam Rivera" not in client.get("/household/access-log/").content.decode()
    advocate = User.objects.create_user("ada@example.com", "a-long-test-password")
    Membership.objects.create(household=household, user=advocate, role=Role.ADVOCATE_EDIT)
    client.force_login(advocate)
    assert client.get("/household/access-log/").status_code == 403


@pytest.mark.parametrize("method", ["post", "delete"])
def test_the_log_page_only_reads(alice_client, method):
    assert getattr(alice_client, method)("/household/access-log/").status_code == 405


@pytest.mark.django_db(transaction=True)
def test_a_repeat_read_in_the_same_window_sends_no_insert(alice_client, alice, child):
    """Once this process has committed the opening of an area for the window, a repeat read
    (a 304, say) skips the INSERT the unique constraint would ignore anyway; a new window or
    another area is listed again."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def inserts(url) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert alice_client.get(url).status_code == 200
        return sum('INTO "accounts_accessevent"' in q["sql"] for q in captured)

    home, team = f"/children/{child.pk}/", f"/children/{child.pk}/team/"
    with time_machine.travel(datetime(2026, 9, 1, 12, 0, tzinfo=UTC), tick=False):
        assert inserts(home) == 1
        assert inserts(home) == 0
        assert inserts(team) == 1
    with time_machine.travel(datetime(2026, 9, 1, 12, 6, tzinfo=UTC), tick=False):
        assert inserts(home) == 1
    assert AccessEvent.objects.filter(user=alice, child=child, area="child").count() == 2
    assert AccessEvent.objects.filter(user=alice, child=child, area="team").count() == 1


def test_the_log_shows_times_in_the_familys_zone_and_says_so(alice_client, household, child):
    """Issue 17: UTC times without a word were read as the family's own."""
    household.time_zone = "America/Los_Angeles"
    household.save(update_fields=["time_zone"])
    at = datetime(2026, 11, 20, 18, 30, tzinfo=UTC)  # 10:30 AM in Los Angeles
    AccessEvent.objects.create(
        household=household,
        child=child,
        user=household.memberships.get().user,
        action=AccessEvent.Action.OPENED,
        area="timeline",
        what="the timeline (the paper trail)",
        at=at,
        window=AccessEvent.window_of(at),
    )
    page = alice_client.get("/household/access-log/").content.decode()
    page = page[page.index("<main") :]
    assert "America/Los Angeles, your family's time zone" in page
    assert "Nov 20, 2026 10:30 AM PST" in page
    assert "6:30 PM" not in page
