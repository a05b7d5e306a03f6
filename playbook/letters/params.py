"""A letter kind's parameters, validated the same way for the pages and the API.

Every problem is a ``ParamError`` naming the parameter, so the API can answer 422 with
that name and a page can put the message next to the field, in the reader's language.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import date, time

from django.db import models
from django.utils.translation import gettext, gettext_noop, pgettext, pgettext_lazy

from playbook.children.models import Child
from playbook.plain_text import block_problem


class Problem:
    """A problem in plain words: ``message`` in English, ``shown_message`` in the reader's
    language (issue 19). ``text`` is a catalogue entry filled with ``words``, or with
    ``shown_words`` (the words in the reader's language) when they differ."""

    def __init__(self, text: str, words: dict | None = None, shown_words: dict | None = None):
        self.text = text
        self.words = words
        self.shown_words = words if shown_words is None else shown_words
        self.message = text % words if words else text

    @property
    def shown_message(self) -> str:
        shown = gettext(self.text) if self.text else self.text
        return shown % self.shown_words if self.shown_words else shown


class ParamError(Problem, ValueError):
    """A parameter's problem; a kind's own check gives a fixed message (page_words.py) or
    one already filled in, which stays as it is."""

    def __init__(
        self,
        name: str,
        message: str,
        words: dict | None = None,
        shown_words: dict | None = None,
    ) -> None:
        Problem.__init__(self, message, words, shown_words)
        ValueError.__init__(self, f"{name}: {self.message}")
        self.name = name

    @property
    def shown(self) -> str:
        """The problem after the parameter's name, as the API answers it, in the reader's
        language."""
        return f"{self.name}: {self.shown_message}"


class WindowProblem(Problem, ValueError):
    def __init__(self, text: str, words: dict | None = None) -> None:
        Problem.__init__(self, text, words)
        ValueError.__init__(self, self.message)


# The records a parameter can name, as its problems name them: the model's verbose name in
# English, and in Spanish with its article ("el pedido"), which the sentences there need.
NOUNS = {
    "team member": pgettext_lazy("record with its article", "team member"),
    "ask": pgettext_lazy("record with its article", "ask"),
    "service": pgettext_lazy("record with its article", "service"),
    "goal": pgettext_lazy("record with its article", "goal"),
    "meeting": pgettext_lazy("record with its article", "meeting"),
    "entry": pgettext_lazy("record with its article", "entry"),
    "concern": pgettext_lazy("record with its article", "concern"),
    "trial": pgettext_lazy("record with its article", "trial"),
    "refusal": pgettext_lazy("record with its article", "refusal"),
    "removal": pgettext_lazy("record with its article", "removal"),
    "IEP": pgettext_lazy("record with its article", "IEP"),
}


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

    @property
    def shown_noun(self) -> str:
        """``noun`` in the reader's language (in Spanish a record with its article)."""
        if not self.model:
            return gettext(self.label).lower()
        return str(NOUNS.get(self.noun, self.noun))

    def required_error(self) -> ParamError:
        if self.missing:
            return ParamError(self.name, self.missing)
        return ParamError(
            self.name,
            gettext_noop("is required: choose the %(noun)s."),
            {"noun": self.noun},
            {"noun": self.shown_noun},
        )


def _blank(value: object) -> bool:
    return value is None or value == "" or value == []


def _one_id(param: Param, child: Child, raw: object) -> models.Model:
    try:
        pk = uuid.UUID(str(raw))
    except (ValueError, AttributeError, TypeError):
        raise ParamError(
            param.name,
            gettext_noop("%(raw)s is not a valid %(noun)s id."),
            {"raw": repr(raw), "noun": param.noun},
            {"raw": repr(raw), "noun": param.shown_noun},
        ) from None
    found = param.model._default_manager.filter(**{param.child_path: child}, pk=pk).first()
    if found is None:
        words = {"noun": param.noun, "pk": pk, "child": child.name}
        raise ParamError(
            param.name,
            gettext_noop("there is no %(noun)s with id %(pk)s for %(child)s."),
            words,
            words | {"noun": param.shown_noun},
        )
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


NOT_A_DATE = gettext_noop("%(raw)s is not a date; use YYYY-MM-DD.")
NOT_A_TIME = {
    "start": gettext_noop("the start time %(raw)s is not a time; use HH:MM, like 09:30."),
    "end": gettext_noop("the end time %(raw)s is not a time; use HH:MM, like 09:30."),
}


def parse_window(raw: object) -> Window:
    """``{date, start?, end?}`` (times HH:MM) into a Window; raises WindowProblem with a
    message a parent can act on."""
    if isinstance(raw, Window):
        return raw
    if not isinstance(raw, dict):
        raise WindowProblem(
            gettext_noop("give it as {date, start, end}, with the date as YYYY-MM-DD.")
        )
    unknown = sorted(set(raw) - {"date", "start", "end"})
    if unknown:
        raise WindowProblem(
            gettext_noop("%(name)s is not part of a window (use date, start, end)."),
            {"name": repr(unknown[0])},
        )
    if _blank(raw.get("date")):
        raise WindowProblem(gettext_noop("give the date."))
    try:
        day = date.fromisoformat(str(raw["date"]))
    except ValueError:
        raise WindowProblem(NOT_A_DATE, {"raw": repr(raw["date"])}) from None
    times = {}
    for name in ("start", "end"):
        value = raw.get(name)
        if _blank(value):
            times[name] = None
            continue
        found = _CLOCK.fullmatch(str(value).strip())
        if not found:
            raise WindowProblem(NOT_A_TIME[name], {"raw": repr(value)})
        times[name] = time(int(found[1]), int(found[2]))
    start, end = times["start"], times["end"]
    if start is not None and end is not None and end <= start:
        raise WindowProblem(
            gettext_noop("end before start: it ends at %(end)s but starts at %(start)s."),
            {"end": clock(end), "start": clock(start)},
        )
    return Window(day, start, end)


def _window(param: Param, raw: object, position: int | None) -> Window:
    try:
        return parse_window(raw)
    except WindowProblem as problem:
        if not position:
            raise ParamError(param.name, problem.text, problem.words) from None
        raise ParamError(
            param.name,
            gettext_noop("window %(n)s: %(problem)s"),
            {"n": position, "problem": problem.message},
            {"n": position, "problem": problem.shown_message},
        ) from None


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
            raise ParamError(param.name, NOT_A_DATE, {"raw": repr(raw)}) from None
    if param.type == "int":
        try:
            number = int(str(raw))
        except ValueError:
            raise ParamError(
                param.name, gettext_noop("%(raw)s is not a whole number."), {"raw": repr(raw)}
            ) from None
        if param.minimum is not None and number < param.minimum:
            raise ParamError(
                param.name, gettext_noop("must be at least %(n)s."), {"n": param.minimum}
            )
        if param.maximum is not None and number > param.maximum:
            raise ParamError(
                param.name, gettext_noop("must be at most %(n)s."), {"n": param.maximum}
            )
        return number
    if not isinstance(raw, str):
        raise ParamError(param.name, gettext_noop("must be text."))
    if problem := block_problem(raw):
        raise ParamError(param.name, problem)
    if param.choices and raw.strip() not in dict(param.choices):
        allowed = ", ".join(value for value, _ in param.choices if value)
        raise ParamError(
            param.name,
            gettext_noop("%(raw)s is not one of: %(allowed)s."),
            {"raw": repr(raw.strip()), "allowed": allowed},
        )
    return raw.strip()


def validate(params: list[Param], child: Child, raw: dict) -> dict:
    """Resolve ``raw`` (JSON or form values) into objects; unknown names are refused."""
    known = {p.name for p in params}
    unknown = sorted(set(raw) - known)
    if unknown:
        allowed = ", ".join(sorted(known))
        raise ParamError(
            unknown[0],
            gettext_noop("is not a parameter of this letter (allowed: %(allowed)s)."),
            {"allowed": allowed or "none"},
            {"allowed": allowed or pgettext("no letter parameters", "none")},
        )
    values: dict = {}
    for param in params:
        raw_value = raw.get(param.name)
        if _blank(raw_value):
            if param.required:
                raise param.required_error()
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
                raise param.required_error()
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
