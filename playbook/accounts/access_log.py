"""Recording who read or exported which child's data (the household owner's access log).

Every successful GET of a route whose path names a child's record (the child itself, an
entry, a letter, a meeting...), page or API alike, is a read of one *area* of that child's
records: the word the route's path starts with ("timeline", "asks", "iep"...), through
SAME_AREA. A read is listed once per person, child and area in any five minutes, and the
database decides: AccessEvent has a unique constraint on (user, child, area, window), so
the middleware's one INSERT ... ON CONFLICT DO NOTHING adds nothing for a second read, from
whichever app process serves it. A parent going through the timeline for an evening is one
line per five minutes, not one per click.

Downloads and exports (EXPORTS) are listed every time. Views that export something
without a child in their path (the full backup) call ``record`` themselves. The household
list, the account pages and static files name no child's record and are not listed.

A route whose first word is new needs a line in AREAS (or SAME_AREA):
tests/hosting/test_access_log_reads.py fails until it has one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from django.db import connection
from django.db.models import Subquery
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from django.utils.translation import gettext_noop

from .access import child_model, child_path
from .models import AccessEvent
from .path_scope import SCOPED_PATH_PARAMS

OPENED, EXPORTED = AccessEvent.Action.OPENED, AccessEvent.Action.EXPORTED

# Area -> how the owner's log names it.
AREAS = {
    "child": gettext_noop("the child's playbook"),
    "team": gettext_noop("the school team"),
    "ieps": gettext_noop("the IEPs"),
    "timeline": gettext_noop("the timeline (the paper trail)"),
    "concerns": gettext_noop("the concerns and their evidence"),
    "asks": gettext_noop("the asks"),
    "refusals": gettext_noop("the school's refusals"),
    "coach": gettext_noop("the next moves"),
    "meetings": gettext_noop("the meetings"),
    "trials": gettext_noop("the trials"),
    "data": gettext_noop("the progress data"),
    "letters": gettext_noop("the letters"),
    "deadlines": gettext_noop("the deadlines"),
    "plan": gettext_noop("the plan"),
    "ledger": gettext_noop("the services ledger"),
    "binder": gettext_noop("the binder"),
    "goals": gettext_noop("the goals and their progress reports"),
}
# Other first words of a route's path, and the area they belong to.
SAME_AREA = {
    "": "child",  # the child's home: children/<child_id>/
    "edit": "child",
    "delete": "child",  # the owner's confirmation page; the deletion itself is logged too
    "restore": "child",
    "setup": "child",
    "iep": "ieps",
    "entries": "timeline",
    "attachments": "timeline",
    "email-imports": "timeline",
    "evidence": "concerns",
    "ladder": "refusals",
    "outside-routes": "refusals",
    "moves": "coach",
    "next-moves": "coach",
    "data-series": "data",
    "breaks": "deadlines",
    "evaluations": "deadlines",
    "removals": "deadlines",
    "calendar.ics": "deadlines",
    "calendar-feed": "deadlines",
    "services": "ledger",
    "binder.pdf": "binder",
    "binder-jobs": "binder",
    "progress-reports": "goals",
    "iep-readings": "ieps",
}
# URL name -> what a download or export gives (page and API routes alike).
EXPORTS = {
    "binder_download": gettext_noop("the binder (PDF)"),
    "binder_pdf": gettext_noop("the binder (PDF)"),
    "binder_job_pdf": gettext_noop("the binder (PDF)"),
    "letter_file": gettext_noop("a letter file"),
    "letter_pair_file": gettext_noop("a letter with its Spanish version"),
    "deadlines_ics": gettext_noop("the deadlines calendar (.ics)"),
    "calendar_ics": gettext_noop("the deadlines calendar (.ics)"),
    "iep_file": gettext_noop("the IEP file"),
    "trail_attachment": gettext_noop("a trail attachment"),
    "refusal_policy_document": gettext_noop("a trail attachment (the policy document)"),
    "evidence_file": gettext_noop("an evidence file"),
}
READS = frozenset({"GET", "HEAD"})

_PARAM = re.compile(r"<(?:\w+:)?(\w+)>")
_API_PREFIX = re.compile(r"^api/v\d+/")


@dataclass(frozen=True)
class ChildRoute:
    """What a route reads: the area, and how to find the child from its path."""

    area: str
    param: str  # the path parameter naming the child's record
    path_to_child: str  # from that record to its child; "pk" for the child itself


def _path_to_child(param: str) -> str | None:
    model = SCOPED_PATH_PARAMS.get(param)
    if model is child_model():
        return "pk"
    return child_path(model) if model is not None else None


def _first_word(route: str) -> str:
    """'api/v1/children/<child_id>/entries/<entry_id>' -> 'entries'; a child's home -> ''."""
    for part in _API_PREFIX.sub("", route).split("/"):
        if part and part != "children" and not _PARAM.search(part):
            return part
    return ""


