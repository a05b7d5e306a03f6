"""The refusal recogniser: precision and recall on sentences written for these tests,
negations, quoted replies, and the needs-a-supervisor signal."""

from __future__ import annotations

import re
import time
from dataclasses import replace

import pytest

from playbook import school_language
from playbook.trail.refusal_language import (
    NEEDS_SUPERVISOR,
    REFUSAL,
    Detection,
    detect,
    load_phrase_book,
    strip_quoted,
)

# The four phrasings from issue 5 come first.
POSITIVES = [
    "We can't do that.",
    "That's not how we do it here.",
    "That's not an option.",
    "We don't use that program here.",
    "I'm sorry, but we cannot provide that for Sam this year.",
    "Unfortunately we won't be able to add a second speech session.",
    "That is not an option for a student at his level.",
    "A one-to-one aide isn't an option right now.",
    "We don't use Orton-Gillingham in this district.",
    "We do not use that curriculum at Lincoln.",
    "All our students with autism receive services in the ABC classroom.",
    "Every preschooler gets one speech session a week.",
    "All of our kids with dyslexia go to the resource room for reading.",
    "Each student in the program gets 30 minutes of OT a month, no more.",
    "Students with Down syndrome are placed in the life skills class.",
    "Children classified as emotionally disturbed go to the county program.",
    "Everyone gets the same accommodations package.",
    "The district doesn't allow aides to travel with students between buildings.",
    "The school does not permit recording of IEP meetings.",
    "We're not allowed to put that in the IEP.",
    "We're not able to offer ESY for reading.",
    "I am unable to approve private placement.",
    "We aren't able to change the schedule mid-year.",
    "It's against policy to give extra time on district benchmarks.",
    "That goes against district policy.",
    "Our protocol doesn't allow parents to observe in the classroom.",
    "We don't offer that.",
    "We don't provide one-on-one reading instruction.",
    "The district does not fund outside evaluations.",
    "We don't offer social skills groups at the middle school level.",
    "That isn't something we provide.",
    "That is not something the district offers.",
    "It's not something we do for third graders.",
    "Our policy is that OT is consultative after second grade.",
    "District policy requires a 504 before any IEP accommodation.",
    "Per district policy, assistive technology is only loaned during school hours.",
    "We only provide speech therapy in a group.",
    "Transportation is only available to students who live more than two miles away.",
    "The most we can provide is 60 minutes a month.",
    "Extended school year is not available in this district.",
    "A reading specialist isn't available here.",
    "Our district doesn't have a program like that.",
    "The budget doesn't allow for a full-time aide.",
    "We don't have the staff for daily pull-out sessions.",
    "There is no funding for a private placement.",
    "Due to staffing shortages, we have to reduce his minutes.",
    "We've never done that before.",
    "We have never provided a dedicated aide for a student like Sam.",
    "That has never been done at this school.",
    "You'd have to go through the district office for that.",
    "You will need to go through the special education department.",
    "That would have to go through the board.",
    "That's a district decision.",
    "This is an administrative decision, not ours.",
    "That's not my call.",
    "It's not up to the team.",
    "I'm afraid it's out of our hands.",
    "WE CAN\u2019T DO THAT.",
    "That\u2019s   not   how we do   things here.",
    "we   cannot\n  offer that to him.",
    "Thanks for your note. Unfortunately, that\u2019s not an option for Sam at this time.",
    "There's no way we can fit another session into his week.",
    "We will not be able to honor that request.",
    "The school won't approve a smaller class for him.",
    "That's not on the table this year.",
    "Speech in the classroom is a district decision.",
    "Unfortunately the answer is no.",
    "That will not be possible this semester.",
    "The team has decided not to add OT.",
    "Your request for an aide has been denied.",
    "We don't typically provide a scribe in fourth grade.",
    "That's not our practice for students on a 504.",
    "Our standard practice is two sessions a month.",
    "I'm sorry, we can't.",
]

