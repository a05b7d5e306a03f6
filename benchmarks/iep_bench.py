"""IEP import accuracy on the corpus (corpora/ieps/, issue 16): per document and per field
kind, the share read exactly, what was missed or wrong, and any fact invented. Not a test
(tests/iep_import/test_corpus.py holds the bar); a figure to watch as layouts are added.

    .venv/bin/python benchmarks/iep_bench.py [--held-out | --all] [--fillable | --word]

``--fillable`` draws each document as a fillable form filled in and not flattened (the labels
printed, every value in a form field), as many IEPs reach parents. ``--word`` writes it as a
Word document (.docx), as drafts often reach them.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "playbook.settings_test")

import django  # noqa: E402

django.setup()

from tests.iep_import.corpus import Score, documents, score  # noqa: E402

KINDS = ("dates", "services", "goals")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--held-out", action="store_true", help="only the held-out documents")
    which.add_argument("--all", action="store_true", help="tuned-on and held-out documents")
    form = parser.add_mutually_exclusive_group()
    form.add_argument(
        "--fillable", action="store_true", help="each document as a filled-in fillable form"
    )
    form.add_argument("--word", action="store_true", help="each document as a Word document")
    args = parser.parse_args()
    held_out = None if args.all else bool(args.held_out)
    total = Score()
    print(f"{'document':<16} {'state':<5} " + " ".join(f"{k:>10}" for k in KINDS) + "  seconds")
    for name, doc in documents(held_out).items():
        started = time.perf_counter()
        s = score(name, doc, fillable=args.fillable, word="typed" if args.word else "")
        took = time.perf_counter() - started
        cells = [
            f"{s.right[k]}/{s.total[k]}".rjust(10) if s.total[k] else "-".rjust(10) for k in KINDS
        ]
        print(f"{name:<16} {doc['state']:<5} " + " ".join(cells) + f"  {took:7.2f}")
        total.add(s)
    print()
    for kind in KINDS:
        print(f"{kind:<10} {total.right[kind]:>3}/{total.total[kind]:<3} {total.share(kind):6.1%}")
    print(
        f"{'all':<10} {sum(total.right.values()):>3}/{sum(total.total.values()):<3} "
        f"{total.share():6.1%}"
    )
    print(f"invented facts: {len(total.invented)}")
    for line in total.invented + total.wrong:
        print("  " + line)


if __name__ == "__main__":
    main()
