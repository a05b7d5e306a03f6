"""The `playbook` command: demo, adduser, token, and one-line errors with exit status 2."""

from __future__ import annotations

import io
import os
import sqlite3
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.core.management import call_command

from playbook import cli, demo
from playbook.accounts.management.commands._base import BadArguments
from playbook.accounts.models import ApiToken, Household, Membership, Role, User
from playbook.children.models import Child, TeamRole

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2026, 1, 15)


def run(*args, **options):
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err, **options)
    return out.getvalue()


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


# --- demo --------------------------------------------------------------------------------


def test_demo_prints_how_to_log_in(db):
    printed = run("demo", today=TODAY.isoformat())
    assert "demo@example.com" in printed and demo.DEMO_PASSWORD in printed
    user = User.objects.get(email="demo@example.com")
    assert user.check_password(demo.DEMO_PASSWORD)


def test_demo_twice_leaves_one_demo_household(db, alice, child):
    run("demo", today=TODAY.isoformat())
    run("demo", today=TODAY.isoformat())
    demo_user = User.objects.get(email="demo@example.com")
    owned = Household.objects.filter(memberships__user=demo_user, memberships__role=Role.OWNER)
    assert owned.count() == 1
    assert Child.objects.filter(household__in=owned).count() == 1
    # Other families are left alone.
    assert Child.objects.filter(pk=child.pk).exists()


def test_the_demo_child_has_a_full_team_and_a_current_iep(db):
    child = demo.load_demo(TODAY)
    assert child.grade == "3" and child.state == "CA" and child.school and child.district
    assert 8 <= child.age_on(date(2025, 9, 1)) <= 9  # grade 3 in the 2025-26 school year
    roles = set(child.team.values_list("role", flat=True))
    assert roles == set(TeamRole.values) - {TeamRole.OTHER}
    assert child.team.filter(role=TeamRole.THERAPIST).count() == 2
    assert all(m.email and m.phone and m.name for m in child.team.all())
    iep = child.current_iep()
    assert iep.start_date <= TODAY < iep.end_date
    assert timedelta(days=60) <= iep.end_date - TODAY <= timedelta(days=150)
    services = {(s.service, s.minutes, s.per, s.sessions) for s in iep.services.all()}
    assert ("Speech and language therapy", 60, "week", 2) in services
    assert ("Occupational therapy", 30, "week", 1) in services
    assert any(m == 150 and "reading" in name.lower() for name, m, _, _ in services)
    assert iep.goals.count() == 4 and iep.accommodations.count() == 5
    assert iep.reevaluation_due_or_derived > TODAY


def test_demo_again_keeps_the_account_the_sign_in_and_the_childs_address(db, client):
    """Re-running `make demo` must not sign the visitor out, and the page they had open
    (the old child's address) shows the new demo (issue 17)."""
    first = demo.load_demo(TODAY)
    client.force_login(User.objects.get(email=demo.DEMO_EMAIL))
    user_id = User.objects.get(email=demo.DEMO_EMAIL).pk
    printed = run("demo", today=TODAY.isoformat())
    second = Child.objects.get(household__memberships__user__email=demo.DEMO_EMAIL)
    assert second.pk == first.pk and User.objects.get(email=demo.DEMO_EMAIL).pk == user_id
    assert f"/children/{second.pk}/" in printed and "stays signed in" in printed
    page = client.get(f"/children/{first.pk}/")
    assert page.status_code == 200 and "Maya Alvarez" in page.content.decode()


def test_demo_prints_the_address_make_run_serves(db, settings):
    settings.SITE_URL = "http://127.0.0.1:8123"
    printed = run("demo", today=TODAY.isoformat())
    assert "Open http://127.0.0.1:8123/children/" in printed
    assert ":8000" not in printed


def test_make_run_and_demo_pass_host_and_port_on():
    makefile = (ROOT / "Makefile").read_text()
    assert "PLAYBOOK_HOST=$(HOST) PLAYBOOK_PORT=$(PORT)" in makefile
    assert "$(SERVE_ENV) $(BIN)/playbook serve" in makefile
    assert "$(SERVE_ENV) $(BIN)/playbook demo" in makefile


def test_demo_runs_the_extensions_with_the_child_and_the_day(db, monkeypatch):
    calls = []
    monkeypatch.setattr(
        demo, "DEMO_EXTENSIONS", [lambda child, today: calls.append((child, today))]
    )
    child = demo.load_demo(TODAY)
    assert calls == [(child, TODAY)]


