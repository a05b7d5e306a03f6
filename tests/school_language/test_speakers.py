"""Who speaks and to whom (decision 0059): the cues the recogniser reads beside its n-grams."""

from __future__ import annotations

import pytest

from playbook.school_language import classifier, corpus, speakers


def _cues(text: str) -> list[str]:
    return speakers.cues(classifier.normalise(text))


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("We cannot provide a one-to-one aide.", "subject:school_we"),
        ("The district will not pay for the evaluation.", "subject:school"),
        ("The principal told me that they don't have to test him.", "subject:school"),
        ("I do not want him tested again.", "subject:parent"),
        ("My son doesn't like the new bus route.", "subject:child"),
        ("Your child does not qualify for services.", "subject:you"),
        ("Schools cannot refuse to evaluate a child because of grades.", "subject:generic_schools"),
        ("The hearing officer denied the parents' request.", "subject:authority"),
    ],
)
def test_the_subject_of_the_negated_verb_is_named(text, subject):
    cues = _cues(text)
    assert "negation" in cues
    assert subject in cues, cues


def test_the_subject_does_not_reach_across_a_clause():
    # "I asked" is the parent's, but "they" refuse after "and".
    cues = _cues("I asked for speech therapy and they refused.")
    assert "subject:school" in cues and "subject:parent" not in cues


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("The case manager told me that nobody gets OT here.", "negation&reported"),
        ("I was told there is no room in the program.", "negation&reported"),
        ("Your son won't need summer school.", "negation&second_person"),
        ("Under IDEA, schools may not delay an evaluation.", "negation&advice"),
        ("Parents should ask for that in writing.", "frame:advice"),
        ("If the school refuses, ask for prior written notice.", "frame:conditional"),
        ("We'd be happy to add speech twice a week.", "frame:offer"),
    ],
)
def test_frames_of_speech_are_named(text, cue):
    assert cue in _cues(text)


def test_a_sentence_without_a_negation_names_no_subject():
    cues = _cues("Thanks for coming to the meeting on Tuesday.")
    assert "negation" not in cues
    assert not [c for c in cues if c.startswith("subject:")]


def test_every_cue_named_is_a_column():
    texts = [
        "We cannot provide an aide.",
        "The principal told me that they will not evaluate him.",
        "Can you send the form?",
    ]
    for text in texts:
        assert set(_cues(text)) <= set(speakers.CUES)
    matrix = classifier.cue_vectors(texts, 0.5)
    assert matrix.shape == (3, len(speakers.CUES))
    assert set(matrix.data) == {0.5}


@pytest.fixture(scope="module")
def with_cues() -> classifier.Model:
    # The settings cross-validation chose (decision 0059), not yet the product's.
    return classifier.train(corpus.training(), c=3.0, cue_weight=0.5)


def test_the_cues_follow_the_n_grams_and_the_explanation_keeps_to_words(with_cues):
    text = "The principal told me that they will not pay for a one-to-one aide."
    vector = with_cues.vectors([text])
    plain = classifier.columns(with_cues.features, [text], 0.0)
    assert vector.shape[1] == plain.shape[1] + len(speakers.CUES)
    assert (vector[:, : plain.shape[1]] != plain).nnz == 0
    words = with_cues.carrying_words(vector)
    assert words and all(word in text.lower() for word in words)
    assert with_cues.vectors([]).shape == (0, vector.shape[1])


def test_the_same_words_weigh_differently_by_who_says_them(with_cues):
    the_school = "The district told us that they will not evaluate him this year."
    a_parent = "I told the district that I will not have him evaluated this year."
    school, parent = with_cues.refusal_probability(with_cues.vectors([the_school, a_parent]))
    plain = classifier.train(corpus.training(), c=3.0, cue_weight=0.0)
    plain_school, plain_parent = plain.refusal_probability(plain.vectors([the_school, a_parent]))
    # N-grams alone hear both as a "no" (0.99 and 0.84 since decision 0081); the cues keep the
    # school's and take the parent's down (0.66; under the threshold before decision 0076): the
    # gap between the two doubles. With more real data the n-grams alone tell them apart a little
    # better each round, so the test holds the direction and a clear size, not one figure.
    assert plain_parent >= classifier.THRESHOLD and school >= classifier.THRESHOLD
    assert parent < plain_parent - 0.1
    assert (school - parent) > (plain_school - plain_parent) + 0.1
