"""What every API router shares: the error shape, strict dates, `?today=`, the scoping of
path ids before anything else runs, and 304 Not Modified for a repeat read of a child.

Errors are always ``{"detail": "...", "errors": [{"field", "message"}]?}``: ``detail`` is one
sentence a person can act on and names the field at fault; ``errors`` lists each field's
problem when there are several.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from functools import wraps
from typing import Annotated, Any, TypeVar

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext, gettext_noop
from ninja import Query, Schema
from ninja.decorators import decorate_view
from ninja.errors import HttpError
from ninja.operation import Operation
from ninja.utils import contribute_operation_callback
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
    field_validator,
)

from playbook import days_in_reach
from playbook.accounts.models import latest_today
from playbook.accounts.path_scope import SCOPED_PATH_PARAMS, check_path_scope, scoped_object
from playbook.children import conditional
from playbook.days_in_reach import out_of_reach
from playbook.plain_text import refuse_unsavable, unsavable_text

__all__ = ["SCOPED_PATH_PARAMS", "check_path_scope"]  # the API's sign-in uses them

M = TypeVar("M", bound=models.Model)

# --- What a request sends --------------------------------------------------------------------


class In(Schema):
    """A request's body or query. Every text in it, at any depth, is refused with a 422 if
    it holds a character that cannot be saved (a NUL reached PostgreSQL as a 500), by a
    block's rules; a field annotated ``TypedLine`` is held to a line's rules as well."""

    @field_validator("*", mode="before")
    @classmethod
    def _savable(cls, value: Any) -> Any:
        return refuse_unsavable(value)


# --- Error shape ---------------------------------------------------------------------------


class FieldError(Schema):
    field: str = Field(description="The field at fault, dotted for nested ones: services.0.per")
    message: str


class ErrorOut(Schema):
    detail: str = Field(description="What went wrong and how to fix it.")
    errors: list[FieldError] | None = Field(
        default=None, description="Each field's problem, when the request had several."
    )


def error_responses(*codes: int) -> dict[int, type[ErrorOut]]:
    """The error statuses an operation may answer, for its OpenAPI document."""
    return {code: ErrorOut for code in codes}


# Every authenticated route can answer these.
READ_ERRORS = error_responses(401, 404, 422)
WRITE_ERRORS = error_responses(400, 401, 403, 404, 413, 422)


def field_errors_from_pydantic(errors: list[dict[str, Any]]) -> list[dict[str, str]]:
    """Ninja's validation errors as ``[{field, message}]`` in plain words."""
    out = []
    for error in errors:
        loc = [str(part) for part in error.get("loc", ())]
        # Ninja prefixes the source ("body", "query", "path") and the parameter's name.
        if loc and loc[0] in ("body", "query", "path", "header", "cookie", "form", "file"):
            loc = loc[2:] if loc[0] == "body" else loc[1:]
        field = ".".join(loc) or "body"
        out.append({"field": field, "message": _plain_message(error)})
    return out


def field_errors_from_django(exc: DjangoValidationError) -> list[dict[str, str]]:
    if hasattr(exc, "error_dict"):
        return [
            {"field": field, "message": " ".join(messages)}
            for field, messages in exc.message_dict.items()
        ]
    return [{"field": "body", "message": " ".join(exc.messages)}]


def describe(field_errors: list[dict[str, str]]) -> str:
    parts = []
    for item in field_errors:
        if item["field"] in ("body", "__all__"):
            parts.append(item["message"])
        else:
            parts.append(f"{item['field']}: {item['message']}")
    return " ".join(part if part.endswith(".") else part + "." for part in parts)


