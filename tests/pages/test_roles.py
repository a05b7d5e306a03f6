"""The child home's team roles written in Python (playbook.pages.roles) are what
children/_role.html writes, for every role, in English and in Spanish."""

from __future__ import annotations

import pytest

from playbook.children.models import TeamMember, TeamRole
from tests.markup import drawn_and_expected

INCLUDE = '{% for member in team %}[{% include "children/_role.html" %}]{% endfor %}'
DRAWN = "{% load team_role %}{% for member in team %}[{% team_role member %}]{% endfor %}"

TEAM = [
    *(TeamMember(role=role, name="x") for role in TeamRole.values),
    TeamMember(role="therapist", discipline="Speech <& language>", name="x"),
    TeamMember(role="therapist", discipline="", name="x"),
    TeamMember(role="bus driver <retired>", name="x"),
]


@pytest.mark.parametrize("language", ["en", "es"])
def test_each_role_is_written_as_the_include_writes_it(language):
    drawn, expected = drawn_and_expected(DRAWN, INCLUDE, {"team": TEAM}, language)
    assert drawn == expected
    assert drawn.count("[") == len(TEAM)


def test_the_home_writes_its_roles():
    from django.template.loader import get_template

    source = get_template("children/home.html").template.source
    assert source.count("{% team_role member %}") == 2
    assert "children/_role.html" not in source
