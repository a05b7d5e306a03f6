"""A goal's chart writes its months in the reader's language (issue 19): "ene" under the
Spanish chart, "Jan" under the English one, as before."""

from __future__ import annotations

import re
from datetime import date

from django.urls import reverse
from django.utils import translation

from playbook.progress.charts import month_tick

from .test_spanish_pages import spanish_demo  # noqa: F401


def test_a_tick_names_its_month_in_the_readers_language():
    with translation.override("es"):
        assert month_tick(date(2026, 1, 5)) == "ene\n2026"
        assert month_tick(date(2026, 10, 1)) == "oct\n2026"
    with translation.override("en"):
        assert month_tick(date(2026, 1, 5)) == "Jan\n2026"


def test_the_goal_chart_page_writes_spanish_months(spanish_demo):  # noqa: F811
    client, child = spanish_demo
    goal = child.current_iep().goals.first()
    url = reverse("goal_chart", args=[child.pk, goal.pk])
    spanish = client.get(url).content.decode()
    assert re.search(r"\bene\b", spanish) and not re.search(r"\bJan\b", spanish)
    english = client.get(url + "?lang=en").content.decode()
    assert re.search(r"\bJan\b", english) and not re.search(r"\bene\b", english)
