"""The child's navigation drawn in Python (playbook.children.links): its links, reversed once
per process, are what ``reverse()`` gives for every link, in English and in Spanish, under a
script prefix too; the nav draws every one of them, in order; and it is the markup of the
template it replaced (kept below), for every section, in both languages."""

from __future__ import annotations

import re

import pytest
from django.template import engines
from django.template.loader import render_to_string
from django.urls import clear_script_prefix, reverse, set_script_prefix
from django.utils import translation

from playbook.children.links import GROUPS, NAV, link_for_each, nav_links
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


# children/_nav.html as it was before the nav was drawn in Python (its comment left out).
TEMPLATE = """
{% load i18n %}{% with c=child.pk s=section %}
<nav class="child-nav" aria-label="{% blocktranslate with name=child.name %}{{ name }}'s sections{% endblocktranslate %}">
  <div class="wrap nav-groups">
    <details class="nav-group"{% if s == "home" %} data-current{% endif %}>
      <summary>{% translate "Today" %}{% if s == "home" %}<span class="sr-only"> {% translate "(this section)" %}</span>{% endif %}</summary>
      <ul>
        <li><a href="{% url 'child_home' c %}"{% if s == "home" %} aria-current="page"{% endif %}>{% blocktranslate with name=child.first_name %}{{ name }}'s playbook{% endblocktranslate %}</a></li>
        <li><a href="{% url 'child_moves' c %}">{% translate "Next moves and every move" %}</a></li>
      </ul>
    </details>
    <details class="nav-group"{% if s == "timeline" or s == "concerns" or s == "data" or s == "removals" %} data-current{% endif %}>
      <summary>{% translate "Record" %}{% if s == "timeline" or s == "concerns" or s == "data" or s == "removals" %}<span class="sr-only"> {% translate "(this section)" %}</span>{% endif %}</summary>
      <ul>
        <li><a href="{% url 'trail_timeline' c %}"{% if s == "timeline" %} aria-current="page"{% endif %}>{% translate "Timeline (paper trail)" %}</a></li>
        <li><a href="{% url 'concern_list' c %}"{% if s == "concerns" %} aria-current="page"{% endif %}>{% translate "Concerns and evidence" %}</a></li>
        <li><a href="{% url 'series_list' c %}"{% if s == "data" %} aria-current="page"{% endif %}>{% translate "Progress data" %}</a></li>
        <li><a href="{% url 'removals' c %}"{% if s == "removals" %} aria-current="page"{% endif %}>{% translate "Removals from class" %}</a></li>
      </ul>
    </details>
    <details class="nav-group"{% if s == "asks" or s == "letters" or s == "refusals" or s == "ladder" or s == "outside_routes" %} data-current{% endif %}>
      <summary>{% translate "Ask & write" %}{% if s == "asks" or s == "letters" or s == "refusals" or s == "ladder" or s == "outside_routes" %}<span class="sr-only"> {% translate "(this section)" %}</span>{% endif %}</summary>
      <ul>
        <li><a href="{% url 'letter_list' c %}"{% if s == "letters" %} aria-current="page"{% endif %}>{% translate "Letters" %}</a></li>
        <li><a href="{% url 'ask_list' c %}"{% if s == "asks" %} aria-current="page"{% endif %}>{% translate "Asks and replies" %}</a></li>
        <li><a href="{% url 'refusal_list' c %}"{% if s == "refusals" %} aria-current="page"{% endif %}>{% translate "Refusals" %}</a></li>
        <li><a href="{% url 'ladder' c %}"{% if s == "ladder" %} aria-current="page"{% endif %}>{% translate "Chain of command" %}</a></li>
        <li><a href="{% url 'outside_routes' c %}"{% if s == "outside_routes" %} aria-current="page"{% endif %}>{% translate "Outside routes" %}</a></li>
      </ul>
    </details>
    <details class="nav-group"{% if s == "meetings" or s == "trials" %} data-current{% endif %}>
      <summary>{% translate "Meetings" %}{% if s == "meetings" or s == "trials" %}<span class="sr-only"> {% translate "(this section)" %}</span>{% endif %}</summary>
      <ul>
        <li><a href="{% url 'meeting_list' c %}"{% if s == "meetings" %} aria-current="page"{% endif %}>{% translate "Meetings" %}</a></li>
        <li><a href="{% url 'letter_new' c 'meeting_request' %}">{% translate "Request a meeting" %}</a></li>
        <li><a href="{% url 'trial_list' c %}"{% if s == "trials" %} aria-current="page"{% endif %}>{% translate "Trials" %}</a></li>
      </ul>
    </details>
    <details class="nav-group"{% if s == "team" or s == "iep" or s == "goals" or s == "services" %} data-current{% endif %}>
      <summary>{% translate "School & IEP" %}{% if s == "team" or s == "iep" or s == "goals" or s == "services" %}<span class="sr-only"> {% translate "(this section)" %}</span>{% endif %}</summary>
      <ul>
        <li><a href="{% url 'team' c %}"{% if s == "team" %} aria-current="page"{% endif %}>{% translate "School team" %}</a></li>
        <li><a href="{% url 'iep' c %}"{% if s == "iep" %} aria-current="page"{% endif %}>{% translate "IEPs" %}</a></li>
        <li><a href="{% url 'iep_import' c %}">{% translate "Read an IEP from its PDF or Word file" %}</a></li>
        <li><a href="{% url 'goals' c %}"{% if s == "goals" %} aria-current="page"{% endif %}>{% translate "Goals and progress reports" %}</a></li>
        <li><a href="{% url 'iep_compare' c %}">{% translate "Compare IEPs" %}</a></li>
        <li><a href="{% url 'iep_checks' c %}">{% translate "Check the IEP" %}</a></li>
        <li><a href="{% url 'ledger_services' c %}"{% if s == "services" %} aria-current="page"{% endif %}>{% translate "Services delivered" %}</a></li>
      </ul>
    </details>
    <details class="nav-group"{% if s == "plan" or s == "deadlines" or s == "binder" or s == "sharing" %} data-current{% endif %}>
      <summary>{% translate "Plan & deadlines" %}{% if s == "plan" or s == "deadlines" or s == "binder" or s == "sharing" %}<span class="sr-only"> {% translate "(this section)" %}</span>{% endif %}</summary>
      <ul>
        <li><a href="{% url 'plan' c %}"{% if s == "plan" %} aria-current="page"{% endif %}>{% translate "Month-by-month plan" %}</a></li>
        <li><a href="{% url 'deadlines' c %}"{% if s == "deadlines" %} aria-current="page"{% endif %}>{% translate "Deadlines" %}</a></li>
        <li><a href="{% url 'binder_page' c %}"{% if s == "binder" %} aria-current="page"{% endif %}>{% translate "Binder & backup" %}</a></li>
        <li><a href="{% url 'sharing' %}"{% if s == "sharing" %} aria-current="page"{% endif %}>{% translate "Sharing" %}</a></li>
      </ul>
    </details>
  </div>
</nav>
{% endwith %}
"""

SECTIONS = sorted({shown for _, items in GROUPS for _, _, shown in items if shown})


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_nav_is_the_template_it_replaced(child, language):
    child.name = "Zoë <b>O'Brien</b> & co"
    template = engines["django"].from_string(TEMPLATE)
    assert "home" in SECTIONS and "sharing" in SECTIONS and len(SECTIONS) == 20
    with translation.override(language):
        for section in [*SECTIONS, "moves", "", None]:
            context = {"child": child, "section": section}
            drawn = render_to_string("children/_nav.html", context)
            assert drawn == template.render(context), section
        assert render_to_string("children/_nav.html", {"child": child}) == template.render(
            {"child": child}
        )


def test_a_link_for_each_row_is_what_reverse_gives(child):
    import uuid

    link = link_for_each("ask_detail", child.pk)
    for pk in (uuid.uuid4(), uuid.uuid4()):
        assert link(pk) == reverse("ask_detail", args=[child.pk, pk])
