"""``{% team_list team %}`` and ``{% service_list services %}``: the child home's side lists
(``playbook.pages.home_lists``)."""

from __future__ import annotations

from django import template

from playbook.pages.home_lists import service_list, team_list

register = template.Library()
register.simple_tag(team_list)
register.simple_tag(service_list)
