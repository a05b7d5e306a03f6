"""The child's navigation (children/_nav.html) drawn in Python, its links without a
``reverse()`` each.

Every child page draws the same 25 links, which differ from one child to the next only by
the child's id: 25 ``{% url %}`` tags cost about 2 ms a page (docs/performance.md, issue 13).
Each link's pattern is reversed once per process (per URL configuration and script prefix)
with a stand-in id, split around it, and a child's links are the two halves joined around
its own id. The six groups around them are the markup the template wrote, escaped as it
escaped (the ``{% translate %}`` labels are not: they are the app's own text).
``tests/children/test_links.py`` holds every link to what ``reverse()`` gives, and the nav to
the template it replaces, for every section, in English and in Spanish.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from functools import lru_cache

from django.urls import get_resolver, get_script_prefix, get_urlconf, reverse
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, gettext_noop

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

# No object has this id (uuid4 ids are never all zeros); it stands for the child's (or a
# row's) id in a link reversed once.
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


def link_for_each(name: str, *args) -> Callable[[object], str]:
    """``reverse(name, args=[*args, pk])`` for each of many ``pk`` (every ask of a list):
    reversed once with the stand-in id, which each ``pk`` then takes the place of."""
    head, _, tail = reverse(name, args=[*args, _STAND_IN]).partition(str(_STAND_IN))
    return lambda pk: f"{head}{pk}{tail}"


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


# The nav's six groups: the group's name, then each link as (its key in NAV, its label,
# the section that marks it as the current page). The first link's label names the child.
# The labels are marked for the catalogue here and translated as the nav is drawn.
_PLAYBOOK = object()
GROUPS: tuple[tuple[str, tuple[tuple[str, object, str | None], ...]], ...] = (
    (
        gettext_noop("Today"),
        (
            ("child_home", _PLAYBOOK, "home"),
            ("child_moves", gettext_noop("Next moves and every move"), None),
        ),
    ),
    (
        gettext_noop("Record"),
        (
            ("trail_timeline", gettext_noop("Timeline (paper trail)"), "timeline"),
            ("concern_list", gettext_noop("Concerns and evidence"), "concerns"),
            ("series_list", gettext_noop("Progress data"), "data"),
            ("removals", gettext_noop("Removals from class"), "removals"),
        ),
    ),
    (
        gettext_noop("Ask & write"),
        (
            ("letter_list", gettext_noop("Letters"), "letters"),
            ("ask_list", gettext_noop("Asks and replies"), "asks"),
            ("refusal_list", gettext_noop("Refusals"), "refusals"),
            ("ladder", gettext_noop("Chain of command"), "ladder"),
            ("outside_routes", gettext_noop("Outside routes"), "outside_routes"),
        ),
    ),
    (
        gettext_noop("Meetings"),
        (
            ("meeting_list", gettext_noop("Meetings"), "meetings"),
            ("meeting_request", gettext_noop("Request a meeting"), None),
            ("trial_list", gettext_noop("Trials"), "trials"),
        ),
    ),
    (
        gettext_noop("School & IEP"),
        (
            ("team", gettext_noop("School team"), "team"),
            ("iep", gettext_noop("IEPs"), "iep"),
            ("iep_import", gettext_noop("Read an IEP from its PDF or Word file"), None),
            ("goals", gettext_noop("Goals and progress reports"), "goals"),
            ("iep_compare", gettext_noop("Compare IEPs"), None),
            ("iep_checks", gettext_noop("Check the IEP"), None),
            ("ledger_services", gettext_noop("Services delivered"), "services"),
        ),
    ),
    (
        gettext_noop("Plan & deadlines"),
        (
            ("plan", gettext_noop("Month-by-month plan"), "plan"),
            ("deadlines", gettext_noop("Deadlines"), "deadlines"),
            ("binder_page", gettext_noop("Binder & backup"), "binder"),
            ("sharing", gettext_noop("Sharing"), "sharing"),
        ),
    ),
)


def nav_html(child, section) -> SafeString:
    """children/_nav.html's markup for ``child``, the page being in ``section``."""
    links = nav_links(child)
    this_section = gettext("(this section)")
    parts = [
        '\n<nav class="child-nav" aria-label="'
        + gettext("%(name)s's sections") % {"name": conditional_escape(child.name)}
        + '">\n  <div class="wrap nav-groups">\n'
    ]
    for group, items in GROUPS:
        current = any(shown == section for _, _, shown in items if shown)
        parts.append(
            '    <details class="nav-group"'
            + (" data-current" if current else "")
            + ">\n      <summary>"
            + gettext(group)
            + (f'<span class="sr-only"> {this_section}</span>' if current else "")
            + "</summary>\n      <ul>\n"
        )
        for key, label, shown in items:
            if label is _PLAYBOOK:
                label = gettext("%(name)s's playbook") % {
                    "name": conditional_escape(child.first_name)
                }
            else:
                label = gettext(label)
            parts.append(
                f'        <li><a href="{conditional_escape(links[key])}"'
                + (' aria-current="page"' if shown and shown == section else "")
                + f">{label}</a></li>\n"
            )
        parts.append("      </ul>\n    </details>\n")
    parts.append("  </div>\n</nav>\n")
    return mark_safe("".join(parts))  # noqa: S308 (the names and links escaped above)
