"""Every text a request sends is held to the rules of decision 0020, whatever the route.

The rule used to live on each field that remembered to ask for it (`TypedLine`, and a
`TypedBlock` since folded into `In`): a concern's title, an ask's subject, a refusal's words
and thirty more did not, and a NUL character in any of them reached PostgreSQL, which cannot
store it, as a 500 (SQLite stores it). Request schemas now share one base, `api.common.In`, that checks every
text field and every text in a list; the multipart fields of the policy document, which are
not a schema, are checked in their route."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from ninja import Schema
from pydantic import ValidationError

from playbook.advocacy.models import Concern
from playbook.refusals.models import Refusal
from tests.api.conftest import Api

NUL = "a\x00b"
# Read, never saved: `refusals/detect` reads pasted text whatever characters it holds.
SAVES_NOTHING = {"DetectIn"}


def _refs(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value.rsplit("/", 1)[-1]
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def _request_schemas() -> dict[str, type[Schema]]:
    """Each schema a request body names, nested ones too, by name (decision 0099: one name,
    one class)."""
    from playbook.api.main import api

    document = api.get_openapi_schema()
    components = document["components"]["schemas"]
    names, todo = set(), []
    for operations in document["paths"].values():
        for operation in operations.values():
            if isinstance(operation, dict) and "requestBody" in operation:
                todo += _refs(operation["requestBody"])
    while todo:
        name = todo.pop()
        if name not in names:
            names.add(name)
            todo += _refs(components.get(name, {}))

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    classes = {c.__name__: c for c in subclasses(Schema) if c.__module__.startswith("playbook.")}
    return {name: classes[name] for name in names if name in classes}


def _text_fields(schema: type[Schema]):
    """(field, a value holding a NUL) for each field that takes free text or a list of it."""
    for name, prop in schema.model_json_schema()["properties"].items():
        options = prop.get("anyOf", [prop])
        for option in options:
            if option.get("type") == "string" and "format" not in option and "enum" not in option:
                yield name, NUL
                break
            items = option.get("items", {})
            if option.get("type") == "array" and items.get("type") == "string":
                yield name, ["fine", NUL]
                break


def test_every_text_a_request_body_takes_refuses_a_nul_by_name():
    schemas = _request_schemas()
    assert {"ConcernIn", "AskIn", "RefusalIn", "MeetingIn", "IEPIn"} <= set(schemas)
    checked, accepted = 0, []
    for name, schema in sorted(schemas.items()):
        if name in SAVES_NOTHING:
            continue
        for field, value in _text_fields(schema):
            checked += 1
            try:
                schema.model_validate({field: value})
            except ValidationError as refused:
                problems = [e for e in refused.errors() if e["loc"][:1] == (field,)]
                if any("U+0000" in e["msg"] for e in problems):
                    continue
            accepted.append(f"{name}.{field}")
    assert checked > 60
    assert not accepted, f"these take a NUL: {accepted}"


@pytest.mark.django_db
def test_a_concern_whose_title_holds_a_nul_is_a_422_and_nothing_is_saved(alice, child):
    answer = Api(alice).post(f"children/{child.pk}/concerns", {"title": NUL})
    assert answer.status_code == 422, answer.content
    assert answer.json()["detail"].startswith("title:")
    assert "U+0000" in answer.json()["detail"]
    assert not Concern.objects.exists()


@pytest.mark.django_db
def test_a_meeting_agenda_item_holding_a_nul_is_a_422(alice, child):
    answer = Api(alice).post(
        f"children/{child.pk}/meetings", {"kind": "iep", "agenda": ["Reading", NUL]}
    )
    assert answer.status_code == 422, answer.content
    assert answer.json()["detail"].startswith("agenda:")


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["citation", "notes"])
def test_the_policy_documents_form_fields_refuse_a_nul(alice_client, child, field):
    refusal = Refusal.objects.create(
        child=child, words="That is not our policy.", said_on=date(2026, 10, 1)
    )
    unchanged = refusal.policy_outcome
    document = SimpleUploadedFile("policy.pdf", b"%PDF-1.4 a policy", "application/pdf")
    answer = alice_client.post(
        f"/api/v1/refusals/{refusal.pk}/policy-document", {"file": document, field: NUL}
    )
    assert answer.status_code == 422, answer.content
    assert answer.json()["detail"].startswith(f"{field}:")
    refusal.refresh_from_db()
    assert refusal.policy_outcome == unchanged and not refusal.policy_citation
