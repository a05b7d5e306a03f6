"""Each child's *records version*: a counter on the child's row that every change to the
child's records adds one to, in the same transaction as the change.

Pages and API reads answer ``304 Not Modified`` while it stays the same
(``playbook.children.conditional``), and the coach's and the deadlines' results are kept in
this process's memory under it (``remember``). The counter commits, or rolls back, with
the write that bumped it, so no reader can pair new records with an old version or old
records with a new one; there is no token elsewhere to go stale (decision 0023).

Every model holding a child's records (``household_path`` through ``child``) is watched on
save, delete and many-to-many changes; writes that skip signals (``bulk_create``,
``QuerySet.update``) call ``records_changed`` themselves. Either way it is one UPDATE.
``tests/children/test_computed.py`` fails when a model is added without being watched or
named in ``NOT_WATCHED``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TypeVar

from django.apps import apps
from django.core.cache import caches
from django.db import models
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save

from playbook.accounts.access import child_path

T = TypeVar("T")

# Models under a child whose changes nothing computed here reads, and why.
NOT_WATCHED = {
    "exports.binderjob": "progress of a PDF being made, not a record of the case",
    "trail.verifiedhead": "how far the chain was last checked, not a record of the case",
}
# Entries are append-only: they go only with their child (whose own deletion is watched).
# Watching their deletion would make deleting a child load its whole trail into memory.
SAVE_ONLY = {"trail.entry", "trail.attachment"}


def _children() -> models.QuerySet:
    # Deleted children too: a restore brings them back with a new version.
    return apps.get_model("children", "Child")._base_manager.all()


def _bump(children: models.QuerySet) -> None:
    children.update(records_version=F("records_version") + 1)


def records_changed(*child_ids) -> None:
    """The records of these children changed: one UPDATE, in the caller's transaction."""
    ids = [child_id for child_id in child_ids if child_id is not None]
    if ids:
        _bump(_children().filter(pk__in=ids))


def remember(child, name: str, today: date, compute: Callable[[], T], *variant: object) -> T:
    """``compute()``, or what it returned in this process for this child, day and variant
    at the child's current records version. The result must depend on nothing else.

    The version is read from the row (one query), not from ``child``: the caller's copy may
    have been read before a change made in the same request or transaction. Except when the
    access helpers fetched ``child`` for a read (GET, HEAD: ``version_is_current``), which
    changes nothing: then the version it came with is the current one for this request."""
    if getattr(child, "version_is_current", False):
        version = child.records_version
    else:
        version = _children().filter(pk=child.pk).values_list("records_version", flat=True).first()
    key = ":".join([name, str(child.pk), str(version), today.isoformat(), *map(str, variant)])
    found = caches["local"].get(key)
    if found is None:
        found = compute()
        caches["local"].set(key, found)
    return found


# Which child a record belongs to


def record_changed(instance: models.Model, path: str) -> None:
    """Bump the version of the child ``instance`` belongs to: its own column, or, for a
    record further down (a session of a service of an IEP), a subquery up the path in the
    same UPDATE."""
    first, _, rest = path.partition("__")
    field = instance._meta.get_field(first)
    value = getattr(instance, field.attname)
    if value is None:
        return
    if not rest:
        records_changed(value)
        return
    parents = field.related_model._base_manager.filter(pk=value).values(rest)
    _bump(_children().filter(pk__in=parents))


def watched_models() -> list[type[models.Model]]:
    return [
        model
        for model in apps.get_models()
        if child_path(model) and model._meta.label_lower not in NOT_WATCHED
    ]


def _deleting_a_whole_child(origin: object) -> bool:
    # A child's own deletion (instance or queryset) takes their records with it: the
    # child's row goes too, so there is no version left to bump.
    return getattr(origin, "model", type(origin)) is apps.get_model("children", "Child")


def _on_record(sender, instance, **kwargs) -> None:
    if _deleting_a_whole_child(kwargs.get("origin")):
        return
    record_changed(instance, child_path(sender))


def _on_child(sender, instance, **kwargs) -> None:
    records_changed(instance.pk)


def _on_household(sender, instance, **kwargs) -> None:
    # The family's time zone decides its "today"; the rest is cheap to recompute.
    _bump(_children().filter(household_id=instance.pk))


def connect() -> None:
    from playbook.accounts.models import Household
    from playbook.children.models import Child

    uid = "playbook.children.computed"
    for model in watched_models():
        post_save.connect(_on_record, sender=model, dispatch_uid=f"{uid}:{model._meta.label}")
        if model._meta.label_lower not in SAVE_ONLY:
            post_delete.connect(_on_record, sender=model, dispatch_uid=f"{uid}:d:{model}")
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(_on_m2m, sender=field.remote_field.through, dispatch_uid=uid)
    post_save.connect(_on_child, sender=Child, dispatch_uid=f"{uid}:child")
    post_save.connect(_on_household, sender=Household, dispatch_uid=f"{uid}:household")


def _on_m2m(sender, instance, action, **kwargs) -> None:
    if action.startswith("post_") and child_path(type(instance)):
        _on_record(type(instance), instance)