def test_demo_refuses_a_bad_day(db):
    with pytest.raises(BadArguments, match="2026-02-30"):
        run("demo", today="2026-02-30")


# --- adduser -------------------------------------------------------------------------------


def test_adduser_reads_the_password_from_stdin(db):
    run(
        "adduser", "New@Example.com", password_stdin=True, stdin=io.StringIO("a-long-pass-phrase\n")
    )
    user = User.objects.get(email="new@example.com")
    assert user.check_password("a-long-pass-phrase")
    assert Membership.objects.get(user=user).role == Role.OWNER


def test_adduser_takes_the_familys_time_zone_and_language(db):
    """The family's date comes from its time zone: an operator setting up a Californian
    family gives it here (it was always America/New_York until changed on the account page)."""
    printed = run(
        "adduser",
        "ca@example.com",
        password_stdin=True,
        stdin=io.StringIO("a-long-pass-phrase\n"),
        time_zone="America/Los_Angeles",
        language="es",
    )
    user = User.objects.get(email="ca@example.com")
    assert Membership.objects.get(user=user).household.time_zone == "America/Los_Angeles"
    assert user.language == "es"
    assert "America/Los_Angeles" in printed
    with pytest.raises(BadArguments, match="not a time zone we know"):
        run(
            "adduser",
            "pst@example.com",
            password_stdin=True,
            stdin=io.StringIO("a-long-pass-phrase\n"),
            time_zone="PST8",
        )
    assert not User.objects.filter(email="pst@example.com").exists()


def test_adduser_asks_twice_on_a_terminal(db, monkeypatch):
    answers = iter(["a-long-pass-phrase", "a-long-pass-phrase"])
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(answers))
    run("adduser", "tty@example.com", stdin=FakeTerminal())
    assert User.objects.get(email="tty@example.com").check_password("a-long-pass-phrase")


@pytest.mark.parametrize(
    ("args", "options", "words"),
    [
        (["not-an-email"], {"password_stdin": True, "stdin": io.StringIO("long-enough-pw\n")},
         "not an email address"),
        (["alice@example.com"], {"password_stdin": True, "stdin": io.StringIO("long-enough-pw\n")},
         "already exists"),
        (["ALICE@example.com"], {"password_stdin": True, "stdin": io.StringIO("long-enough-pw\n")},
         "already exists"),
        (["x@example.com"], {"password_stdin": True, "stdin": io.StringIO("")},
         "no password"),
        (["x@example.com"], {"password_stdin": True, "stdin": io.StringIO("short\n")},
         "too short"),
        (["x@example.com"], {"stdin": io.StringIO("")}, "not a terminal"),
    ],
)  # fmt: skip
def test_adduser_refuses_bad_arguments_with_status_2(alice, args, options, words):
    before = User.objects.count()
    with pytest.raises(BadArguments, match=words) as caught:
        run("adduser", *args, **options)
    assert caught.value.returncode == 2
    assert User.objects.count() == before


def test_adduser_refuses_passwords_that_differ(db, monkeypatch):
    answers = iter(["a-long-pass-phrase", "another-pass-phrase"])
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(answers))
    with pytest.raises(BadArguments, match="differ"):
        run("adduser", "tty@example.com", stdin=FakeTerminal())
    assert not User.objects.filter(email="tty@example.com").exists()


# --- token ---------------------------------------------------------------------------------


def test_token_prints_a_working_token_alone(alice):
    printed = run("token", "Alice@Example.com")
    raw = printed.strip()
    assert printed == raw + "\n" and " " not in raw
    assert ApiToken.user_for(raw) == alice


def test_token_for_an_unknown_account_is_refused(db):
    with pytest.raises(BadArguments, match="nobody@example.com") as caught:
        run("token", "nobody@example.com")
    assert caught.value.returncode == 2
    assert not ApiToken.objects.exists()


# --- the real command line -------------------------------------------------------------------


@pytest.fixture(scope="module")
def playbook(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("playbook-data")
    env = {**os.environ, "PLAYBOOK_DATA_DIR": str(data_dir)}
    env.pop("DATABASE_URL", None)  # a scratch SQLite database, never the CI server's
    env.pop("DJANGO_SETTINGS_MODULE", None)  # the real settings, as a user gets them

    def call(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "playbook.cli", *args],
            cwd=ROOT,
            env=env,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=120,
        )

    call.database = data_dir / "playbook.sqlite3"
    return call


def one_line_error(result: subprocess.CompletedProcess, words: str) -> None:
    """The real process: one line on stderr, status 2, nothing on stdout."""
    assert result.returncode == 2, result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr and "usage:" not in result.stderr
    assert words in result.stderr
    assert result.stdout == ""


