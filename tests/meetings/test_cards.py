"""The prep pack's lines drawn in Python (playbook.meetings.cards) are the markup the
template loops drew, escaping included, in English and in Spanish: the read-only rows of
data/_table.html (the prep pack, a trial, a read-only member's series), the pack's agenda
(its concerns, evidence, charts, series lines and tables), "Waiting on the school" and
"What the school has refused"."""

from __future__ import annotations

import uuid
from datetime import date
from types import SimpleNamespace

import pytest

from tests.markup import drawn_and_expected

# The loops as the templates wrote them before the lines were drawn in Python.
ROWS_LOOP = """{% load i18n %}{% translate "Date" as date_words %}{% translate "Value" as value_words %}{% translate "Note" as note_words %}
  {% for p in points %}
    <tr><td data-label="{{ date_words }}">{{ p.date|date:"SHORT_DATE_FORMAT" }}</td><td data-label="{{ value_words }}">{{ p.value|floatformat:"-2" }}</td><td data-label="{{ note_words }}">{% if p.note %}<span data-own-words>{{ p.note }}</span>{% endif %}</td></tr>
  {% empty %}
    <tr><td colspan="3">{% translate "No data points yet." %}</td></tr>
  {% endfor %}"""  # fmt: skip
ROWS = "{% load prep_cards %}\n  {% data_rows points %}"

WAITING_LOOP = """{% load i18n %}<ul>{% for ask, waited in open_asks %}<li><span data-own-words>{{ ask.subject }}</span>: {% with day=ask.asked_on|date:"SHORT_DATE_FORMAT" %}{% if ask.asked_of %}{% with name=ask.asked_of.name %}{% blocktranslate trimmed count days=waited %}asked {{ day }} of {{ name }}, {{ days }} day ago{% plural %}asked {{ day }} of {{ name }}, {{ days }} days ago{% endblocktranslate %}{% endwith %}{% else %}{% blocktranslate trimmed count days=waited %}asked {{ day }}, {{ days }} day ago{% plural %}asked {{ day }}, {{ days }} days ago{% endblocktranslate %}{% endif %}{% endwith %}</li>{% endfor %}</ul>"""  # fmt: skip
WAITING = "{% load prep_cards %}<ul>{% waiting_lines open_asks %}</ul>"

POINTS = [
    SimpleNamespace(date=date(2026, 9, 1), value=3.0, note=""),
    SimpleNamespace(date=date(2026, 9, 8), value=2.456, note="After “recess” <b> & lunch"),
    SimpleNamespace(date=date(2026, 9, 15), value=1234.5, note="x"),
    SimpleNamespace(date=date(2026, 9, 22), value=-0.1, note=""),
]


def ask(subject: str, asked_on: date, name: str | None) -> SimpleNamespace:
    """An ask as the loop read it (``asked_of``, a team member) and as the pack reads it now
    (``asked_of_name``)."""
    member = SimpleNamespace(name=name) if name is not None else None
    return SimpleNamespace(subject=subject, asked_on=asked_on, asked_of=member,
                           asked_of_name=name)  # fmt: skip


ASKS = [
    (ask("Speech <eval> & “OT”", date(2026, 10, 1), "Ms. O'Brien <case manager>"), 1),
    (ask("Records", date(2026, 10, 2), None), 1),
    (ask("Aide", date(2026, 9, 2), None), 31),
    (ask("IEE", date(2025, 9, 2), "Dr. Lee"), 1200),
    (ask("Nameless", date(2025, 9, 3), ""), 2),  # a member without a name is still named
]


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("count", [0, 1, 4])
def test_the_read_only_rows_are_the_templates_markup(language, count):
    context = {"points": POINTS[:count]}
    drawn, expected = drawn_and_expected(ROWS, ROWS_LOOP, context, language)
    assert drawn == expected
    assert drawn.count("<tr>") == max(count, 1)


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_waiting_lines_are_the_templates_markup(language):
    drawn, expected = drawn_and_expected(WAITING, WAITING_LOOP, {"open_asks": ASKS}, language)
    assert drawn == expected
    assert "&lt;eval&gt;" in drawn and drawn.count("<li>") == 5


# The pack's agenda as prep.html drew it, its includes and all.
AGENDA_LOOP = """{% load i18n %}{% for concern in agenda %}
<section class="card">
  <h3>{{ forloop.counter }}. <span data-own-words>{{ concern.title }}</span></h3>
  {% if concern.details %}<p data-own-words>{{ concern.details }}</p>{% endif %}
  {% with items=concern.evidence.all %}{% if items %}
  <ul>{% for e in items %}<li><span data-own-words>{{ e.text }}</span>{% if e.date %} ({{ e.date|date:"SHORT_DATE_FORMAT" }}){% endif %}</li>{% endfor %}</ul>
  {% endif %}{% endwith %}
  {% if concern.request %}<p><strong>{% translate "What I am asking for:" %}</strong> <span data-own-words>{{ concern.request }}</span></p>{% endif %}
  {% for series in concern.data_series.all %}
  <figure class="chart">
    <picture>
      <source media="(max-width: 40rem)" srcset="{% url 'series_chart' child.pk series.pk %}?size=narrow" width="420" height="360">
      <img src="{% url 'series_chart' child.pk series.pk %}" alt="{% blocktranslate trimmed with name=series.name %}Chart of {{ name }}; the table that follows lists the same data.{% endblocktranslate %}" width="700" height="320">
    </picture>
    <figcaption>{% include "data/_series_line.html" %}</figcaption>
  </figure>
  {% include "data/_table.html" with points=series.points.all %}
  {% endfor %}
</section>
{% empty %}
<p>{% translate "No concerns are on the agenda. Add them to the meeting, or log a concern first." %}</p>
{% endfor %}"""  # fmt: skip
AGENDA = "{% load prep_cards %}{% agenda_cards agenda child %}"


