"""next_moves: what the coach suggests for a child today, most urgent first."""

from __future__ import annotations

from datetime import date

from django.utils.translation import get_language

from playbook.accounts.models import Membership
from playbook.children.computed import remember
from playbook.children.models import Child
from playbook.deadlines.models import Dismissal

from .facts import load_facts
from .rules import RULES, Suggestion

# What the coach's facts, the deadlines and the ledger each read of the child: a page or
# route that runs the coach prefetches these once (child_for_read(..., prefetch=...)).
PREFETCH = ("ieps__services", "team", "meetings", "breaks", "evaluation_consents")


def next_moves(
    child: Child, today: date, *, include_dismissed: bool = False, deadlines: list | None = None
) -> list[Suggestion]:
    """The coach's suggestions, most urgent first. ``deadlines``: the child's deadlines when
    the caller already computed them (the child home shows them too). Kept until the
    child's records change (``playbook.children.computed``)."""
    languages = home_languages(child)
    return remember(
        child,
        "next_moves",
        today,
        lambda: _next_moves(child, today, include_dismissed, deadlines, languages),
        include_dismissed,
        ",".join(languages),
        # The titles and reasons are written in the language of the request (issue 19).
        get_language() or "en",
    )


def home_languages(child: Child) -> tuple[str, ...]:
    """The languages other than English the family's members read the app in: the coach
    offers an interpreter and translated documents when there is one (issue 19)."""
    chosen = Membership.objects.filter(household_id=child.household_id).values_list(
        "user__language", flat=True
    )
    return tuple(sorted({lang for lang in chosen if lang and lang != "en"}))


def _next_moves(
    child: Child,
    today: date,
    include_dismissed: bool,
    deadlines: list | None,
    languages: tuple[str, ...] = (),
) -> list[Suggestion]:
    facts = load_facts(child, today, deadlines)
    facts.extra["home_languages"] = languages
    suggestions = [s for rule in RULES for s in rule(facts)]
    if not include_dismissed:
        hidden = set(Dismissal.objects.filter(child=child).values_list("key", flat=True))
        suggestions = [s for s in suggestions if s.key not in hidden]
    # Most urgent first; ties keep the rules' order (RULES lists the stronger moves first).
    return sorted(suggestions, key=lambda s: s.urgency)


def dismiss(child: Child, key: str) -> Dismissal:
    dismissal, _ = Dismissal.objects.get_or_create(child=child, key=key[:200])
    return dismissal
