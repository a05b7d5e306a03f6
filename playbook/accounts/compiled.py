"""The scoped lookup's SQL, compiled by the ORM once per model instead of on every request.

``get_for_user`` runs on every page and every API request, often twice. Its query is
always the same shape (this model's row with this id, if this user belongs to its
household), yet building and compiling that queryset cost about eight times as much as
running it. So the ORM compiles it once per model and database, with stand-in values
for the user and the id; each call puts the real values in their places and runs the
same SQL through ``raw()``, which turns the row into a model instance with Django's own
converters. The SQL is always the ORM's own: nothing here writes SQL by hand.

Only the plain lookup is compiled: a caller that passes its own queryset (with
``select_related`` and the like) goes through the ORM as before.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connections, models, router

# Stand-ins that no real row has: the places where they appear in the compiled
# parameters are where the real user id and object id go.
_STAND_IN_USER = -730_194_571
_STAND_IN_ID = uuid.UUID("5ca1ab1e-0000-4000-8000-00000000c0de")


@dataclass(frozen=True)
class CompiledLookup:
    sql: str
    params: tuple
    user_slots: tuple[int, ...]
    id_slot: int

    def params_for(self, user_id: int, object_id: object) -> list:
        params = list(self.params)
        for slot in self.user_slots:
            params[slot] = user_id
        params[self.id_slot] = object_id
        return params


_compiled: dict[tuple[str, type[models.Model]], CompiledLookup | None] = {}


def compiled_lookup(
    model: type[models.Model], build: Callable[[int, uuid.UUID], models.QuerySet]
) -> tuple[CompiledLookup | None, object]:
    """The compiled lookup for ``model`` (None when it can't be compiled safely: then the
    caller uses the ORM) and the database connection it was compiled for."""
    connection = connections[router.db_for_read(model)]
    key = (connection.alias, model)
    if key not in _compiled:
        _compiled[key] = _compile(model, build, connection)
    return _compiled[key], connection


def _compile(model, build, connection) -> CompiledLookup | None:
    id_field = model._meta.pk
    if not isinstance(id_field, models.UUIDField):
        return None
    manager_query = model._default_manager.all().query
    if manager_query.where and manager_query.get_compiler(connection=connection).as_sql()[1]:
        # A manager that filters by a value might filter by one of the moment (now, the
        # active language): compiled once, it would be frozen. Such a model keeps the ORM.
        # A filter without values (Child's: "not deleted") is the same every time.
        return None
    queryset = build(_STAND_IN_USER, _STAND_IN_ID).order_by()
    sql, params = queryset.query.get_compiler(connection=connection).as_sql()
    stand_in_id = id_field.get_db_prep_value(_STAND_IN_ID, connection)
    user_slots = tuple(i for i, value in enumerate(params) if value == _STAND_IN_USER)
    id_slots = [i for i, value in enumerate(params) if value == stand_in_id]
    if len(id_slots) != 1 or not user_slots:  # not the shape this module expects
        return None
    return CompiledLookup(sql, tuple(params), user_slots, id_slots[0])