def _plain_message(error: dict[str, Any]) -> str:
    """A validation error in plain words, in the request's language."""
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    message = str(error.get("msg", "is not valid"))
    if kind == "missing":
        return gettext("This field is required.")
    if kind == "value_error":
        return message.removeprefix("Value error, ")
    if kind == "literal_error":
        expected = str(ctx.get("expected", "")).replace("'", "")
        return gettext("Choose one of: %(expected)s.") % {"expected": expected}
    if kind == "string_too_short":
        return gettext("This can't be empty.")
    if kind == "string_too_long":
        return gettext("Keep this to %(n)s characters or fewer.") % {"n": ctx.get("max_length")}
    if kind in ("greater_than_equal", "greater_than"):
        if "ge" in ctx:
            return gettext("Use a whole number of at least %(n)s.") % {"n": ctx["ge"]}
        return gettext("Use a whole number above %(n)s.") % {"n": ctx.get("gt")}
    if kind in ("less_than_equal", "less_than"):
        return gettext("Use a number no larger than %(n)s.") % {"n": ctx.get("le", ctx.get("lt"))}
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return gettext("Use a whole number, like 30.")
    if kind in ("string_type",):
        return gettext("Use text (a JSON string).")
    if kind == "string_unicode":  # a lone surrogate, which JSON can carry ("\ud800")
        return unsavable_text()
    if kind in ("list_type",):
        return gettext("Use a list (a JSON array).")
    if kind in ("too_long",):
        return gettext("Send at most %(n)s items.") % {"n": ctx.get("max_length")}
    if kind in ("model_attributes_type", "dict_type", "model_type"):
        return gettext("Use an object (a JSON object with named fields).")
    if kind == "extra_forbidden":
        return gettext("This field is not recognised; leave it out.")
    return message


def refuse_oversized(upload: Any) -> None:
    """413 for an uploaded file over MAX_UPLOAD_BYTES (Django streams big files to disk,
    so their size is only known here, not as RequestDataTooBig)."""
    limit = settings.MAX_UPLOAD_BYTES
    if upload is not None and upload.size > limit:
        raise HttpError(
            413,
            gettext(
                "%(name)s is %(size)s MB; files can be at most %(limit)s MB. Send a smaller "
                "file (a scan at lower resolution, or the pages that matter)."
            )
            % {
                "name": upload.name,
                "size": f"{upload.size / (1024 * 1024):.1f}",
                "limit": limit // (1024 * 1024),
            },
        )


# --- Answers drawn from plain dicts --------------------------------------------------------


class RowOut(BaseModel):
    """An answer's item that a route hands over as a dict of plain values (``ask_out``,
    ``entry_out``...): a plain pydantic model, which ninja answers with as it does with its own
    ``Schema``. ``Schema`` reads every field of every item through ninja's getter, which
    converts querysets, managers, files and callables; a dict of plain values has none of
    them, and on a list of 200 asks that getter was about a third of the answer's time
    (issue 13)."""

    model_config = ConfigDict(from_attributes=True)


# --- Strict dates ----------------------------------------------------------------------------

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# The date problems, in the reader's language (issue 19).
DATE_HINT = gettext_noop("Use the date format YYYY-MM-DD, like 2025-09-02.")
NOT_A_REAL_DATE = gettext_noop("%(value)s is not a real date.")


def _parse_day(value: Any) -> date:
    # Pydantic alone would also take timestamps and datetimes; the contract is YYYY-MM-DD,
    # in the years a record can hold (decision 0100).
    if isinstance(value, date):
        day = value
    elif not isinstance(value, str) or not _DAY.match(value.strip()):
        raise ValueError(gettext(DATE_HINT))
    else:
        try:
            day = date.fromisoformat(value.strip())
        except ValueError:
            not_real = gettext(NOT_A_REAL_DATE) % {"value": value.strip()}
            raise ValueError(f"{not_real} {gettext(DATE_HINT)}") from None
    if message := out_of_reach(day):
        raise ValueError(message)
    return day


# The document says what the parsing takes: YYYY-MM-DD in the years 1900 to 2199.
Day = Annotated[
    date,
    BeforeValidator(_parse_day),
    WithJsonSchema({"type": "string", "format": "date", "pattern": days_in_reach.PATTERN}),
]


