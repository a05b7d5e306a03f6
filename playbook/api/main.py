"""The HTTP API at /api/v1/: one NinjaAPI, one router per domain module."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer, SessionAuth

from playbook.accounts.models import ApiToken


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        user = ApiToken.user_for(token)
        if user is not None:
            request.user = user
        return user


api = NinjaAPI(
    title="IEP Playbook API",
    version="1",
    description="The public contract of IEP Playbook (see API.md). Dates are YYYY-MM-DD; "
    'errors are {"detail": ...} with a 4xx status.',
    auth=[BearerToken(), SessionAuth()],
    urls_namespace="api",
)


@api.exception_handler(PermissionDenied)
def permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    message = str(exc) or "You don't have permission to change this."
    return api.create_response(request, {"detail": message}, status=403)


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(
        request,
        {"detail": "Sign in, or send 'Authorization: Bearer TOKEN' (see `playbook token`)."},
        status=401,
    )


def _add_routers() -> None:
    # Imported here so each domain module can import the api's helpers without a cycle.
    from playbook.api import (
        accounts,
        advocacy,
        children,
        coach,
        deadlines,
        exports,
        iep_import,
        ledger,
        letters,
        meetings,
        plan,
        refusals,
        trail,
    )

    for module in (
        accounts,
        children,
        iep_import,
        trail,
        advocacy,
        refusals,
        letters,
        meetings,
        coach,
        deadlines,
        plan,
        ledger,
        exports,
    ):
        api.add_router("", module.router)


_add_routers()
