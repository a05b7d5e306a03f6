"""Move: a goal is off track. Ask for the data behind the progress reports on one goal and
for an IEP meeting to revise it. The IEP must say how progress is measured and when it is
reported (34 CFR § 300.320(a)(3)); the team must revise the IEP to address any lack of
expected progress toward the annual goals (34 CFR § 300.324(b)(1)(ii)).

The goals page links here with the goal chosen; its flags (below the line twice, a report
of progress with no number, no baseline, no measurable target) become the letter's reasons.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop

from playbook.advocacy.asks import default_reply_due, open_ask
from playbook.advocacy.models import Ask
from playbook.children.models import Goal
from playbook.progress.lines import BELOW_TWICE, NO_BASELINE, NO_NUMBER, NO_TARGET, goal_line
from playbook.progress.models import ProgressEntry

from .. import spanish
from ..compose import bullet
from ..params import Param
from ..registry import Case, LetterKind, register
from .written_concerns import reply_due_after_sending

REASONS = {
    BELOW_TWICE: "The last two reports fall below the progress needed to meet the goal by "
    "the end of the IEP.",
    NO_NUMBER: "A report says {first} is progressing but gives no measurement to show it.",
    NO_BASELINE: "The IEP states no baseline for this goal, so progress cannot be measured "
    "from where {first} started.",
    NO_TARGET: "The goal states no measurable target, so no one can tell whether it is met.",
}

REASONS_ES = {
    BELOW_TWICE: "Los dos últimos informes están por debajo del progreso necesario para "
    "alcanzar la meta antes de que termine el IEP.",
    NO_NUMBER: "Un informe dice que {first} está progresando, pero no da ninguna medición "
    "que lo muestre.",
    NO_BASELINE: "El IEP no indica un punto de partida para esta meta, así que no se puede "
    "medir el progreso desde donde empezó {first}.",
    NO_TARGET: "La meta no indica un objetivo medible, así que nadie puede saber si se ha "
    "alcanzado.",
}


def _report_line(entry: ProgressEntry, lang: str = "en") -> str:
    es = lang == "es"
    none = "sin número" if es else "no number"
    value = f"{entry.value:g} {entry.unit}".strip() if entry.value is not None else none
    words = f' ("{entry.school_words}")' if entry.school_words else ""
    when = spanish.day(entry.date) if es else f"{entry.date:%B %-d, %Y}"
    return bullet(f"{when}: {value}{words}")


@register
class GoalRevisionRequest(LetterKind):
    name = "goal_revision_request"
    title = gettext_noop("Ask for the data on a goal and a meeting to revise it")
    why = gettext_noop(
        'A progress report that says "making progress" without the numbers, or numbers '
        "that fall behind, is the moment to ask for the data and a meeting. The team has "
        "to revise the IEP when a child is not making the expected progress."
    )
    params = [
        Param(
            "goal",
            "The goal",
            model=Goal,
            child_path="iep__child",
            required=True,
            missing="choose the goal you are asking about.",
        )
    ]

    def context(self, case: Case, values: dict) -> dict:
        goal: Goal = values["goal"]
        entries = list(goal.progress_entries.order_by("date"))
        line = goal_line(goal, goal.iep, entries)
        first = case.child.first_name
        return {
            "goal": goal,
            "goal_number": list(goal.iep.goals.order_by("position")).index(goal) + 1,
            "reports": "\n".join(_report_line(e) for e in entries),
            "reasons": "\n".join(bullet(REASONS[f].format(first=first)) for f in line.flags),
            "reply_by": default_reply_due(case.child, case.today),
        }

    def context_es(self, case: Case, values: dict, english: dict) -> dict:
        goal: Goal = values["goal"]
        entries = list(goal.progress_entries.order_by("date"))
        line = goal_line(goal, goal.iep, entries)
        first = case.child.first_name
        return {
            "reports": "\n".join(_report_line(e, "es") for e in entries),
            "reasons": "\n".join(bullet(REASONS_ES[f].format(first=first)) for f in line.flags),
        }

    def on_sent(self, letter, entry, values: dict) -> Ask:
        goal: Goal = values["goal"]
        return open_ask(
            letter.child,
            subject=f"Data and a meeting to revise the goal: {goal.text}"[:300],
            asked_of=letter.addressee,
            asked_on=letter.sent_on,
            channel="email",
            reply_due_on=reply_due_after_sending(letter),
            kind=self.name,
        )
