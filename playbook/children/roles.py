"""A team member's role in the reader's language: the one place that words it (the
``role_shown`` filter, the ``{% team_role %}`` tag and the team pages all write it here).

TeamRole's English labels stay as they are: the English letters name them (the Spanish
letters use letters.spanish.ROLES, whose words these follow). Written in Python rather than
as a template include (issue 13): the include cost about 30 µs a member drawn fresh, and
``role_writer`` translates the labels once for a whole page. ``tests/children/test_roles.py``
holds it to the template it replaced, for every role, in both languages."""

from __future__ import annotations

from collections.abc import Callable

from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, gettext_lazy, pgettext_lazy

from .models import TeamRole

# Every role's words but the therapist's with a discipline ("Speech therapist"): the team
# form's choices, the meeting invitations' Spanish words and the pages' roles.
ROLE_LABELS = {
    TeamRole.GENERAL_ED_TEACHER: gettext_lazy("General education teacher"),
    TeamRole.SPECIAL_ED_TEACHER: gettext_lazy("Special education teacher"),
    TeamRole.THERAPIST: gettext_lazy("Therapist or related-service provider"),
    TeamRole.CASE_MANAGER: gettext_lazy("Case manager"),
    TeamRole.SCHOOL_PSYCHOLOGIST: gettext_lazy("School psychologist"),
    TeamRole.SPECIAL_ED_SUPERVISOR: gettext_lazy("Special education supervisor"),
    TeamRole.DIRECTOR_SPECIAL_SERVICES: gettext_lazy("Director of special services"),
    TeamRole.ASSISTANT_SUPERINTENDENT: gettext_lazy("Assistant superintendent"),
    TeamRole.SUPERINTENDENT: gettext_lazy("Superintendent"),
    TeamRole.PRINCIPAL: pgettext_lazy("school role", "Principal"),
    TeamRole.OTHER: pgettext_lazy("team role", "Other"),
}


def role_writer() -> Callable[[object], SafeString]:
    """A function writing a member's role, escaped, in the language active now."""
    labels = {role: conditional_escape(str(label)) for role, label in ROLE_LABELS.items()}
    of_discipline = gettext("%(discipline)s therapist")

    def role(member) -> SafeString:
        if member.role == TeamRole.THERAPIST and member.discipline:
            discipline = conditional_escape(member.discipline)
            return mark_safe(of_discipline % {"discipline": discipline})  # noqa: S308
        return labels.get(member.role) or conditional_escape(member.role_label)

    return role