NEGATIVES = [
    "We can certainly do that.",
    "It's not that we can't, it's that we need to plan the schedule first.",
    "There's no reason we can't do that.",
    "Nothing prevents us from adding a session.",
    "Yes, we can do that starting Monday.",
    "We'd be happy to provide that.",
    "Of course we'll add that to the agenda.",
    "That's a great option for Sam.",
    "Both options are open to discussion.",
    "We use that program in every building.",
    "I don't think we can't do that; let's talk about it.",
    "I'm not saying we can't do that.",
    "If we can't do that in the fall, we'll revisit it in January.",
    "Who says we can't provide that?",
    "Can't we do that at the next meeting?",
    "Is that not an option for him?",
    "Why would the district not allow that?",
    "We are able to offer ESY for reading.",
    "We will be able to add a second session in March.",
    "Each student gets an individualized plan.",
    "Every child deserves a great teacher.",
    "All students get recess every day.",
    "Thanks for coming in today, it was good to see you.",
    "The meeting is scheduled for March 4 at 3:30.",
    "Attached is the progress report for the second quarter.",
    "Sam read 72 words per minute on Friday.",
    "I'll send the draft IEP by Wednesday.",
    "We're glad to talk about adding a reading specialist.",
    "We offer that at the middle school and can start it now.",
    "We provide OT twice a week, as in his IEP.",
    "That's something we provide for many students.",
    "The district allows aides to go on field trips.",
    "It's allowed as long as the team agrees.",
    "We're allowed to add that at the annual review.",
    "Our policy is flexible on this, so let's find what works.",
    "Our policy is to support parent requests wherever we can.",
    "We decide these things case by case.",
    "The team will consider it at the meeting.",
    "We have done that for other students and it worked well.",
    "We've done that before with good results.",
    "You can send it straight to me; no need to go anywhere else.",
    "That's your decision as his parent.",
    "It's up to the team, and the team includes you.",
    "I can get you the data by Friday.",
    "We can meet on Tuesday or Thursday.",
    "The budget allows for an aide this year.",
    "We have the staff for daily sessions.",
    "Funding for the aide has been approved.",
    "The evaluation will be done within 60 days of your consent.",
    "Please let me know which dates work for you.",
    "He did really well in speech today.",
    "We can provide a copy of the records this week.",
    "Sure, we can try a visual schedule.",
    "We'll add extended time on tests.",
    "No problem at all, we'll set that up.",
    "I'd like to discuss his reading goals.",
    "She can't come to school on Friday because of a doctor's appointment.",
    "Sam can't sit still during circle time, which we should talk about.",
    "I can't wait to see his progress this year.",
    "There's no option we haven't looked at yet, and we'll keep looking.",
    "It's no longer the case that we can't provide aides; the new budget covers it.",
    "Whether we can't do that is something we should ask the director.",
    "We're able to start the new program on Monday.",
    "Everything went well on the field trip.",
    "We don't have that information yet, but I'll ask the teacher.",
    "It is possible to add a session after the holidays.",
    "Is it possible to meet earlier?",
    "The team decided to add a second session.",
    "We typically provide a scribe when the team agrees it helps.",
    "It's not that we can't.",
    "Standard deviation scores are in the report.",
]

QUOTED_REPLY_GMAIL = """Hi Ms. Rivera,

Thank you, we can set up a meeting next week.

On Mon, Mar 3, 2025 at 9:14 AM Alice Parent <alice@example.com> wrote:
> Last time you told me "we can't do that" about the aide.
> That's not an option for me.
"""

QUOTED_REPLY_WRAPPED_HEADER = """Sounds good, I'll add it to the agenda.

On Mon, Mar 3, 2025 at 9:14 AM Alice Parent
<alice@example.com> wrote:

Mr. Lee said "that's not how we do it here" when I asked about the aide.
"""

QUOTED_REPLY_OUTLOOK = """Dear Mrs. Rivera,

We will schedule the meeting for March 10.

-----Original Message-----
From: Alice Parent <alice@example.com>
Sent: Monday, March 3, 2025 9:14 AM
To: Dana Cole <dana.cole@school.example>
Subject: Aide

You said that's not an option and the district doesn't allow it.
"""