def test_no_arguments_prints_the_usage_and_exits_2(playbook):
    result = playbook()
    assert result.returncode == 2
    assert "usage: playbook COMMAND" in result.stderr


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["adduser"], "required: EMAIL"),
        (["token"], "required: EMAIL"),
        (["adduser", "a@example.com", "--bogus"], "unrecognized arguments: --bogus"),
        (["token", "a@example.com", "extra"], "unrecognized arguments: extra"),
        (["adduser", "not-an-email", "--password-stdin"], "not an email address"),
        (["demo", "--today", "someday"], "someday"),
        (["serve", "--port", "0"], "--port must be between 1 and 65535"),
        (["no-such-command"], "unknown command 'no-such-command'"),
    ],
)
def test_bad_arguments_give_one_line_and_status_2(capsys, args, words):
    with pytest.raises(SystemExit) as caught:
        cli.main(args)
    out, err = capsys.readouterr()
    assert caught.value.code == 2
    assert err.count("\n") == 1 and words in err, err
    assert "Traceback" not in err and "usage:" not in err and out == ""


def test_the_command_line_end_to_end(playbook):
    created = playbook(
        "adduser", "pat@example.com", "--password-stdin", stdin="a-long-pass-phrase\n"
    )
    assert created.returncode == 0, created.stderr
    one_line_error(
        playbook("adduser", "pat@example.com", "--password-stdin", stdin="a-long-pass-phrase\n"),
        "already exists",
    )
    token = playbook("token", "pat@example.com")
    assert (
        token.returncode == 0 and token.stdout.startswith("pb_") and token.stdout.count("\n") == 1
    )
    # Once through the real process: loading it twice is test_demo_twice_leaves_one_demo_household.
    loaded = playbook("demo")
    assert loaded.returncode == 0, loaded.stderr
    assert "demo@example.com" in loaded.stdout
    with sqlite3.connect(playbook.database) as db:
        (households,) = db.execute(
            "SELECT COUNT(*) FROM accounts_membership m JOIN accounts_user u ON u.id = m.user_id"
            " WHERE u.email = 'demo@example.com'"
        ).fetchone()
    assert households == 1


# --- the demo account in a hosted installation (issue 20, finding 18) ----------------------


def test_demo_refuses_in_a_hosted_installation(db, settings):
    settings.HOSTED = True
    with pytest.raises(BadArguments, match="--force") as caught:
        run("demo", today=TODAY.isoformat())
    assert caught.value.returncode == 2
    assert not User.objects.filter(email=demo.DEMO_EMAIL).exists()


def test_demo_with_force_loads_in_a_hosted_installation(db, settings):
    settings.HOSTED = True
    printed = run("demo", today=TODAY.isoformat(), force=True)
    assert demo.DEMO_EMAIL in printed
    assert User.objects.get(email=demo.DEMO_EMAIL).check_password(demo.DEMO_PASSWORD)


# --- the hosted environment file and the scheduled job (issue 20, finding 14) --------------

HOSTED_ENV = ROOT / "docs" / "hosted.env.example"
SHELL_ENV = {"PATH": "/usr/bin:/bin", "LC_ALL": "C"}  # what cron gives a job


def _assignments(path: Path) -> dict[str, str]:
    """Each line's value as systemd's EnvironmentFile= reads it: one pair of single quotes
    around the value is taken off, the rest kept as written."""
    values = {}
    for line in path.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, value = line.partition("=")
            if len(value) >= 2 and value[0] == value[-1] == "'":
                value = value[1:-1]
            values[name] = value
    return values


