"""The words of a written decision are a "no" whatever the model weighs (decision 0093), and
the same words said as a condition, as advice, of schools in general, by a court or by the
parent are left to the model."""

from __future__ import annotations

import pytest

from playbook.school_language import classifier, decisions, read
from playbook.trail.refusal_language import detect

DECISIONS = [
    "Your request for an IEE is denied.",
    "Your request for an independent educational evaluation at public expense is denied.",
    "The district denies your request for an IEE at public expense.",
    "The district has denied your request for an independent educational evaluation.",
    "The district refuses to fund an independent evaluation.",
    "Your request for transportation has not been approved.",
    "Sam does not qualify for an IEP.",
    "The team has determined that Sam is not eligible for special education services.",
    "The LEA is denying your request to assign a one-to-one aide to Johnny at this time.",
    "I asked for speech therapy and the school rejected my request.",
    "We declined to sign the consent form, and the district refused to evaluate him at all.",
    "After reviewing the data, the team determined that an evaluation is not warranted.",
    "Because she is passing all her classes, there is no need for extended school year.",
    "The team has decided not to add counseling to the IEP.",
    # Decision 0115: a finding that help is not needed, in a notice's words.
    "After review, the district has determined that a 1:1 paraprofessional is not appropriate.",
    "The committee does not recommend assistive technology at this time.",
    "The team did not agree that a full-time aide is required.",
    "Based on the data, we believe that Johnny does not require a one-to-one aide.",
    "We don't think an evaluation is warranted at this time.",
    "The budget is tight.",
    "The caseload is full.",
    "Unfortunately, our budget is very limited right now.",
    "You can't consent to that.",
    "Parents cannot consent to some services and not others.",
    "You can't record the IEP meeting.",
    "That can't be written in an IEP.",
    "Methodology can't go in the IEP.",
    "It's not up to me.",
    "It's not up to me, the special ed director makes those calls.",
    "That's not my call; the district decides.",
    "I'm sorry, that is out of my hands.",
    "I don't make those decisions.",
    "If you don't like it, take us to due process.",
    "You are welcome to file for due process if you disagree.",
    "You're free to file a state complaint, but the answer will not change.",
]

NOT_DECISIONS = [
    "If the district denies your request, ask for prior written notice.",
    "The district may deny your request for an IEE, but it must then file for a hearing.",
    "Schools cannot refuse to evaluate a child because of good grades.",
    "A child who does not qualify under IDEA may still qualify for a 504 plan.",
    "The hearing officer denied the parents' request for reimbursement.",
    "We declined the district's request to test him again this year.",
    "The parents refused to sign the consent form.",
    "Your request to reschedule the meeting to Friday has been denied.",
    "Your request for an IEE has been approved.",
    "Can the school deny my request for an evaluation?",
    "If the team decides an evaluation is not needed, it must tell you why in writing.",
    "If the school decides not to evaluate, it must tell you in writing.",
    "The ombudsman decided not to investigate the complaint.",
    "The board rejected the budget request.",
    "The principal denied the teacher's request for a new laptop.",
    "The staff request for a new copier was denied.",
    "I understand the budget is tight, but Ava needs a smaller class.",
    "The budget is tight, but we found the money for his aide.",
    "Many schools say there is no need for an aide when a child has good grades.",
    "If an evaluation is not needed, the school must explain why.",
    "Many schools say an aide is not needed when grades are good.",
    "Some education agencies claim that one-on-one aides are not appropriate.",
    "I don't think he needs an aide anymore, so we can drop it.",
    "The hearing officers found that the student did not need a private placement.",
    "There's no need to worry about the bus change; it starts Monday.",
    "If the school says you can't record the meeting, ask to see the policy.",
    "You cannot have an ARD meeting without disclosing the student's records.",
    "Some schools say parents cannot consent to part of an IEP; that is not true.",
    "You can request an evaluation at any time.",
    "Anything the child needs can be written in the IEP.",
    "If it were up to me, he would have an aide tomorrow.",
    "It's not up to me to tell you what to do, but I would ask for an evaluation.",
    "You should know you are free to file a state complaint.",
    "You may need to take them to due process.",
    "Can parents take the district to due process over this?",
    "That's above my pay grade.",
]