QUOTED_REPLY_OUTLOOK_HEADERS_ONLY = """Happy to meet on Tuesday.

________________________________
From: Alice Parent <alice@example.com>
Sent: Monday, March 3, 2025 9:14 AM
To: Dana Cole
Subject: RE: Aide

Why do you keep saying we don't offer that?
"""

REFUSAL_ABOVE_QUOTE = """Ms. Rivera, we don't offer that at Lincoln.

> Could Sam have a one-to-one aide?
"""


def _score() -> tuple[float, float, list[str], list[str]]:
    missed = [s for s in POSITIVES if not detect(s).refusal]
    false_alarms = [s for s in NEGATIVES if detect(s).refusal]
    true_pos = len(POSITIVES) - len(missed)
    precision = true_pos / (true_pos + len(false_alarms)) if true_pos + len(false_alarms) else 0
    recall = true_pos / len(POSITIVES)
    return precision, recall, missed, false_alarms


def test_there_are_enough_written_sentences():
    assert len(POSITIVES) >= 60
    assert len(NEGATIVES) >= 60
    assert len(set(POSITIVES)) == len(POSITIVES)
    assert len(set(NEGATIVES)) == len(NEGATIVES)


def test_precision_and_recall(record_property):
    precision, recall, missed, false_alarms = _score()
    record_property("refusal_precision", round(precision, 3))
    record_property("refusal_recall", round(recall, 3))
    print(
        f"\nrefusal recogniser: precision {precision:.3f}, recall {recall:.3f} "
        f"({len(POSITIVES)} positives, {len(NEGATIVES)} negatives)"
    )
    for sentence in missed:
        print(f"  missed: {sentence!r}")
    for sentence in false_alarms:
        print(f"  false alarm: {sentence!r} -> {detect(sentence).matched}")
    assert recall >= 0.95, f"recall {recall:.3f}; missed {missed}"
    assert precision >= 0.95, f"precision {precision:.3f}; false alarms {false_alarms}"


@pytest.mark.parametrize("sentence", POSITIVES[:4])
def test_the_four_phrasings_from_the_issue(sentence):
    detection = detect(sentence)
    assert detection.refusal
    assert detection.matched


def test_matched_lists_the_sentences_that_say_no():
    detection = detect("Hi. That's not an option. We don't use that program here. See you Monday.")
    assert detection.refusal
    assert detection.matched == ["That's not an option.", "We don't use that program here."]
    assert [f.pattern for f in detection.findings] == ["rule", "rule"]
    assert all(f.explanation for f in detection.findings)


def test_curly_apostrophes_and_odd_whitespace_are_tolerated():
    assert detect("We can\u2019t  do\tthat.").matched == ["We can\u2019t  do\tthat."]
    assert detect("that\u2019s\u00a0not an\noption").refusal
    assert detect("We CANNOT\r\n   provide that.").refusal


def test_matched_phrases_are_exactly_where_they_are_in_the_text():
    text = (
        "Hi Alice,\r\n\r\n> We asked for OT.\r\nThanks. Sadly that\u2019s  not\r\nan option, "
        "and our policy is  that aides are shared.\r\n\r\nOn Tue, Mar 4, 2025 Alice wrote:\r\n"
        "> we can't do that"
    )
    detection = detect(text)
    assert detection.matched == [
        "Sadly that\u2019s  not\r\nan option, and our policy is  that aides are shared."
    ]
    for finding in detection.findings:
        assert text[finding.start : finding.end] == finding.phrase


def test_detection_keeps_its_two_field_shape():
    assert Detection(True, ["x"]).refusal is True
    assert detect("").refusal is False and detect("").matched == []
    assert detect(None).refusal is False  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "sentence",
    [
        "I need to check with my supervisor before I can say yes.",
        "Let me talk to the director about that.",
        "I'll have to run it by the principal.",
        "That would need approval from the district.",
        "We need to check with a supervisor.",
    ],
)
def test_needs_a_supervisor_is_its_own_signal(sentence):
    detection = detect(sentence)
    assert detection.needs_supervisor, sentence
    assert detection.refusal is False
    assert detection.supervisor_matched
    assert {f.signal for f in detection.findings} == {NEEDS_SUPERVISOR}


