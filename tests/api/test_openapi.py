"""The OpenAPI document is complete: every route of this part, every response declared."""

import re

import pytest

from tests.conftest import made_once

CONTRACT = {
    "/api/v1/me": {"get"},
    "/api/v1/households/{household_id}/members": {"get"},
    "/api/v1/households/{household_id}/members/{membership_id}": {"get", "delete"},
    "/api/v1/households/{household_id}/invites": {"post"},
    "/api/v1/invites/{token}/accept": {"post"},
    "/api/v1/children": {"get", "post"},
    "/api/v1/children/{child_id}": {"get", "patch", "delete"},
    "/api/v1/children/{child_id}/team": {"get", "post"},
    "/api/v1/children/{child_id}/team/{team_member_id}": {"get", "patch", "delete"},
    "/api/v1/children/{child_id}/ieps": {"get", "post"},
    "/api/v1/children/{child_id}/ieps/{iep_id}": {"get", "delete"},
}
METHODS = {"get", "post", "put", "patch", "delete"}


@pytest.fixture(scope="module")
def document(django_db_blocker):
    """Fetched once for the module: generating it takes about a second, and the tests only
    read it."""
    from django.test import Client

    with made_once(django_db_blocker):
        response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def operations(document):
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method in METHODS:
                yield path, method, operation


def resolve(document, ref):
    assert ref.startswith("#/"), ref
    node = document
    for part in ref[2:].split("/"):
        assert part in node, f"{ref} does not resolve"
        node = node[part]
    return node


def all_refs(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from all_refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from all_refs(value)


def test_it_is_an_openapi_3_document(document):
    assert document["openapi"].startswith("3.")
    assert document["info"]["title"] and document["info"]["version"]


def test_it_holds_every_route_of_the_contract(document):
    for path, methods in CONTRACT.items():
        assert path in document["paths"], path
        assert methods <= set(document["paths"][path]), path


def test_every_reference_resolves(document):
    for ref in all_refs(document):
        resolve(document, ref)


def test_operation_ids_are_unique(document):
    ids = [op["operationId"] for _, _, op in operations(document)]
    assert len(ids) == len(set(ids))


def test_every_path_parameter_is_declared(document):
    for path, _, operation in operations(document):
        declared = {p["name"] for p in operation.get("parameters", []) if p["in"] == "path"}
        assert set(re.findall(r"{(\w+)}", path)) == declared, path


def test_every_operation_declares_its_success_and_error_responses(document):
    for path, method, operation in operations(document):
        if path not in CONTRACT:
            continue
        responses = operation["responses"]
        success = [code for code in responses if code.startswith("2")]
        assert success, f"{method} {path} declares no success response"
        for code in success:
            if code != "204":
                schema = responses[code]["content"]["application/json"]["schema"]
                assert schema, f"{method} {path} {code} has no schema"
        error_schema = {"$ref": "#/components/schemas/ErrorOut"}
        for code in ("401", "404") if path != "/api/v1/me" else ("401",):
            assert responses[code]["content"]["application/json"]["schema"] == error_schema
        if method != "get":
            for code in ("400", "403", "422"):
                assert code in responses, f"{method} {path} does not declare {code}"


def test_choices_are_enums_in_the_document(document):
    schemas = document["components"]["schemas"]
    grade = schemas["ChildIn"]["properties"]["grade"]
    assert grade["enum"][:3] == ["PK", "K", "1"] and "post" in grade["enum"]
    assert "superintendent" in schemas["TeamMemberIn"]["properties"]["role"]["enum"]
    assert schemas["ServiceIn"]["properties"]["per"]["enum"] == ["day", "week", "month"]


def test_the_interactive_docs_are_served_without_a_cdn(client, db):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    page = response.content.decode()
    assert "swagger-ui-bundle.js" in page
    assert not re.findall(r'(?:src|href)="https?://', page)
