"""The chain of command page (move 5): the refusals app's ladder for a topic, the asks still
open, and the escalations the letters app has sent without a courtesy note to the team
since. It reads both apps, so it sits in the top layer with the other composite pages."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.html import conditional_escape as esc
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from django.views.decorators.http import require_safe

from playbook.accounts.access import for_user
from playbook.advocacy.models import Ask, AskStatus
from playbook.children.access import child_for_read
from playbook.children.conditional import conditional_page
from playbook.day_text import days_as
from playbook.letters.courtesy import awaiting_courtesy
from playbook.letters.models import Letter
from playbook.refusals.ladder import TOPIC_LABELS, TOPICS, build_ladder, involved_in


@require_safe
@login_required
@conditional_page
def ladder(request: HttpRequest, child_id) -> HttpResponse:
    child = child_for_read(request, child_id)
    topic = request.GET.get("topic") or "services"
    topic_error = "" if topic in TOPICS else gettext("Choose one of the topics in the list.")
    open_asks = for_user(request.user, Ask).filter(child=child).exclude(status=AskStatus.GRANTED)
    # The picker shows a subject and a date for each of them (170 on a big child): rows,
    # not models; the one chosen is read whole, for whom it involves.
    asks = list(open_asks.values_list("pk", "subject", "asked_on", named=True))
    ask = None
    ask_id = request.GET.get("ask", "")
    chosen = next((a.pk for a in asks if str(a.pk) == ask_id), None) if ask_id else None
    if chosen is not None:
        ask = open_asks.filter(pk=chosen).first()
    team = {str(m.pk): m for m in child.team.all()}
    involved = involved_in(ask)
    rungs = []
    next_rung = None
    if not topic_error:
        built = build_ladder(((pk, m.role) for pk, m in team.items()), topic, involved)
        next_rung = built.next_rung
        for index, rung in enumerate(built.rungs):
            rungs.append(
                {
                    "rung": rung,
                    "step": index + 1,
                    "people": [team[pk] for pk in rung.members],
                    "involved": any(pk in involved for pk in rung.members),
                }
            )
        rungs.reverse()  # drawn as a ladder: the top rung first, step 1 at the bottom
    return render(
        request,
        "refusals/ladder.html",
        {
            "child": child,
            "section": "ladder",
            "topic": topic,
            "topic_label": gettext(TOPIC_LABELS[topic]) if topic in TOPIC_LABELS else "",
            "topic_error": topic_error,
            "topics": [(t, gettext(TOPIC_LABELS[t])) for t in TOPICS],
            "asks": asks,
            "ask_options": ask_options(asks, ask.pk if ask else None),
            "ask": ask,
            "ask_not_found": bool(ask_id) and ask is None,
            # In the team list's order: ``involved`` is a set, whose order changes between
            # processes, so the same page would list the same people differently.
            "involved_people": [person for pk, person in team.items() if pk in involved],
            "rungs": rungs,
            "next_rung": next_rung,
            "next_people": [team[pk] for pk in next_rung.members] if next_rung else [],
            "awaiting_courtesy": awaiting_courtesy(
                for_user(request.user, Letter).filter(child=child, state=Letter.State.SENT),
                team,
            ),
        },
    )


def ask_options(asks, chosen) -> SafeString:
    """The picker's options, one per open ask, as the template drew them (drawn here once:
    a blocktranslate and a date filter each was half the page; tests/refusals/
    test_ladder_options.py holds it to the template loop)."""
    asked, day = gettext("asked %(day)s"), days_as("SHORT_DATE_FORMAT")
    return mark_safe(  # noqa: S308 (each part escaped)
        "".join(
            f'<option value="{esc(a.pk)}"{" selected" if a.pk == chosen else ""} data-own-words>'
            f"{esc(a.subject)} ({asked % {'day': esc(day(a.asked_on))}})"
            "</option>"
            for a in asks
        )
    )
