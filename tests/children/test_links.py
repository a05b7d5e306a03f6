"""The child's navigation links, reversed once per process (playbook.children.links), are
what ``reverse()`` gives for every link, in English and in Spanish, under a script prefix
too; and the nav draws every one of them, in order."""

from __future__ import annotations

import re

import pytest
from django.template.loader import render_to_string
from django.urls import clear_script_prefix, reverse, set_script_prefix
from django.utils import translation

from playbook.children.links import NAV, nav_links
from tests.conftest import make_child


def reversed_links(child) -> dict[str, str]:
    return {
        key: reverse(name) if extra is None else reverse(name, args=[child.pk, *extra])
        for key, name, extra in NAV
    }


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_link_is_what_reverse_gives(child, household, language):
    other = make_child(household)
    with translation.override(language):
        for each in (child, other):
            assert nav_links(each) == reversed_links(each)
    assert nav_links(child)["child_home"] != nav_links(other)["child_home"]


def test_a_script_prefix_is_kept(child):
    plain = nav_links(child)
    set_script_prefix("/playbook/")
    try:
        prefixed = nav_links(child)
        assert prefixed == reversed_links(child)
    finally:
        clear_script_prefix()
    assert prefixed["child_home"] == "/playbook" + plain["child_home"]
    assert nav_links(child) == plain


def test_a_child_id_given_as_text_gives_the_same_links(child):
    class Stub:
        pk = str(child.pk)

    assert nav_links(Stub()) == reversed_links(child)


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_nav_draws_every_link_in_order(child, language):
    with translation.override(language):
        html = render_to_string("children/_nav.html", {"child": child, "section": "home"})
        expected = reversed_links(child)
    drawn = re.findall(r'<a href="([^"]*)"', html)
    assert drawn == [expected[key] for key, _, _ in NAV]
    assert len(set(drawn)) == len(NAV)
