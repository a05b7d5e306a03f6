"""The binder's labels in the language it is drawn in (issue 19, `BinderJob.language`):
the state's name, a removal's kind and count, a refusal's written-policy outcome, a trial's
outcome, a concern's status, a goal's flags and the charts' words and months. The records'
English labels stay as they were for an English binder, so each check can fail."""

from __future__ import annotations

import base64
import re
from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from playbook import demo
from playbook.deadlines.models import Removal
from playbook.exports.binder import Scope, binder_context, render_html
from playbook.meetings.models import Trial

TODAY = date(2026, 3, 2)
SPANISH = [
    "Nuevo México",
    "<td>Suspensión<",
    "Salida informal o recogida temprana",
    "0,5 (3 de 6 horas)",
    "Esperando la norma",
    "Resultado: Funcionó.",
    "— pendiente</h3>",
    "El IEP no da un número de punto de partida para esta meta",
]
ENGLISH = [
    "New Mexico",
    "<td>Suspension<",
    "Informal removal or early pick-up",
    "0.5 (3 of 6 hours)",
    "Waiting for the policy",
    "Outcome: It worked.",
    "— open</h3>",
    "The IEP gives no baseline number for this goal",
]


@pytest.fixture
def child(db):
    child = demo.load_demo(TODAY)
    child.state = "NM"
    child.save(update_fields=["state"])
    Removal.objects.create(child=child, date=date(2026, 2, 10), days=1)
    Removal.objects.create(
        child=child,
        date=date(2026, 2, 20),
        kind=Removal.Kind.INFORMAL,
        hours=Decimal("3"),
        school_day_hours=Decimal("6"),
    )
    Trial.objects.filter(child=child).update(outcome=Trial.Outcome.WORKED)
    return child


def binder(child, language: str) -> str:
    with translation.override(language):
        return render_html(binder_context(child, Scope(), TODAY))


def charts(html: str) -> str:
    """The text of every chart drawn in the binder (matplotlib keeps it in comments)."""
    found = re.findall(r'src="data:image/svg\+xml;base64,([^"]+)"', html)
    return "\n".join(base64.b64decode(uri).decode() for uri in found)


def test_the_spanish_binder_names_the_records_in_spanish(child):
    html = binder(child, "es")
    assert [words for words in SPANISH if words not in html] == []
    assert [words for words in ENGLISH if words in html] == []


def test_the_english_binder_keeps_the_records_english_labels(child):
    html = binder(child, "en")
    assert [words for words in ENGLISH if words not in html] == []
    assert [words for words in SPANISH if words in html] == []


def test_the_binders_charts_speak_its_language(child):
    spanish, english = charts(binder(child, "es")), charts(binder(child, "en"))
    assert "Meta 1" in spanish and "Goal 1" not in spanish
    assert "Goal 1" in english
    # The months under the goal charts and the data series charts.
    assert re.search(r"\bene\b", spanish) and not re.search(r"\bJan\b", spanish)
    assert re.search(r"\bJan\b", english) and not re.search(r"\bene\b", english)
