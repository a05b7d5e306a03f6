"""The `playbook` command: a thin wrapper over Django's management commands.

`playbook X ...` runs `manage.py X ...` with the project's settings, so every command of
API.md (serve, demo, adduser, token, remind, backup, restore, verify-trail) works both ways.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "playbook.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ("-h", "--help", "help"):
        print(
            "usage: playbook COMMAND [ARGS]\n\n"
            "commands: serve, demo, adduser, token, remind, backup, restore, verify-trail,\n"
            "and every Django management command (migrate, check, ...).\n"
            "`playbook COMMAND --help` explains one."
        )
        if not args:
            sys.exit(2)
        return
    execute_from_command_line(["playbook", *args])


if __name__ == "__main__":
    main()
