"""The links of the child's navigation (children/_nav.html), without a ``reverse()`` each.

Every child page draws the same 25 links, which differ from one child to the next only by
the child's id: 25 ``{% url %}`` tags cost about 2 ms a page (docs/performance.md, issue 13).
Each link's pattern is reversed once per process (per URL configuration and script prefix)
with a stand-in id, split around it, and a child's links are the two halves joined around
its own id. ``tests/children/test_links.py`` holds every link to what ``reverse()`` gives.
"""

from __future__ import annotations

import uuid
from functools import lru_cache

from django.urls import get_resolver, get_script_prefix, get_urlconf, reverse

# The nav's links: the name a template reads them by, the URL's name, and the arguments after
# the child's id (``None``: a page of the household, not of one child).
NAV: tuple[tuple[str, str, tuple[str, ...] | None], ...] = (
    ("child_home", "child_home", ()),
    ("child_moves", "child_moves", ()),
    ("trail_timeline", "trail_timeline", ()),
    ("concern_list", "concern_list", ()),
    ("series_list", "series_list", ()),
    ("removals", "removals", ()),
    ("letter_list", "letter_list", ()),
    ("ask_list", "ask_list", ()),
    ("refusal_list", "refusal_list", ()),
    ("ladder", "ladder", ()),
    ("outside_routes", "outside_routes", ()),
    ("meeting_list", "meeting_list", ()),
    ("meeting_request", "letter_new", ("meeting_request",)),
    ("trial_list", "trial_list", ()),
    ("team", "team", ()),
    ("iep", "iep", ()),
    ("iep_import", "iep_import", ()),
    ("goals", "goals", ()),
    ("iep_compare", "iep_compare", ()),
    ("iep_checks", "iep_checks", ()),
    ("ledger_services", "ledger_services", ()),
    ("plan", "plan", ()),
    ("deadlines", "deadlines", ()),
    ("binder_page", "binder_page", ()),
    ("sharing", "sharing", None),
)

# No child has this id (uuid4 ids are never all zeros); it stands for the child's id in a
# link reversed once.
_STAND_IN = uuid.UUID(int=0)


def nav_links(child) -> dict[str, str]:
    """The nav's links for ``child``, by the names in ``NAV``: each as ``reverse()`` gives it."""
    child_id = str(child.pk)
    # The resolver is remade when the URL configuration changes (Django clears its cache).
    halves = _halves(get_resolver(get_urlconf()), get_script_prefix())
    return {
        key: head if tail is None else head + child_id + tail
        for key, (head, tail) in halves.items()
    }


@lru_cache(maxsize=8)
def _halves(resolver, script_prefix: str) -> dict[str, tuple[str, str | None]]:
    """Each link reversed once with the stand-in id, as the text before and after it (a
    household's page: the whole link, and ``None``)."""
    stand_in = str(_STAND_IN)
    halves = {}
    for key, name, extra in NAV:
        if extra is None:
            halves[key] = (reverse(name), None)
            continue
        url = reverse(name, args=[_STAND_IN, *extra])
        head, found, tail = url.partition(stand_in)
        if not found or stand_in in tail:
            raise ValueError(f"{name}: the child's id is not once in {url}")
        halves[key] = (head, tail)
    return halves
