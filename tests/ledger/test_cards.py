"""The services page's session rows drawn in Python (playbook.ledger.cards) are the markup
the template loop drew, escaping and the form's token included, in English and in Spanish,
for a reader who may write and one who may not."""

from __future__ import annotations

import uuid
from datetime import date
from types import SimpleNamespace

import pytest

from tests.markup import drawn_and_expected

# The loop as ledger/services.html wrote it before the rows were drawn in Python.
LOOP = """{% load i18n readers_dates ledger_labels %}<tbody>
      {% for s in line.latest_sessions %}
        <tr>
          <td data-label="{% translate 'Date' %}">{{ s.date|readers_date:"D M j, Y" }}</td>
          <td data-label="{% translate 'What happened' %}">{{ s.status|status_label }}{% if s.reason %} ({{ s.reason|reason_label|lower }}){% endif %}</td>
          <td data-label="{% translate 'Minutes' %}">{{ s.minutes }}</td>
          <td data-label="{% translate 'Provider and note' %}">{{ s.provider }}{% if s.provider and s.note %}: {% endif %}{{ s.note|own }}</td>
          {% if can_write %}<td>
            <form method="post" action="{% url 'ledger_session_delete' child.pk s.pk %}" class="inline-form">
              {% csrf_token %}
              <button type="submit" class="link-button">{% translate "Remove" %}<span class="sr-only"> {% blocktranslate with day=s.date|readers_date:"M j, Y" %}the session of {{ day }}{% endblocktranslate %}</span></button>
            </form>
          </td>{% endif %}
        </tr>
      {% endfor %}
      </tbody>"""  # fmt: skip
ROWS = """{% load ledger_labels %}<tbody>
      {% session_rows line.latest_sessions child can_write %}
      </tbody>"""  # fmt: skip

CHILD = SimpleNamespace(pk=uuid.uuid4())


def session(day, status, minutes, reason="", provider="", note=""):
    return SimpleNamespace(pk=uuid.uuid4(), date=day, status=status, minutes=minutes,
                           reason=reason, provider=provider, note=note)  # fmt: skip


SESSIONS = [
    session(date(2026, 10, 1), "delivered", 30, provider="Ms. O'Brien <OT>", note="Fine & “calm”"),
    session(date(2026, 10, 2), "missed", 0, reason="provider_absent", provider="Dr. Lee"),
    session(date(2026, 10, 5), "shortened", 1500, reason="school_event", note="Assembly"),
    session(date(2026, 10, 6), "made_up", 45, reason="child_absent"),
    session(date(2026, 10, 7), "missed", 0, reason="unknown", provider="x", note="y"),
    session(date(2026, 10, 8), "missed", 0, reason="other"),
]


# Django's own tag warns of its format_html("") for a page without a token; ours writes "".
@pytest.mark.filterwarnings("ignore:Calling format_html")
@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("can_write", [True, False])
@pytest.mark.parametrize("token", ["a1B2c3", "NOTPROVIDED", None])
@pytest.mark.parametrize("count", [0, 1, 6])
def test_the_session_rows_are_the_templates_markup(language, can_write, token, count):
    line = SimpleNamespace(latest_sessions=SESSIONS[:count])
    context = {"line": line, "child": CHILD, "can_write": can_write}
    if token is not None:
        context["csrf_token"] = token
    drawn, expected = drawn_and_expected(ROWS, LOOP, context, language)
    assert drawn == expected
    assert drawn.count("<tr>") == count
    assert drawn.count("<form ") == (count if can_write else 0)
    assert count < 6 or "&lt;OT&gt;" in drawn


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_page_of_several_tables_makes_the_rows_words_once(language, monkeypatch):
    """As the services page draws its tables (one per service, in a loop): each table is
    the template loop's, and the words they share are made for the first one only."""
    from playbook.ledger import cards

    made = []
    monkeypatch.setattr(cards.RowWords, "now", _counted(cards.RowWords.now, made))
    tables = [SimpleNamespace(latest_sessions=SESSIONS[:3]),
              SimpleNamespace(latest_sessions=SESSIONS[3:])]  # fmt: skip
    context = {"lines": tables, "child": CHILD, "can_write": True, "csrf_token": "a1B2c3"}
    drawn, expected = drawn_and_expected(_each(ROWS), _each(LOOP), context, language)
    assert drawn == expected and drawn.count("<tr>") == 6
    assert len(made) == 1


