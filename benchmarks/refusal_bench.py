"""The refusal recogniser (issue 14): held-out precision and recall, a per-kind table, the time
to train and to read a sentence, and what scikit-learn adds to the install.

    .venv/bin/python benchmarks/refusal_bench.py
"""

from __future__ import annotations

import time
from importlib import metadata

ADDED = ("scikit-learn", "scipy", "joblib", "threadpoolctl", "cloudpickle", "narwhals")


def _installed_megabytes(names: tuple[str, ...]) -> float:
    total = 0
    for name in names:
        for file in metadata.distribution(name).files or []:
            path = file.locate()
            if path.is_file():
                total += path.stat().st_size
    return total / 1_000_000


def _report(title: str, held_out: tuple, training_sources: set[str]) -> None:
    from playbook.school_language import evaluation
    from playbook.trail.refusal_language import detect

    figures = evaluation.measure(held_out, detect)  # as the product reads (decision 0080)
    shared = {e.source for e in held_out} & training_sources
    print()
    print(
        f"{title}: {len(held_out)} sentences ({sum(e.refusal for e in held_out)} no), "
        f"{len({e.source for e in held_out})} pages, {len(shared)} of them also in training"
    )
    print(
        f"precision {figures.precision:.3f}  recall {figures.recall:.3f}  "
        f"kind right {figures.kind_accuracy:.3f}"
    )
    print(f"{'group':<22}{'n':>5}{'flagged':>9}{'kind right':>12}")
    for group, counts in sorted(figures.per_kind.items()):
        kind_right = str(counts["kind right"]) if group.startswith("no:") else ""
        print(f"{group:<22}{counts['n']:>5}{counts['flagged']:>9}{kind_right:>12}")
    for example in figures.missed:
        print(f"  missed ({example.kind}): {example.text}")
    for example in figures.false_alarms:
        print(f"  false alarm ({example.kind}): {example.text}")


def main() -> None:
    import os
    import sys
    from pathlib import Path

    # The kinds' names are marked for translation: Django's settings must be there to import.
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "playbook.settings")
    import django

    django.setup()
    started = time.perf_counter()
    from playbook.school_language import classifier, corpus, read

    imported = time.perf_counter() - started
    started = time.perf_counter()
    classifier.model()
    trained = time.perf_counter() - started

    training = corpus.training()
    print(f"training sentences: {len(training)} ({sum(e.refusal for e in training)} no)")
    training_sources = {e.source for e in training}
    for title, held_out in (
        ("fresh held-out (heldout2.csv, decision 0038)", corpus.fresh_held_out()),
        ("first held-out (heldout.csv, decision 0028)", corpus.held_out()),
        ("unseen pages (heldout3.csv, decision 0064)", corpus.unseen_pages()),
        ("fourth held-out (heldout4.csv, decision 0075)", corpus.fourth_held_out()),
    ):
        _report(title, held_out, training_sources)

    held_out = corpus.held_out() + corpus.fresh_held_out()
    texts = [e.text for e in held_out]
    read(texts[0])
    started = time.perf_counter()
    for text in texts:
        read(text)
    per_sentence = (time.perf_counter() - started) / len(texts)
    long_email = " ".join(texts) * 8
    started = time.perf_counter()
    reading = read(long_email)
    long_time = time.perf_counter() - started
    print()
    print(f"import {imported:.2f} s, training at first use {trained:.2f} s")
    print(f"time per sentence (one read() each): {per_sentence * 1000:.1f} ms")
    print(
        f"a {len(long_email) // 1000} kB text ({len(reading.sentences)} sentences): "
        f"{long_time:.2f} s"
    )
    print(f"added install size ({', '.join(ADDED)}): {_installed_megabytes(ADDED):.0f} MB")


if __name__ == "__main__":
    main()
