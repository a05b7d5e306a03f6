"""Who speaks in a sentence, and to whom (decision 0059): a few named cues the n-grams cannot
see on their own, because they depend on which words go together, not on the words.

A "no" is the school's: the school (or "we", said by the school) is the subject of the negated
verb, or someone reports what the school said ("they told me that ..."), or a "no" is
addressed to the parent ("your child does not qualify"). A negation whose subject is the
parent, the child, a court or schools in general ("schools cannot ...", advice that explains
the law) is something else. Each cue is a name; ``cues()`` gives the names a sentence carries,
and the classifier adds them as extra columns beside its n-grams.
"""

from __future__ import annotations

import re
from itertools import islice

_N = r"\w+n't"  # can't, won't, doesn't, wouldn't ...
NEGATION = re.compile(
    rf"\b(?:not|no|never|cannot|{_N}|unable|refus\w*|den(?:y|ies|ied|ying|ial)|declin\w*"
    r"|reject\w*|turned down|nothing|nobody|no one|none|neither|nor)\b"
)

# Who can stand before a negated verb. The order matters only for names that overlap; the
# last actor before the negation, in the same clause, is its subject.
_ACTORS = {
    "school_we": r"we|our (?:school|district|staff|team|teachers?|policy)|us",
    "school": (
        r"(?:the |this |my (?:son's |daughter's |child's |kid's )?|his |her )?"
        r"(?:school|district|school district|principal|vice principal|assistant principal"
        r"|teacher|case ?manager|coordinator|director|superintendent|administrat\w+|admin"
        r"|staff|team|iep team|504 team|committee|psychologist|counselor|sped\w*"
        r"|special ed\w*|therapist|aide|specialist|board|office|department)"
        r"|they|she|he"
    ),
    "generic_schools": (
        r"schools|districts|school districts|a school|a district|public schools|teachers"
        r"|educators|school staff"
    ),
    "parent": r"i|my (?:husband|wife|partner|spouse)|me",
    "child": r"my (?:son|daughter|child|kid|boy|girl)|the (?:child|student)|the kid",
    "you": r"you|your (?:son|daughter|child|kid|student)",
    "parents": r"parents|a parent|families|the parents?",
    # "That's not something we offer", "There is no aide", "It isn't possible".
    "thing": r"that|this|it|there|these|those|which",
    "authority": (
        r"(?:the )?(?:court|judge|hearing officer|iho|sro|ocr|state|insurance|insurer"
        r"|doctor|pediatrician|law|idea|statute|regulations?|federal law|section 504)"
    ),
}
_ACTOR = re.compile(
    "|".join(rf"(?P<{name}>\b(?:{pattern})\b)" for name, pattern in _ACTORS.items()), re.I
)
# A clause ends at a comma-like break or a joining word; a subject does not reach across it.
_CLAUSE_BREAK = re.compile(r"[,;:()\"\u201c\u201d]| that | because | but | and | so | if ")
# How far back a negation's subject is looked for, and for how many negations: the longest
# sentence of the corpus is 521 characters, with a few negations; a pasted sentence of 200,000
# characters with a negation every few words made the look-back quadratic (20 seconds).
CLAUSE_REACH = 2000
MOST_NEGATIONS = 50

_FRAMES = {
    # Someone reports what was said: "they told me that", "the principal said", "I was told".
    "reported": re.compile(
        r"\b(?:told|tells|tell) (?:me|us|him|her|them|my|our|the parents?)\b"
        r"|\b(?:was|were|been|am|are|being|get|got) (?:told|informed|advised)\b"
        r"|\b(?:said|says|stated|states|informed|replied|responded|claimed|claims|insisted"
        r"|explained|wrote|emailed|asserted|asserting|answered|maintained|argued)\b"
        r"|\baccording to\b|\bhear from\b|\bheard from\b"
    ),
    # Advice and explanation of the law, addressed to parents in general.
    "advice": re.compile(
        r"\b(?:parents?|you|families) (?:should|can|may|must|might|have the right|need to)\b"
        r"|\b(?:the law|idea|section 504|federal law|regulations?|the statute) "
        r"(?:says|requires|states|provides|does|is|allows)\b"
        r"|\b(?:schools|districts|school districts|a school|a district) "
        r"(?:must|are required|cannot|can't|may not|are not|have to|should|do not|don't)\b"
        r"|\bunder (?:the )?(?:idea|law|section 504|federal)\b"
        r"|\bit is (?:important|illegal|a good idea|not uncommon|common)\b"
        r"|\bif (?:the|your|a) (?:school|district)\b|\bremember\b|\bkeep in mind\b"
    ),
    "second_person": re.compile(r"\b(?:you|your)\b"),
    "first_singular": re.compile(r"\b(?:i|my|me|i'm|i've)\b"),
    "first_plural": re.compile(r"\b(?:we|our|us|we're|we've|we'll)\b"),
    "conditional": re.compile(r"^(?:if|unless|when|whether)\b"),
    "question": re.compile(r"\?|^(?:can|could|would|will|do|does|did|is|are|should|why|how)\b"),
    "past_refusal": re.compile(
        r"\b(?:refused|denied|declined|rejected|would not|wouldn't|did not|didn't|turned down)\b"
    ),
    "offer": re.compile(
        r"\b(?:we|i) (?:can|could|will|would be happy|'d be happy|are happy|are able)\b"
        r"|\bwe'll\b|\bhappy to\b"
    ),
}

# Frames whose meaning depends on who the subject is: "they told me they can't" is the school's
# no, "I told them I can't" is the parent's.
_CROSSED = ("reported", "advice", "second_person", "conditional", "past_refusal")

CUES = (
    *(f"subject:{actor}" for actor in _ACTORS),
    "subject:none",
    *(f"frame:{frame}" for frame in _FRAMES),
    "negation",
    "negation&reported",
    "negation&second_person",
    "negation&advice",
    "negation&first_plural",
    *(f"subject:{actor}&{frame}" for actor in (*_ACTORS, "none") for frame in _CROSSED),
)


def subject(before: str) -> str:
    """The last actor named in the clause that ends where the negation begins."""
    clause = _CLAUSE_BREAK.split(before)[-1]
    actors = list(_ACTOR.finditer(clause))
    return actors[-1].lastgroup or "none" if actors else "none"


def cues(text: str) -> list[str]:
    """The names of the cues one (normalised, lower-case) sentence carries."""
    named = [f"frame:{name}" for name, pattern in _FRAMES.items() if pattern.search(text)]
    negations = list(islice(NEGATION.finditer(text), MOST_NEGATIONS))
    if negations:
        named.append("negation")
        subjects = sorted(
            {subject(text[max(0, n.start() - CLAUSE_REACH) : n.start()]) for n in negations}
        )
        named += [f"subject:{subject}" for subject in subjects]
        named += [
            f"subject:{subject}&{frame}"
            for subject in subjects
            for frame in _CROSSED
            if f"frame:{frame}" in named
        ]
        for frame in ("reported", "second_person", "advice", "first_plural"):
            if f"frame:{frame}" in named:
                named.append(f"negation&{frame}")
    return named
