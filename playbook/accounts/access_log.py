"""Recording who opened or exported which child's data (the household owner's access log).

The middleware writes one row, in one INSERT, after a successful response of a route named
in LOGGED; views that export something without a child in their path (the full backup) call
``record`` themselves. Every export is listed; opening the same page again within
OPENED_AGAIN_WITHIN is not (each process remembers the openings it listed): a parent
coming back to the playbook ten times an evening is one line, not ten, and one write.
"""

from __future__ import annotations

from django.core.cache import caches
from django.db.models import Subquery

from .models import AccessEvent

OPENED, EXPORTED = AccessEvent.Action.OPENED, AccessEvent.Action.EXPORTED
OPENED_AGAIN_WITHIN = 5 * 60  # seconds

# URL name -> (action, what). Page and API routes alike.
LOGGED = {
    "child_home": (OPENED, "the child's playbook"),
    "get_child": (OPENED, "the child's record (API)"),
    "binder_download": (EXPORTED, "the binder (PDF)"),
    "binder_pdf": (EXPORTED, "the binder (PDF, API)"),
    "binder_job_pdf": (EXPORTED, "the binder (PDF, API)"),
    "letter_file": (EXPORTED, "a letter file"),
    "deadlines_ics": (EXPORTED, "the deadlines calendar (.ics)"),
    "calendar_ics": (EXPORTED, "the deadlines calendar (.ics, API)"),
    "iep_file": (EXPORTED, "the IEP file"),
    "trail_attachment": (EXPORTED, "a trail attachment"),
    "get_attachment": (EXPORTED, "a trail attachment (API)"),
    "evidence_file": (EXPORTED, "an evidence file"),
}


def _household_of(kwargs: dict):
    """A subquery for the household of the object named in the path (no extra query)."""
    from playbook.children.models import IEP, Child
    from playbook.letters.models import Letter
    from playbook.trail.models import Attachment

    if "child_id" in kwargs:
        return kwargs["child_id"], Child.objects.filter(pk=kwargs["child_id"]).values(
            "household_id"
        )
    for name, model, child_path in (
        ("letter_id", Letter, "child_id"),
        ("attachment_id", Attachment, "entry__child_id"),
        ("iep_id", IEP, "child_id"),
    ):
        if name in kwargs:
            rows = model.objects.filter(pk=kwargs[name])
            return (
                Subquery(rows.values(child_path)[:1]),
                rows.values(child_path.replace("child_id", "child__household_id"))[:1],
            )
    return None, None


def record_from_request(request, response) -> None:
    match = getattr(request, "resolver_match", None)
    if match is None or match.url_name not in LOGGED or response.status_code != 200:
        return
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return
    child, household = _household_of(match.kwargs)
    if household is None:
        return
    action, what = LOGGED[match.url_name]
    if action == OPENED and not _first_opening_lately(user, match.url_name, match.kwargs):
        return
    AccessEvent.objects.create(
        household_id=Subquery(household[:1]),
        child_id=child,
        user=user,
        action=action,
        what=what,
        via_api=request.path_info.startswith("/api/"),
    )


def _first_opening_lately(user, url_name: str, kwargs: dict) -> bool:
    ids = ",".join(str(value) for _, value in sorted(kwargs.items()))
    key = f"opened:{user.pk}:{url_name}:{ids}"
    return caches["local"].add(key, True, timeout=OPENED_AGAIN_WITHIN)


def record(request, household, *, action: str, what: str, child=None) -> None:
    AccessEvent.objects.create(
        household=household, child=child, user=request.user, action=action, what=what
    )


class AccessLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        record_from_request(request, response)
        return response
