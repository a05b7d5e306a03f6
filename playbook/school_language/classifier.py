"""A linear model over word and character n-grams (and, when ``CUE_WEIGHT`` is set, the cues of
who speaks: speakers.py, decision 0059) that tells a "no" from everything else a school writes,
and a second one that names the kind of no (decision 0028).

Both are trained from the training corpus (deterministic, nothing to ship), once for each
version of what training reads: ``kept.py`` keeps the trained models in the data folder for every
later process (decision 0102), and ``model()`` keeps them for the life of the process.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, cached_property
from typing import TYPE_CHECKING, Any

from . import corpus, speakers

if TYPE_CHECKING:
    import numpy as np
    from scipy import sparse
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.multiclass import OneVsRestClassifier

# scikit-learn takes seconds to import: it is imported when the model is first trained, not
# when Django starts (every page, command and test would pay for it otherwise).

THRESHOLD = 0.50
# The regularisation strength, how much more a real sentence counts in training than one we
# wrote (variants.py), and how much the cues of who speaks and to whom count beside the n-grams
# (speakers.py; 0 leaves them out): chosen with THRESHOLD by cross-validation on the training
# pages (benchmarks/refusal_tuning.py, decisions 0038, 0050, 0059 and 0083), never on a held-out
# file. Decisions 0083 and 0085: the first settings of cross-validation's ranking for which the
# product's own sentence tests pass (in 0083 the first two made a scheduling line a "no").
C = 3.0
REAL_WEIGHT = 2.0
CUE_WEIGHT = 0.25
# The kind model keeps the strength it had (decision 0028); only the no/not model was tuned.
KIND_C = 10.0

WORD = re.compile(r"[^\W\d_]+")  # a word of letters, in any script
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'"})


# "cant", "dont": negative contractions typed without their apostrophe, given it back (0092).
_BARE_CONTRACTION = re.compile(
    r"\b(do|does|did|ca|wo|is|are|was|were|would|could|should|have|has|had|must|need|ai)nt\b"
)


# Idioms whose negation says yes (decision 0103): "We can't wait to see her", "No problem",
# "We couldn't be happier". Read in their plain meaning they no longer sound like a no, to the
# model or to the forms of a decision; a no in the rest of the sentence is still heard.
_IDIOMS = (
    (re.compile(r"\b(?:can't|cannot|couldn't|could not) wait to\b"), "look forward to"),
    (
        re.compile(
            r"\b(?:couldn't|could not|can't|cannot) be (?:any )?(?:happier|prouder"
            r"|more (?:pleased|proud|grateful|thankful|excited))\b"
        ),
        "are very happy",
    ),
    (re.compile(r"\b(?:no (?:worries|problem)|not a problem)\b"), "fine"),
    (re.compile(r"\b(?:don't|do not|never) hesitate to\b"), "feel free to"),
    (re.compile(r"\bdon't worry\b"), "rest assured"),
    (re.compile(r"\b(?:can't|cannot) thank you enough\b"), "thank you so much"),
    (re.compile(r"\b(?:can't|cannot) say enough\b"), "say so many"),
)


def normalise(text: str) -> str:
    plain = " ".join(text.translate(_APOSTROPHES).split()).lower()
    plain = _BARE_CONTRACTION.sub(r"\1n't", plain)
    for idiom, meaning in _IDIOMS:
        plain = idiom.sub(meaning, plain)
    return plain


def _logistic(c: float = C, **options: Any) -> LogisticRegression:
    from sklearn.linear_model import LogisticRegression

    # The dual liblinear solver: far fewer sentences than n-grams, so it trains in milliseconds.
    return LogisticRegression(C=c, solver="liblinear", dual=True, max_iter=1000, **options)


def cue_vectors(texts: list[str], weight: float) -> sparse.csr_matrix:
    """One column per cue of who speaks (speakers.CUES), ``weight`` where a sentence has it."""
    from scipy import sparse

    column = {name: i for i, name in enumerate(speakers.CUES)}
    rows, at = [], []
    for row, text in enumerate(texts):
        for name in speakers.cues(normalise(text)):
            rows.append(row)
            at.append(column[name])
    values = [weight] * len(rows)
    return sparse.csr_matrix((values, (rows, at)), shape=(len(texts), len(column)))


def _weight(example: corpus.Example, real_weight: float) -> float:
    return real_weight if example.source.startswith(("http://", "https://")) else 1.0


@dataclass
class Vectorisers:
    """Word and character n-grams, and the cues of who speaks (speakers.CUES)."""

    words: TfidfVectorizer
    chars: TfidfVectorizer

    def ngrams(self, texts: list[str], *, fit: bool = False) -> sparse.csr_matrix:
        from scipy import sparse

        if fit:
            blocks = [self.words.fit_transform(texts), self.chars.fit_transform(texts)]
        else:
            blocks = [self.words.transform(texts), self.chars.transform(texts)]
        return sparse.hstack(blocks, format="csr")

    def speakers(self, texts: list[str]) -> sparse.csr_matrix:
        return cue_vectors(texts, 1.0)  # a fixed list of cues: nothing to fit


def vectorisers() -> Vectorisers:
    """Not yet fitted. Words one to three at a time; characters two to five at a time, across
    the spaces between words too ("n't p", "e can"), chosen by cross-validation on the training
    pages (decision 0085) over pieces kept within words."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    words = TfidfVectorizer(
        ngram_range=(1, 3),
        sublinear_tf=True,
        token_pattern=r"(?u)\b\w[\w']*\b",
        preprocessor=normalise,
    )
    chars = TfidfVectorizer(
        analyzer="char", ngram_range=(2, 5), sublinear_tf=True, min_df=2,
        preprocessor=normalise,
    )  # fmt: skip
    return Vectorisers(words, chars)


