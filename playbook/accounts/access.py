"""The one way any view or API route reaches family data.

Every model that holds family data names the path from itself to its Household in a
``household_path`` class attribute ("household", "child__household", ...). ``get_for_user``
and ``for_user`` filter through that path, so an id from another household answers 404
(its existence is not revealed) and a read-only member's write raises PermissionDenied (403).
"""

from __future__ import annotations

from typing import TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import OuterRef, Subquery
from django.http import Http404

from .models import WRITE_ROLES, Household, Membership, User

M = TypeVar("M", bound=models.Model)


def household_path(model: type[models.Model]) -> str:
    if model is Household:
        return "pk"
    try:
        return model.household_path  # type: ignore[attr-defined]
    except AttributeError as exc:  # a programming error, caught by the isolation tests
        raise TypeError(f"{model.__name__} has no household_path") from exc


def _member_households(user: User) -> models.QuerySet:
    return Membership.objects.filter(user=user).values("household_id")


def for_user(
    user: User, model: type[M], queryset: models.QuerySet[M] | None = None
) -> models.QuerySet[M]:
    """Everything of this model the user's households hold (one subquery, no joins)."""
    qs = queryset if queryset is not None else model._default_manager.all()
    if not user.is_authenticated:
        return qs.none()
    return qs.filter(**{f"{household_path(model)}__in": _member_households(user)})


def get_for_user(
    user: User,
    model: type[M],
    pk: object,
    *,
    write: bool = False,
    queryset: models.QuerySet[M] | None = None,
) -> M:
    """The object with this id if one of the user's households holds it.

    Raises Http404 for anything else (unknown, malformed or someone else's id) and
    PermissionDenied when ``write`` is asked of a read-only member. One query.
    """
    if not user.is_authenticated:
        raise Http404
    qs = queryset if queryset is not None else model._default_manager.all()
    path = household_path(model)
    role = Membership.objects.filter(user=user, household=OuterRef(path)).values("role")[:1]
    try:
        obj = qs.annotate(viewer_role=Subquery(role)).get(pk=pk, viewer_role__isnull=False)
    except (model.DoesNotExist, ValidationError, ValueError, TypeError) as exc:
        raise Http404 from exc
    if write and obj.viewer_role not in WRITE_ROLES:  # type: ignore[attr-defined]
        raise PermissionDenied("Your access to this family's records is read-only.")
    return obj


def first_membership(user: User) -> Membership:
    """The user's first household membership (the family the household pages are about),
    with its household; Http404 for someone who belongs to none."""
    membership = (
        Membership.objects.filter(user=user)
        .select_related("household")
        .order_by("created_at")
        .first()
    )
    if membership is None:
        raise Http404
    return membership


def membership_for(user: User, household: Household | object) -> Membership | None:
    household_id = getattr(household, "pk", household)
    return Membership.objects.filter(user=user, household_id=household_id).first()


def can_write(obj: models.Model) -> bool:
    """Whether the object fetched by get_for_user may be changed by its viewer."""
    return getattr(obj, "viewer_role", None) in WRITE_ROLES
