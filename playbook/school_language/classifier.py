"""A linear model over word and character n-grams that tells a "no" from everything else a
school writes, and a second one that names the kind of no (decision 0028).

Both are trained on first use from the training corpus (half a second, deterministic, no model
file to ship or trust); ``model()`` keeps them for the life of the process.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from . import corpus

if TYPE_CHECKING:
    import numpy as np
    from scipy import sparse
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.multiclass import OneVsRestClassifier

# scikit-learn takes seconds to import: it is imported when the model is first trained, not
# when Django starts (every page, command and test would pay for it otherwise).

THRESHOLD = 0.55
# The regularisation strength, and how much more a real sentence counts in training than one we
# wrote (variants.py): chosen with THRESHOLD by cross-validation on the training pages
# (benchmarks/refusal_tuning.py, decisions 0038 and 0050), never on a held-out file.
C = 10.0
REAL_WEIGHT = 3.0
# The kind model keeps the strength it had (decision 0028); only the no/not model was tuned.
KIND_C = 10.0

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'"})


def normalise(text: str) -> str:
    return " ".join(text.translate(_APOSTROPHES).split()).lower()


def _logistic(c: float = C, **options: Any) -> LogisticRegression:
    from sklearn.linear_model import LogisticRegression

    # The dual liblinear solver: far fewer sentences than n-grams, so it trains in milliseconds.
    return LogisticRegression(C=c, solver="liblinear", dual=True, max_iter=1000, **options)


def _weight(example: corpus.Example, real_weight: float) -> float:
    return real_weight if example.source.startswith(("http://", "https://")) else 1.0


@dataclass
class Model:
    words: TfidfVectorizer
    chars: TfidfVectorizer
    refusal: LogisticRegression
    kinds: OneVsRestClassifier
    examples: tuple[corpus.Example, ...]
    example_vectors: sparse.csr_matrix  # the training refusals, for the nearest example
    word_names: np.ndarray

    def vectors(self, texts: list[str]) -> sparse.csr_matrix:
        from scipy import sparse

        if not texts:
            width = len(self.words.vocabulary_) + len(self.chars.vocabulary_)
            return sparse.csr_matrix((0, width))
        return sparse.hstack(
            [self.words.transform(texts), self.chars.transform(texts)], format="csr"
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
        similarity = (vectors @ self.example_vectors.T).toarray()
        return [self.examples[int(i)] for i in similarity.argmax(axis=1)]


def train(
    examples: tuple[corpus.Example, ...], *, c: float = C, real_weight: float = REAL_WEIGHT
) -> Model:
    from scipy import sparse
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.multiclass import OneVsRestClassifier

    texts = [e.text for e in examples]
    words = TfidfVectorizer(
        ngram_range=(1, 3),
        sublinear_tf=True,
        token_pattern=r"(?u)\b\w[\w']*\b",
        preprocessor=normalise,
    )
    chars = TfidfVectorizer(
        analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2,
        preprocessor=normalise,
    )  # fmt: skip
    matrix = sparse.hstack([words.fit_transform(texts), chars.fit_transform(texts)], format="csr")
    refusal = _logistic(c, class_weight="balanced")
    refusal.fit(
        matrix,
        [e.refusal for e in examples],
        sample_weight=[_weight(e, real_weight) for e in examples],
    )

    with_kind = [i for i, e in enumerate(examples) if e.refusal and e.kind]
    kinds = OneVsRestClassifier(_logistic(KIND_C))
    kinds.fit(matrix[with_kind], [examples[i].kind for i in with_kind])

    refusals = [i for i, e in enumerate(examples) if e.refusal]
    return Model(
        words,
        chars,
        refusal,
        kinds,
        tuple(examples[i] for i in refusals),
        matrix[refusals],
        words.get_feature_names_out(),
    )


@cache
def model() -> Model:
    return train(corpus.training())
