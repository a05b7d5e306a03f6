"""The family's date: every default, letter, file name and log line uses the household's
time zone (Household.today, Child.today / zone / moment / day_of), never the server's."""

from datetime import UTC, date, datetime

import time_machine

from playbook.accounts.access import get_for_user
from playbook.children.models import Child

# Los Angeles is UTC-7 in March 2026 (summer time began on the 8th): midnight there is
# 07:00 UTC, when the server's date has been 10 March for seven hours already.
BEFORE_MIDNIGHT = datetime(2026, 3, 10, 6, 59, 59, tzinfo=UTC)
AT_MIDNIGHT = datetime(2026, 3, 10, 7, 0, 0, tzinfo=UTC)


def _in_los_angeles(household):
    household.time_zone = "America/Los_Angeles"
    household.save()


def test_the_familys_day_turns_at_their_midnight_not_the_servers(household, child):
    _in_los_angeles(household)
    with time_machine.travel(BEFORE_MIDNIGHT, tick=False):
        assert (household.today(), child.today()) == (date(2026, 3, 9), date(2026, 3, 9))
    with time_machine.travel(AT_MIDNIGHT, tick=False):
        assert (household.today(), child.today()) == (date(2026, 3, 10), date(2026, 3, 10))


def test_a_family_ahead_of_the_server_is_already_on_tomorrow(household, child):
    household.time_zone = "Pacific/Kiritimati"  # UTC+14
    household.save()
    with time_machine.travel(datetime(2026, 11, 19, 10, 0, tzinfo=UTC), tick=False):
        assert child.today() == date(2026, 11, 20)


def test_the_zone_the_access_helper_brought_along_saves_a_query(
    household, child, alice, django_assert_num_queries
):
    _in_los_angeles(household)
    found = get_for_user(alice, Child, child.pk)
    with django_assert_num_queries(0), time_machine.travel(BEFORE_MIDNIGHT, tick=False):
        assert found.today() == date(2026, 3, 9)
        assert str(found.zone()) == "America/Los_Angeles"


def test_a_child_read_without_the_helper_asks_the_household(household, child):
    _in_los_angeles(household)
    plain = Child.objects.get(pk=child.pk)
    with time_machine.travel(BEFORE_MIDNIGHT, tick=False):
        assert plain.today() == date(2026, 3, 9)


def test_a_moment_today_is_now_and_another_day_is_noon_there_in_utc(household, child):
    _in_los_angeles(household)
    with time_machine.travel(BEFORE_MIDNIGHT, tick=False):
        assert child.moment(date(2026, 3, 9)) == BEFORE_MIDNIGHT
        earlier = child.moment(date(2026, 3, 2))  # UTC-8 then: summer time had not begun
    assert earlier == datetime(2026, 3, 2, 20, 0, tzinfo=UTC)
    assert earlier.tzinfo is UTC


def test_day_of_reads_a_moment_on_the_familys_calendar(household, child):
    _in_los_angeles(household)
    assert child.day_of(BEFORE_MIDNIGHT) == date(2026, 3, 9)
    assert child.day_of(AT_MIDNIGHT) == date(2026, 3, 10)
