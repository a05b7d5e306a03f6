"""The child home's side lists drawn in Python (issue 13), as its waiting lines are
(``playbook.pages.waiting``): the school team and the IEP's services.

The template's loops cost about 30 µs a team member (a dozen nodes each: the role, the
name, the email and the phone, each tested and escaped) and 20 µs a service (a plural
sentence translated per row): with a full team, about a tenth of the page's drawing. Here
the roles and sentences are looked up once a page. ``tests/pages/test_home_lists.py`` holds
both to the loops they replaced, in English and in Spanish.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.formats import localize
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, ngettext

from playbook.children.roles import role_writer
from playbook.widgets import escaped as _e


def team_list(team: Sequence) -> SafeString:
    """The first member (the case manager) in full; the rest behind a disclosure, so a
    phone sees the summary first. ``team``: at least one member."""
    role = role_writer()
    first, *others = [_member(member, role) for member in team]
    drawn = f'\n    <ul class="plain-list">\n      <li>{first}</li>\n    </ul>\n    '
    if others:
        n = len(others)
        summary = ngettext("The other %(n)s on the team", "The other %(n)s on the team", n)
        drawn += (
            f'<details class="more">\n      <summary>{summary % {"n": _e(localize(n))}}'
            '</summary>\n      <ul class="plain-list">'
        )
        drawn += "".join(f"\n      <li>{line}</li>" for line in others)
        drawn += "\n      </ul>\n    </details>"
    return mark_safe(drawn)  # noqa: S308 (each value escaped in _member)


def _member(member, role) -> str:
    """Role (followed by the new line its include once wrote), name, email and phone."""
    line = f"<strong>{role(member)}\n</strong>: {_e(member.name)}"
    if member.email:
        email = _e(member.email)
        line += f', <a href="mailto:{email}">{email}</a>'
    if member.phone:
        phone = _e(member.phone)
        line += f', <a href="tel:{phone}">{phone}</a>'
    return line


def _minutes(per: str, n: int) -> str:
    """The minutes of a service in its period, as the template wrote them (each sentence
    written out in its call, so the catalogue's scan finds it)."""
    if per == "day":
        return ngettext("%(n)s minute per day", "%(n)s minutes per day", n)
    if per == "week":
        return ngettext("%(n)s minute per week", "%(n)s minutes per week", n)
    return ngettext("%(n)s minute per month", "%(n)s minutes per month", n)


def service_list(services: Sequence) -> SafeString:
    """Each service and its minutes: "Speech therapy: 30 minutes per week". The service's
    name is the IEP's words: in Spanish, marked as the family's own."""
    english = get_language() == "en"
    lines = []
    for service in services:
        name = _e(service.service)
        if not english:
            name = f"<span data-own-words>{name}</span>"
        minutes = _minutes(service.per, service.minutes) % {"n": _e(localize(service.minutes))}
        lines.append(f"<li>{name}: {minutes}</li>")
    return mark_safe(f"<ul>{''.join(lines)}</ul>")  # noqa: S308 (each value escaped above)
