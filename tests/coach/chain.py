"""What the chain-of-command tests do through the API as a parent would: post, and put
someone on the team list."""

from __future__ import annotations

import json

from playbook.children.models import TeamMember

API = "/api/v1"


def post(client, url, data):
    response = client.post(f"{API}/{url}", json.dumps(data), content_type="application/json")
    assert response.status_code in (200, 201), response.content
    return response.json()


def member(child, name, role):
    return TeamMember.objects.create(
        child=child, name=name, role=role, email=f"{name.split()[-1].lower()}@school.example"
    )
