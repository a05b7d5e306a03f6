"""The letter kinds: one module per kind under ``kinds/``, each registered here."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from playbook.advocacy.models import Ask
from playbook.children.models import Child, TeamMember, TeamRole
from playbook.trail.models import Entry

from .params import Param


class UnknownKind(LookupError):
    def __init__(self, name: str) -> None:
        known = ", ".join(sorted(_KINDS))
        super().__init__(f"There is no letter kind {name!r}. Kinds: {known}.")
        self.name = name


@dataclass
class Case:
    """The facts every letter starts from."""

    child: Child
    today: date
    signature: str
    team: list[TeamMember]

    @property
    def case_manager(self) -> TeamMember | None:
        return next((m for m in self.team if m.role == TeamRole.CASE_MANAGER), None)


class LetterKind:
    """What a kind declares. Subclass, set the attributes, register with ``@register``."""

    name: str = ""
    title: str = ""
    #: Two or three sentences for the parent on why this move works.
    why: str = ""
    params: list[Param] = []
    #: Whether the letter asks the school for something (and so for confirmation of receipt).
    asks: bool = True

    #: The parameters that make two drafts the same letter; None: all of them. A meeting
    #: request offered on other days is still the same request (decision 0117).
    same_letter_params: tuple[str, ...] | None = None

    def same_letter(self, params: dict) -> str:
        """What two letters of this kind share when one replaces the other."""
        names = sorted(params) if self.same_letter_params is None else self.same_letter_params
        return json.dumps({n: _canonical(params.get(n)) for n in names}, sort_keys=True)

    def needs(self, given: dict) -> list[Param]:
        """The required parameters ``given`` leaves out: what only the parent can add (the
        coach's moves give the rest, API ``letter_needs``)."""
        return [p for p in self.params if p.required and given.get(p.name) in (None, "", [])]

    def check(self, case: Case, values: dict) -> None:
        """Rules across parameters (raise ParamError)."""

    def addressee(self, case: Case, values: dict) -> TeamMember | None:
        return case.case_manager

    def cc(self, case: Case, values: dict, addressee: TeamMember | None) -> list[TeamMember]:
        return []

    def context(self, case: Case, values: dict) -> dict:
        return {}

    def on_sent(self, letter, entry: Entry, values: dict) -> Ask | None:
        """What sending opens or updates; the Ask now tracked, or None."""
        return None

    def context_es(self, case: Case, values: dict, english: dict) -> dict:
        """What the Spanish version says differently (phrases the kind builds in Python);
        ``english`` is the context the English letter was written from."""
        return {}

    @property
    def subject_template(self) -> str:
        return f"letters/kinds/{self.name}/subject.txt"

    @property
    def body_template(self) -> str:
        return f"letters/kinds/{self.name}/body.txt"

    def template(self, part: str, lang: str = "en") -> str:
        """``part`` is "subject" or "body"; another language's text sits beside the English
        one as ``body.es.txt`` (bilingual letters, decision 0034)."""
        return f"letters/kinds/{self.name}/{part}{'' if lang == 'en' else '.' + lang}.txt"

    @property
    def languages(self) -> list[str]:
        from django.template import TemplateDoesNotExist
        from django.template.loader import get_template

        found = ["en"]
        for lang in ("es",):
            try:
                get_template(self.template("body", lang))
            except TemplateDoesNotExist:
                continue
            found.append(lang)
        return found


def _canonical(value: object) -> object:
    """Ids chosen in another order, or joined by commas (the API takes both), are the same."""
    if isinstance(value, str) and "," in value:
        value = [part.strip() for part in value.split(",") if part.strip()]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return sorted(value)
    return value


_KINDS: dict[str, LetterKind] = {}


def register(cls: type[LetterKind]) -> type[LetterKind]:
    if not cls.name or cls.name in _KINDS:
        raise ValueError(f"letter kind {cls.name!r} is unnamed or registered twice")
    _KINDS[cls.name] = cls()
    return cls


def get(name: str) -> LetterKind:
    _load()
    try:
        return _KINDS[name]
    except (KeyError, TypeError):
        raise UnknownKind(str(name)) from None


def all_kinds() -> list[LetterKind]:
    _load()
    return list(_KINDS.values())


def _load() -> None:
    from . import kinds  # noqa: F401  (importing registers every kind)
