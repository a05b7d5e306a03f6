"""The `playbook` command: a thin wrapper over Django's management commands.

`playbook X ...` runs `manage.py X ...` with the project's settings, so every command of
API.md (serve, demo, adduser, token, remind, backup, restore, verify-trail) works both ways.
"""

from __future__ import annotations

import os
import sys

USAGE = (
    "usage: playbook COMMAND [ARGS]\n\n"
    "commands: serve, worker, demo, adduser, token, remind, backup, restore, verify-trail,\n"
    "and every Django management command (migrate, check, ...).\n"
    "`playbook COMMAND --help` explains one."
)


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "playbook.settings")
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ("-h", "--help", "help"):
        if not args:
            sys.stderr.write(USAGE + "\n")
            sys.exit(2)
        print(USAGE)
        return

    import django
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line, get_commands

    try:
        django.setup()
    except ImproperlyConfigured as exc:
        sys.stderr.write(f"playbook: configuration error: {exc}\n")
        sys.exit(2)
    if args[0] not in get_commands():
        sys.stderr.write(f"playbook: unknown command {args[0]!r} (see `playbook --help`)\n")
        sys.exit(2)
    execute_from_command_line(["playbook", *args])


if __name__ == "__main__":
    main()
