"""The timeline's filters hand their people, concerns and asks to the fields as ready
(value, label) pairs (``forms._Pairs``): the same choices, options and validation as the
lists Django normalizes."""

from __future__ import annotations

import uuid

from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from playbook.trail.forms import TimelineFilterForm

TEAM = [(uuid.uuid4(), "Ms. <Lee>"), (uuid.uuid4(), "Mr. Díaz")]
CONCERNS = [(uuid.uuid4(), "Reading & writing")]
ASKS = [(uuid.uuid4(), "An aide"), (uuid.uuid4(), 'A "quiet" room')]


class _AsLists(TimelineFilterForm):
    """The same form with its choices set as plain lists, as the form set them before."""

    def __init__(self, data, *, team, concerns, asks) -> None:
        super().__init__(data, team=team, concerns=concerns, asks=asks)
        self.fields["person"].choices = [("", _("Anyone"))] + [(str(k), v) for k, v in team]
        self.fields["concern"].choices = [("", _("Any concern"))] + [
            (str(k), v) for k, v in concerns
        ]
        self.fields["ask"].choices = [("", _("Any ask"))] + [(str(k), v) for k, v in asks]


def _forms(data=None) -> tuple[forms.Form, forms.Form]:
    given = {"team": TEAM, "concerns": CONCERNS, "asks": ASKS}
    return TimelineFilterForm(data, **given), _AsLists(data, **given)


def test_the_pickers_are_the_lists_django_normalized():
    for language in ("en", "es"):
        with translation.override(language):
            pairs, lists = _forms({"ask": str(ASKS[1][0]), "person": str(TEAM[0][0])})
            for name in ("person", "concern", "ask"):
                assert list(pairs.fields[name].choices) == lists.fields[name].choices
                assert str(pairs[name]) == str(lists[name])
            assert "selected data-own-words>A &quot;quiet&quot; room<" in str(pairs["ask"])


def test_a_chosen_pick_is_checked_against_the_pairs():
    good = {"ask": str(ASKS[0][0]), "concern": str(CONCERNS[0][0]), "person": str(TEAM[1][0])}
    pairs, lists = _forms(good)
    assert pairs.is_valid() and lists.is_valid()
    assert pairs.entry_filter() == lists.entry_filter()
    pairs, lists = _forms({"ask": str(uuid.uuid4())})
    assert not pairs.is_valid() and pairs.errors == lists.errors