def test_the_hosted_env_example_is_valid_shell():
    result = subprocess.run(["bash", "-n", str(HOSTED_ENV)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_sourcing_the_hosted_env_example_exports_what_systemd_reads():
    script = f'set -a; . "{HOSTED_ENV}"; set +a; exec "{sys.executable}" -c "$PROBE"'
    probe = "import json, os; print(json.dumps(dict(os.environ)))"
    result = subprocess.run(
        ["bash", "-c", script],
        env={**SHELL_ENV, "PROBE": probe},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0 and result.stderr == "", result.stderr
    exported = __import__("json").loads(result.stdout)
    documented = _assignments(HOSTED_ENV)
    assert documented["DEFAULT_FROM_EMAIL"] == "IEP Playbook <playbook@example.org>"
    assert {name: exported.get(name) for name in documented} == documented


def _documented_cron_command() -> str:
    """The command of the cron line in docs/deployment.md (after the five time fields and
    the user of an /etc/cron.d line)."""
    deployment = (ROOT / "docs" / "deployment.md").read_text()
    [line] = [ln.strip() for ln in deployment.splitlines() if ln.strip().startswith("0 * * * *")]
    return line.split(None, 6)[6]


def test_the_documented_cron_line_gives_playbook_the_environment(tmp_path):
    command = _documented_cron_command()
    assert "/etc/playbook.env" in command and "/srv/playbook/venv/bin/playbook remind" in command
    assert "%" not in command  # cron would cut the line there
    probe = tmp_path / "probe"
    probe.write_text(
        f"#!{sys.executable}\n"
        "import os, sys\n"
        "print(sys.argv[1:], os.environ.get('DATABASE_URL'), os.environ.get('PLAYBOOK_HOSTED'))\n"
    )
    probe.chmod(0o755)
    command = command.replace("/etc/playbook.env", str(HOSTED_ENV)).replace(
        "/srv/playbook/venv/bin/playbook", str(probe)
    )
    # cron runs the line with /bin/sh, not bash.
    result = subprocess.run(
        ["/bin/sh", "-c", command], env=SHELL_ENV, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    database_url = _assignments(HOSTED_ENV)["DATABASE_URL"]
    assert result.stdout.strip() == f"['remind'] {database_url} true"


@pytest.fixture
def hosted_without_a_database(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    }
    env.update(PLAYBOOK_HOSTED="true", SECRET_KEY="x" * 50, PLAYBOOK_DATA_DIR=str(tmp_path))

    def call(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "playbook.cli", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )

    call.data_dir = tmp_path
    return call


@pytest.mark.parametrize(
    "args",
    [
        ["remind"],
        ["token", "pat@example.com"],
        ["adduser", "pat@example.com", "--password-stdin"],
        ["demo", "--force"],
        ["migrate"],
        ["backup", "1", "family.zip"],
        ["verify-trail"],
    ],
)
def test_hosted_commands_refuse_to_run_without_a_database(hosted_without_a_database, args):
    result = hosted_without_a_database(*args)
    one_line_error(result, "DATABASE_URL is not set")
    assert list(hosted_without_a_database.data_dir.glob("*.sqlite3")) == []


def test_commands_without_a_database_still_run_hosted(hosted_without_a_database):
    result = hosted_without_a_database("check")
    assert result.returncode == 0, result.stderr


def test_remind_refuses_a_database_that_does_not_exist(playbook, tmp_path):
    """A cron line that loaded no environment at all finds no database, rather than making
    an empty one and failing on it."""
    env = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    }
    env["PLAYBOOK_DATA_DIR"] = str(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "playbook.cli", "remind"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    one_line_error(result, "no database")
    assert list(tmp_path.glob("*.sqlite3")) == []


# --- serve -------------------------------------------------------------------------------


def test_serve_purges_expired_deletions_and_starts_a_task_worker(alice, child, monkeypatch):
    """A laptop runs no hourly job: serve removes children deleted over 30 days ago at
    start, and starts the background worker beside the web server (and stops it)."""
    from datetime import UTC, datetime

    from gunicorn.app.base import BaseApplication

    from playbook.accounts.management.commands import serve

    child.delete_by(alice)
    Child._base_manager.filter(pk=child.pk).update(deleted_at=datetime(2020, 1, 1, tzinfo=UTC))
    started = []

    class FakeWorker:
        def __init__(self, args):
            started.append(args)

        def poll(self):
            return None

        def terminate(self):
            started.append("terminated")

        def wait(self, timeout=None):
            return 0

    monkeypatch.setattr(serve.subprocess, "Popen", FakeWorker)
    monkeypatch.setattr(BaseApplication, "run", lambda self: None)
    # Closing the connections before the fork would end this test's transaction on
    # PostgreSQL; tests/hosting/test_forked_connections.py covers it with a real server.
    monkeypatch.setattr(serve.gunicorn_conf, "close_database_connections", lambda: None)
    monkeypatch.setattr(serve, "call_command", _only_purge(serve.call_command))
    monkeypatch.setattr(serve.static_build, "build_if_changed", lambda say: False)
    run("serve", "--port", "8765")
    assert not Child._base_manager.filter(pk=child.pk).exists()
    assert started[0][-1] == "worker" and started[-1] == "terminated"


def _only_purge(call_command_):
    """migrate and collectstatic are not this test's business (and slow)."""

    def call(name, *args, **options):
        if name == "purge-deleted":
            return call_command_(name, *args, **options)
        return None

    return call
