"""Move: ask for the manifestation determination review, and for a functional behavioral
assessment and a behavior intervention plan (34 CFR § 300.530(e), (f))."""

from __future__ import annotations

from django.utils.translation import gettext_noop

from playbook.advocacy.asks import default_reply_due, open_ask
from playbook.advocacy.models import Ask
from playbook.deadlines.discipline import removal_year
from playbook.deadlines.models import Removal

from .. import spanish
from ..params import Param
from ..registry import Case, LetterKind, register
from .written_concerns import reply_due_after_sending


@register
class DisciplineReviewRequest(LetterKind):
    name = "discipline_review_request"
    title = gettext_noop("Ask for a manifestation review and a behavior plan")
    why = gettext_noop(
        "When removals add up to a change of placement, the school must review, within 10 "
        "school days, whether the behavior came from the disability. If it did, it must "
        "assess the behavior and put a behavior plan in place. Asking in writing starts "
        "the record."
    )
    params = [
        Param(
            "removal",
            "The latest removal",
            model=Removal,
            required=True,
            missing="choose the latest removal.",
        )
    ]

    def context(self, case: Case, values: dict) -> dict:
        removal: Removal = values["removal"]
        year = removal_year(case.child, removal.date)
        return {
            "removal": removal,
            "year": year,
            "days_words": year.days_words,
            "reply_by": default_reply_due(case.child, case.today),
        }

    def context_es(self, case: Case, values: dict, english: dict) -> dict:
        return {"days_words": spanish.school_days(english["year"].days)}

    def on_sent(self, letter, entry, values: dict) -> Ask:
        return open_ask(
            letter.child,
            subject="A manifestation determination review and a behavior plan"[:300],
            asked_of=letter.addressee,
            asked_on=letter.sent_on,
            channel="email",
            reply_due_on=reply_due_after_sending(letter),
            kind=self.name,
        )
