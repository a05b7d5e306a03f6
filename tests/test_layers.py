"""The apps' layers point down (issue 13): an app imports only apps below it.

The order is written once, here. A module importing an app above its own fails this test,
unless it is listed in KNOWN_UPWARD: the imports the layering has not yet removed. That
list may only shrink: an entry that no longer happens fails the test too, so whoever
removes an upward import also takes it off the list. docs/layers.md draws the layers.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "playbook"

# Lowest first. The ground floor (accounts, the task queue, children), the domain apps, then
# the pages that put them together and the API.
LAYERS = [
    "accounts",
    "background",
    "school_language",
    "children",
    "iep_import",
    "progress",
    "trail",
    "advocacy",
    "meetings",
    "refusals",
    "deadlines",
    "letters",
    "ledger",
    "plan",
    "exports",
    "coach",
    "pages",
    "api",
]

# Packages without models (no apps.py), placed in the layers all the same.
PLAIN_PACKAGES = {"school_language"}

# The letter kinds are plug-ins: each kind may read what its letter needs from any domain
# app (playbook/letters/registry.py finds them), as issue 13 allows.
PLUG_INS = ("letters/kinds/",)

# (module, app it imports from above its own layer) still to be moved down or up.
KNOWN_UPWARD: set[tuple[str, str]] = set()


def _imported_apps(path: Path) -> set[str]:
    package = ["playbook", *path.relative_to(PACKAGE).parts[:-1]]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            # `from playbook import trail` and `from .. import trail` name the app last.
            names = [module, *(f"{module}.{alias.name}" for alias in node.names)]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] == "playbook" and len(parts) > 1 and parts[1] in LAYERS:
                found.add(parts[1])
    return found


def upward_imports() -> set[tuple[str, str]]:
    upward = set()
    for path in sorted(PACKAGE.rglob("*.py")):
        module = path.relative_to(PACKAGE).as_posix()
        app = module.split("/", 1)[0]
        if app not in LAYERS or "/migrations/" in module or module.startswith(PLUG_INS):
            continue
        for imported in _imported_apps(path):
            if LAYERS.index(imported) > LAYERS.index(app):
                upward.add((module, imported))
    return upward


def test_every_app_is_placed_in_a_layer():
    apps = {path.parent.name for path in PACKAGE.glob("*/apps.py")}
    assert apps | PLAIN_PACKAGES == set(LAYERS)


def test_no_new_import_points_up():
    new = upward_imports() - KNOWN_UPWARD
    assert not new, "imports from a higher app (move the code, or the import):\n" + "\n".join(
        f"{module} imports playbook.{app}" for module, app in sorted(new)
    )


def test_the_known_upward_imports_only_shrink():
    gone = KNOWN_UPWARD - upward_imports()
    assert not gone, "no longer imported upward; take them off KNOWN_UPWARD:\n" + "\n".join(
        f"{module} -> {app}" for module, app in sorted(gone)
    )