@lru_cache(maxsize=1024)
def child_route(route: str) -> ChildRoute | None:
    """The area a route reads and where its child is, or None for a route that names no
    child's record (the household list, the account, a secret link)."""
    params = _PARAM.findall(route)
    ordered = (["child_id"] if "child_id" in params else []) + params
    for param in ordered:
        path_to_child = _path_to_child(param)
        if path_to_child is not None:
            word = _first_word(route)
            return ChildRoute(SAME_AREA.get(word, word), param, path_to_child)
    return None


def _all_routes() -> list[str]:
    def walk(patterns, prefix: str):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern):
                yield route

    return list(walk(get_resolver().url_patterns, ""))


def unlabelled_child_routes() -> list[str]:
    """Routes naming a child's record whose area the owner's log has no words for."""
    return [
        route
        for route in _all_routes()
        if (read := child_route(route)) is not None and read.area not in AREAS
    ]


def _child_and_household(read: ChildRoute, value):
    """The child's id and its household's, as subqueries of the INSERT (no query first)."""
    if read.path_to_child == "pk":
        return value, Subquery(
            child_model()._base_manager.filter(pk=value).values("household_id")[:1]
        )
    rows = SCOPED_PATH_PARAMS[read.param]._base_manager.filter(pk=value)
    return (
        Subquery(rows.values(read.path_to_child)[:1]),
        Subquery(rows.values(f"{read.path_to_child}__household")[:1]),
    )


def record_from_request(request, response) -> None:
    """One INSERT for a successful read of a child's records (a 304 too: the browser shows
    its copy again); nothing for anything else."""
    if request.method not in READS or response.status_code not in (200, 304):
        return
    match = getattr(request, "resolver_match", None)
    user = getattr(request, "user", None)
    if match is None or user is None or not user.is_authenticated:
        return
    read = child_route(match.route)
    if read is None:
        return
    exported = EXPORTS.get(match.url_name or "")
    now = timezone.now()
    window = AccessEvent.window_of(now)
    opened = None if exported else (user.pk, read.area, str(match.kwargs[read.param]))
    if opened is not None and OPENED_HERE.holds(window, opened):
        return
    child, household = _child_and_household(read, match.kwargs[read.param])
    event = AccessEvent(
        household_id=household,
        child_id=child,
        user=user,
        action=EXPORTED if exported else OPENED,
        area=read.area,
        what=exported or AREAS.get(read.area, f"the {read.area} page"),
        via_api=request.path_info.startswith("/api/"),
        at=now,
        window=window,
    )
    # A second opening of the area within its five minutes meets the unique constraint
    # and is skipped by the database itself.
    AccessEvent.objects.bulk_create([event], ignore_conflicts=True)
    if opened is not None and not connection.in_atomic_block:
        OPENED_HERE.add(window, opened)


class OpenedThisWindow:
    """The openings this process has already listed in the current five minutes.

    The database holds each of them (committed: noted only outside a transaction), so a
    repeat read, such as a 304, skips an INSERT the unique constraint would ignore anyway:
    on SQLite that INSERT takes the write lock, which every worker waits on. Only the
    current window is kept: a few entries per active reader."""

    def __init__(self) -> None:
        self.window = -1
        self.keys: set[tuple] = set()

    def holds(self, window: int, key: tuple) -> bool:
        return window == self.window and key in self.keys

    def add(self, window: int, key: tuple) -> None:
        if window != self.window:
            self.window, self.keys = window, set()
        self.keys.add(key)


OPENED_HERE = OpenedThisWindow()


def record(request, household, *, action: str, what: str, child=None) -> None:
    """List an export whose route names no child (the full backup)."""
    now = timezone.now()
    AccessEvent.objects.create(
        household=household,
        child=child,
        user=request.user,
        action=action,
        what=what,
        at=now,
        window=AccessEvent.window_of(now),
    )


class AccessLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        record_from_request(request, response)
        return response
