"""Choose the recogniser's settings (C, the weight of real sentences, the weight of the cues of
who speaks, the threshold) by cross-validation on the training pages only (decisions 0038 and
0059). The held-out files are never read.

Validation folds hold real sentences only (``real_training.csv``), grouped by page so that no
page is on both sides; each fold's model is trained on everything else (our variants, the
earlier tests and the other pages). A text is a "no" when one of its sentences scores at or above
the threshold, as ``read()`` decides it. The settings that maximise the lower of precision and
recall (then F1) win. A cue weight of 0 is the model of n-grams alone, as before decision 0059.
Each fold's n-grams are fitted once and kept while the settings change (about four minutes in
all on a loaded machine).

    .venv/bin/python benchmarks/refusal_tuning.py
    .venv/bin/python benchmarks/refusal_tuning.py --small   # C 3 / 10 / 30, real weight 2 / 3, cue 0 / 0.5
    .venv/bin/python benchmarks/refusal_tuning.py --validate-on real_training.csv real_training2.csv

``--validate-on`` scores only the pages of the files named (every page still trains the folds it
is not in), to compare cross-validation on the same pages before and after a file is added.
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
import time
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy import sparse

# This checkout's package, not whichever one the virtualenv installed; the kinds' names are
# marked for translation, so Django's settings must be there before the package is imported.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "playbook.settings")
import django  # noqa: E402

django.setup()

from playbook.school_language import classifier, corpus, reading, sentences  # noqa: E402

FOLDS = 5
CS = (3.0, 10.0, 30.0)
REAL_WEIGHTS = (1.0, 2.0, 3.0, 5.0)
# 0: n-grams alone, as before decision 0059.
CUE_WEIGHTS = (0.0, 0.25, 0.5, 1.0, 2.0)
THRESHOLDS = tuple(round(t, 2) for t in np.arange(0.30, 0.76, 0.05))


def _fold(source: str) -> int:
    # A fixed assignment of pages to folds (a hash, not the order of the file).
    return zlib.crc32(source.encode()) % FOLDS


def _scored_parts(text: str) -> list[str]:
    """The sentences of a text that read() would score."""
    return [
        p.text
        for p in sentences.split(text)
        if not p.is_question and not reading._GREETING.match(p.text)
    ]


@dataclass
class Fold:
    """One fold's n-grams, fitted once on the rest: only the cues' weight and the model's
    settings change between the settings tried."""

    rest: tuple[corpus.Example, ...]
    rest_ngrams: sparse.csr_matrix
    rest_cues: sparse.csr_matrix
    parts_ngrams: sparse.csr_matrix  # every scored sentence of every held-out text, in order
    parts_cues: sparse.csr_matrix
    text_of_part: np.ndarray  # which held-out text each sentence belongs to
    labels: np.ndarray

    def scores(self, c: float, real_weight: float, cue_weight: float) -> np.ndarray:
        def columns(ngrams: sparse.csr_matrix, cues: sparse.csr_matrix) -> sparse.csr_matrix:
            if not cue_weight:
                return ngrams
            return sparse.hstack([ngrams, cues * cue_weight], format="csr")

        refusal = classifier.fit_refusal(
            columns(self.rest_ngrams, self.rest_cues), self.rest, c, real_weight
        )
        per_part = refusal.predict_proba(columns(self.parts_ngrams, self.parts_cues))[:, 1]
        per_text = np.zeros(len(self.labels))  # a text with nothing to score is not a "no"
        np.maximum.at(per_text, self.text_of_part, per_part)
        return per_text


def folds(validate_on: tuple[str, ...] = ()) -> list[Fold]:
    training = corpus.training()
    real = [e for e in training if e.source.startswith(("http://", "https://"))]
    if validate_on:
        pages = {e.source for name in validate_on for e in corpus.training_file(name)}
        real = [e for e in real if e.source in pages]
    made = []
    for fold in range(FOLDS):
        held = [e for e in real if _fold(e.source) == fold]
        held_texts = {e.text for e in held}
        rest = tuple(e for e in training if e.text not in held_texts)
        fitted = classifier.vectorisers()
        rest_texts = [e.text for e in rest]
        parts, text_of_part = [], []
        for n, example in enumerate(held):
            for part in _scored_parts(example.text):
                parts.append(part)
                text_of_part.append(n)
        made.append(
            Fold(
                rest,
                fitted.ngrams(rest_texts, fit=True),
                fitted.speakers(rest_texts),
                fitted.ngrams(parts),
                fitted.speakers(parts),
                np.array(text_of_part, dtype=int),
                np.array([e.refusal for e in held]),
            )
        )
    return made


def out_of_fold_scores(
    made: list[Fold], c: float, real_weight: float, cue_weight: float
) -> tuple[np.ndarray, np.ndarray]:
    scores = [fold.scores(c, real_weight, cue_weight) for fold in made]
    return np.concatenate(scores), np.concatenate([fold.labels for fold in made])


def figures(scores: np.ndarray, labels: np.ndarray, threshold: float) -> tuple[float, float]:
    flagged = scores >= threshold
    true_pos = int((flagged & labels).sum())
    precision = true_pos / flagged.sum() if flagged.sum() else 0.0
    recall = true_pos / labels.sum() if labels.sum() else 0.0
    return precision, recall


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", action="store_true", help="a smaller grid, for a busy machine")
    parser.add_argument("--validate-on", nargs="+", default=(), metavar="FILE")
    args = parser.parse_args()
    grid = (CS, (2.0, 3.0), (0.0, 0.5)) if args.small else (CS, REAL_WEIGHTS, CUE_WEIGHTS)
    started = time.perf_counter()
    made = folds(tuple(args.validate_on))
    print(f"validated on {sum(len(f.labels) for f in made)} real sentences")
    results = []
    for c, real_weight, cue_weight in itertools.product(*grid):
        scores, labels = out_of_fold_scores(made, c, real_weight, cue_weight)
        for threshold in THRESHOLDS:
            precision, recall = figures(scores, labels, threshold)
            f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
            results.append(
                (
                    min(precision, recall),
                    f1,
                    c,
                    real_weight,
                    cue_weight,
                    threshold,
                    precision,
                    recall,
                )
            )
    results.sort(reverse=True)
    print(f"{len(results)} settings, {time.perf_counter() - started:.0f} s")
    _table("best settings", results[:12])
    _table("best without the cues of who speaks", [r for r in results if not r[4]][:5])
    chosen = (classifier.C, classifier.REAL_WEIGHT, classifier.CUE_WEIGHT, classifier.THRESHOLD)
    _table("current settings", [r for r in results if r[2:6] == chosen])


def _table(title: str, rows: list[tuple]) -> None:
    print(title)
    print(f"{'C':>5}{'real w':>8}{'cue w':>7}{'thresh':>8}{'prec':>7}{'recall':>8}{'F1':>7}")
    for _, f1, c, real_weight, cue_weight, threshold, precision, recall in rows:
        print(
            f"{c:>5}{real_weight:>8}{cue_weight:>7}{threshold:>8}"
            f"{precision:>7.3f}{recall:>8.3f}{f1:>7.3f}"
        )


if __name__ == "__main__":
    main()
