"""A team member's role in the reader's language, as ``children/_role.html`` writes it,
for the child home's team card (issue 13): the include cost about 30 µs a member drawn
fresh after a change, eleven times on the big child; here the labels are translated once a
page. ``tests/pages/test_roles.py`` holds it to the include for every role, in both
languages. TeamRole's English labels stay as they are (the English letters name them)."""

from __future__ import annotations

from collections.abc import Callable

from django.utils.html import conditional_escape
from django.utils.translation import gettext, pgettext


def role_writer() -> Callable[[object], str]:
    """A function writing a member's role, escaped, in the language active now."""
    labels = {
        "general_ed_teacher": gettext("General education teacher"),
        "special_ed_teacher": gettext("Special education teacher"),
        "case_manager": gettext("Case manager"),
        "school_psychologist": gettext("School psychologist"),
        "special_ed_supervisor": gettext("Special education supervisor"),
        "director_special_services": gettext("Director of special services"),
        "assistant_superintendent": gettext("Assistant superintendent"),
        "superintendent": gettext("Superintendent"),
        "principal": pgettext("school role", "Principal"),
        "other": pgettext("team role", "Other"),
    }
    labels = {role: conditional_escape(label) for role, label in labels.items()}
    therapist = gettext("Therapist or related-service provider")
    of_discipline = gettext("%(discipline)s therapist")

    def role(member) -> str:
        if member.role == "therapist":
            if member.discipline:
                return of_discipline % {"discipline": conditional_escape(member.discipline)}
            return conditional_escape(therapist)
        return labels.get(member.role) or conditional_escape(member.role_label)

    return role
