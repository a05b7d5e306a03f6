"""Issue 13: one access helper pair per object, used by every view and route. A view or API
route reaches a child through children.access (child_for_read / child_for_write /
child_for_form), which hands back the child this request already fetched, never through
accounts.access.get_for_user directly."""

from __future__ import annotations

import ast
from pathlib import Path

import playbook

ROOT = Path(playbook.__file__).parent
ALLOWED = {ROOT / "children" / "access.py"}  # the helpers themselves


def direct_child_lookups(source: str) -> list[int]:
    """Lines that call get_for_user(<user>, Child, ...)."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or len(node.args) < 2:
            continue
        called = (
            node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        )
        model = node.args[1]
        if called == "get_for_user" and isinstance(model, ast.Name) and model.id == "Child":
            lines.append(node.lineno)
    return lines


def test_the_scan_finds_a_direct_lookup():
    assert direct_child_lookups("child = get_for_user(request.user, Child, child_id)") == [1]
    assert direct_child_lookups("x = access.get_for_user(u, Child, pk, write=True)") == [1]
    assert direct_child_lookups("x = get_for_user(u, DeletedChild, pk)") == []


def test_views_and_routes_reach_a_child_through_the_helpers():
    found = [
        f"{path.relative_to(ROOT.parent)}:{line}"
        for path in sorted(ROOT.rglob("*.py"))
        if path not in ALLOWED
        for line in direct_child_lookups(path.read_text(encoding="utf-8"))
    ]
    assert found == [], "use children.access.child_for_read/child_for_write: " + ", ".join(found)
