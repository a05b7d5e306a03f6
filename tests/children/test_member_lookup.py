"""The child's one hand-written lookup (LiveChildren.get_for_member) against the ORM's
scoping (accounts.access._scoped): the same child, or none, in every case; the same values
in every field; the role and the household with it."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from playbook.accounts.access import _scoped, get_for_user
from playbook.accounts.models import Household, Membership, Role
from playbook.children.models import Child
from tests.conftest import make_child


def orm_lookup(user, child_id):
    """What get_for_user answered before the hand-written lookup: the ORM's query."""
    try:
        return _scoped(Child.objects.select_related("household"), Child, user.pk).get(pk=child_id)
    except (Child.DoesNotExist, ValidationError, ValueError, TypeError):
        return None


def lookup(user, child_id):
    try:
        return Child.objects.get_for_member(user.pk, child_id)
    except Child.DoesNotExist:
        return None


def same(found: Child, expected: Child) -> None:
    for field in Child._meta.concrete_fields:
        assert getattr(found, field.attname) == getattr(expected, field.attname), field.name
        assert type(getattr(found, field.attname)) is type(getattr(expected, field.attname))
    assert found.viewer_role == expected.viewer_role
    assert found.household_time_zone == expected.household_time_zone
    assert found.household.name == expected.household.name
    assert found.household.zone() == expected.household.zone()
    assert found.today() == expected.today()
    assert found._state.db == expected._state.db and not found._state.adding


@pytest.fixture
def full_child(household):
    child = make_child(household)
    child.holidays_in_session = ["Veterans Day"]
    child.disability_categories = "Autism; Speech or language impairment"
    child.save()
    return Child.objects.get(pk=child.pk)


@pytest.mark.django_db
class TestTheSameAsTheOrm:
    def test_the_owner_gets_every_field(self, alice, full_child):
        same(lookup(alice, full_child.pk), orm_lookup(alice, full_child.pk))

    def test_a_read_only_member_gets_their_role(self, bob, full_child):
        found = lookup(bob, full_child.pk)
        same(found, orm_lookup(bob, full_child.pk))
        assert found.viewer_role == Role.ADVOCATE_READ

    def test_the_id_as_text_in_any_spelling(self, alice, full_child):
        for spelling in (str(full_child.pk), full_child.pk.hex, str(full_child.pk).upper()):
            same(lookup(alice, spelling), orm_lookup(alice, full_child.pk))

    def test_no_birth_date(self, alice, household):
        child = make_child(household)
        Child.objects.filter(pk=child.pk).update(birth_date=None)
        found = lookup(alice, child.pk)
        assert found.birth_date is None
        same(found, orm_lookup(alice, child.pk))

    @pytest.mark.parametrize(
        "case", ["another household", "deleted", "unknown", "malformed", "empty", "number"]
    )
    def test_nobody_else_gets_it(self, alice, charlie, full_child, case):
        child_id, user = full_child.pk, alice
        if case == "another household":
            user = charlie
        elif case == "deleted":
            Child.objects.filter(pk=full_child.pk).update(deleted_at=timezone.now())
        elif case == "unknown":
            child_id = uuid.uuid4()
        elif case == "malformed":
            child_id = "not-an-id'; --"
        elif case == "empty":
            child_id = ""
        else:
            child_id = 12
        assert lookup(user, child_id) is None
        assert orm_lookup(user, child_id) is None
        with pytest.raises(Http404):
            get_for_user(user, Child, child_id)

    def test_a_member_of_two_households_gets_the_role_of_this_one(self, alice, bob, household):
        other = Household.objects.create(name="Bob's", time_zone="America/Denver")
        Membership.objects.create(household=other, user=bob, role=Role.OWNER)
        theirs = Child.objects.create(
            household=other, name="Lee", birth_date=date(2014, 1, 2), grade="6", state="CO"
        )
        ours = make_child(household)
        assert lookup(bob, theirs.pk).viewer_role == Role.OWNER
        assert lookup(bob, theirs.pk).household_time_zone == "America/Denver"
        assert lookup(bob, ours.pk).viewer_role == Role.ADVOCATE_READ
        same(lookup(bob, theirs.pk), orm_lookup(bob, theirs.pk))


@pytest.mark.django_db
def test_one_query_with_the_household(alice, full_child):
    with CaptureQueriesContext(connection) as queries:
        child = get_for_user(alice, Child, full_child.pk)
        child.household.name, child.today()
    assert len(queries) == 1


@pytest.mark.django_db
def test_a_saved_child_keeps_its_records_version(alice, full_child):
    """The object is a normal model instance: saving it writes its fields, not the version
    (Child.save), and it compares equal to the ORM's."""
    Child.objects.filter(pk=full_child.pk).update(records_version=7)
    found = lookup(alice, full_child.pk)
    assert found == full_child and found.records_version == 7
    found.name = "Sam R."
    found.save()
    assert Child.objects.get(pk=full_child.pk).name == "Sam R."
