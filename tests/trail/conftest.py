from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from playbook.trail.chain import Draft, append_many
from tests.browser.conftest import (  # noqa: F401 - the browser fixtures, for test_browser.py
    axe_check,
    browser_context_args,
    browser_type_launch_args,
)

START = datetime(2026, 9, 1, 15, 0, tzinfo=UTC)


@pytest.fixture
def make_entries(child):
    """n entries on the child's trail, a day apart from 1 September 2026."""

    def make(n: int, *, target=None, **fields):
        start = START
        drafts = [
            Draft(
                occurred_at=start + timedelta(days=i),
                kind=fields.get("kind", "note"),
                subject=fields.get("subject", f"Entry {i}"),
                body=fields.get("body", f"Body of entry {i}"),
                counterpart=fields.get("counterpart"),
            )
            for i in range(n)
        ]
        return append_many(target or child, drafts)

    return make
