"""The words the coach's rules share within a run (``rules._Words``) are the ones each
suggestion wrote for itself before: the long date as Django's ``date_format`` writes it, in
English and in Spanish, for every day of two years."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import formats
from django.utils.translation import override

from playbook.coach.rules import _Words


def _as_before(day: date, language: str) -> str:
    if language == "es":
        return formats.date_format(day, "DATE_FORMAT")
    return f"{day:%B} {day.day}, {day.year}"


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_run_writes_each_date_as_date_format(language):
    with override(language):
        when = _Words().when
        for n in range(731):
            day = date(2025, 1, 1) + timedelta(days=n)
            assert when(day) == _as_before(day, language)
    with override("es"):
        assert _Words().when(date(2026, 3, 2)) == "2 de marzo de 2026"
