"""The one way any view or API route reaches family data.

Every model that holds family data names the path from itself to its Household in a
``household_path`` class attribute ("household", "child__household", ...). ``get_for_user``
and ``for_user`` filter through that path, so an id from another household answers 404
(its existence is not revealed) and a read-only member's write raises PermissionDenied (403).

Both also leave out a child an owner deleted and everything recorded about them: until the
owner restores it, such an id answers 404 like any unknown one, for every member. Only
``DeletedChild`` (the owner's list of recently deleted children) reaches them.

Accounts is the ground floor: it imports no app above it. What it needs to know of the
others each model declares itself (``household_path``, and ``path_param`` for the ids a URL
path names, read by accounts.path_scope).
"""

from __future__ import annotations

from functools import cache
from typing import TypeVar
from zoneinfo import ZoneInfo

from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import F
from django.http import Http404

from .clock import show_times_in
from .models import WRITE_ROLES, Household, Membership, User

M = TypeVar("M", bound=models.Model)


def household_path(model: type[models.Model]) -> str:
    if model is Household:
        return "pk"
    try:
        return model.household_path  # type: ignore[attr-defined]
    except AttributeError as exc:  # a programming error, caught by the isolation tests
        raise TypeError(f"{model.__name__} has no household_path") from exc


def child_path(model: type[models.Model]) -> str | None:
    """``child`` (or ``iep__child``...) for a model under a child, else None: the part of
    its declared ``household_path`` that reaches the child."""
    path = getattr(model, "household_path", "")
    if path.endswith("child__household"):
        return path.removesuffix("__household")
    return None


def child_model() -> type[models.Model]:
    """The child, named through the app registry: the children app stands on this one."""
    return apps.get_model("children", "Child")


@cache
def _not_deleted(model: type[models.Model]) -> dict[str, bool]:
    """The filter that leaves out a deleted child and every record about them."""
    if model is child_model():
        return {"deleted_at__isnull": True}
    path = child_path(model)  # "child", "iep__child"...: the same join the scoping makes
    return {f"{path}__deleted_at__isnull": True} if path else {}


def _member_households(user: User) -> models.QuerySet:
    return Membership.objects.filter(user=user).values("household_id")


def for_user(
    user: User, model: type[M], queryset: models.QuerySet[M] | None = None
) -> models.QuerySet[M]:
    """Everything of this model the user's households hold (one subquery, no joins)."""
    qs = queryset if queryset is not None else model._default_manager.all()
    if not user.is_authenticated:
        return qs.none()
    return qs.filter(
        **{f"{household_path(model)}__in": _member_households(user)}, **_not_deleted(model)
    )


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
    PermissionDenied when ``write`` is asked of a read-only member. One query. The object
    carries ``viewer_role`` (the user's role in its household) and
    ``household_time_zone``. With no ``queryset``, a model whose manager has
    ``get_for_member(user_id, pk)`` is looked up through it.
    """
    if not user.is_authenticated or pk is None:
        raise Http404
    # A model may declare its own one-query lookup with the same scoping (the child, the
    # first row of nearly every request: children.models.LiveChildren.get_for_member).
    member_lookup = getattr(model._default_manager, "get_for_member", None)
    try:
        if queryset is None and member_lookup is not None:
            obj = member_lookup(user.pk, pk)
        else:
            queryset = queryset if queryset is not None else model._default_manager.all()
            obj = _scoped(queryset, model, user.pk).get(pk=pk)
    except (model.DoesNotExist, ValidationError, ValueError, TypeError) as exc:
        raise Http404 from exc
    if write and obj.viewer_role not in WRITE_ROLES:  # type: ignore[attr-defined]
        raise PermissionDenied("Your access to this family's records is read-only.")
    # What the request reached is this family's: its moments are drawn on their clock.
    show_times_in(ZoneInfo(obj.household_time_zone))  # type: ignore[attr-defined]
    return obj


def _scoped(queryset: models.QuerySet[M], model: type[M], user_id: int) -> models.QuerySet[M]:
    # One join to the user's membership (at most one per household: a unique constraint),
    # and the role read from that same join. Cheaper to build than a correlated subquery,
    # and built on every request that reaches a child, 304s included (decision 0027).
    path = household_path(model)
    via = "" if path == "pk" else f"{path}__"
    return queryset.filter(
        **{f"{via}memberships__user_id": user_id}, **_not_deleted(model)
    ).annotate(viewer_role=F(f"{via}memberships__role"), household_time_zone=F(f"{via}time_zone"))


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