class Many(list):
    """A list the old loop reads as a related manager (``.all``)."""

    def all(self):
        return self


def series(n: int, baseline, goal, points: int) -> SimpleNamespace:
    return SimpleNamespace(
        pk=uuid.UUID(int=n), name=f"Words <per> “minute” & {n}", unit="w/m & <x>",
        baseline=baseline, goal=goal, points=Many(POINTS[:points]),
    )  # fmt: skip


def agenda(count: int) -> list:
    items = []
    for i in range(count):
        evidence = [
            SimpleNamespace(text=f"Reads <b>{i}</b> & “slowly”", date=date(2026, 9, i + 1)),
            SimpleNamespace(text="No date", date=None),
        ][: i % 3]
        data = [series(i, 6.0, 20.0, 4), series(i + 50, None, 1234.5, 0),
                series(i + 90, -2.456, None, 1)][: i % 4]  # fmt: skip
        items.append(
            SimpleNamespace(
                title=f"Concern <{i}> & “quoted”",
                details="" if i % 2 else f"Details & <i>{i}</i>",
                request="" if i % 3 == 2 else "A reading specialist & <more>",
                evidence=Many(evidence),
                data_series=Many(data),
            )
        )
    return items


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("count", [0, 1, 4, 11])
def test_the_agenda_is_the_templates_markup(language, count):
    context = {"agenda": agenda(count), "child": SimpleNamespace(pk=uuid.UUID(int=7))}
    drawn, expected = drawn_and_expected(AGENDA, AGENDA_LOOP, context, language)
    assert drawn == expected
    assert drawn.count('<section class="card">') == count
    assert drawn.count("<figure") == sum(i % 4 for i in range(count))
    assert ("&lt;per&gt;" in drawn) is (count > 1)


REFUSALS_LOOP = """{% load i18n %}<ul>{% for r in refusals %}<li>{{ r.said_on|date:"SHORT_DATE_FORMAT" }}{% if r.said_by %}, {{ r.said_by.name }}{% endif %}: <span data-own-words>&ldquo;{{ r.words }}&rdquo;</span> ({% include "meetings/_policy_outcome.html" %})</li>{% endfor %}</ul>"""  # fmt: skip
REFUSALS = "{% load prep_cards %}<ul>{% refusal_lines refusals %}</ul>"


def refusal(i: int, outcome: str, name: str | None) -> SimpleNamespace:
    """A refusal as the loop read it (a model's ``said_by`` and display) and as the pack
    reads it now (``said_by_name``)."""
    return SimpleNamespace(
        said_on=date(2026, 1 + i, 2 + i), words=f"We don't do <that> & “never” {i}",
        said_by=SimpleNamespace(name=name) if name is not None else None, said_by_name=name,
        policy_outcome=outcome, get_policy_outcome_display=outcome.title(),
    )  # fmt: skip


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_refusals_are_the_templates_markup(language):
    outcomes = ["", "pending", "produced", "none_exists", "no_reply", "Other <One>"]
    names = [None, "Ms. O'Brien <case manager>", "Dr. Lee"]
    refusals = [refusal(i, outcome, names[i % 3]) for i, outcome in enumerate(outcomes)]
    drawn, expected = drawn_and_expected(REFUSALS, REFUSALS_LOOP, {"refusals": refusals}, language)
    assert drawn == expected
    assert drawn.count("<li>") == 6 and "other &lt;one&gt;" in drawn


def some_values() -> list:
    """Whole numbers, halves to round, tiny and huge ones, negatives and zeros, and what is
    not a plain float (left to the filter)."""
    import math
    import random

    rng = random.Random(13)
    values = [0.0, -0.0, 1.0, -1.0, 0.005, 0.015, 2.675, 1.005, -0.004, -0.005, 0.125, 2.5,
              16.9, 1234.5, 999999.995, 1e15, 123456789012345.67, 1e16, 1.5e17, 1e-5, 0.0001,
              -2.456, 3, -7, math.inf, -math.inf, math.nan]  # fmt: skip
    for _ in range(3000):
        scale = 10 ** rng.randint(-4, 12)
        values.append(round(rng.uniform(-1, 1) * scale, rng.randint(0, 6)))
        values.append(rng.randint(-5000, 5000) / rng.choice((1, 2, 4, 8, 100, 200, 1000)))
    return values


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_points_value_is_the_filters(language):
    from django.template.defaultfilters import floatformat
    from django.utils import translation

    from playbook.meetings.cards import values_as

    values = some_values()
    with translation.override(language):
        value_text = values_as()
        assert [value_text(v) for v in values] == [str(floatformat(v, "-2")) for v in values]
        assert value_text(16.9) == ("16.90" if language == "en" else "16,90")
