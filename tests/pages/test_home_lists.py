"""The child home's side lists drawn in Python (``playbook.pages.home_lists``): the school
team and the IEP's services are the markup the template's loops drew, escaping included, in
English and in Spanish; and the home draws them."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.template.loader import get_template

from playbook.children.models import TeamRole
from tests.markup import drawn_and_expected

# The loops as children/home.html wrote them before the lists were drawn in Python.
TEAM_LOOP = """{% load i18n children_labels %}<ul>
    {% for member in team %}{% if forloop.first %}
    <ul class="plain-list">
      <li><strong>{% team_role member %}</strong>: {{ member.name }}{% if member.email %}, <a href="mailto:{{ member.email }}">{{ member.email }}</a>{% endif %}{% if member.phone %}, <a href="tel:{{ member.phone }}">{{ member.phone }}</a>{% endif %}</li>
    </ul>
    {% if team|length > 1 %}<details class="more">
      <summary>{% blocktranslate count n=team|length|add:"-1" %}The other {{ n }} on the team{% plural %}The other {{ n }} on the team{% endblocktranslate %}</summary>
      <ul class="plain-list">{% endif %}{% else %}
      <li><strong>{% team_role member %}</strong>: {{ member.name }}{% if member.email %}, <a href="mailto:{{ member.email }}">{{ member.email }}</a>{% endif %}{% if member.phone %}, <a href="tel:{{ member.phone }}">{{ member.phone }}</a>{% endif %}</li>{% if forloop.last %}
      </ul>
    </details>{% endif %}{% endif %}{% endfor %}
</ul>"""  # fmt: skip
TEAM_DRAWN = """{% load home_lists %}<ul>
    {% team_list team %}
</ul>"""  # fmt: skip
SERVICES_LOOP = """{% load i18n %}{% get_current_language as language %}<ul>{% for service in services %}<li>{% if language == "en" %}{{ service.service }}{% else %}<span data-own-words>{{ service.service }}</span>{% endif %}: {% if service.per == "day" %}{% blocktranslate count n=service.minutes %}{{ n }} minute per day{% plural %}{{ n }} minutes per day{% endblocktranslate %}{% elif service.per == "week" %}{% blocktranslate count n=service.minutes %}{{ n }} minute per week{% plural %}{{ n }} minutes per week{% endblocktranslate %}{% else %}{% blocktranslate count n=service.minutes %}{{ n }} minute per month{% plural %}{{ n }} minutes per month{% endblocktranslate %}{% endif %}</li>{% endfor %}</ul>"""  # fmt: skip
SERVICES_DRAWN = """{% load home_lists %}{% service_list services %}"""  # fmt: skip


def member(role, name, email="", phone="", discipline=""):
    return SimpleNamespace(
        role=role, name=name, email=email, phone=phone, discipline=discipline, role_label=role
    )


TEAM = [
    member(TeamRole.CASE_MANAGER, "Ms. O'Brien <cm>", "ob@school.org", "555-0100"),
    member(TeamRole.THERAPIST, "Dr. Díaz", "diaz@school.org", discipline="Speech & <language>"),
    member(TeamRole.PRINCIPAL, "Mr. Lee", phone="555 & 0101"),
    member(TeamRole.OTHER, "An aide"),
    member("someone_new", 'A "new" role'),
]


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("size", [1, 2, 3, 5])
def test_the_team_is_the_loops_markup(language, size):
    context = {"team": TEAM[:size]}
    drawn, expected = drawn_and_expected(TEAM_DRAWN, TEAM_LOOP, context, language)
    assert drawn == expected
    assert drawn.count("<li>") == size
    assert ("<details" in drawn) == (size > 1)


def service(name, minutes, per):
    return SimpleNamespace(service=name, minutes=minutes, per=per)


SERVICES = [
    service("Speech & <language> therapy", 30, "week"),
    service("Reading", 1, "day"),
    service("OT", 1, "week"),
    service("Counselling", 60, "month"),
    service("Aide", 1, "month"),
    service("Social work", 45, "session"),  # not day or week: written as a month's
    service("Resource room", 1200, "day"),
]


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("size", [0, 1, 7])
def test_the_services_are_the_loops_markup(language, size):
    context = {"services": SERVICES[:size]}
    drawn, expected = drawn_and_expected(SERVICES_DRAWN, SERVICES_LOOP, context, language)
    assert drawn == expected
    assert drawn.count("<li>") == size


def test_the_home_draws_its_lists():
    source = get_template("children/home.html").template.source
    assert "{% team_list team %}" in source and "{% service_list services %}" in source
    assert "{% for member in team %}" not in source
    assert "{% for service in services %}" not in source


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_homes_grade_is_the_grades_display(language):
    from django.utils import translation

    from playbook.children.models import Child, Grade
    from playbook.pages.views import grade_shown

    with translation.override(language):
        for grade in [*Grade.values, "no such grade"]:
            child = Child(grade=grade)
            assert grade_shown(child) == child.get_grade_display()
