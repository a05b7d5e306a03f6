from __future__ import annotations

from datetime import date

import pytest

from playbook.children.ieps import create_iep

from .reports import BASELINES, GOALS


@pytest.fixture
def iep(child):
    return create_iep(
        child,
        {
            "start_date": date(2026, 9, 1),
            "end_date": date(2027, 8, 31),
            "goals": [{"text": t, "baseline": b} for t, b in zip(GOALS, BASELINES, strict=True)],
        },
    )
