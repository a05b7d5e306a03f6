"""Team roles written in Python (playbook.children.roles) are what the template include
they replaced (children/_role.html, quoted below) wrote, for every role, in English and in
Spanish."""

from __future__ import annotations

import pytest

from playbook.children.models import TeamMember, TeamRole
from playbook.children.roles import role_writer
from tests.markup import drawn_and_expected

# children/_role.html as it was (its text after the comment, and the file's last new line).
ROLE_TEMPLATE = (
    '{% if member.role == "general_ed_teacher" %}{% translate "General education teacher" %}'
    '{% elif member.role == "special_ed_teacher" %}{% translate "Special education teacher" %}'
    '{% elif member.role == "therapist" %}{% if member.discipline %}'
    "{% with discipline=member.discipline %}"
    "{% blocktranslate %}{{ discipline }} therapist{% endblocktranslate %}{% endwith %}"
    '{% else %}{% translate "Therapist or related-service provider" %}{% endif %}'
    '{% elif member.role == "case_manager" %}{% translate "Case manager" %}'
    '{% elif member.role == "school_psychologist" %}{% translate "School psychologist" %}'
    '{% elif member.role == "special_ed_supervisor" %}'
    '{% translate "Special education supervisor" %}'
    '{% elif member.role == "director_special_services" %}'
    '{% translate "Director of special services" %}'
    '{% elif member.role == "assistant_superintendent" %}'
    '{% translate "Assistant superintendent" %}'
    '{% elif member.role == "superintendent" %}{% translate "Superintendent" %}'
    '{% elif member.role == "principal" %}{% translate "Principal" context "school role" %}'
    '{% elif member.role == "other" %}{% translate "Other" context "team role" %}'
    "{% else %}{{ member.role_label }}{% endif %}\n"
)
INCLUDE = "{% load i18n %}{% for member in team %}[" + ROLE_TEMPLATE + "]{% endfor %}"
DRAWN = "{% load children_labels %}{% for member in team %}[{% team_role member %}]{% endfor %}"

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

    from playbook.pages import home_lists

    source = get_template("children/home.html").template.source
    # Its team list is drawn in Python (playbook.pages.home_lists), each role by role_writer.
    assert "{% team_list team %}" in source
    assert "children/_role.html" not in source
    assert home_lists.role_writer is role_writer


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_filter_writes_the_role_without_the_new_line(language):
    drawn, expected = drawn_and_expected(
        "{% load children_labels %}{% for member in team %}[{{ member|role_shown }}]{% endfor %}",
        "{% load i18n %}{% for member in team %}[" + ROLE_TEMPLATE.strip() + "]{% endfor %}",
        {"team": TEAM},
        language,
    )
    assert drawn == expected