# A computed route declares `today: Today = None` and calls `today_or_now(today)`, so
# `?today=2025-13-01` is a 422 naming `today` and no `?today=` means the real date.
Today = Annotated[
    Day | None,
    Query(None, description="Compute as if today were this day (YYYY-MM-DD); default: today."),
]


def today_or_now(value: date | str | None, family=None) -> date:
    """The day a computed route works from: `?today=` when given, else the family's date
    (``family``: a Child or Household; without one, the latest date anywhere)."""
    if value in (None, ""):
        return family.today() if family is not None else latest_today()
    try:
        return _parse_day(value)
    except ValueError as exc:
        raise DjangoValidationError({"today": str(exc)}) from None


# --- Text fields -----------------------------------------------------------------------------


def text(max_length: int) -> Any:
    """Required text, trimmed, not empty."""
    return Annotated[
        str,
        StringConstraints(strip_whitespace=True, min_length=1, max_length=max_length),
    ]


def optional_text(max_length: int) -> Any:
    """Text that may be empty, trimmed."""
    return Annotated[
        str,
        StringConstraints(strip_whitespace=True, max_length=max_length),
    ]


def _check_email(value: str) -> str:
    value = value.strip()
    if value:
        try:
            validate_email(value)
        except DjangoValidationError:
            raise ValueError(
                gettext("%(value)s is not an email address, like name@school.org.")
                % {"value": value}
            ) from None
    return value.lower()


Email = Annotated[str, StringConstraints(max_length=254), AfterValidator(_check_email)]


def _required_email(value: str) -> str:
    if not value:
        raise ValueError(gettext("Enter an email address, like name@example.com."))
    return value


RequiredEmail = Annotated[Email, AfterValidator(_required_email)]


def choice(values: list[str]) -> Any:
    """A field that takes one of a model's choices (shown as an enum in the OpenAPI)."""
    from typing import Literal

    return Literal[tuple(values)]  # type: ignore[valid-type]


# --- Writing models ------------------------------------------------------------------------


def validated(obj: M, exclude: list[str] | None = None) -> M:
    """Run the model's own checks (choices, lengths, constraints) before saving."""
    obj.full_clean(exclude=exclude)
    return obj


def refuse_nulls(changes: dict[str, Any], optional: set[str]) -> None:
    """In a change, null clears an optional field; a required one is a 422 naming it."""
    required = sorted(
        field for field, value in changes.items() if value is None and field not in optional
    )
    if required:
        raise DjangoValidationError(
            {field: gettext("This can't be empty; leave it out to keep it.") for field in required}
        )


# --- Conditional GET -----------------------------------------------------------------------

_ETAG = "_child_etag"  # the ETag of this request's answer, for the answer's headers


def conditional_answer(route: Callable) -> Callable:
    """Mark a GET route whose answer reads nothing but the child in its path (its records,
    the dates, the asker, the address): a repeat read answers 304 (children.conditional).

    Ninja signs the asker in, checks the path's ids (which fetches the child) and counts the
    request against the rate limit before the route runs; the 304 is answered only then."""
    contribute_operation_callback(route, _check_before_the_route)
    return decorate_view(_mark_the_answer)(route)


def _check_before_the_route(operation: Operation) -> None:
    route = operation.view_func

    @wraps(route)
    def checked(request: HttpRequest, **values: Any) -> Any:
        child = scoped_object(request, "child_id")  # found by the sign-in's path check
        if child is not None and request.method in conditional.READS:
            etag = conditional.child_etag(request, child)
            if (response := conditional.not_modified(request, etag)) is not None:
                return response
            setattr(request, _ETAG, etag)
        return route(request, **values)

    operation.view_func = checked


def _mark_the_answer(run: Callable) -> Callable:
    @wraps(run)
    def answered(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        response = run(request, *args, **kwargs)
        if response.status_code == 200:
            conditional.mark(response, getattr(request, _ETAG, None))
        return response

    return answered
