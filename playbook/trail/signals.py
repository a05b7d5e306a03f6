"""What the trail tells the apps above it, without importing them (docs/layers.md).

``school_said_no`` is sent for an entry of what the school said, not what the family sent (an imported email, a
logged call, conversation or meeting) in which a "no" was heard; the refusals app turns it
into a refusal the coach follows up (``refusals.refusals.record_heard``; its answer is the refusal).
A reply the parent recorded as refused is sent with ``declared=True``, heard or not.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.dispatch import Signal

from .models import Direction, Entry

school_said_no = Signal()


def heard(entries: Iterable[Entry]) -> None:
    for entry in entries:
        if entry.direction != Direction.SENT and (entry.flags or {}).get("refusal"):
            school_said_no.send(sender=Entry, entry=entry)
