"""The OpenAPI document names each answer's schema once. django-ninja files every schema
under its class name, so two different classes with one name (a trial's breaks and the
deadlines' breaks, the IEP's goals and the progress goals) left one of them documented with
the other's fields: `GET children/{id}/goals` was described as the IEP page's four fields,
and a trial's `breaks_inside` as needing an `id` it does not have."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date, timedelta

import pytest
import schemathesis
from ninja import Schema
from schemathesis.specs.openapi.checks import response_schema_conformance

from playbook.accounts.models import ApiToken
from playbook.children.models import IEP, Goal, SchoolBreak
from playbook.meetings.models import Trial


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def test_no_two_different_schemas_share_a_name():
    from playbook.api.main import api

    api.get_openapi_schema()  # every router and its schemas imported
    by_name = defaultdict(set)
    for schema in _subclasses(Schema):
        if schema.__module__.startswith("playbook."):
            by_name[schema.__name__].add(json.dumps(schema.model_json_schema(), sort_keys=True))
    shared = {name: len(shapes) for name, shapes in by_name.items() if len(shapes) > 1}
    assert not shared, f"one name, several shapes: {shared}"


@pytest.fixture
def operations():
    from playbook.wsgi import application

    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


def _answer(operations, user, path, **path_parameters):
    """The answer to GET ``path``, checked against its documented schema (raises, naming the
    field, when it does not conform)."""
    token = ApiToken.issue(user)[1]
    case = operations[f"/api/v1/{path}"]["GET"].Case(path_parameters=path_parameters)
    return case.call_and_validate(
        headers={"Authorization": f"Bearer {token}"}, checks=[response_schema_conformance]
    )


@pytest.mark.django_db(transaction=True)
def test_a_trial_across_a_break_answers_as_documented(alice, child, operations):
    SchoolBreak.objects.create(
        child=child, name="Winter break", start=date(2026, 12, 21), end=date(2027, 1, 1)
    )
    trial = Trial.objects.create(
        child=child,
        proposal="a shared classroom aide",
        start_date=date(2026, 12, 7),
        weeks=6,
        measure="times he leaves the classroom",
        review_date=date(2027, 1, 25),
    )
    response = _answer(operations, alice, "trials/{trial_id}", trial_id=str(trial.pk))
    assert response.status_code == 200
    assert [b["name"] for b in response.json()["breaks_inside"]] == ["Winter break"]


@pytest.mark.django_db(transaction=True)
def test_the_progress_goals_answer_as_documented(alice, child, operations):
    start = child.today() - timedelta(days=60)
    iep = IEP.objects.create(child=child, start_date=start, end_date=start + timedelta(days=364))
    Goal.objects.create(iep=iep, text="Sam will improve his reading.")
    response = _answer(operations, alice, "children/{child_id}/goals", child_id=str(child.pk))
    assert response.status_code == 200
    [goal] = response.json()
    assert goal["baseline"] is None and goal["baseline_text"] == ""
