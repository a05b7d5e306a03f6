"""Issue 15, API parity: everything a child's page can do, the API can do.

Every route of a child's pages that takes a POST (found in the URLconf, not listed by hand)
is mapped here to the API operation doing the same write, or to the reason it has none. A
new page action without an API twin or a reason fails here first."""

from __future__ import annotations

import inspect
import re
from types import FunctionType

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from playbook.accounts.access_log import child_route

HTTP_METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}
_POST = re.compile(r"""request\.POST|["']POST["']""")


def _walk(patterns, prefix=""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield route, pattern


def _layers(view):
    """The view and each function its decorators wrapped (functools.wraps keeps the chain)."""
    while view is not None:
        yield view
        view = getattr(view, "__wrapped__", None)


def _declared_methods(view) -> set[str] | None:
    """The methods a require_http_methods decorator (require_POST, require_safe...) allows,
    read from its closure; None when no layer restricts them."""
    for layer in _layers(view):
        for cell in getattr(layer, "__closure__", None) or ():
            try:
                value = cell.cell_contents
            except ValueError:
                continue
            if (
                isinstance(value, list | tuple)
                and value
                and all(isinstance(m, str) and m in HTTP_METHODS for m in value)
            ):
                return set(value)
    return None


def _handles_post(function, seen=None) -> bool:
    """Whether a view without a method decorator reads a POST: its own source, or that of
    the functions of its module it calls (``_iep_form``), mentions ``request.POST``."""
    seen = seen if seen is not None else set()
    if function in seen:
        return False
    seen.add(function)
    if _POST.search(inspect.getsource(function)):
        return True
    module = inspect.getmodule(function)
    for name in function.__code__.co_names:
        helper = getattr(module, name, None)
        if (
            isinstance(helper, FunctionType)
            and helper.__module__ == function.__module__
            and _handles_post(helper, seen)
        ):
            return True
    return False


def accepts_post(view) -> bool:
    methods = _declared_methods(view)
    if methods is not None:
        return "POST" in methods
    *_, innermost = _layers(view)
    return _handles_post(innermost)


def page_actions() -> dict[str, str]:
    """url name -> route, for every route of a child's pages (not the API) taking a POST."""
    return {
        pattern.name: route
        for route, pattern in _walk(get_resolver().url_patterns)
        if not route.startswith("api/")
        and child_route(route) is not None
        and accepts_post(pattern.callback)
    }


C = "/children/{child_id}"
# Page action (url name) -> the API operations doing the same write ("METHOD path", the
# path as the OpenAPI document names it, without /api/v1).
TWINS: dict[str, list[str]] = {
    "child_edit": [f"PATCH {C}"],
    "child_delete": [f"DELETE {C}"],
    "child_setup_team": [f"POST {C}/team"],
    "child_setup_iep": [f"POST {C}/ieps"],
    "team_add": [f"POST {C}/team"],
    "team_edit": [f"PATCH {C}/team/{{team_member_id}}"],
    "team_remove": [f"DELETE {C}/team/{{team_member_id}}"],
    "team_restore": [f"POST {C}/team/{{team_member_id}}/restore"],
    "iep_new": [f"POST {C}/ieps"],
    "iep_edit": [f"PATCH {C}/ieps/{{iep_id}}"],
    "iep_import": [f"POST {C}/iep-readings", f"POST {C}/ieps/import"],
    # The reviewed reading is saved as an IEP, as the API client saves what it confirmed.
    "iep_import_review": [f"POST {C}/ieps"],
    "progress_import": [f"POST {C}/progress-reports"],
    "trail_log": [f"POST {C}/entries"],
    "trail_import": [f"POST {C}/entries/import"],
    "trail_correct": [f"POST {C}/entries"],  # with `corrects`
    "concern_new": [f"POST {C}/concerns"],
    "concern_first": [f"POST {C}/concerns"],
    "concern_edit": ["PATCH /concerns/{concern_id}"],
    "concern_status": ["PATCH /concerns/{concern_id}"],
    "evidence_add": ["POST /concerns/{concern_id}/evidence"],
    "evidence_remove": ["DELETE /evidence/{evidence_id}"],
    "ask_new": [f"POST {C}/asks"],
    "ask_edit": ["PATCH /asks/{ask_id}"],
    "ask_reply": ["POST /asks/{ask_id}/reply"],
    "refusal_new": [f"POST {C}/refusals"],
    "refusal_detail": [
        "POST /refusals/{refusal_id}/policy-outcome",
        "POST /refusals/{refusal_id}/policy-document",
    ],
    "meeting_new": [f"POST {C}/meetings"],
    "meeting_edit": ["PATCH /meetings/{meeting_id}"],
    "meeting_advance": ["PATCH /meetings/{meeting_id}"],
    "meeting_outcome": ["PATCH /meetings/{meeting_id}"],
    "goal_own_data": [f"PUT {C}/goals/{{goal_id}}/own-data"],
    "trial_new": [f"POST {C}/trials"],
    "trial_edit": ["PATCH /trials/{trial_id}"],
    "trial_extend": ["PATCH /trials/{trial_id}"],
    "trial_delete": ["DELETE /trials/{trial_id}"],
    "series_new": [f"POST {C}/data-series"],
    "series_detail": [f"POST {C}/data-series/{{series_id}}/points"],
    "point_edit": [f"PATCH {C}/data-series/{{series_id}}/points/{{measurement_id}}"],
    "point_delete": [f"DELETE {C}/data-series/{{series_id}}/points/{{measurement_id}}"],
    "letter_new": [f"POST {C}/letters"],
    "letter_edit": ["PATCH /letters/{letter_id}"],
    "letter_sent": ["POST /letters/{letter_id}/sent"],
    "letter_send_lang": ["PATCH /letters/{letter_id}"],
    "deadlines_feed_renew": [f"POST {C}/calendar-feed"],
    "deadlines_consent_add": [f"POST {C}/evaluations"],
    "deadlines_consent_report": [f"PATCH {C}/evaluations/{{evaluation_id}}"],
    "deadlines_consent_remove": [f"DELETE {C}/evaluations/{{evaluation_id}}"],
    "school_breaks": [f"POST {C}/breaks"],
    "school_holidays_in_session": [f"PUT {C}/breaks/in-session"],
    "school_break_remove": [f"DELETE {C}/breaks/{{break_id}}"],
    "removals": [f"POST {C}/removals"],
    "removal_delete": [f"DELETE {C}/removals/{{removal_id}}"],
    "plan_tick": [f"POST {C}/plan"],
    "ledger_log": [f"POST {C}/services/{{service_id}}/sessions"],
    "ledger_session_delete": [f"DELETE {C}/services/{{service_id}}/sessions/{{session_id}}"],
    "ledger_threshold": [f"PUT {C}/ledger/threshold"],
    "ledger_import": [f"POST {C}/services/{{service_id}}/sessions/import"],
    "binder_page": [f"POST {C}/binder-jobs"],
    "child_moves_dismiss": [f"POST {C}/next-moves/dismiss"],
}

# Page actions that need no API twin, and why.
NO_TWIN_NEEDED: dict[str, str] = {
    "iep_import_discard": (
        "forgets the PDF the page holds between upload and review (its session); the API's "
        "readings hold nothing for the client to discard"
    ),
}

# Page actions still without an API twin (issue 15). This list may only shrink: give each
# an API route and move it to TWINS.
KNOWN_GAPS: dict[str, str] = {}


@pytest.fixture(scope="module")
def actions():
    return page_actions()


def test_the_walk_finds_the_page_actions(actions):
    # Decorated with require_POST, handled inside the view, handled in a helper it calls:
    for name in ("concern_status", "refusal_detail", "iep_new", "school_breaks"):
        assert name in actions, name
    # Pages that only show (require_safe, or a view that never reads a POST):
    for name in ("child_home", "trail_timeline", "concern_detail", "deadlines", "goals"):
        assert name not in actions, name
    assert len(actions) > 40


def test_every_page_action_has_an_api_twin_or_a_reason(actions):
    accounted = set(TWINS) | set(NO_TWIN_NEEDED) | set(KNOWN_GAPS)
    missing = sorted(set(actions) - accounted)
    assert missing == [], (
        "page actions with no API twin: give each an API route (docs/api.md) and add it to "
        f"TWINS, or say in NO_TWIN_NEEDED why it needs none: {missing}"
    )
    stale = sorted(accounted - set(actions))
    assert stale == [], f"listed here but no longer a page action: {stale}"
    assert not set(TWINS) & set(KNOWN_GAPS), "a gap with a twin is no gap: take it off"
    assert all(reason.strip() for reason in {**NO_TWIN_NEEDED, **KNOWN_GAPS}.values())


def test_every_twin_is_an_operation_of_the_api(client, db):
    document = client.get("/api/v1/openapi.json").json()
    operations = {
        f"{method.upper()} {path.removeprefix('/api/v1')}"
        for path, item in document["paths"].items()
        for method in item
        if method.upper() in HTTP_METHODS
    }
    unknown = sorted({twin for twins in TWINS.values() for twin in twins} - operations)
    assert unknown == [], f"not an operation of /api/v1/openapi.json: {unknown}"
