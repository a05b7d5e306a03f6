"""Choose the recogniser's settings (C, the weight of real sentences, the threshold) by
cross-validation on the training pages only (decision 0038). The held-out files are never read.

Validation folds hold real sentences only (``real_training.csv``), grouped by page so that no
page is on both sides; each fold's model is trained on everything else (our variants, the
earlier tests and the other pages). A text is a "no" when one of its sentences scores at or above
the threshold, as ``read()`` decides it. The settings that maximise the lower of precision and
recall (then F1) win.

    .venv/bin/python benchmarks/refusal_tuning.py
"""

from __future__ import annotations

import itertools
import os
import sys
import time
import zlib
from pathlib import Path

import numpy as np

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
THRESHOLDS = tuple(round(t, 2) for t in np.arange(0.30, 0.76, 0.05))


def _fold(source: str) -> int:
    # A fixed assignment of pages to folds (a hash, not the order of the file).
    return zlib.crc32(source.encode()) % FOLDS


def _text_score(model: classifier.Model, text: str) -> float:
    """The highest "no" probability among the sentences read() would score."""
    parts = [
        p
        for p in sentences.split(text)
        if not p.is_question and not reading._GREETING.match(p.text)
    ]
    if not parts:
        return 0.0
    return float(model.refusal_probability(model.vectors([p.text for p in parts])).max())


def out_of_fold_scores(c: float, real_weight: float) -> tuple[np.ndarray, np.ndarray]:
    training = corpus.training()
    real = [e for e in training if e.source.startswith(("http://", "https://"))]
    scores, labels = [], []
    for fold in range(FOLDS):
        held = [e for e in real if _fold(e.source) == fold]
        held_texts = {e.text for e in held}
        rest = tuple(e for e in training if e.text not in held_texts)
        model = classifier.train(rest, c=c, real_weight=real_weight)
        scores += [_text_score(model, e.text) for e in held]
        labels += [e.refusal for e in held]
    return np.array(scores), np.array(labels)


def figures(scores: np.ndarray, labels: np.ndarray, threshold: float) -> tuple[float, float]:
    flagged = scores >= threshold
    true_pos = int((flagged & labels).sum())
    precision = true_pos / flagged.sum() if flagged.sum() else 0.0
    recall = true_pos / labels.sum() if labels.sum() else 0.0
    return precision, recall


def main() -> None:
    started = time.perf_counter()
    results = []
    for c, real_weight in itertools.product(CS, REAL_WEIGHTS):
        scores, labels = out_of_fold_scores(c, real_weight)
        for threshold in THRESHOLDS:
            precision, recall = figures(scores, labels, threshold)
            f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
            results.append(
                (min(precision, recall), f1, c, real_weight, threshold, precision, recall)
            )
    results.sort(reverse=True)
    print(f"{len(results)} settings, {time.perf_counter() - started:.0f} s")
    print(f"{'C':>5}{'real w':>8}{'thresh':>8}{'prec':>7}{'recall':>8}{'F1':>7}")
    for _, f1, c, real_weight, threshold, precision, recall in results[:12]:
        print(f"{c:>5}{real_weight:>8}{threshold:>8}{precision:>7.3f}{recall:>8.3f}{f1:>7.3f}")
    current = [
        r
        for r in results
        if (r[2], r[3], r[4]) == (classifier.C, classifier.REAL_WEIGHT, classifier.THRESHOLD)
    ]
    if current:
        _, f1, c, real_weight, threshold, precision, recall = current[0]
        print(f"current settings: precision {precision:.3f} recall {recall:.3f} F1 {f1:.3f}")


if __name__ == "__main__":
    main()
