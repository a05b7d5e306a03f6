"""Move: ask for each removal in writing. An early pick-up or an "informal" send-home that
is never written down is hard to count; removals count toward the 10 school days of
34 CFR § 300.530(b), (d) whatever the school calls them."""

from __future__ import annotations

from django.utils.translation import gettext_noop

from playbook.advocacy.asks import default_reply_due, open_ask
from playbook.advocacy.models import Ask
from playbook.deadlines.models import Removal

from .. import spanish
from ..params import Param
from ..registry import Case, LetterKind, register
from .written_concerns import reply_due_after_sending


@register
class RemovalInWriting(LetterKind):
    name = "removal_in_writing"
    title = gettext_noop("Ask for a removal in writing")
    why = gettext_noop(
        "When the school sends your child home early or keeps them out of class, ask for it "
        "in writing. Every removal counts toward the 10 school days that bring legal "
        "protections, and a written record is what proves the count."
    )
    params = [
        Param(
            "removal",
            "The removal",
            model=Removal,
            required=True,
            missing="choose the removal you want in writing.",
        )
    ]

    def context(self, case: Case, values: dict) -> dict:
        removal: Removal = values["removal"]
        return {
            "removal": removal,
            "kind_words": Removal.Kind(removal.kind).label.lower(),
            "count_words": f"{removal.day_count.normalize():f}",
            "reply_by": default_reply_due(case.child, case.today),
        }

    def context_es(self, case: Case, values: dict, english: dict) -> dict:
        removal: Removal = values["removal"]
        return {
            "kind_words": spanish.REMOVALS.get(removal.kind, english["kind_words"]),
            "count_words": spanish.school_days(removal.day_count),
        }

    def on_sent(self, letter, entry, values: dict) -> Ask:
        removal: Removal = values["removal"]
        return open_ask(
            letter.child,
            subject=f"The removal on {removal.date:%B} {removal.date.day} in writing"[:300],
            asked_of=letter.addressee,
            asked_on=letter.sent_on,
            channel="email",
            reply_due_on=reply_due_after_sending(letter),
            kind=self.name,
        )