def _each(table: str) -> str:
    """A table's template repeated for each of ``lines``."""
    load, rows = table.split("%}", 1)
    return f"{load}%}}{{% for line in lines %}}{rows}{{% endfor %}}"


def _counted(make, made: list):
    def counted(*args):
        made.append(args)
        return make(*args)

    return counted


# The facts of a line as ledger/services.html wrote them before they were drawn in Python.
FACTS = """{% load i18n %}<dl class="facts">
    <dt>{% translate "Promised to date" %}</dt><dd>{% blocktranslate with n=t.promised %}{{ n }} minutes{% endblocktranslate %}{% if t.child_absent %} {% blocktranslate trimmed with scheduled=t.scheduled absent=t.child_absent name=child.first_name %}({{ scheduled }} less {{ absent }} while {{ name }} was absent){% endblocktranslate %}{% endif %}</dd>
    <dt>{% translate "Delivered" %}</dt><dd>{% blocktranslate with n=t.delivered %}{{ n }} minutes{% endblocktranslate %}{% if t.made_up %}, {% blocktranslate with n=t.made_up %}including {{ n }} made up{% endblocktranslate %}{% endif %}</dd>
    <dt>{% translate "Missed" %}</dt><dd>{% if t.missed %}{% blocktranslate with n=t.missed %}{{ n }} minutes:{% endblocktranslate %}
      {% for reason, minutes in t.missed_by_reason.items %}{% if reason == "provider_absent" %}{% translate "provider absent" %}{% elif reason == "school_event" %}{% translate "school event" %}{% elif reason == "other" %}{% translate "other reason" %}{% else %}{% translate "no reason given" %}{% endif %} {{ minutes }}{% if not forloop.last %}, {% endif %}{% endfor %}{% else %}{% translate "none logged" %}{% endif %}</dd>
    <dt>{% if t.surplus %}{% translate "Extra minutes" %}{% else %}{% translate "Owed to date" %}{% endif %}</dt>
    <dd>{% if t.surplus %}<span class="badge badge-ok">{% blocktranslate with n=t.surplus %}{{ n }} minutes more than promised{% endblocktranslate %}</span>{% elif t.owed %}<strong class="ledger-owed">{% blocktranslate with n=t.owed %}{{ n }} minutes owed{% endblocktranslate %}</strong>{% else %}<span class="badge badge-ok">{% translate "Nothing owed" %}</span>{% endif %}</dd>
  </dl>"""  # fmt: skip


def tally(**given):
    from playbook.ledger.owed import Tally

    values = {"start": date(2026, 9, 1), "end": date(2026, 12, 1), "scheduled": 600,
              "child_absent": 0, "promised": 600, "delivered": 600, "made_up": 0, "missed": 0}  # fmt: skip
    return Tally(**{**values, **given})


TALLIES = [
    tally(),  # nothing owed
    tally(delivered=450, missed=150, missed_by_reason={"provider_absent": 90, "unknown": 60}),
    tally(
        scheduled=1800,
        child_absent=60,
        promised=1740,
        delivered=1200,
        made_up=30,
        missed=300,
        missed_by_reason={"school_event": 120, "other": 150, "provider_absent": 30},
    ),
    tally(delivered=1290, made_up=45),  # more than promised
    tally(delivered=0, scheduled=12000, promised=12000),  # thousands
]


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("which", range(len(TALLIES)))
def test_a_lines_facts_are_the_templates_markup(language, which):
    context = {"t": TALLIES[which], "child": SimpleNamespace(first_name="Zoë <&>")}
    drawn, expected = drawn_and_expected(
        "{% load ledger_labels %}{% tally_facts t child %}", FACTS, context, language
    )
    assert drawn == expected
    assert drawn.startswith('<dl class="facts">')
    assert ("Zoë &lt;&amp;&gt;" in drawn) == bool(TALLIES[which].child_absent)
