"""Opening a letter's page greets the parent with the form, never with an error: a choice
the letter still needs (which meeting to recap, which ask to follow up) is theirs to make.
Before, a kind with no required input was drafted on opening and its check's complaint
("choose either a meeting or a logged call") was shown as "Please fix this first"."""

from __future__ import annotations

import pytest

from playbook.letters import registry

KINDS = sorted(kind.name for kind in registry.all_kinds())


@pytest.mark.parametrize("kind", KINDS)
def test_opening_a_letters_page_shows_no_error(alice_client, child, case_manager, kind):
    page = alice_client.get(f"/children/{child.pk}/letters/new/{kind}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Please fix this first" not in html
    assert 'aria-invalid="true"' not in html


def test_a_choice_made_and_still_wrong_is_still_explained(alice_client, child, case_manager):
    page = alice_client.post(
        f"/children/{child.pk}/letters/new/meeting_recap/", {"redraw": "1", "notes": "x"}
    )
    assert "choose either a meeting or a logged call" in page.content.decode()
