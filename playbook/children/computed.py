"""What is computed from a child's records is kept until those records change.

The coach's suggestions and the deadlines read most of a child's records; for a child with
years of history that is most of the time a page takes. Each child has a *records version*:
a random token in the shared cache (the database table every app process uses). Anything
computed from the records is kept in this process's memory under the child, the token and
the family's date; a change to any of the child's records deletes the token, so the next
request computes afresh under a new one.

Why this is safe with several app processes: the token lives in the same database as the
records and is deleted in the same transaction as the change, so no process can see the
changed records under the old token, or the old records under the new one.

Every model holding a child's records (``household_path`` through ``child``) is watched on
save, delete and many-to-many changes; writes that skip signals (``bulk_create``,
``QuerySet.update``) call ``records_changed`` themselves. ``tests/children/test_computed.py``
fails when a model is added without being watched or named in ``NOT_WATCHED``.
"""

from __future__ import annotations

import uuid
from collections import OrderedDict
from collections.abc import Callable
from datetime import date
from typing import TypeVar

from django.apps import apps
from django.core.cache import caches
from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save

T = TypeVar("T")

# Models under a child whose changes nothing computed here reads, and why.
NOT_WATCHED = {
    "exports.binderjob": "progress of a PDF being made, not a record of the case",
}
# Entries are append-only: they go only with their child (whose own deletion is watched).
# Watching their deletion would make deleting a child load its whole trail into memory.
SAVE_ONLY = {"trail.entry", "trail.attachment"}

TOKEN_KEY = "records-version:{}"


def _token_cache():
    return caches["default"]


def _kept():
    return caches["local"]


def records_version(child_id) -> str:
    """The child's current token; a new one when the last was deleted (or culled)."""
    key = TOKEN_KEY.format(child_id)
    token = _token_cache().get(key)
    if token is None:
        _token_cache().add(key, uuid.uuid4().hex, timeout=None)
        token = _token_cache().get(key)
    return token


def records_changed(*child_ids) -> None:
    """Forget what was computed for these children."""
    keys = [TOKEN_KEY.format(child_id) for child_id in child_ids if child_id is not None]
    if keys:
        _token_cache().delete_many(keys)


def remember(child, name: str, today: date, compute: Callable[[], T], *variant: object) -> T:
    """``compute()``, or what it returned for this child, day and variant since the child's
    records last changed. The result must not depend on anything but those."""
    token = records_version(child.pk)
    key = ":".join([name, str(child.pk), token, today.isoformat(), *map(str, variant)])
    found = _kept().get(key)
    if found is None:
        found = compute()
        _kept().set(key, found)
    return found


# Which child a record belongs to


def child_path(model: type[models.Model]) -> str | None:
    """``child`` (or ``iep__child``...) for a model under a child, else None."""
    path = getattr(model, "household_path", "")
    if path.endswith("child__household"):
        return path.removesuffix("__household")
    return None


def child_id_of(instance: models.Model, path: str, deleting: object = None):
    """The child id of ``instance``: its own column, or one query up the path.
    ``deleting``: the object whose deletion this is part of, if any."""
    first, _, rest = path.partition("__")
    field = instance._meta.get_field(first)
    value = getattr(instance, field.attname)
    if not rest or value is None:
        return value
    return _child_of_parent(field.related_model._meta.label, value, rest, deleting)


_PARENTS: OrderedDict = OrderedDict()
_PARENTS_KEPT = 4096


_GONE: dict = {"deleting": None, "parents": set()}


def _child_of_parent(label: str, pk, rest: str, deleting: object = None):
    """Remembered once found: a parent (IEP, service, concern, data series, entry) never
    moves to another child, and its UUID is never reused. So deleting a child with a year
    of sessions asks once per service, not once per session. "Not found" is remembered
    only for the rest of one deletion (its parents go first, in the same cascade); a
    restore may save a record just before its parent."""
    key = (label, str(pk), rest)
    found = _PARENTS.get(key)
    if found is not None:
        return found
    if deleting is not None and _GONE["deleting"] is deleting and key in _GONE["parents"]:
        return None
    model = apps.get_model(label)
    found = model._base_manager.filter(pk=pk).values_list(rest, flat=True).first()
    if found is not None:
        _PARENTS[key] = found
        if len(_PARENTS) > _PARENTS_KEPT:
            _PARENTS.popitem(last=False)
    elif deleting is not None:
        if _GONE["deleting"] is not deleting:
            _GONE.update(deleting=deleting, parents=set())
        _GONE["parents"].add(key)
    return found


def watched_models() -> list[type[models.Model]]:
    return [
        model
        for model in apps.get_models()
        if child_path(model) and model._meta.label_lower not in NOT_WATCHED
    ]


def _on_record(sender, instance, **kwargs) -> None:
    # None when a parent went first in the same cascade: its own signal told.
    records_changed(child_id_of(instance, child_path(sender), kwargs.get("origin")))


def _on_child(sender, instance, **kwargs) -> None:
    records_changed(instance.pk)


def _on_household(sender, instance, **kwargs) -> None:
    # The family's time zone decides its "today"; the rest is cheap to recompute.
    records_changed(*instance.children.values_list("pk", flat=True))


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
    for signal in (post_save, post_delete):
        signal.connect(_on_child, sender=Child, dispatch_uid=f"{uid}:child")
    post_save.connect(_on_household, sender=Household, dispatch_uid=f"{uid}:household")


def _on_m2m(sender, instance, action, **kwargs) -> None:
    if action.startswith("post_") and child_path(type(instance)):
        _on_record(type(instance), instance)
