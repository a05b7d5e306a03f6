"""The words of a written decision: a "no" a school writes to the parent in the plainest terms
a prior written notice or a letter uses ("Your request for an IEE is denied.", "The district
refuses to fund ...", "Sam is not eligible for special education services."), the plainest
claims of what the parent may not do or the IEP may not hold ("You can't consent to that."),
and the plainest deflection and dare ("It's not up to me.", "Take us to due process.").

The trained model weighs many small pieces of a sentence; a short decision has few of them
and too often fell under its threshold (decision 0093). These patterns hear it whatever the
model says. They stay narrow: a decision with a condition, a possibility or advice before it
("if the district denies your request", "the school may refuse", "can they deny ...?"), said of
schools or children in general, taken by a court, or by the parent, is left to the model.
"""

from __future__ import annotations

import re
from itertools import islice

from . import speakers

# How sure a decision heard this way is: the share of its matches labelled a no in every
# training-side file (176 of 179, decisions 0093 to 0098, 0103 and 0115).
CONFIDENCE = 0.97
MOST_WEIGHED = 20

# The parent's request: theirs (a word or two may stand between: "your IEE request"), or "the
# request" itself; not "the budget request" or another party's (decision 0096).
_THEIRS = r"(?:your|my|our|his|her|the parents?'s?|the parents')"
_THE_PARENTS_REQUEST = rf"(?:{_THEIRS} (?:[a-z-]+ ){{0,2}}|(?:the|this) )"