def test_whose_approval_is_the_signal_whatever_the_recogniser_hears(monkeypatch):
    # Decision 0080: the signal takes precedence over the recogniser for a sentence that only
    # says whose approval is needed, and the per-sentence reading (the API's sentences) agrees.
    # The recogniser is made to hear it as a no, as it did with round ten learned.
    text = "Thanks for your note. That would need approval from the district."
    heard = school_language.read(text)
    *rest, last = heard.sentences
    as_a_no = replace(last, refusal=True, kind=school_language.kind("deflection"), confidence=0.9)
    monkeypatch.setattr(
        school_language, "read", lambda _: replace(heard, sentences=[*rest, as_a_no])
    )
    detection = detect(text)
    approval = detection.sentences[-1]
    assert approval.refusal is False and approval.kind is None
    assert "who can decide" in approval.why
    assert detection.needs_supervisor and not detection.refusal and detection.matched == []


@pytest.mark.parametrize(
    "reply",
    [
        "We can't do that. I would need to check with my supervisor first.",
        # Decision 0080: a negation in the sentence leaves it to the recogniser, so a deflection
        # that names whose approval is needed is still a no, and the signal is found too.
        "That is not my decision; it would need approval from the director.",
        "That would need approval from the district, and they will say no.",
    ],
)
def test_a_refusal_and_a_supervisor_in_one_reply(reply):
    detection = detect(reply)
    assert detection.refusal and detection.needs_supervisor, reply
    assert {f.signal for f in detection.findings} == {REFUSAL, NEEDS_SUPERVISOR}


@pytest.mark.parametrize(
    "reply",
    [QUOTED_REPLY_GMAIL, QUOTED_REPLY_WRAPPED_HEADER, QUOTED_REPLY_OUTLOOK,
     QUOTED_REPLY_OUTLOOK_HEADERS_ONLY],
)  # fmt: skip
def test_the_parents_quoted_words_are_not_the_schools_refusal(reply):
    detection = detect(reply)
    assert detection.refusal is False, detection.matched


def test_a_refusal_above_the_quote_is_found():
    detection = detect(REFUSAL_ABOVE_QUOTE)
    assert detection.matched == ["Ms. Rivera, we don't offer that at Lincoln."]


def test_strip_quoted_keeps_the_new_text_only():
    assert strip_quoted(QUOTED_REPLY_OUTLOOK).strip() == (
        "Dear Mrs. Rivera,\n\nWe will schedule the meeting for March 10."
    )
    assert "wrote" not in strip_quoted(QUOTED_REPLY_GMAIL)
    assert ">" not in strip_quoted(REFUSAL_ABOVE_QUOTE)


def test_interleaved_quotes_are_skipped_and_the_answer_is_read():
    reply = "> Can he have an aide?\nThat's not an option.\n> And OT twice a week?\nYes."
    assert detect(reply).matched == ["That's not an option."]


def test_every_pattern_has_an_id_a_signal_and_an_explanation():
    book = load_phrase_book()
    assert len(book.patterns) >= 15
    for pattern in book.patterns:
        assert re.fullmatch(r"[a-z_]+", pattern.id)
        assert pattern.signal in {REFUSAL, NEEDS_SUPERVISOR}
        assert len(pattern.explanation) > 20
        assert pattern.regexes


def test_a_broken_data_file_fails_loudly(tmp_path):
    bad = tmp_path / "phrases.toml"
    bad.write_text('[[pattern]]\nid = "x"\nsignal = "refusal"\nexplanation = "e"\nregex = "(("\n')
    with pytest.raises(ValueError, match="x"):
        load_phrase_book(bad)


def test_fast_on_a_long_email():
    long_email = ("Thanks for the update about Sam's reading group this week. " * 400) + (
        "That's not an option."
    )
    detect(long_email)  # warm the compiled patterns
    started = time.perf_counter()
    for _ in range(20):
        assert detect(long_email).refusal
    per_call = (time.perf_counter() - started) / 20
    # The trained recogniser reads all 400 sentences (the regular expressions skimmed them).
    assert per_call < 0.5, f"{per_call:.3f}s per 24 kB email"
