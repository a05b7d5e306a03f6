"""Whatever JSON arrives, the answer is a 2xx or a 4xx with a detail, never a 500."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from playbook.children.models import IEP, Child, TeamMember

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)
DATES = st.sampled_from(["2025-09-02", "2026-09-01", "2025-02-30", "09/02/2025", "", 0])

CHILD = st.fixed_dictionaries(
    {},
    optional={
        "name": st.text(max_size=160) | JSON,
        "birth_date": DATES | JSON,
        "grade": st.sampled_from(["K", "3", "13", "post", ""]) | JSON,
        "state": st.sampled_from(["CA", "ny", "ZZ", ""]) | JSON,
        "school_year_start_month": st.integers(-2, 14) | JSON,
    },
)
MEMBER = st.fixed_dictionaries(
    {},
    optional={
        "name": st.text(max_size=160) | JSON,
        "role": st.sampled_from(["principal", "therapist", "janitor"]) | JSON,
        "email": st.sampled_from(["a@b.org", "nope", ""]) | JSON,
        "phone": st.text(max_size=50),
    },
)
SERVICE = st.fixed_dictionaries(
    {},
    optional={
        "service": st.text(max_size=20) | JSON,
        "minutes": st.integers(-5, 20_000) | JSON,
        "per": st.sampled_from(["day", "week", "month", "year"]) | JSON,
        "sessions": st.integers(-1, 3) | st.none(),
    },
)
IEP_BODY = st.fixed_dictionaries(
    {},
    optional={
        "start_date": DATES | JSON,
        "end_date": DATES | JSON,
        "last_evaluation_date": DATES,
        "reevaluation_due": DATES,
        "services": st.lists(SERVICE, max_size=3) | JSON,
        "goals": st.lists(st.text(max_size=10) | JSON, max_size=3),
        "accommodations": st.lists(st.text(max_size=10), max_size=3) | JSON,
    },
)

FUZZ = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def check(response, created_model, before):
    assert response.status_code in (200, 201, 400, 422), response.content
    body = response.json()
    if response.status_code >= 400:
        assert isinstance(body["detail"], str) and body["detail"]
        assert created_model.objects.count() == before


@pytest.mark.parametrize(
    ("route", "strategy", "model"),
    [
        ("children", CHILD, Child),
        ("children/{child}/team", MEMBER, TeamMember),
        ("children/{child}/ieps", IEP_BODY, IEP),
    ],
)
def test_any_json_gets_a_clear_answer(alice_api, child, route, strategy, model):
    @FUZZ
    @given(body=strategy | JSON)
    def run(body):
        before = model.objects.count()
        response = alice_api.post(route.format(child=child.pk), raw=json.dumps(body))
        check(response, model, before)

    run()
