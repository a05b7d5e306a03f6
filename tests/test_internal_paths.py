"""Links, forms and redirects name their route ({% url %}, reverse, redirect("name")), never
a hard-coded path (issue 13): a path written out by hand silently breaks when a route moves.

Templates: an href, action, src or hx-* attribute whose value starts with "/". Python: a
string or f-string that starts with one of the site's own first path segments. Allowed: the
static files, the health check, a route's own declaration, and the API's prefix where code tells the API's requests
from the pages' (a test of the area, not a link)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from django.urls import get_resolver

PACKAGE = Path(__file__).resolve().parent.parent / "playbook"
ATTRIBUTE = re.compile(r'\b(?:href|action|src|formaction|hx-[a-z]+)="(/[^"]*)"')
ALLOWED = ("/static/", "/healthz")
PREFIX_TESTS = {"/api/"}


def _first_segments() -> set[str]:
    segments = set()
    for pattern in get_resolver().url_patterns:
        route = str(pattern.pattern).lstrip("^")
        first = re.split(r"[/<.]", route, maxsplit=1)[0]
        if first:
            segments.add(first)
    return segments


def hard_coded_in_templates() -> list[str]:
    found = []
    for path in sorted((PACKAGE / "templates").rglob("*.html")):
        for number, line in enumerate(path.read_text().splitlines(), 1):
            for value in ATTRIBUTE.findall(line):
                if not value.startswith(ALLOWED):
                    found.append(f"{path.relative_to(PACKAGE)}:{number}: {value}")
    return found


def _leading_text(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr) and node.values:
        first = node.values[0]
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            return first.value
    return None


def hard_coded_in_python(segments: set[str]) -> list[str]:
    alternatives = "|".join(map(re.escape, sorted(segments)))
    internal = re.compile(rf"/(?:{alternatives})(?:[/?#.]|$)")
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(), filename=str(path))
        inside_fstrings = {
            id(part)
            for node in ast.walk(tree)
            if isinstance(node, ast.JoinedStr)
            for part in node.values[1:]
        }
        # A route's own declaration (@router.get("/children/{child_id}/...")) is not a link.
        declarations = {
            id(part)
            for node in ast.walk(tree)
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            for decorator in node.decorator_list
            for part in ast.walk(decorator)
        }
        for node in ast.walk(tree):
            skipped = id(node) in inside_fstrings or id(node) in declarations
            text = None if skipped else _leading_text(node)
            if text is None or text in PREFIX_TESTS or text.startswith(ALLOWED):
                continue
            if internal.match(text):
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}: {text[:60]!r}")
    return found


def test_templates_name_their_routes():
    found = hard_coded_in_templates()
    assert not found, "use {% url %}:\n" + "\n".join(found)


def test_python_names_its_routes():
    found = hard_coded_in_python(_first_segments())
    assert not found, "use reverse() or redirect('name'):\n" + "\n".join(found)


def test_the_scan_finds_a_hard_coded_path(tmp_path):
    """The scans would see one: a path in a template attribute and in an f-string."""
    assert ATTRIBUTE.findall('<a href="/children/{{ child.pk }}/asks/">') == [
        "/children/{{ child.pk }}/asks/"
    ]
    assert "children" in _first_segments()
    tree = ast.parse('redirect(f"/children/{child.pk}/asks/")')
    texts = [_leading_text(node) for node in ast.walk(tree)]
    assert "/children/" in texts
