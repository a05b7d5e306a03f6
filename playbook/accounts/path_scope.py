"""Ids in a URL path are checked through accounts.access before anything else runs.

The API checks them right after sign-in, before the body is read (a bad body must not
reveal that an id exists); pages check them in PathScopeMiddleware before the view runs
for any write (POST, PUT, PATCH, DELETE). Either way another household's id answers 404
and a read-only member's write 403, even in a view that forgot to ask. Views still fetch
their objects through accounts.access; this is the net under them.

A route with a new kind of id names it `<model>_id` and adds it here;
tests/test_isolation.py fails on any id parameter it does not know.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import HttpRequest

from playbook.accounts.access import get_for_user
from playbook.accounts.models import Household
from playbook.advocacy.models import (
    Ask,
    Concern,
    DataSeries,
    Evidence,
    Measurement,
    Meeting,
    Refusal,
    Trial,
)
from playbook.children.models import (
    IEP,
    Child,
    DeletedChild,
    SchoolBreak,
    Service,
    TeamMember,
)
from playbook.deadlines.models import EvaluationConsent
from playbook.exports.models import BinderJob
from playbook.ledger.models import ServiceSession
from playbook.letters.models import Letter
from playbook.trail.models import Attachment, EmailImport, Entry

SCOPED_PATH_PARAMS: dict[str, type[models.Model]] = {
    "household_id": Household,
    "child_id": Child,
    # Restoring names a deleted child, which "child_id" (like every lookup) leaves out.
    "deleted_child_id": DeletedChild,
    "break_id": SchoolBreak,
    "team_member_id": TeamMember,
    "member_id": TeamMember,
    "iep_id": IEP,
    "service_id": Service,
    "entry_id": Entry,
    "attachment_id": Attachment,
    "concern_id": Concern,
    "evidence_id": Evidence,
    "ask_id": Ask,
    "refusal_id": Refusal,
    "series_id": DataSeries,
    "measurement_id": Measurement,
    "trial_id": Trial,
    "meeting_id": Meeting,
    "letter_id": Letter,
    "session_id": ServiceSession,
    "consent_id": EvaluationConsent,
    "job_id": BinderJob,
    "import_id": EmailImport,
}

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
            found[name] = get_for_user(user, model, value, write=write)
    request.scoped_objects = found


def scoped_object(request: HttpRequest, name: str) -> Any:
    """The object a path id named, as check_path_scope found it for this request (None
    when it has not checked that id)."""
    return getattr(request, "scoped_objects", {}).get(name)


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
