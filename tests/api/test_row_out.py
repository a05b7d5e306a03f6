"""Answers handed over as plain dicts (playbook.api.common.RowOut) are validated as they are,
without ninja's per-field getter, and come out exactly as ninja's own Schema made them: the
same values, the same errors, the same defaults (issue 13)."""

from __future__ import annotations

import datetime as dt
import uuid
from types import SimpleNamespace
from unittest import mock

import pytest
from ninja import Schema
from ninja.schema import NinjaGenerateJsonSchema
from pydantic import ValidationError, create_model

from playbook.api import common
from playbook.api.advocacy import AskOut
from playbook.api.deadlines import DeadlineOut
from playbook.api.trail import EntryOut


def ninjas_own(schema):
    """The same fields on ninja's Schema, as the answers were validated before."""
    fields = {name: (f.annotation, f) for name, f in schema.model_fields.items()}
    return create_model(f"Ninja{schema.__name__}", __base__=Schema, **fields)


ASK = {
    "id": uuid.uuid4(), "subject": "Speech <eval>", "details": "", "asked_of": None,
    "asked_on": dt.date(2026, 10, 1), "channel": "email", "status": "open",
    "reply_due": dt.date(2026, 10, 11), "reply_text": "", "reply_date": None,
    "concern": uuid.uuid4(), "days_waited": 3, "overdue": False,
    "about": None, "escalated_on": None,
}  # fmt: skip
ENTRY = {
    "id": uuid.uuid4(), "seq": 7,
    "occurred_at": dt.datetime(2026, 10, 1, 9, 30, tzinfo=dt.UTC),
    "recorded_at": dt.datetime(2026, 10, 1, 9, 31, tzinfo=dt.UTC),
    "kind": "email", "direction": "in", "counterpart": None, "sender": "a@b.org",
    "recipients": "", "subject": "Re: OT", "body": "No.", "message_id": "<x@y>",
    "corrects": None, "corrected_by": [uuid.uuid4()],
    "attachments": [{"id": uuid.uuid4(), "name": "a.pdf", "size": 3, "sha256": "ab",
                     "content_type": "application/pdf", "url": "/api/v1/attachments/1"}],
    "hash": "h", "prev_hash": "p", "flags": {"refusal": {"kind": "no"}},
}  # fmt: skip
DEADLINE = {
    "id": "iep-annual", "title": "Annual IEP", "due": None, "basis": "b", "citation": "c",
    "counting": "calendar days", "source": "federal", "status": "Verified", "label": "l", "shown_label": "s",
    "fallback": True, "note": "", "disclaimer": "d",
}  # fmt: skip


@pytest.mark.parametrize(
    ("schema", "item"),
    [(AskOut, ASK), (EntryOut, ENTRY), (DeadlineOut, DEADLINE),
     (AskOut, {k: v for k, v in ASK.items() if k not in ("about", "escalated_on")}),
     (AskOut, {**ASK, "extra": "ignored"})],
)  # fmt: skip
def test_a_dict_comes_out_as_ninjas_schema_made_it(schema, item):
    ninja = ninjas_own(schema)
    assert issubclass(schema, common.RowOut)
    with mock.patch("ninja.schema.DjangoGetter", side_effect=AssertionError("getter used")):
        ours = schema.model_validate(item)
    assert ours.model_dump() == ninja.model_validate(item).model_dump()
    assert ours.model_dump_json() == ninja.model_validate(item).model_dump_json()


@pytest.mark.parametrize("broken", [{"seq": "seven"}, {"attachments": [{"id": "x"}]}, {"id": None}])
def test_a_wrong_dict_is_refused_as_ninjas_schema_refused_it(broken):
    item = {**ENTRY, **broken}
    with pytest.raises(ValidationError) as ours:
        EntryOut.model_validate(item)
    with pytest.raises(ValidationError) as theirs:
        ninjas_own(EntryOut).model_validate(item)
    assert ours.value.errors(include_url=False) == theirs.value.errors(include_url=False)


def test_an_object_with_plain_attributes_comes_out_as_ninjas_schema_made_it():
    deadline = SimpleNamespace(**DEADLINE)
    ours = DeadlineOut.model_validate(deadline)
    assert ours.model_dump() == ninjas_own(DeadlineOut).model_validate(deadline).model_dump()


def test_the_openapi_document_names_them_as_before(client):
    schemas = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    for schema in (AskOut, EntryOut, DeadlineOut):
        ninja = ninjas_own(schema).model_json_schema(
            ref_template="#/components/schemas/{model}", schema_generator=NinjaGenerateJsonSchema
        )
        assert schemas[schema.__name__]["properties"] == ninja["properties"]
        assert schemas[schema.__name__].get("required") == ninja.get("required")
