"""The child home, the coach's page, the deadlines, breaks, removals and plan pages in
Spanish (issue 19, es-home): no English left on them, the engine's basis sentences carry
the same citations in both languages, and the plan's content is Spanish."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.utils import translation

from playbook.children.deadline_rules import Rule
from playbook.coach.templatetags.own_words import own_words
from playbook.deadlines import engine
from playbook.plan.content import plan
from tests.i18n.test_spanish_pages import english_left, spanish_demo  # noqa: F401

# The pieces of a citation, in order: "34 CFR", "§", "300.530(b)", "(d)".
CITATION = re.compile(r"\d+ CFR|§+|\d+\.\d+(?:-\d+)?(?:\([0-9a-z]{1,4}\))*|\([a-z]\)")
PAGES = ["", "moves/", "deadlines/", "breaks/", "removals/", "plan/"]


@pytest.mark.parametrize("page", PAGES)
def test_the_page_in_spanish_has_no_english_left(spanish_demo, page):  # noqa: F811
    client, child = spanish_demo
    answer = client.get(f"/children/{child.pk}/{page}")
    assert answer.status_code == 200
    html = answer.content.decode()
    assert '<html lang="es">' in html
    assert english_left(html) == []
    # The same page in English is English: the check can fail.
    english = client.get(f"/children/{child.pk}/{page}?lang=en").content.decode()
    assert english_left(english)


def test_the_consent_report_page_in_spanish(spanish_demo):  # noqa: F811
    from playbook.deadlines.models import EvaluationConsent

    client, child = spanish_demo
    consent = EvaluationConsent.objects.create(child=child, signed_on=date(2026, 2, 2))
    url = f"/children/{child.pk}/deadlines/consents/{consent.pk}/report/"
    html = client.get(url).content.decode()
    assert "Informe de evaluación recibido" in html
    assert english_left(html) == []


def _both(child, today):
    with translation.override("en"):
        english = {d.id: d for d in engine._deadlines_for(child, today)}
    with translation.override("es"):
        spanish = {d.id: d for d in engine._deadlines_for(child, today)}
    return english, spanish


def test_every_basis_sentence_is_spanish_with_the_same_citations(spanish_demo):  # noqa: F811
    _, child = spanish_demo
    english, spanish = _both(child, date(2026, 3, 2))
    assert english.keys() == spanish.keys()
    assert len(english) > 5
    for key, d in english.items():
        es = spanish[key]
        assert es.citation == d.citation
        assert CITATION.findall(es.basis) == CITATION.findall(d.basis), key
        assert es.basis != d.basis, key
        assert english_left(f"<p>{own_words(es.basis)}</p>") == [], es.basis
        assert CITATION.findall(es.note) == CITATION.findall(d.note), key
    complaint = next(d for k, d in spanish.items() if k.startswith("state_complaint:"))
    assert complaint.basis.startswith("Un año después de la negativa")
    assert "si eso violó los derechos de su hijo o hija" in complaint.basis


def test_english_basis_sentences_are_unchanged(spanish_demo):  # noqa: F811
    _, child = spanish_demo
    english, _ = _both(child, date(2026, 3, 2))
    sentences = {d.basis for d in english.values()}
    assert (
        "One year after the refusal on January 16, 2026, if that was a violation of your child's rights."
        in sentences
    )
    assert "Three years after the last evaluation on May 17, 2024." in sentences


def test_state_clocks_in_spanish_keep_their_numbers():
    from playbook.children.school_calendar import SchoolCalendar
    from playbook.deadlines import clocks

    class Consent:
        signed_on = date(2026, 2, 2)
        requested_on = date(2026, 1, 20)
        report_on = date(2026, 3, 2)
        absences = 4
        next_year_starts = None

    calendar = SchoolCalendar()
    with translation.override("en"):
        due_en, en = clocks.texas_report(calendar, Consent, 45)
    with translation.override("es"):
        due_es, es = clocks.texas_report(calendar, Consent, 45)
    assert due_en == due_es
    assert en.startswith("45 school days after")
    assert es.startswith("45 días escolares después") and "2 de febrero de 2026" in es


def test_counting_words_in_spanish():
    rule = Rule("x", "X", 15, "days", "school", "", "cite", "Verified", "CA", excluding="summer")
    assert rule.counting_words == "school days, not counting the summer break"
    with translation.override("es"):
        assert engine.shown_counting(rule.counting_words) == (
            "días escolares, sin contar las vacaciones de verano"
        )


def test_the_plan_has_spanish_for_every_item_with_the_same_citations():
    for item in plan().items:
        assert item.title_es and item.why_es, item.id
        assert CITATION.findall(item.why_es) == CITATION.findall(item.why), item.id
        with translation.override("es"):
            assert item.shown_title == item.title_es
            assert english_left(f"<p>{item.shown_title} {item.shown_why}</p>") == [], item.id
        with translation.override("en"):
            assert item.shown_title == item.title


def test_the_api_plan_is_english_by_default_and_spanish_when_asked(client, spanish_demo):  # noqa: F811
    client, child = spanish_demo
    url = f"/api/v1/children/{child.pk}/plan?month=2026-12"
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").json()
    spanish = client.get(url, HTTP_ACCEPT_LANGUAGE="es").json()
    assert english and len(english) == len(spanish)
    assert english[0]["title"] == plan().by_id(english[0]["id"]).title
    assert spanish[0]["title"] == plan().by_id(spanish[0]["id"]).title_es


def test_every_rule_has_its_spanish_title_and_note_with_the_same_citations():
    from playbook.children.deadline_rules import tables

    for jurisdiction, rules in tables().items():
        for rule in rules.values():
            where = f"{jurisdiction}.{rule.id}"
            assert rule.title_es, where
            assert bool(rule.note_es) == bool(rule.note), where
            assert CITATION.findall(rule.note_es) == CITATION.findall(rule.note), where
            with translation.override("es"):
                assert rule.shown_title == rule.title_es
                shown = own_words(f"{rule.shown_title} {rule.shown_note}")
                assert english_left(f"<p>{shown}</p>") == [], where


def test_a_state_rule_and_the_federal_fallback_read_in_spanish():
    from playbook.children.deadline_rules import resolve

    with translation.override("es"):
        texas = resolve("due_process", "TX")
        assert texas.rule.shown_title == "Último día para pedir una audiencia de debido proceso"
        assert texas.rule.shown_note.startswith("Dos años desde el 1 de septiembre de 2022")
        fallback = engine.Deadline(
            id="x",
            rule="state_complaint",
            title="t",
            due=None,
            basis="",
            citation="34 CFR § 300.153(c)",
            counting="calendar",
            counting_words="calendar dates",
            source="federal",
            source_words=resolve("state_complaint", "CA").source_words,
            tag="Verified",
        )
        assert fallback.shown_label == (
            "Regla federal; la regla propia de California no está en nuestras tablas"
            " · verificada en el texto de la regla"
        )


def test_a_coming_meeting_on_the_home_reads_in_spanish(spanish_demo):  # noqa: F811
    from datetime import timedelta

    from playbook.meetings.models import Meeting

    client, child = spanish_demo
    Meeting.objects.create(
        child=child,
        kind=Meeting.Kind.ANNUAL_REVIEW,
        status=Meeting.Status.SCHEDULED,
        date=child.today() + timedelta(days=5),
        place="the school library",
    )
    html = client.get(f"/children/{child.pk}/").content.decode()
    assert "Programada en <span data-own-words>«the school library»</span>" in html or (
        "«the school library»</span>" in html
    )
    assert english_left(html) == []
    english = client.get(f"/children/{child.pk}/?lang=en").content.decode()
    assert "Scheduled at the school library" in english


def test_part_of_a_school_day_is_written_with_a_decimal_comma_in_spanish():
    """Removals count part of a day: the Spanish pages and the coach write 10,46 días
    escolares, the English ones 10.46 school days (a walk found "10.46 días")."""
    from decimal import Decimal

    from playbook.deadlines.discipline import RemovalYear
    from playbook.deadlines.models import shown_number

    year = RemovalYear(date(2026, 8, 1), date(2027, 7, 31), [], Decimal("10.46"))
    with translation.override("es"):
        assert year.days_words == "10,46 días escolares"
        assert shown_number(Decimal("3.00")) == "3"
    with translation.override("en"):
        assert year.days_words == "10.46 school days"
        assert shown_number(Decimal("0.50")) == "0.5"
