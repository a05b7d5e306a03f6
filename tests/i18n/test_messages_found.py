"""Every sentence the code translates is one `makemessages` can find (issue 19).

xgettext reads an f-string as one string and does not look inside it: a ``gettext("...")``
written in an f-string's braces never reaches the catalogue, and the Spanish page shows it
in English. Three of the services page's words would have, at the next `makemessages`
(it dropped them from the catalogue). Such a call is written before the f-string instead.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "playbook"
TRANSLATING = {"gettext", "gettext_lazy", "_", "ngettext", "pgettext", "npgettext", "gettext_noop"}


def _name(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")


def hidden_messages(source: str) -> list[tuple[int, str]]:
    """(line, message) of each literal message translated inside an f-string's braces."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.JoinedStr):
            continue
        for inner in ast.walk(node):
            if (
                isinstance(inner, ast.Call)
                and _name(inner) in TRANSLATING
                and any(
                    isinstance(arg, ast.Constant) and isinstance(arg.value, str)
                    for arg in inner.args
                )
            ):
                literal = next(a.value for a in inner.args if isinstance(a, ast.Constant))
                found.append((inner.lineno, literal))
    return found


def test_no_message_is_translated_inside_an_f_string():
    hidden = [
        f"{path.relative_to(PACKAGE.parent)}:{line}: {message!r}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if "migrations" not in path.parts
        for line, message in hidden_messages(path.read_text())
    ]
    assert hidden == [], "translate these before the f-string:\n" + "\n".join(hidden)


def test_the_scan_finds_a_message_in_braces_and_leaves_a_variable_alone():
    source = "x = f\"<b>{esc(gettext('Nothing owed'))}</b> {gettext(status)}\"\n"
    assert hidden_messages(source) == [(1, "Nothing owed")]
    assert hidden_messages('y = gettext("Nothing owed")\nx = f"<b>{y}</b>"\n') == []
