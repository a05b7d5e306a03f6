"""A letter kind's parameters, validated the same way for the pages and the API.

Every problem is a ``ParamError`` naming the parameter, so the API can answer 422 with
that name and a page can put the message next to the field.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from django.db import models

from playbook.children.models import Child


class ParamError(ValueError):
    def __init__(self, name: str, message: str) -> None:
        super().__init__(f"{name}: {message}")
        self.name = name
        self.message = message


@dataclass(frozen=True)
class Param:
    """One parameter. ``model`` makes it an id of that model (within the same child);
    otherwise it is ``text``, ``date`` or ``int``."""

    name: str
    label: str
    model: type[models.Model] | None = None
    type: str = "text"
    required: bool = False
    many: bool = False
    help: str = ""
    minimum: int | None = None
    maximum: int | None = None
    #: How the model reaches the child, for a model with no ``child`` key of its own
    #: (a Service belongs to an IEP: ``"iep__child"``).
    child_path: str = "child"

    @property
    def noun(self) -> str:
        return self.model._meta.verbose_name if self.model else self.label.lower()


def _blank(value: object) -> bool:
    return value is None or value == "" or value == []


def _one_id(param: Param, child: Child, raw: object) -> models.Model:
    noun = param.noun
    try:
        pk = uuid.UUID(str(raw))
    except (ValueError, AttributeError, TypeError):
        raise ParamError(param.name, f"{raw!r} is not a valid {noun} id.") from None
    found = param.model._default_manager.filter(**{param.child_path: child}, pk=pk).first()
    if found is None:
        raise ParamError(param.name, f"there is no {noun} with id {pk} for {child.name}.")
    return found


def _scalar(param: Param, raw: object) -> object:
    if param.type == "date":
        if isinstance(raw, date):
            return raw
        try:
            return date.fromisoformat(str(raw))
        except ValueError:
            raise ParamError(param.name, f"{raw!r} is not a date; use YYYY-MM-DD.") from None
    if param.type == "int":
        try:
            number = int(str(raw))
        except ValueError:
            raise ParamError(param.name, f"{raw!r} is not a whole number.") from None
        if param.minimum is not None and number < param.minimum:
            raise ParamError(param.name, f"must be at least {param.minimum}.")
        if param.maximum is not None and number > param.maximum:
            raise ParamError(param.name, f"must be at most {param.maximum}.")
        return number
    if not isinstance(raw, str):
        raise ParamError(param.name, "must be text.")
    return raw.strip()


def validate(params: list[Param], child: Child, raw: dict) -> dict:
    """Resolve ``raw`` (JSON or form values) into objects; unknown names are refused."""
    known = {p.name for p in params}
    unknown = sorted(set(raw) - known)
    if unknown:
        allowed = ", ".join(sorted(known)) or "none"
        raise ParamError(unknown[0], f"is not a parameter of this letter (allowed: {allowed}).")
    values: dict = {}
    for param in params:
        raw_value = raw.get(param.name)
        if _blank(raw_value):
            if param.required:
                raise ParamError(param.name, f"is required: choose the {param.noun}.")
            values[param.name] = [] if param.many else None
            continue
        if param.many:
            items = raw_value if isinstance(raw_value, list) else [raw_value]
            values[param.name] = [
                _one_id(param, child, item) if param.model else _scalar(param, item)
                for item in items
                if not _blank(item)
            ]
        elif param.model:
            values[param.name] = _one_id(param, child, raw_value)
        else:
            values[param.name] = _scalar(param, raw_value)
    return values


def serialise(params: list[Param], values: dict) -> dict:
    """The JSON-safe form kept on the Letter (ids as strings, dates as ISO)."""

    def one(value: object) -> object:
        if isinstance(value, models.Model):
            return str(value.pk)
        if isinstance(value, date):
            return value.isoformat()
        return value

    out = {}
    for param in params:
        value = values.get(param.name)
        if _blank(value):
            continue
        out[param.name] = [one(v) for v in value] if param.many else one(value)
    return out
