"""Which escalations still wait for their courtesy note to the IEP team (move 5)."""

from __future__ import annotations

from datetime import date

from django.db.models import QuerySet

from .models import Letter


def awaiting_courtesy(sent: QuerySet[Letter], team: dict) -> list[dict]:
    """Escalations sent with no courtesy note to the team since (move 5): ``sent`` is the
    child's sent letters the viewer may read, ``team`` the child's team by id."""

    noted: dict[str, date] = {}
    for note in sent.filter(kind="courtesy_note"):
        contacted = note.params.get("contacted", "")
        noted[contacted] = max(noted.get(contacted, note.sent_on), note.sent_on)
    awaiting = []
    for letter in sent.filter(kind="escalation").order_by("-sent_on")[:10]:
        contacted = team.get(letter.params.get("to", ""))
        if contacted is None or noted.get(str(contacted.pk), date.min) >= letter.sent_on:
            continue
        if any(item["contacted"].pk == contacted.pk for item in awaiting):
            continue
        awaiting.append(
            {"letter": letter, "contacted": contacted, "topic": letter.params.get("topic", "")}
        )
    return awaiting
