"""The draft page and the letter page of the seven kinds of decision 0048, read in
Spanish: the pages' own words are Spanish, the English letter for the school is marked
lang="en", and the same pages in English are unchanged.

Not yet Spanish on these pages (so no english_left() == [] here yet): the kinds' field
labels, hints and choices (letters/forms.py and each kind's Param labels), the "Draft
saved" message and the sent card's fields, and the Spanish letter's textarea, which holds
the family's English words unmarked (a textarea cannot mark part of its text)."""

from __future__ import annotations

import pytest

from tests.letters.test_every_kind import params_for

from .test_spanish_pages import english_left, spanish_demo  # noqa: F401  (a fixture)

KINDS = [
    "escalation",
    "trial_terms",
    "comp_services_request",
    "prior_written_notice_request",
    "parent_concerns",
    "meeting_recap",
    "goal_revision_request",
]
# The pages' own words, which must not be left in English.
PAGE_ENGLISH = (
    "What the letter is about",
    "Update the draft",
    "Your draft",
    "Letter text",
    "Save this draft",
    "All letters",
    "Copy text",
    "Download PDF",
    "Sent it?",
    "Save changes",
)


def _visible_outside_forms(html: str) -> str:
    """The page without its form fields' labels and choices (not translated yet)."""
    return "<section" + html.split('<section id="draft"', 1)[1]


@pytest.mark.parametrize("kind", KINDS)
def test_the_draft_and_letter_pages_speak_spanish(spanish_demo, kind):  # noqa: F811
    client, child = spanish_demo
    url = f"/children/{child.pk}/letters/new/{kind}/"
    params = params_for(child, kind)
    draft = client.get(url, {**params, "redraw": "1"}).content.decode()
    assert '<html lang="es">' in draft
    for words in ("De qué trata la carta", "Su borrador", "Texto de la carta"):
        assert words in draft, (kind, words)
    assert 'aria-describedby="id_body_hint" lang="en">' in draft
    # The draft section, apart from the Spanish letter's own textarea, has no English left.
    section = _visible_outside_forms(draft).split('<div class="field"><label for="id_translation"')
    assert english_left(section[0]) == [], kind

    saved = client.post(url, {**params, "lang": "es"})
    assert saved.status_code == 302
    page = client.get(saved["Location"]).content.decode()
    for words in ("Todas las cartas", "Borrador", "Copiar el texto", "¿Ya la envió?"):
        assert words in page, (kind, words)
    assert '<textarea name="body" id="letter-text" rows="26" lang="en">' in page
    for words in PAGE_ENGLISH:
        assert words not in draft and words not in page, (kind, words)


def test_the_letter_pages_in_english_are_unchanged(client, db):
    from playbook import demo
    from playbook.accounts.models import User

    child = demo.load_demo(demo_today())
    client.force_login(User.objects.get(email=demo.DEMO_EMAIL))
    kind = "meeting_recap"
    url = f"/children/{child.pk}/letters/new/{kind}/"
    params = params_for(child, kind)
    draft = client.get(url, {**params, "redraw": "1"}).content.decode()
    assert '<html lang="en">' in draft
    assert "What the letter is about" in draft and "Your draft" in draft
    assert 'aria-describedby="id_body_hint" lang="en">' in draft
    page = client.get(client.post(url, params)["Location"]).content.decode()
    assert '<textarea name="body" id="letter-text" rows="26" lang="en">' in page
    assert "Sent it?" in page and "All letters" in page
    # The letter's own text is marked English on every page (decision 0047).
    assert '<h1 lang="en">' in page and '<dd lang="en">' in page


def demo_today():
    from .test_spanish_pages import TODAY

    return TODAY
