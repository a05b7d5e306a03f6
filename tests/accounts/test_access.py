import uuid

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from playbook.accounts.access import for_user, get_for_user
from playbook.children.models import Child, TeamMember


def test_it_returns_the_households_own_object(alice, child):
    assert get_for_user(alice, Child, child.pk) == child


def test_it_hides_another_households_object(charlie, child):
    with pytest.raises(Http404):
        get_for_user(charlie, Child, child.pk)


@pytest.mark.parametrize("bad_id", ["not-a-uuid", uuid.uuid4(), None, 12])
def test_it_answers_404_for_malformed_or_unknown_ids(alice, child, bad_id):
    with pytest.raises(Http404):
        get_for_user(alice, Child, bad_id)


def test_a_read_only_member_may_read_but_not_write(bob, child):
    assert get_for_user(bob, Child, child.pk) == child
    with pytest.raises(PermissionDenied):
        get_for_user(bob, Child, child.pk, write=True)


def test_it_follows_the_path_through_the_child(alice, charlie, case_manager):
    assert get_for_user(alice, TeamMember, case_manager.pk, write=True) == case_manager
    assert list(for_user(alice, TeamMember)) == [case_manager]
    assert list(for_user(charlie, TeamMember)) == []


def test_get_for_user_costs_one_query(alice, child, django_assert_num_queries):
    with django_assert_num_queries(1):
        get_for_user(alice, Child, child.pk, write=True)


def test_the_lookup_carries_the_viewers_role_and_the_familys_time_zone(alice, child, case_manager):
    from playbook.accounts.models import Household

    for model, pk in (
        (Child, child.pk),
        (TeamMember, case_manager.pk),
        (Household, child.household_id),
    ):
        found = get_for_user(alice, model, pk)
        assert (found.viewer_role, found.household_time_zone) == (
            "owner",
            child.household.time_zone,
        )
