"""A deadline's label (where its date comes from, how sure we are) is shown in the reader's
language on the pages; `label` itself stays English for the API, the feed and the binder
(issue 19)."""

from __future__ import annotations

from datetime import date

from django.utils import translation

from playbook.deadlines.engine import CASE, Deadline


def deadline(source: str, source_words: str, tag: str) -> Deadline:
    return Deadline(
        id="x",
        rule="x",
        title="x",
        due=date(2026, 3, 2),
        basis="",
        citation="",
        counting="calendar",
        counting_words="calendar days",
        source=source,
        source_words=source_words,
        tag=tag,
    )


FALLBACK = deadline(
    "federal", "federal rule; California's own rule is not in our tables", "Verified"
)


def test_the_label_reads_in_spanish_and_stays_english_in_english():
    with translation.override("es"):
        assert FALLBACK.shown_label == (
            "Regla federal; la regla propia de California no está en nuestras tablas"
            " · verificada en el texto de la regla"
        )
        assert FALLBACK.label.startswith("Federal rule; California's")
        own = deadline(CASE, "a date from your records", "")
        # A date of the family's own: its source and its status are the same words, said once.
        assert own.shown_label == "Una fecha de sus registros"
        state = deadline("TX", "Texas rule", "Secondary")
        assert state.shown_label == "Regla de Texas · de una fuente secundaria"
    with translation.override("en"):
        assert FALLBACK.shown_label == FALLBACK.label
