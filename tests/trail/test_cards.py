"""The timeline's cards, drawn in Python (issue 21), are the cards the template drew: the
template the timeline used before is kept here as the reference, and every kind of card
(from, to, with, long and short bodies, flags, attachments, corrections, markup in the
text) is drawn both ways and compared."""

from __future__ import annotations

import re
import zoneinfo
from datetime import timedelta

from django.template import engines

from playbook.children.models import TeamMember
from playbook.trail.cards import COLUMNS, entry_cards
from playbook.trail.chain import NewAttachment, append
from playbook.trail.filters import EntryFilter
from playbook.trail.paging import read_page

from .conftest import START

# The card as trail/_entry_card.html and trail/_who.html drew it, before issue 21, with the
# family's own words marked (issue 19).
REFERENCE = """{% load tz %}{% timezone zone %}{% for entry in entries %}
<li><article class="card entry" aria-labelledby="entry-{{ entry.pk }}">
  <h2 class="entry-title" id="entry-{{ entry.pk }}"><a href="{% url 'trail_entry' child.pk entry.pk %}" data-own-words>{{ entry.title }}</a></h2>
  <p class="entry-meta">
    <span class="badge">{{ entry.get_kind_display }}</span>
    <time datetime="{{ entry.occurred_at|date:'c' }}">{{ entry.occurred_at|date:"D j M Y, g:i a" }}</time>
    {% if entry.direction == "received" %}<span>· from {% if entry.counterpart %}{{ entry.counterpart.name }}{% elif entry.sender %}<span data-own-words>{{ entry.sender }}</span>{% else %}the school{% endif %}</span>
{% elif entry.direction == "sent" %}<span>· to {% if entry.counterpart %}{{ entry.counterpart.name }}{% elif entry.recipients %}<span data-own-words>{{ entry.recipients|truncatechars:80 }}</span>{% else %}the school{% endif %}</span>
{% elif entry.counterpart %}<span>· with {{ entry.counterpart.name }}</span>{% endif %}
    <span class="muted">· entry {{ entry.seq }}</span>
  </p>
  {% include "trail/_flags.html" %}
  {% if entry.body %}
  {% if entry.body|length > 280 %}
  <p class="entry-preview" data-own-words>{{ entry.body|truncatechars:280 }}</p>
  <details class="entry-more">
    <summary>Read all<span class="sr-only"> of <span data-own-words>{{ entry.title }}</span></span></summary>
    <div class="entry-body" data-own-words>{{ entry.body|linebreaks }}</div>
  </details>
  {% else %}
  <div class="entry-body" data-own-words>{{ entry.body|linebreaks }}</div>
  {% endif %}
  {% endif %}
  {% include "trail/_attachments.html" %}
  {% include "trail/_corrections.html" %}
</article></li>
{% endfor %}{% endtimezone %}"""


def _same(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r">\s+<", "><", html)).strip()


def test_the_cards_are_the_cards_the_template_drew(child):
    lee = TeamMember.objects.create(child=child, name="Ms. <Lee>", role="teacher")
    when = START + timedelta(hours=7, minutes=5)
    long_body = "First line & more.\n\nSecond <paragraph> " + "é " * 300
    first = append(child, occurred_at=when, kind="email", direction="received",
                   counterpart=lee, subject="IEP <draft>", body=long_body)  # fmt: skip
    append(child, occurred_at=when + timedelta(days=1), kind="email", direction="received",
           sender='"Principal" <p@school.example>', body="We cannot provide an aide.")  # fmt: skip
    append(child, occurred_at=when + timedelta(days=2), kind="letter", direction="sent",
           recipients="a@school.example, " * 10, subject="Request", body="Short.")  # fmt: skip
    append(child, occurred_at=when + timedelta(days=3), kind="call", counterpart=lee, body="")
    append(child, occurred_at=when + timedelta(days=4), kind="note", direction="sent",
           subject="", body="Line one\nline two",
           attachments=[NewAttachment("notes <1>.txt", b"hello", "text/plain")])  # fmt: skip
    append(child, occurred_at=when + timedelta(days=5), kind="note", corrects=first,
           body="The date was wrong.", flags={"correction_reason": "Wrong <date>"})  # fmt: skip
    # As the timeline reads them: its columns, the team member's name alone.
    entries = read_page(child, EntryFilter(), columns=COLUMNS).entries
    assert any(e.flags for e in entries)  # the refusal detector flagged one, or the reason
    zone = zoneinfo.ZoneInfo("America/Los_Angeles")
    drawn = entry_cards(entries, child, zone)
    context = {"entries": entries, "child": child, "zone": zone}
    reference = engines["django"].from_string(REFERENCE).render(context)
    assert _same(drawn) == _same(reference)
    # And what it draws is what a parent needs: escaped text, links, the family's time.
    assert "IEP &lt;draft&gt;" in drawn and "<draft>" not in drawn
    assert "· from Ms. &lt;Lee&gt;" in drawn and "· with Ms. &lt;Lee&gt;" in drawn
    assert "Tue 1 Sep 2026, 3:05 p.m." in drawn  # 22:05 UTC, in Los Angeles
    assert drawn.count("<li><article") == 6 and "Read all" in drawn and "Corrects" in drawn


def test_a_preview_is_cut_where_truncatechars_cuts_it():
    from django.utils.text import Truncator

    from playbook.trail.cards import PREVIEW, _preview

    for size in (0, 1, PREVIEW - 1, PREVIEW, PREVIEW + 1, 2 * PREVIEW):
        for filler in ("a", "é", "e\u0301"):  # ASCII, accented, and a combining mark
            body = (filler * size)[: size * len(filler)]
            assert _preview(body) == Truncator(body).chars(PREVIEW), (size, filler)


def test_a_cards_date_is_written_as_djangos_date_format_writes_it():
    from datetime import datetime

    from django.utils import dateformat, translation

    from playbook.day_text import date_writer

    forms = ["D j M Y, g:i a", "D j b Y, g:i a", r"l j \d\e F \d\e Y, H:i", "d/m/Y G:i", "c"]
    forms += ["D M j, Y", "M j, Y", "j F Y", "l", "a"]  # the services rows, one name each
    moments = [
        datetime(2026, 3, 2, 0, 5),
        datetime(2026, 12, 31, 12, 0),
        datetime(2025, 7, 4, 23, 59),
    ]
    for language in ("en", "es"):
        with translation.override(language):
            for form in forms:
                write = date_writer(form)
                for moment in moments:
                    assert write(moment) == dateformat.format(moment, form), (language, form)