# What a parent asks for, as a finding that it is not needed names it (decision 0115), with up
# to four words before it ("a dedicated 1:1 aide", "additional speech services").
_HELP = (
    r"(?:evaluations?|re-?evaluations?|assessments?|testing|services?|aides?|paraprofessionals?"
    r"|paras?|(?:behaviou?r |504 |intervention )?plans?|supports?|esy|extended school year"
    r"|therap(?:y|ies)|minutes|technology|iep|504|placement|tutoring|instruction|fba|bip"
    r"|counseling|counselling|accommodations?|modifications?|ot|pt|speech|transportation|iee)"
)
_A_FEW_WORDS = r"(?:[a-z0-9:'-]+ ){0,4}"
PATTERNS = {
    # "Your request for an IEE is denied." "The request for a scribe has been declined."
    "request_decided": re.compile(
        rf"\b{_THE_PARENTS_REQUEST}request\b[^.;]{{0,100}}?\b(?:(?:is|was|are|were|has been"
        r"|have been|had been) (?:hereby |therefore |respectfully )?(?:denied|declined|refused"
        r"|rejected)|(?:is|was|are|were|has|have|had)(?: been)? not (?:been )?(?:approved|granted"
        r"|accepted))\b"
    ),
    # "The district denies your request ..." "We are declining the referral."
    "decides_the_request": re.compile(
        r"(?<!\bto )\b(?:den(?:y|ies|ied|ying)|refus(?:e|es|ed|ing)|declin(?:e|es|ed|ing)|reject(?:s|ed|ing)?"
        rf"|(?:did|does|do|will) not (?:approve|grant|accept)) {_THE_PARENTS_REQUEST}"
        r"(?:request|referral)\b"
    ),
    # "The district refuses to fund an independent evaluation."
    "refuses_to": re.compile(
        r"(?<!\bto )\b(?:refus(?:e|es|ed|ing)|declin(?:e|es|ed|ing)) to (?:provide|fund|pay|evaluate|test"
        r"|assess|conduct|offer|consider|grant|approve|include|add|allow|implement|convene|hold"
        r"|change|write|put|reimburse)\b"
    ),
    # "Sam is not eligible for special education services." "He does not qualify for speech."
    "not_eligible": re.compile(
        r"\b(?:is|was|are|were|be|been) (?:found |deemed |determined )?(?:not|no longer)"
        r"(?: to be)? eligible\b|\bineligible\b|\b(?:does|do|did|will)(?: not|n't) qualify\b"
    ),
    # "An evaluation is not warranted at this time." "There is no need for more support." (0094)
    # "A 1:1 paraprofessional is not appropriate for Mia." (0115: what is found not needed)
    "not_needed": re.compile(
        rf"\b{_A_FEW_WORDS}(?P<help>{_HELP}) (?:is|are|was|were)(?: deemed| considered| found"
        r"| determined)?"
        r" not (?:warranted|needed|necessary|appropriate|indicated|required|justified)\b"
        r"|\b(?:there is|there's|we see|sees|see) no (?:need|reason) (?:for|to)\b"
        r"(?! (?:worry|be worried|panic|rush|apologi[sz]e))"
    ),
    # "The team does not feel a 1:1 aide is warranted." "We believe Johnny does not require an
    # aide." "The committee does not recommend assistive technology." (0115)
    "judged_not_needed": re.compile(
        r"\b(?:do|does|did)(?: not|n't) (?:feel|believe|think|agree|find|see)(?: that)? "
        rf"{_A_FEW_WORDS}(?P<help>{_HELP}) (?:is|are|was|were|would be|will be) (?:warranted|needed"
        r"|necessary|appropriate|required|justified|indicated)\b"
        r"|\b(?:believes?|feels?|thinks?|determined|found|decided|agreed|concluded)(?: that)?"
        r" (?:he|she|they|your child|your son|your daughter|the student|the child|[a-z]+)"
        r" (?:does not|doesn't|do not|don't|did not|didn't|no longer) (?:need|require)s?\b"
        rf"|\b(?:do|does|did)(?: not|n't) recommend {_A_FEW_WORDS}{_HELP}\b"
    ),
    # "After reviewing your request, the district has decided to deny it." (0095)
    "decided_no": re.compile(
        r"\b(?:decided|decides|determined|chose|chosen|elected|opted|voted) (?:to (?:deny|refuse"
        r"|decline|reject|discontinue|end|stop|withdraw|remove|reduce|cut|exit|dismiss)|not to)\b"
    ),
    # "The budget is tight." "Her caseload is full right now." Said alone, nothing after (0097).
    "no_resources": re.compile(
        r"^(?:(?:unfortunately|right now|at the moment|as you know|honestly),? )?(?:"
        r"(?:(?:the|our|the district's|the school's) )?(?:budget|money|funding) is"
        r"(?: very| really| so)? (?:tight|limited|short|stretched)"
        r"|(?:(?:the|her|his|my|our) )?caseloads? (?:is|are)(?: already)? (?:full|maxed out"
        r"|at capacity)"
        r"|(?:we are|we're|the school is|the district is) (?:short-staffed|short staffed"
        r"|understaffed|at capacity))"
        r"(?: (?:this year|right now|this spring|this fall|this semester|at the moment"
        r"|for the district|for us))?[.!]*$"
    ),
    # "You can't consent to that." "Parents can't request an evaluation." (0098)
    "cannot_do": re.compile(
        r"\b(?:you|parents|a parent|the parents?) (?:can't|cannot|can not|are not allowed to"
        r"|aren't allowed to|is not allowed to|may not|have no right to) (?:consent|agree|sign"
        r"|refuse|revoke|decline|reject|accept|record|tape|observe|visit|bring|request|ask for"
        r"|invite|attend|sit in|come|dispute|appeal|challenge|disagree)\b"
    ),
    # "That can't be written in an IEP." "Methodology can't go in the IEP." (0098)
    "not_in_the_iep": re.compile(
        r"\b(?:can't|cannot|can not) (?:be )?(?:go|written|put|included|listed|named|placed"
        r"|specified|added)\b[^.;]{0,20}\b(?:in|into|on) (?:the|an|a|his|her|your child's)"
        r" (?:iep|504|plan)\b"
    ),
    # "It's not up to me." "That's not my call." "I don't make those decisions." (0103)
    "not_mine_to_decide": re.compile(
        r"\b(?:not|n't) (?:really )?(?:up to me|my (?:call|decision|choice))\b"
        r"(?! to (?:tell|say|judge|advise))|\bout of my hands\b"
        r"|\bi (?:don't|do not) (?:make|decide) (?:those|these|that|such)(?: kinds? of)?"
        r" (?:decisions?|calls?)\b"
    ),
    # "If you don't like it, take us to due process." "You're welcome to file a complaint."
    # (0103) Dismissed with an "if": the conditions are what it is said with (UNHEDGED).
    "take_us_to_due_process": re.compile(
        r"\btake us to (?:due process|court|a hearing|mediation)\b"
        r"|\b(?:you're|you are|you'd be|parents are)(?: more than| always)? (?:welcome|free) to"
        r" (?:file|request|go to|pursue|take (?:us|it|this))\b[^.;]{0,40}"
        r"\b(?:due process|hearing|complaint|mediation|court)\b"
        r"|\bfile (?:for )?due process if you (?:want|like|wish)\b(?! to)"
    ),
}
# Forms whose conditions belong to them ("if you disagree, take us to due process"): only
# advice before them leaves them to the model.
UNHEDGED = {"take_us_to_due_process"}
_ADVICE = re.compile(r"\b(?:may|might|should|could|need to|have to|consider|whether)\b|\?")

