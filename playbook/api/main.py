"""The HTTP API at /api/v1/: one NinjaAPI, one router per domain module."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import ProtectedError, RestrictedError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import HttpBearer, SessionAuth

from playbook.accounts.models import ApiToken
from playbook.accounts.rates import ApiAnonRateThrottle, ApiUserRateThrottle
from playbook.api.common import (
    ErrorOut,
    check_path_scope,
    describe,
    field_errors_from_django,
    field_errors_from_pydantic,
)

# Both ways of signing in check the path's ids right away (common.check_path_scope): the
# body is parsed only for someone who may reach, and write, what the path names.


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        user = ApiToken.user_for(token)
        if user is not None:
            request.user = user
            check_path_scope(request, user)
        return user


class Session(SessionAuth):
    """The browser session; writes need the CSRF token, as for any form."""

    def authenticate(self, request: HttpRequest, key: str | None):
        user = super().authenticate(request, key)
        if user is not None:
            check_path_scope(request, user)
        return user


class PlaybookAPI(NinjaAPI):
    """Every operation can answer the common errors; the OpenAPI document says so, with
    their one shape, so a client (or schemathesis) is never surprised by a status."""

    COMMON_ERRORS = {
        "400": "The request could not be read (malformed JSON or form data).",
        "401": "Not signed in: send 'Authorization: Bearer TOKEN'.",
        "403": "Signed in, but read-only for this family's records.",
        "404": "No such object among your family's records (or no such route).",
        "409": "The change conflicts with the records as they stand.",
        "413": "The body or upload is over the size limit.",
        "422": "A field is missing or wrong; `detail` names it.",
        "429": "Too many requests; `Retry-After` says when to try again.",
    }

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        if "ErrorOut" not in components:
            error_schema = ErrorOut.model_json_schema(ref_template="#/components/schemas/{model}")
            components.update(error_schema.pop("$defs", {}))
            components["ErrorOut"] = error_schema
        error = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}}
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                if not isinstance(operation, dict) or "responses" not in operation:
                    continue
                responses = operation["responses"]
                for code, description in self.COMMON_ERRORS.items():
                    # ninja keys responses by int until the document is serialised
                    if code not in responses and int(code) not in responses:
                        responses[int(code)] = {"description": description, "content": error}
                # A query string too long for the server is refused before the app sees it.
                responses.setdefault(414, {"description": "The address is too long."})
        return schema


api = PlaybookAPI(
    title="IEP Playbook API",
    version="1",
    description="The public contract of IEP Playbook (see docs/api.md). Dates are YYYY-MM-DD; "
    'errors are {"detail": ...} with a 4xx status.',
    auth=[BearerToken(), Session()],
    urls_namespace="api",
    # Per account (token or session) and per address for the unauthenticated; counted
    # atomically in the shared cache so several app processes add up (accounts/rates.py).
    throttle=[
        ApiAnonRateThrottle(settings.API_RATE_ANONYMOUS),
        ApiUserRateThrottle(settings.API_RATE_AUTHENTICATED),
    ],
)


@api.exception_handler(Throttled)
def throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
    wait = int(exc.wait or 60)
    response = api.create_response(
        request,
        {"detail": gettext("Too many requests. Wait %(n)s seconds, then try again.") % {"n": wait}},
        status=429,
    )
    response["Retry-After"] = str(wait)
    return response


@api.exception_handler(PermissionDenied)
def permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    message = str(exc) or gettext("You don't have permission to change this.")
    return api.create_response(request, {"detail": message}, status=403)


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(
        request,
        {
            "detail": gettext(
                "Sign in, or send 'Authorization: Bearer TOKEN' (see `playbook token`)."
            )
        },
        status=401,
    )


def _unprocessable(request: HttpRequest, field_errors: list[dict[str, str]]) -> HttpResponse:
    body = {"detail": describe(field_errors), "errors": field_errors}
    return api.create_response(request, body, status=422)


@api.exception_handler(NinjaValidationError)
def invalid_input(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    return _unprocessable(request, field_errors_from_pydantic(exc.errors))


@api.exception_handler(DjangoValidationError)
def invalid_model(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    return _unprocessable(request, field_errors_from_django(exc))


def _too_big(request: HttpRequest) -> HttpResponse:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024)
    detail = gettext(
        "The request body is larger than the %(limit)s MB limit; send less at once."
    ) % {"limit": limit}
    return api.create_response(request, {"detail": detail}, status=413)


@api.exception_handler(RequestDataTooBig)
def too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    return _too_big(request)


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    if isinstance(exc.__cause__, RequestDataTooBig):
        return _too_big(request)
    if exc.status_code == 400 and str(exc).startswith("Cannot parse request body"):
        detail = gettext("The request body is not valid JSON; send a JSON object.")
        return api.create_response(request, {"detail": detail}, status=400)
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    detail = gettext("Not found: nothing with this id is in your family's records.")
    return api.create_response(request, {"detail": detail}, status=404)


@api.exception_handler(ProtectedError)
@api.exception_handler(RestrictedError)
def still_referenced(request: HttpRequest, exc: ProtectedError) -> HttpResponse:
    detail = gettext(
        "This can't be deleted while other records refer to it; delete or change those first."
    )
    return api.create_response(request, {"detail": detail}, status=409)


def _add_routers() -> None:
    # Imported here so each domain module can import the api's helpers without a cycle.
    from playbook.api import (
        accounts,
        advocacy,
        children,
        coach,
        deadlines,
        evaluations,
        exports,
        iep_import,
        ieps,
        ledger,
        letters,
        meetings,
        plan,
        progress,
        refusals,
        team,
        trail,
    )

    # Django tries routes in this order: the routers whose paths end in an id parameter
    # (children/{child_id}/ieps/{iep_id}) come last, so a fixed path beside them
    # (children/{child_id}/ieps/import) is not taken for an id.
    for module in (
        accounts,
        iep_import,
        progress,
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
        evaluations,
        children,
        team,
        ieps,
    ):
        api.add_router("", module.router)


_add_routers()
