"""Drafting a letter: validate the kind's parameters, gather the case's facts, fill the
kind's text templates."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.template import Context, Engine
from django.utils import translation
from django.utils.translation import gettext_noop

from playbook.children.models import Child, Grade, TeamMember

from . import params as param_rules
from . import registry
from .models import DELIVERY_LINES, DELIVERY_LINES_ES, Delivery, delivery_line
from .params import Param
from .spanish import role as role_es

COMMON_PARAMS = [
    Param(
        "to",
        "Addressed to",
        model=TeamMember,
        help="Who the letter goes to. Leave empty for the usual person (often the case manager).",
    ),
    Param("cc", "Copy to", model=TeamMember, many=True),
    Param(
        "delivery",
        "How you will send it",
        choices=tuple((str(value), DELIVERY_LINES[value]) for value in Delivery),
        help="The letter says how it was sent. Leave empty for email.",
    ),
]


@dataclass(frozen=True)
class Sender:
    """The parent's block at the head of a letter: only what the parent chose to give."""

    name: str = ""
    email: str = ""
    phone: str = ""
    postal_address: str = ""

    @classmethod
    def of(cls, user) -> Sender:
        if not getattr(user, "is_authenticated", False):
            return cls()
        return cls(
            name=user.letter_name,
            email=user.email,
            phone=user.phone,
            postal_address=user.postal_address,
        )

    @property
    def lines(self) -> list[str]:
        return self._lines("Phone")

    @property
    def lines_es(self) -> list[str]:
        """The block at the head of the Spanish letter (_base.es.txt)."""
        return self._lines("Teléfono")

    def _lines(self, phone: str) -> list[str]:
        address = [line.strip() for line in self.postal_address.splitlines() if line.strip()]
        contact = [f"{phone}: {self.phone}" if self.phone else "", self.email]
        return [line for line in [self.name, *address, *contact] if line]


# Letters are plain text: no HTML escaping of what the parent typed.
_ENGINE = Engine(
    dirs=settings.TEMPLATES[0]["DIRS"],
    autoescape=False,
    libraries={"phrases": "playbook.letters.templatetags.phrases"},
)


@dataclass
class Draft:
    kind: str
    params: dict
    addressee: TeamMember | None
    to: list[str]
    cc: list[str]
    subject: str
    body: str
    values: dict = field(default_factory=dict)
    reply_by: date | None = None
    #: For a letter written in Spanish: the same letter for the parent, paragraph for
    #: paragraph, beside the English one sent to the school (decision 0034).
    lang: str = "en"
    translation_subject: str = ""
    translation: str = ""


def all_params(kind: registry.LetterKind) -> list[Param]:
    """The kind's parameters, then the common ones it does not declare itself (a kind may
    use a common name for its own purpose, like the make-up services letter's ``to`` date)."""
    own = {p.name for p in kind.params}
    return [*kind.params, *(p for p in COMMON_PARAMS if p.name not in own)]


def address(member: TeamMember) -> str:
    """'Name <email>' for a mail header, or the name alone when there is no address."""
    name = member.name.replace('"', "'")
    if not member.email:
        return name
    if re.search(r"[(),.:;<>@\[\]\\]", name):
        name = f'"{name}"'
    return f"{name} <{member.email}>"


def build_case(child: Child, today: date, signature: str) -> registry.Case:
    return registry.Case(
        child=child, today=today, signature=signature, team=list(child.team.current())
    )


LANGUAGES = ("en", "es")


