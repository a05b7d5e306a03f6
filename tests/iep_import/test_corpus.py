"""The import on the corpus of IEPs built from state forms and published samples
(corpora/ieps/): at least 95% of dates exact, services by full name, minutes and period,
goals with their baseline, and no fact the document does not state."""

from __future__ import annotations

import pytest

from .corpus import Score, documents, score

STATES = {doc["state"] for doc in documents().values()}


def test_the_corpus_covers_ten_states_and_names_its_sources():
    assert len(STATES) >= 10
    assert all(doc["source"] for doc in documents().values())


@pytest.mark.parametrize("held_out", [False, True], ids=["tuned-on", "held-out"])
def test_facts_read_right_and_none_invented(held_out):
    total = Score()
    for name, doc in documents(held_out).items():
        total.add(score(name, doc))
    assert total.invented == []
    for kind in ("dates", "services", "goals"):
        assert total.share(kind) >= 0.95, (kind, total.wrong)
