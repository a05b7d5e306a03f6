"""The recogniser's figures on labelled sentences: precision and recall of "no", per kind, and
how often the kind it names is right. Used by the held-out test and benchmarks/refusal_bench."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from . import corpus
from .reading import read


@dataclass
class Figures:
    true_pos: int = 0
    false_pos: int = 0
    false_neg: int = 0
    true_neg: int = 0
    kind_right: int = 0
    # Left out of repr: a failing test prints its arguments, and these hold held-out sentences
    # (decision 0050). benchmarks/refusal_bench.py lists them when they are wanted.
    per_kind: dict[str, Counter] = field(default_factory=dict, repr=False)
    missed: list[corpus.Example] = field(default_factory=list, repr=False)
    false_alarms: list[corpus.Example] = field(default_factory=list, repr=False)

    @property
    def precision(self) -> float:
        flagged = self.true_pos + self.false_pos
        return self.true_pos / flagged if flagged else 0.0

    @property
    def recall(self) -> float:
        refusals = self.true_pos + self.false_neg
        return self.true_pos / refusals if refusals else 0.0

    @property
    def kind_accuracy(self) -> float:
        return self.kind_right / self.true_pos if self.true_pos else 0.0


def measure(examples: tuple[corpus.Example, ...], reader: Callable[[str], Any] = read) -> Figures:
    """Each example is read as a whole text, as the parent would paste it. ``reader`` answers
    ``.refusal`` and ``.kind``: ``read`` here, or the product's ``detect`` (trail), which lets
    the needs-a-supervisor signal take precedence (decision 0080) and is what the figures of
    the tests and the benchmark measure."""
    figures = Figures()
    for example in examples:
        reading = reader(example.text)
        counts = figures.per_kind.setdefault(
            ("no: " if example.refusal else "not: ") + (example.kind or "?"), Counter()
        )
        counts["n"] += 1
        if example.refusal and reading.refusal:
            figures.true_pos += 1
            counts["flagged"] += 1
            if reading.kind and reading.kind.id == example.kind:
                figures.kind_right += 1
                counts["kind right"] += 1
        elif example.refusal:
            figures.false_neg += 1
            figures.missed.append(example)
        elif reading.refusal:
            figures.false_pos += 1
            counts["flagged"] += 1
            figures.false_alarms.append(example)
        else:
            figures.true_neg += 1
    return figures
