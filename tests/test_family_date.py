"""The family's date everywhere (issue 15): no code asks the server for "today" or "now" in
its own time zone. Every default, letter, file name and log line goes through
Household.today / Child.today / day_of / moment (or names its zone outright)."""

from __future__ import annotations

import ast
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import time_machine

from playbook.exports.binder import Scope, binder_context
from playbook.letters import compose, drafts

PLAYBOOK = Path(__file__).resolve().parent.parent / "playbook"

# Where the server's date is still taken, and why. Keep this list short.
ALLOWED: set[tuple[str, str]] = set()


def _name(node: ast.AST) -> str:
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Name):
        return node.id
    return ""


def _owner(node: ast.AST) -> str:
    return _name(node.value) if isinstance(node, ast.Attribute) else ""


def server_dates(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, call) for each call that reads the server's own date or clock."""
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name, owner = _name(node.func), _owner(node.func)
        zoned = any(k.arg in ("timezone", "tz") for k in node.keywords)
        if name == "localdate" and not zoned and len(node.args) < 2:
            found.append((node.lineno, "localdate"))
        elif name == "localtime" and not zoned and len(node.args) < 2:
            found.append((node.lineno, "localtime"))
        elif name == "today" and owner in ("date", "datetime") and not node.args:
            found.append((node.lineno, f"{owner}.today"))
        elif name == "now" and owner == "datetime" and not node.args and not zoned:
            found.append((node.lineno, "datetime.now"))
        elif (
            name == "date"
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Call)
            and _name(node.func.value.func) == "now"
        ):
            found.append((node.lineno, "now().date"))
        elif (
            name == "date"
            and not node.args
            and isinstance(node.func, ast.Attribute)
            and _name(node.func.value).endswith("_at")
        ):
            # A stored moment is in UTC: its date there is not the family's (day_of is).
            found.append((node.lineno, f"{_name(node.func.value)}.date"))
    return found


def test_the_scan_finds_every_way_of_asking_the_server():
    source = """
from datetime import date, datetime
from django.utils import timezone
a = timezone.localdate()
b = date.today()
c = datetime.now()
d = timezone.now().date()
e = timezone.localtime()
f = timezone.localdate(timezone=zone)
g = timezone.localtime(moment, zone)
h = child.today()
i = entry.occurred_at.date()
j = child.day_of(entry.occurred_at)
k = ask.asked_on
"""
    assert [what for _, what in server_dates(ast.parse(source))] == [
        "localdate",
        "date.today",
        "datetime.now",
        "now().date",
        "localtime",
        "occurred_at.date",
    ]


def test_no_code_uses_the_servers_date():
    problems = []
    for path in sorted(PLAYBOOK.rglob("*.py")):
        relative = path.relative_to(PLAYBOOK).as_posix()
        if "/migrations/" in relative:
            continue
        for line, what in server_dates(ast.parse(path.read_text(), relative)):
            if (relative, what) not in ALLOWED:
                problems.append(f"playbook/{relative}:{line}: {what}()")
    assert not problems, "Use child.today() / household.today():\n" + "\n".join(problems)


# An evening in the west: the server's (UTC) date is already tomorrow.
LA_AT_21 = datetime(2026, 3, 3, 5, 0, tzinfo=UTC)  # March 2, 21:00 in Los Angeles (UTC-8)
HAWAII_AT_2330 = datetime(2026, 3, 3, 9, 30, tzinfo=UTC)  # March 2, 23:30 in Honolulu
EVENINGS = [("America/Los_Angeles", LA_AT_21), ("Pacific/Honolulu", HAWAII_AT_2330)]


@pytest.mark.parametrize(("zone", "moment"), EVENINGS)
def test_an_evening_family_gets_its_own_date_in_defaults_letters_and_the_binder(
    alice_client, household, child, case_manager, zone, moment
):
    household.time_zone = zone
    household.save(update_fields=["time_zone"])
    with time_machine.travel(moment, tick=False):
        # The refusal form's default date, even when a page is handed ?today= in production.
        for query in ("", "?today=2030-01-01"):
            page = alice_client.get(f"/children/{child.pk}/refusals/new/{query}").content
            assert b'value="2026-03-02"' in page and b"2026-03-03" not in page, query
        # A letter drafted now is dated today there, and "I sent it" offers today.
        page = alice_client.get(f"/children/{child.pk}/letters/new/records_request/").content
        assert b"March 2, 2026" in page and b"March 3, 2026" not in page
        made = compose.draft(child, "records_request", {}, today=child.today(), signature="A")
        letter = drafts.save_draft(child, made, author=None)
        page = alice_client.get(f"/children/{child.pk}/letters/{letter.pk}/").content
        assert b'value="2026-03-02"' in page
        # The binder's "prepared" time is the family's clock.
        prepared = binder_context(child, Scope(), child.today())["generated_at"]
        assert (prepared.date(), prepared.hour) == (date(2026, 3, 2), 21 if "Los" in zone else 23)
