"""Ids in a URL path are checked through accounts.access before anything else runs.

The API checks them right after sign-in, before the body is read (a bad body must not
reveal that an id exists); pages check them in PathScopeMiddleware before the view runs
for any write (POST, PUT, PATCH, DELETE). Either way another household's id answers 404
and a read-only member's write 403, even in a view that forgot to ask. Views still fetch
their objects through accounts.access; this is the net under them.

Each model that a URL path can name declares its parameter next to its ``household_path``
(``path_param = "concern_id"``; a tuple when routes name it in more than one way), so this
ground-floor module imports no app above it. A route with a new kind of id names it
``<model>_id`` and the model declares it; tests/test_isolation.py fails on any id parameter
that no model declares.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cached_property
from typing import Any

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.http import HttpRequest

from playbook.accounts.access import get_for_user, household_path


class PathModels(Mapping[str, type[models.Model]]):
    """Path parameter -> the model it names, read from every model's ``path_param`` at
    first use (the app registry must be ready by then; importing this module needs none)."""

    @cached_property
    def _by_param(self) -> dict[str, type[models.Model]]:
        found: dict[str, type[models.Model]] = {}
        for model in apps.get_models():
            declared = model.__dict__.get("path_param")  # its own, not a parent's
            if declared is None:
                continue
            for param in (declared,) if isinstance(declared, str) else declared:
                if param in found:
                    raise ImproperlyConfigured(
                        f"{model.__name__} and {found[param].__name__} both declare "
                        f"path_param {param!r}"
                    )
                found[param] = model
        return found

    def __getitem__(self, param: str) -> type[models.Model]:
        return self._by_param[param]

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_param)

    def __len__(self) -> int:
        return len(self._by_param)


SCOPED_PATH_PARAMS = PathModels()

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def check_path_scope(request: HttpRequest, user: Any) -> None:
    """Raise Http404 / PermissionDenied for a path id the user may not reach (or write)."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return
    write = request.method in WRITE_METHODS
    found = {}
    for name, value in match.kwargs.items():
        model = SCOPED_PATH_PARAMS.get(name)
        if model is not None:
            found[name] = get_for_user(user, model, value, write=write, queryset=_rows(model))
    request.scoped_objects = found


def _rows(model: type[models.Model]) -> models.QuerySet | None:
    # A record right under the household (the child) comes with it: the route that reuses
    # it (children.access) needs no second query for the household. A model with its own
    # lookup (get_for_member) brings its household itself.
    if hasattr(model._default_manager, "get_for_member"):
        return None
    rows = model._default_manager.all()
    return rows.select_related("household") if household_path(model) == "household" else rows


def scoped_object(request: HttpRequest, name: str) -> Any:
    """The object a path id named, as check_path_scope (or the view's access helper) found
    it for this request; None when nothing has fetched it yet."""
    return getattr(request, "scoped_objects", {}).get(name)


def remember_scoped(request: HttpRequest, name: str, obj: models.Model) -> None:
    """Keep an object an access helper fetched for this request, for the next one asking."""
    if not hasattr(request, "scoped_objects"):
        request.scoped_objects = {}
    request.scoped_objects[name] = obj


class PathScopeMiddleware:
    """Pages: check the path's ids before a write reaches the view.

    Reads are left to each view (its get_for_user is the one query a page needs); the
    API is left to its sign-in, which checks reads and writes alike.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        if request.method not in WRITE_METHODS or not request.user.is_authenticated:
            return None  # an anonymous visitor is sent to the login page by the view
        if request.path_info.startswith("/api/"):
            return None
        check_path_scope(request, request.user)
        return None