def draft(
    child: Child,
    kind_name: str,
    raw: dict,
    *,
    today: date,
    signature: str = "",
    sender: Sender | None = None,
    lang: str = "en",
) -> Draft:
    """Raises registry.UnknownKind or params.ParamError for bad input. ``sender`` is the
    parent's block (``Sender.of(user)``); ``signature`` alone stands for a name only. ``lang`` ``es``
    adds the Spanish version for the parent (decision 0034)."""
    kind = registry.get(kind_name)
    lang = (lang or "en").lower()
    if lang not in LANGUAGES:
        raise param_rules.ParamError(
            "lang",
            gettext_noop("%(lang)s is not a language letters are written in: en or es."),
            {"lang": repr(lang)},
        )
    if lang not in kind.languages:
        raise param_rules.ParamError(
            "lang",
            f"the {kind.title.lower()} letter is not written in Spanish yet; write it in English.",
        )
    spec = all_params(kind)
    values = param_rules.validate(spec, child, raw)
    sender = sender or Sender(name=signature)
    case = build_case(child, today, sender.name)
    kind.check(case, values)
    if any(p.name == "to" for p in kind.params):
        # The kind gave `to` its own meaning: it decides both To and Cc.
        addressee = kind.addressee(case, values)
        copied = kind.cc(case, values, addressee)
    else:
        addressee = values.get("to") or kind.addressee(case, values)
        copied = values.get("cc") or kind.cc(case, values, addressee)
    copied = [m for m in copied if addressee is None or m.pk != addressee.pk]
    # The school's copy is English whatever the parent reads: the kind's own phrases (a
    # count of school days, a meeting's kind) are worked out in English too.
    with translation.override("en"):
        context = {
            **common_context(case, addressee),
            "sender": sender,
            "delivery_line": delivery_line(values.get("delivery") or Delivery.EMAIL),
            "cc_members": copied,
            "asks": kind.asks,
            **kind.context(case, values),
        }
    reply_by = context.get("reply_by")
    with translation.override("en"):
        subject, body = _render(kind, "en", context)
    translated_subject = translated = ""
    if lang != "en":
        spanish = {
            **context,
            **common_context_es(case, addressee, values.get("delivery") or Delivery.EMAIL),
            "cc_lines": [f"{m.name}, {role_es(m)}" for m in copied],
            **kind.context_es(case, values, context),
        }
        with translation.override(lang):
            translated_subject, translated = _render(kind, lang, spanish)
    return Draft(
        kind=kind.name,
        params=param_rules.serialise(spec, values),
        addressee=addressee,
        to=[address(addressee)] if addressee else [],
        cc=[address(m) for m in copied],
        subject=subject[:300],
        body=body,
        values=values,
        reply_by=reply_by,
        lang=lang,
        translation_subject=translated_subject[:300],
        translation=translated,
    )


def _render(kind: registry.LetterKind, lang: str, context: dict) -> tuple[str, str]:
    subject = _ENGINE.get_template(kind.template("subject", lang)).render(_ctx(context))
    body = _ENGINE.get_template(kind.template("body", lang)).render(_ctx(context))
    return " ".join(subject.split()), tidy(body)


def common_context(case: registry.Case, addressee: TeamMember | None) -> dict:
    child = case.child
    # The letter for the school is English whatever language the parent reads.
    with translation.override("en"):
        grade = str(Grade(child.grade).label) if child.grade in Grade.values else child.grade
    return {
        "today": case.today,
        "child": child,
        "first_name": child.first_name,
        "grade": grade,
        # Never a placeholder: with no school recorded, the letter leaves it out.
        "school": child.school,
        "child_line": ", ".join(
            part
            for part in (
                child.name,
                (
                    f"born {child.birth_date:%B} {child.birth_date.day}, {child.birth_date.year}"
                    if child.birth_date
                    else ""
                ),
                grade,
                child.school,
            )
            if part
        ),
        "inside_address": inside_address(child, addressee),
        "addressee": addressee,
        "salutation": addressee.name if addressee else f"{child.school or 'IEP'} team",
        "signature": case.signature,
    }


def inside_address(child: Child, addressee: TeamMember | None) -> list[str]:
    """Who the letter goes to, as a printed letter puts it under the date."""
    lines = [addressee.name, title(addressee)] if addressee else []
    lines += [child.school, *(x.strip() for x in child.school_address.splitlines())]
    return [line for line in lines if line]


def title(member: TeamMember) -> str:
    label = member.role_label
    return label[:1].upper() + label[1:]


GRADES_ES = {
    "PK": "preescolar",
    "K": "kínder",
    "post": "programa de transición (18 a 21 años)",
}


def common_context_es(
    case: registry.Case, addressee: TeamMember | None, delivery: str = Delivery.EMAIL
) -> dict:
    child = case.child
    school = child.school
    grade = child.grade
    grade_es = GRADES_ES.get(grade) or (f"{grade}.º grado" if grade in Grade.values else grade)
    return {
        "grade": grade_es,
        "school": school or "la escuela",
        "delivery_line": DELIVERY_LINES_ES.get(delivery, DELIVERY_LINES_ES[Delivery.EMAIL]),
        "salutation": addressee.name if addressee else f"Equipo de {school or 'la escuela'}",
        # The person's title in the Spanish letter ("Administrador/a de caso").
        "inside_address": [
            line
            for line in [
                *([addressee.name, _capital(role_es(addressee))] if addressee else []),
                *inside_address(child, None),
            ]
            if line
        ],
    }


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def bullet(text: str) -> str:
    """One bullet, its later lines indented under the first."""
    lines = [line.rstrip() for line in text.strip().splitlines() if line.strip()]
    return "- " + "\n  ".join(lines)


def tidy(text: str) -> str:
    """Template tags leave stray spaces and blank lines; keep at most one blank line."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


def _ctx(context: dict) -> Context:
    return Context(context, autoescape=False)
