"""Scoping is declared by the models, so accounts, the ground floor, needs no import of the
apps above it (tests/test_layers.py checks the imports)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from playbook.accounts import path_scope
from playbook.accounts.path_scope import SCOPED_PATH_PARAMS
from playbook.advocacy.models import Concern
from playbook.children.models import Child, DeletedChild, TeamMember


def test_each_path_parameter_is_the_one_its_model_declares():
    assert SCOPED_PATH_PARAMS["concern_id"] is Concern
    assert SCOPED_PATH_PARAMS["child_id"] is Child
    # A proxy declares its own parameter; it does not inherit its parent's.
    assert SCOPED_PATH_PARAMS["deleted_child_id"] is DeletedChild
    assert SCOPED_PATH_PARAMS["team_member_id"] is TeamMember
    assert SCOPED_PATH_PARAMS["member_id"] is TeamMember
    assert "unknown_id" not in SCOPED_PATH_PARAMS


class _Record:
    household_path = "child__household"
    path_param = "record_id"


class _Copy(_Record):
    """Inherits the declaration without making one."""


class _Twin:
    household_path = "child__household"
    path_param = "record_id"


def test_a_model_that_declares_a_parameter_is_checked_with_nothing_else_to_edit(monkeypatch):
    monkeypatch.setattr(path_scope.apps, "get_models", lambda: [_Record, _Copy])
    assert dict(path_scope.PathModels()) == {"record_id": _Record}


def test_two_models_declaring_one_parameter_is_a_clear_error(monkeypatch):
    monkeypatch.setattr(path_scope.apps, "get_models", lambda: [_Record, _Twin])
    with pytest.raises(ImproperlyConfigured, match="_Twin and _Record both declare path_param"):
        dict(path_scope.PathModels())
