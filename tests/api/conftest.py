import json

import pytest
from django.test import Client

from playbook.accounts.models import ApiToken


class Api:
    """The API as a program sees it: JSON in and out, a bearer token."""

    def __init__(self, user=None):
        self.client = Client()
        self.headers = {}
        if user is not None:
            _, raw = ApiToken.issue(user)
            self.headers["Authorization"] = f"Bearer {raw}"

    def _send(self, method, path, body=None, raw=None):
        data = raw if raw is not None else (json.dumps(body) if body is not None else None)
        kwargs = {"content_type": "application/json", "headers": self.headers}
        if data is not None:
            kwargs["data"] = data
        return getattr(self.client, method)(f"/api/v1/{path}", **kwargs)

    def get(self, path):
        return self._send("get", path)

    def post(self, path, body=None, raw=None):
        return self._send("post", path, body if body is not None else {}, raw)

    def patch(self, path, body=None, raw=None):
        return self._send("patch", path, body if body is not None else {}, raw)

    def delete(self, path):
        return self._send("delete", path)


@pytest.fixture
def alice_api(alice):
    return Api(alice)


@pytest.fixture
def bob_api(bob):
    return Api(bob)


@pytest.fixture
def charlie_api(charlie):
    return Api(charlie)


def detail(response) -> str:
    return response.json()["detail"]
