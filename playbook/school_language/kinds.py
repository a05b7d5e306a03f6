"""The kinds of "no" a school says, what each usually means for the parent, and the move it
calls for (the move ids of docs/api.md's next moves)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_noop

# The texts stay English here (the recogniser's explanations and its tests read them); a
# page or answer in another language shows them through gettext: `explained(kind)`.

ASK_FOR_POLICY = "ask_for_policy"
PRIOR_WRITTEN_NOTICE = "request_prior_written_notice"
REQUEST_MEETING = "request_meeting"
ESCALATE = "escalate"


@dataclass(frozen=True)
class Kind:
    id: str
    name: str
    meaning: str
    move: str
    move_words: str


KINDS: dict[str, Kind] = {
    kind.id: kind
    for kind in (
        Kind(
            "resources",
            gettext_noop("staff, money or time"),
            gettext_noop(
                "The school says it lacks the people, money or time. What your child needs "
                "does not depend on the school's budget or staffing."
            ),
            PRIOR_WRITTEN_NOTICE,
            gettext_noop("Ask for the refusal and its reasons in writing (prior written notice)."),
        ),
        Kind(
            "rule",
            gettext_noop("a blanket rule or habit"),
            gettext_noop(
                "A rule or habit for everyone, not a decision about your child. Often no "
                "written rule exists."
            ),
            ASK_FOR_POLICY,
            gettext_noop("Ask which law or written policy says so."),
        ),
        Kind(
            "myth",
            gettext_noop("grades or progress taken as proof"),
            gettext_noop(
                "Good grades, passing classes or some progress are taken as proof your child "
                "needs nothing more. A child can need help and still pass."
            ),
            REQUEST_MEETING,
            gettext_noop("Ask for a meeting (or an evaluation) to look at the data together."),
        ),
        Kind(
            "delay",
            gettext_noop("wait and see"),
            gettext_noop(
                "The answer is put off until later. Waiting costs your child time, and a delay "
                "is still a decision."
            ),
            REQUEST_MEETING,
            gettext_noop("Ask for a meeting (or an evaluation) now, with dates in writing."),
        ),
        Kind(
            "legal",
            gettext_noop("a legal or procedural claim"),
            gettext_noop(
                "A claim about what the law or the process allows. Such claims are often "
                "wrong; ask for the rule itself."
            ),
            ASK_FOR_POLICY,
            gettext_noop("Ask which law, regulation or written policy says so."),
        ),
        Kind(
            "convenience",
            gettext_noop("convenience or fairness"),
            gettext_noop(
                "The reason is the staff's workload or other students, not what your child needs."
            ),
            PRIOR_WRITTEN_NOTICE,
            gettext_noop("Ask for the refusal and its reasons in writing (prior written notice)."),
        ),
        Kind(
            "deflection",
            gettext_noop("someone else's decision"),
            gettext_noop(
                "The person says it is not up to them. Then it is up to someone else: find out who."
            ),
            ESCALATE,
            gettext_noop("Go up the chain of command to the person who can decide."),
        ),
    )
}

UNKNOWN = Kind(
    "other",
    gettext_noop("a no"),
    gettext_noop("The school said no."),
    ASK_FOR_POLICY,
    gettext_noop("Ask which law or written policy says so."),
)


def kind(kind_id: str) -> Kind:
    return KINDS.get(kind_id, UNKNOWN)


def explained(kind: Kind) -> tuple[str, str, str]:
    """The kind's name, meaning and move in the active language (issue 19)."""
    from django.utils.translation import gettext

    return gettext(kind.name), gettext(kind.meaning), gettext(kind.move_words)
