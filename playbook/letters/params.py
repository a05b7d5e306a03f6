"""A letter kind's parameters, validated the same way for the pages and the API.

Every problem is a ``ParamError`` naming the parameter, so the API can answer 422 with
that name and a page can put the message next to the field.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import date, time

from django.db import models

from playbook.children.models import Child
from playbook.plain_text import block_problem


class ParamError(ValueError):
    def __init__(self, name: str, message: str) -> None:
        super().__init__(f"{name}: {message}")
        self.name = name
        self.message = message


@dataclass(frozen=True)
class Param:
    """One parameter. ``model`` makes it an id of that model (within the same child);
    otherwise it is ``text``, ``date``, ``int`` or ``window`` (``{date, start?, end?}``).
    ``missing`` replaces the usual message when a required parameter is left out."""

    name: str
    label: str
    model: type[models.Model] | None = None
    type: str = "text"
    required: bool = False
    many: bool = False
    help: str = ""
    minimum: int | None = None
    maximum: int | None = None
    #: For text: the allowed values as (value, label) pairs; empty means any text.
    choices: tuple[tuple[str, str], ...] = ()
    #: For an ask: the statuses the page offers (default: asks still waiting for a reply).
    statuses: tuple[str, ...] = ()

    missing: str = ""

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


@dataclass(frozen=True)
class Window:
    """A day the parent is available, with an optional start and end time."""

    date: date
    start: time | None = None
    end: time | None = None

    def as_json(self) -> dict:
        out = {"date": self.date.isoformat()}
        for name in ("start", "end"):
            if getattr(self, name) is not None:
                out[name] = getattr(self, name).strftime("%H:%M")
        return out


_CLOCK = re.compile(r"([01]?\d|2[0-3]):([0-5]\d)")


def clock(value: time) -> str:
    """9:30 AM, as a letter writes it."""
    return f"{value.hour % 12 or 12}:{value.minute:02d} {'AM' if value.hour < 12 else 'PM'}"


def parse_window(raw: object) -> Window:
    """``{date, start?, end?}`` (times HH:MM) into a Window; raises ValueError with a
    message a parent can act on."""
    if isinstance(raw, Window):
        return raw
    if not isinstance(raw, dict):
        raise ValueError("give it as {date, start, end}, with the date as YYYY-MM-DD.")
    unknown = sorted(set(raw) - {"date", "start", "end"})
    if unknown:
        raise ValueError(f"{unknown[0]!r} is not part of a window (use date, start, end).")
    if _blank(raw.get("date")):
        raise ValueError("give the date.")
    try:
        day = date.fromisoformat(str(raw["date"]))
    except ValueError:
        raise ValueError(f"{raw['date']!r} is not a date; use YYYY-MM-DD.") from None
    times = {}
    for name in ("start", "end"):
        value = raw.get(name)
        if _blank(value):
            times[name] = None
            continue
        found = _CLOCK.fullmatch(str(value).strip())
        if not found:
            raise ValueError(f"the {name} time {value!r} is not a time; use HH:MM, like 09:30.")
        times[name] = time(int(found[1]), int(found[2]))
    start, end = times["start"], times["end"]
    if start is not None and end is not None and end <= start:
        raise ValueError(f"end before start: it ends at {clock(end)} but starts at {clock(start)}.")
    return Window(day, start, end)


def _window(param: Param, raw: object, position: int | None) -> Window:
    try:
        return parse_window(raw)
    except ValueError as error:
        where = f"window {position}: " if position else ""
        raise ParamError(param.name, f"{where}{error}") from None


def _split(param: Param, raw: str) -> list[str]:
    """A list given as one string: ids joined by commas (as links carry them), or text
    one item per line."""
    return raw.split(",") if param.model else raw.splitlines()


def _scalar(param: Param, raw: object) -> object:
    if param.type == "window":
        return _window(param, raw, None)
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
    if problem := block_problem(raw):
        raise ParamError(param.name, problem)
    if param.choices and raw.strip() not in dict(param.choices):
        allowed = ", ".join(value for value, _ in param.choices if value)
        raise ParamError(param.name, f"{raw.strip()!r} is not one of: {allowed}.")
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
                raise ParamError(
                    param.name, param.missing or f"is required: choose the {param.noun}."
                )
            values[param.name] = [] if param.many else None
            continue
        if param.many:
            if isinstance(raw_value, str):
                items = _split(param, raw_value)
            else:
                items = raw_value if isinstance(raw_value, list) else [raw_value]
            items = [i.strip() if isinstance(i, str) else i for i in items]
            items = [i for i in items if not _blank(i)]
            if param.required and not items:
                raise ParamError(
                    param.name, param.missing or f"is required: choose the {param.noun}."
                )
            values[param.name] = [
                _one_id(param, child, item)
                if param.model
                else _window(param, item, n)
                if param.type == "window"
                else _scalar(param, item)
                for n, item in enumerate(items, 1)
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
        if isinstance(value, Window):
            return value.as_json()
        return value

    out = {}
    for param in params:
        value = values.get(param.name)
        if _blank(value):
            continue
        out[param.name] = [one(v) for v in value] if param.many else one(value)
    return out