def columns(
    features: Vectorisers, texts: list[str], cue_weight: float, *, fit: bool = False
) -> sparse.csr_matrix:
    """Word n-grams, then character n-grams, then who speaks, weighed by ``cue_weight`` (left
    out at 0). The words come first, so that ``carrying_words`` finds them by their column."""
    from scipy import sparse

    if not texts and not fit:
        return columns(features, [""], cue_weight)[:0]  # the width of the columns, no rows
    ngrams = features.ngrams(texts, fit=fit)
    if not cue_weight:
        return ngrams
    return sparse.hstack([ngrams, features.speakers(texts) * cue_weight], format="csr")


@dataclass
class Model:
    features: Vectorisers
    refusal: LogisticRegression
    kinds: OneVsRestClassifier
    examples: tuple[corpus.Example, ...]
    example_vectors: sparse.csr_matrix  # the training refusals, for the nearest example
    word_names: np.ndarray
    cue_weight: float = CUE_WEIGHT

    def vectors(self, texts: list[str]) -> sparse.csr_matrix:
        return columns(self.features, texts, self.cue_weight)

    @cached_property
    def known_words(self) -> frozenset[str]:
        """Every word (letters only) of the training sentences: what an English sentence
        is mostly made of, and a sentence of another language is not (reading.py)."""
        return frozenset(
            piece for name in self.word_names if " " not in name for piece in WORD.findall(name)
        )

    def refusal_probability(self, vectors: sparse.csr_matrix) -> np.ndarray:
        if vectors.shape[0] == 0:
            import numpy as np

            return np.zeros(0)
        return self.refusal.predict_proba(vectors)[:, 1]

    def kind_of(self, vectors: sparse.csr_matrix) -> list[str]:
        if vectors.shape[0] == 0:
            return []
        return [str(k) for k in self.kinds.predict(vectors)]

    def carrying_words(self, vector: sparse.csr_matrix, limit: int = 3) -> list[str]:
        """The words (and word pairs) of one sentence that pushed hardest towards "no"."""
        names = self.word_names
        weights = self.refusal.coef_[0]
        word_count = len(names)
        row = vector.tocsr()
        scored = sorted(
            (
                (weights[i] * value, names[i])
                for i, value in zip(row.indices, row.data, strict=True)
                if i < word_count and weights[i] > 0
            ),
            reverse=True,
        )
        chosen: list[str] = []
        for _, name in scored:
            if any(name in other or other in name for other in chosen):
                continue
            chosen.append(str(name))
            if len(chosen) == limit:
                break
        return chosen

    def nearest_examples(self, vectors: sparse.csr_matrix) -> list[corpus.Example]:
        if vectors.shape[0] == 0 or not self.examples:
            return []
        # Examples by sentences, then turned: ``vectors @ example_vectors.T`` would turn the
        # whole training matrix into columns on every call (25 ms a text at 0082's size).
        similarity = (self.example_vectors @ vectors.T).toarray()
        return [self.examples[int(i)] for i in similarity.argmax(axis=0)]


def fit_refusal(
    matrix: sparse.csr_matrix,
    examples: tuple[corpus.Example, ...],
    c: float = C,
    real_weight: float = REAL_WEIGHT,
) -> LogisticRegression:
    refusal = _logistic(c, class_weight="balanced")
    refusal.fit(
        matrix,
        [e.refusal for e in examples],
        sample_weight=[_weight(e, real_weight) for e in examples],
    )
    return refusal


def train(
    examples: tuple[corpus.Example, ...],
    *,
    c: float = C,
    real_weight: float = REAL_WEIGHT,
    cue_weight: float = CUE_WEIGHT,
) -> Model:
    from sklearn.multiclass import OneVsRestClassifier

    features = vectorisers()
    matrix = columns(features, [e.text for e in examples], cue_weight, fit=True)
    refusal = fit_refusal(matrix, examples, c, real_weight)

    with_kind = [i for i, e in enumerate(examples) if e.refusal and e.kind]
    kinds = OneVsRestClassifier(_logistic(KIND_C))
    kinds.fit(matrix[with_kind], [examples[i].kind for i in with_kind])

    refusals = [i for i, e in enumerate(examples) if e.refusal]
    return Model(
        features,
        refusal,
        kinds,
        tuple(examples[i] for i in refusals),
        matrix[refusals],
        features.words.get_feature_names_out(),
        cue_weight,
    )


@cache
def model() -> Model:
    from . import kept

    return kept.load_or_train(lambda: train(corpus.training()), Model)
