"""The dates drawn in Python (playbook.deadlines.cards) are the markup the template loops
of the child home's "Coming up", of the deadlines page and of the meeting prep pack drew,
escaping included, in English and in Spanish."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest

from tests.markup import drawn_and_expected

# The loops as the templates wrote them before the dates were drawn in Python.
COMING_UP_LOOP = """{% load i18n own_words %}
    {% for u in coming_up %}
    {% if forloop.counter == 4 %}</ul>
  <details class="more">
    <summary>{% blocktranslate count n=forloop.revcounter %}One more date in the next 60 days{% plural %}{{ n }} more dates in the next 60 days{% endblocktranslate %}</summary>
  <ul class="deadline-list">{% endif %}
    <li class="card{% if u.overdue %} deadline-overdue{% endif %}">
      <p class="deadline-when"><strong>{{ u.title|own_words }}</strong><br>
        {{ u.due|date:"SHORT_DATE_FORMAT" }} · <span class="{% if u.overdue %}overdue{% endif %}">{{ u.when }}</span></p>
      <details class="more"><summary>{% translate "Why this date" %}<span class="sr-only">: {{ u.title|own_words }}</span></summary>
      <p>{{ u.basis|own_words }}{% if u.citation %} <span class="citation">{{ u.citation }}</span>{% endif %}</p>
      {% if u.label %}<p class="citation">{{ u.shown_label|default:u.label }}</p>{% endif %}
      </details>
    </li>
    {% endfor %}"""  # fmt: skip
COMING_UP_CARDS = "{% load deadline_cards %}\n    {% coming_up_cards coming_up %}"

DEADLINE_LOOP = """{% load i18n own_words %}{% translate "l, F j, Y" context "date format with the weekday" as long_day %}
  {% for d, when, overdue in items %}
  <li class="card deadline{% if overdue %} deadline-overdue{% endif %}" id="deadline-{{ d.id|slugify }}">
    <h3 class="deadline-title">{{ d.title|own_words }}</h3>
    <p class="deadline-when">
      {% if d.due %}
      <strong>{{ d.due|date:long_day }}</strong>
      · <span class="{% if overdue %}overdue{% endif %}">{{ when }}</span>
      {% else %}
      <strong>{% blocktranslate %}No date: {{ when }}{% endblocktranslate %}</strong>
      {% endif %}
    </p>
    <details class="more"><summary>{% translate "Why this date" %}<span class="sr-only">: {{ d.title|own_words }}</span></summary>
    <p>{{ d.basis|own_words }}</p>
    <p class="citation">
      {% if d.citation %}{{ d.citation }} · {% endif %}{{ d.shown_label }} · {% blocktranslate with words=d.shown_counting_words %}counted in {{ words }}{% endblocktranslate %}
    </p>
    {% if d.note %}<p class="hint">{{ d.note|own_words }}</p>{% endif %}
    </details>
  </li>
  {% endfor %}"""  # fmt: skip
DEADLINE_CARDS = (
    '{% load i18n deadline_cards %}{% translate "l, F j, Y" context "date format with the '
    'weekday" as long_day %}\n  {% deadline_cards items long_day %}'
)


def upcoming(i: int) -> SimpleNamespace:
    return SimpleNamespace(
        title=f"Reply due: “Speech <eval> & OT” {i}",
        due=date(2026, 12, i + 1),
        when=f"in {i} days <soon>",
        overdue=i % 2 == 0,
        basis="The reply date set for “what you asked” on 3 & 4 <May>.",
        citation="" if i % 3 else "34 CFR § 300.503 <b>",
        label="" if i % 4 == 1 else "Federal rule & <state>",
        shown_label="" if i % 2 else "Regla federal & <estado>",
    )


def deadline(i: int) -> SimpleNamespace:
    return SimpleNamespace(
        id=f"reply_due:{i}A b/c",
        title=f"Trial review: “a <b> & c” {i}",
        due=None if i % 3 == 1 else date(2027, 1, i + 1),
        basis="The review date agreed for “the trial” <12 weeks> & more.",
        citation="" if i % 2 else "Cal. Educ. Code § 56043(c) <x>",
        source="federal",
        source_words="federal rule",
        tag="Verified",
        counting_words="school days",
        shown_label="Federal rule & <verified>",
        shown_counting_words="school days & <breaks>",
        note="" if i % 2 == 0 else "A note with “quoted <words>” & more.",
    )


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("count", [0, 1, 3, 4, 5, 9])
def test_coming_up_is_the_templates_markup(language, count):
    context = {"coming_up": [upcoming(i) for i in range(count)]}
    drawn, expected = drawn_and_expected(COMING_UP_CARDS, COMING_UP_LOOP, context, language)
    assert drawn == expected
    assert drawn.count("<li ") == count
    assert ("<details" in drawn.split('<li class="card')[0]) is False


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_deadlines_are_the_templates_markup(language):
    items = [(deadline(i), f"in {i} days & <more>", i % 2 == 1) for i in range(7)]
    drawn, expected = drawn_and_expected(DEADLINE_CARDS, DEADLINE_LOOP, {"items": items}, language)
    assert drawn == expected
    assert "&lt;b&gt;" in drawn and "<span data-own-words>" in drawn
    assert drawn.count('class="hint"') == 3


PREP_LOOP = """{% load i18n own_words %}{% get_current_language as LANGUAGE_CODE %}<ul>{% for d, when in deadlines %}<li>{{ d.due|date:"SHORT_DATE_FORMAT" }} ({{ when }}): {% if LANGUAGE_CODE == "en" %}{{ d.title }}{% else %}{{ d.title|own_words }}{% endif %} <span class="citation">{% if d.citation %}{{ d.citation }} · {% endif %}{% if LANGUAGE_CODE == "en" %}{{ d.source_words|capfirst }}{% else %}{{ d.shown_label }}{% endif %}</span></li>{% endfor %}</ul>"""  # fmt: skip
PREP_LINES = "{% load deadline_cards %}<ul>{% prep_deadline_lines deadlines %}</ul>"


def prep_deadline(i: int):
    """A real deadline (its ``shown_label`` works its words out from its source): from
    your records, a federal rule, a state's, and the federal rule standing in for one."""
    from playbook.deadlines.engine import Deadline

    source, words = [
        ("case", "a date from your records"),
        ("federal", "federal rule"),
        ("CA", "California rule"),
        ("federal", "federal rule; California's own rule is not in our tables"),
    ][i % 4]
    return Deadline(
        id=f"reply_due:{i}", rule="reply_due", title=f"Reply due: «a <b> & c» {i}",
        due=date(2026 + i % 2, 1 + i, 3 * i + 1), basis="x", citation="" if i % 3 else "§ <x>",
        counting="calendar", counting_words="calendar days", source=source,
        source_words=words, tag=["", "Verified", "Secondary", "Unverified"][i % 4],
    )  # fmt: skip


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("count", [0, 1, 8])
def test_the_prep_packs_deadlines_are_the_templates_markup(language, count):
    rows = [(prep_deadline(i), f"in {i} days & <more>") for i in range(count)]
    drawn, expected = drawn_and_expected(PREP_LINES, PREP_LOOP, {"deadlines": rows}, language)
    assert drawn == expected
    assert drawn.count("<li>") == count
    if count:
        assert ("<span data-own-words>" in drawn) is (language != "en")


@pytest.mark.parametrize("language", ["en", "es"])
def test_cards_of_every_source_are_the_templates_markup(language):
    """Real deadlines from your records, a federal rule, a state's and the federal rule
    standing in for one: the lines the cards share are written once a page, each the
    card's own."""
    items = [(prep_deadline(i), f"in {i} days", i % 2 == 0) for i in range(8)]
    drawn, expected = drawn_and_expected(DEADLINE_CARDS, DEADLINE_LOOP, {"items": items}, language)
    assert drawn == expected
    assert drawn.count('<li class="card deadline') == 8