# Left to the model: a condition, a possibility or advice, said before the decision.
_HEDGED = re.compile(
    r"^(?:once|until)\b|\b(?:if|unless|when|whenever|whether|before|can|could|may|might|should"
    r"|would|cannot|can't|couldn't|must|shall)\b|\?"
)
# Said of children or schools in general, or of a court's decision in a case.
_GENERAL = re.compile(
    r"\b(?:a|any|every|many|some|most|no|other) (?:child|children|student|students|kid|kids"
    r"|school|schools|district|districts|family|families|(?:education |school )?agenc(?:y|ies))\b"
    r"|\b(?:children|students|kids|schools|districts|families|parents) (?:who|that|are|do|don't"
    r"|does)\b|\bhaving a\b"
    r"|\b(?:often|usually|sometimes|typically|commonly|routinely)\b"
    r"|\b(?:courts?|judges?|hearing officers?|circuit|ocr|sro|iho|appeal|appealed|ombudsman)\b"
)
# A no to a date, a time or a room is logistics, not a decision about the child.
_LOGISTICS = re.compile(
    r"\b(?:reschedul\w*|postpon\w*|(?:move|change) the (?:meeting|date|time|appointment)"
    r"|(?:meeting|appointment) (?:date|time)|field trip|extension of time)\b"
)
# Who decides, when a pattern names the deciding: not the parent, a court or schools in general.
_NOT_THE_SCHOOL = {"parent", "parents", "authority", "generic_schools", "child"}


def _weighed_from(found: re.Match) -> int:
    """Where what is said before a decision ends. A form that takes a few words before what it
    names weighs them too: "if an evaluation is not needed", "many schools say an aide is not
    needed" (decision 0115)."""
    named = found.re.groupindex.get("help")
    if named is not None and found.start(named) >= 0:
        return found.start(named)
    return found.start()


def decision(text: str) -> str | None:
    """The words of a written decision in one normalised (lower-case) sentence, if it is one."""
    if _LOGISTICS.search(text):
        return None
    for name, pattern in PATTERNS.items():
        # The first few of each: each is weighed against everything before it, and a pasted
        # text of 200,000 characters can repeat one form thousands of times.
        for found in islice(pattern.finditer(text), MOST_WEIGHED):
            before = text[: _weighed_from(found)]
            hedged = _ADVICE if name in UNHEDGED else _HEDGED
            if hedged.search(before) or _GENERAL.search(before):
                continue
            if name in ("decides_the_request", "refuses_to", "judged_not_needed") and (
                speakers.subject(before) in _NOT_THE_SCHOOL
            ):
                continue
            return found.group(0)
    return None