@pytest.mark.parametrize("text", DECISIONS)
def test_a_written_decision_is_a_no_with_its_own_words(text):
    reading = read(text)
    [sentence] = reading.sentences
    assert sentence.refusal, sentence
    found = decisions.decision(classifier.normalise(text))
    # Heard by the decision's own words exactly when the model alone did not hear it: then the
    # words quoted are the decision's and the confidence is the decisions' own.
    by_the_words = sentence.confidence == decisions.CONFIDENCE
    assert (sentence.words == (found,)) == by_the_words, sentence
    assert detect(text).refusal


@pytest.mark.parametrize("text", NOT_DECISIONS)
def test_the_same_words_as_advice_or_of_someone_else_are_not_a_decision(text):
    assert decisions.decision(classifier.normalise(text)) is None


def test_the_why_quotes_the_decisions_words():
    [sentence] = read("Your request for an IEE is denied.").sentences
    assert sentence.confidence == decisions.CONFIDENCE
    assert "“your request for an iee is denied”" in sentence.why


NOTICE = """Dear Ms. Rivera,
This letter is Prior Written Notice regarding your request dated October 3, 2026, for an
independent educational evaluation at public expense.
After reviewing your request, the district has decided to deny it.
The district believes its own evaluation was appropriate and met all state requirements.
You have protection under the procedural safeguards of IDEA.
If you have questions, please contact me at 555-0100.
Sincerely,
Dr. Pat Lee, Director of Special Education"""


def test_a_prior_written_notice_read_whole_has_its_decision_heard():
    heard = [s.text for s in detect(NOTICE).sentences if s.refusal]
    assert "After reviewing your request, the district has decided to deny it." in heard
    assert not any("procedural safeguards" in text or "questions" in text for text in heard)


def test_a_bare_claim_of_no_resources_is_a_no_about_resources():
    for text in ("The budget is tight.", "The caseload is full this year."):
        [sentence] = read(text).sentences
        assert sentence.refusal and sentence.kind.id == "resources", sentence


def test_a_claim_of_what_the_parent_may_not_do_is_a_legal_no():
    for text in ("You can't consent to that.", "That can't be written in an IEP."):
        [sentence] = read(text).sentences
        assert sentence.refusal and sentence.kind.id == "legal", sentence


def test_someone_elses_decision_is_a_deflection():
    for text in ("It's not up to me.", "That's not my call; the district decides."):
        [sentence] = read(text).sentences
        assert sentence.refusal and sentence.kind.id == "deflection", sentence


def test_take_us_to_due_process_is_a_legal_no():
    for text in (
        "If you don't like it, take us to due process.",
        "You are welcome to file for due process if you disagree.",
    ):
        [sentence] = read(text).sentences
        assert sentence.refusal and sentence.kind.id == "legal", sentence


def test_above_my_pay_grade_stays_the_needs_a_supervisor_signal():
    """Decision 0080: the person may agree; the coach sends the parent one rung up."""
    detection = detect("That's above my pay grade.")
    assert not detection.refusal and detection.needs_supervisor


IDIOMS_THAT_SAY_YES = [
    "We can't wait to see him in the play.",
    "We couldn't be happier with her progress.",
    "No worries, the form can come back next week.",
    "No problem at all, we'll send the notes home on Fridays.",
    "Don't hesitate to call me with any questions.",
    "I can't thank you enough for your help this year.",
]


@pytest.mark.parametrize("text", IDIOMS_THAT_SAY_YES)
def test_an_idiom_whose_no_says_yes_is_not_a_no(text):
    """Decision 0103: read in its plain meaning."""
    [sentence] = read(text).sentences
    assert not sentence.refusal, sentence


def test_a_no_beside_an_idiom_is_still_heard():
    [sentence] = read("No problem, but we can't add an aide to his IEP.").sentences
    assert sentence.refusal, sentence


def test_only_the_idioms_are_read_in_their_meaning():
    assert classifier.normalise("We can't wait to see her!") == "we look forward to see her!"
    # Literal: the bus does not wait (a training sentence labelled a no).
    assert "can't wait an extra" in classifier.normalise("The driver can't wait an extra minute.")
