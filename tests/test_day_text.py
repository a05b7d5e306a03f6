"""playbook.day_text writes every day as the ``date`` filter does, in English and Spanish."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from django.template.defaultfilters import date as date_filter
from django.utils import translation

from playbook.day_text import days_as

DAYS = [date(2025, 1, 1) + timedelta(days=n) for n in range(2 * 366)]  # a leap year among them


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("name", ["SHORT_DATE_FORMAT", "DATE_FORMAT", "MONTH_DAY_FORMAT",
                                  "YEAR_MONTH_FORMAT", "d/m/Y", r"\d\a\y j \o\f F, L t N E b"])  # fmt: skip
def test_every_day_is_written_as_the_filter_writes_it(language, name):
    with translation.override(language):
        write = days_as(name)
        assert [write(day) for day in DAYS] == [date_filter(day, name) for day in DAYS]


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_format_with_a_weekday_and_anything_but_a_date_go_to_the_filter(language):
    with translation.override(language):
        write = days_as("D j M Y")
        assert [write(day) for day in DAYS[:14]] == [date_filter(d, "D j M Y") for d in DAYS[:14]]
        write = days_as()
        moment = datetime(2026, 3, 1, 23, 30)
        assert write(moment) == date_filter(moment, "SHORT_DATE_FORMAT")
        assert write(None) == ""


def test_the_language_is_the_one_active_when_made():
    with translation.override("es"):
        write = days_as()
    with translation.override("en"):
        assert write(date(2026, 2, 3)) == "3 feb 2026"
