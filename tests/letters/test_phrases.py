"""A title inside a sentence reads as part of it (issue 15)."""

import pytest

from playbook.letters.templatetags.phrases import mid_sentence


@pytest.mark.parametrize(
    ("title", "phrase"),
    [
        ("A 1:1 aide", "a 1:1 aide"),
        ("Structured literacy instruction", "structured literacy instruction"),
        ("An FM system", "an FM system"),
        ("OT evaluation", "OT evaluation"),
        ("IEE", "IEE"),
        ("Orton-Gillingham tutoring", "Orton-Gillingham tutoring"),
        ("Maya's aide", "Maya's aide"),
        ("Dr. Reyes's review", "Dr. Reyes's review"),
        ("", ""),
    ],
)
def test_titles_lose_a_capital_only_where_it_was_the_sentence_start(title, phrase):
    assert mid_sentence(title) == phrase
