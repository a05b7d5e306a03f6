"""The kinds of "no" a school says, what each usually means for the parent, and the move it
calls for (the move ids of docs/api.md's next moves)."""

from __future__ import annotations

from dataclasses import dataclass

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
            "staff, money or time",
            "The school says it lacks the people, money or time. What your child needs does "
            "not depend on the school's budget or staffing.",
            PRIOR_WRITTEN_NOTICE,
            "Ask for the refusal and its reasons in writing (prior written notice).",
        ),
        Kind(
            "rule",
            "a blanket rule or habit",
            "A rule or habit for everyone, not a decision about your child. Often no written "
            "rule exists.",
            ASK_FOR_POLICY,
            "Ask which law or written policy says so.",
        ),
        Kind(
            "myth",
            "grades or progress taken as proof",
            "Good grades, passing classes or some progress are taken as proof your child needs "
            "nothing more. A child can need help and still pass.",
            REQUEST_MEETING,
            "Ask for a meeting (or an evaluation) to look at the data together.",
        ),
        Kind(
            "delay",
            "wait and see",
            "The answer is put off until later. Waiting costs your child time, and a delay is "
            "still a decision.",
            REQUEST_MEETING,
            "Ask for a meeting (or an evaluation) now, with dates in writing.",
        ),
        Kind(
            "legal",
            "a legal or procedural claim",
            "A claim about what the law or the process allows. Such claims are often wrong; "
            "ask for the rule itself.",
            ASK_FOR_POLICY,
            "Ask which law, regulation or written policy says so.",
        ),
        Kind(
            "convenience",
            "convenience or fairness",
            "The reason is the staff's workload or other students, not what your child needs.",
            PRIOR_WRITTEN_NOTICE,
            "Ask for the refusal and its reasons in writing (prior written notice).",
        ),
        Kind(
            "deflection",
            "someone else's decision",
            "The person says it is not up to them. Then it is up to someone else: find out who.",
            ESCALATE,
            "Go up the chain of command to the person who can decide.",
        ),
    )
}

UNKNOWN = Kind(
    "other",
    "a no",
    "The school said no.",
    ASK_FOR_POLICY,
    "Ask which law or written policy says so.",
)


def kind(kind_id: str) -> Kind:
    return KINDS.get(kind_id, UNKNOWN)
