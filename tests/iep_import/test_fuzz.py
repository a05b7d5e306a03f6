"""Whatever text a PDF holds, the parser answers (facts or nothing), never fails."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from playbook.iep_import.iep_text import find_dates, parse_amount
from playbook.iep_import.reading import FACTS, Page, parse_pages

WORDS = st.sampled_from(
    ["Annual Goal 1:", "Goal #", "Accommodations", "Services", "Start Date", "End Date",
     "09/15/2026", "2x30 min", "per week", "Speech therapy:", "•", "1.", "Baseline:",
     "Triennial", "minutes", "daily", ":", "-", "Page 2 of 3", "13/45/2026", "Sept.", "in the"]
)  # fmt: skip
LINES = st.lists(st.one_of(WORDS, st.text(max_size=12)), max_size=8).map(" ".join)
CELLS = st.lists(st.one_of(WORDS, st.text(max_size=8)), min_size=1, max_size=5)
PAGES = st.lists(
    st.tuples(st.lists(LINES, max_size=12), st.lists(st.lists(CELLS, max_size=4), max_size=2)),
    min_size=1,
    max_size=3,
)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PAGES)
def test_any_text_reads_without_failing(pages):
    reading = parse_pages(
        [
            Page(n, [line for line in lines if line.strip()], tables)
            for n, (lines, tables) in enumerate(pages, start=1)
        ]
    )
    assert set(reading.facts) == set(FACTS)
    for found in reading.facts.values():
        assert found is None or 1 <= found["page"] <= len(pages)
    for service in reading.services:
        assert service["per"] in (None, "day", "week", "month")
        assert service["minutes"] is None or service["minutes"] > 0


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=80))
def test_dates_and_amounts_accept_any_text(text):
    find_dates(text)
    amount = parse_amount(text)
    assert amount.minutes is None or amount.minutes > 0
