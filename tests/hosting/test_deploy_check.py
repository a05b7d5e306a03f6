"""`manage.py check --deploy` passes with the hosted settings docs/deployment.md documents."""

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _documented_env(tmp_path) -> dict[str, str]:
    skip = {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in skip}
    for line in (REPO / "docs" / "hosted.env.example").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, value = line.partition("=")
            env[name] = value
    env["PLAYBOOK_DATA_DIR"] = str(tmp_path)
    env.pop("DATABASE_URL")  # the check needs no database server
    return env


def test_check_deploy_passes_with_the_documented_settings(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPO,
        env=_documented_env(tmp_path),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_hosted_mode_refuses_to_start_without_a_secret_key(tmp_path):
    env = _documented_env(tmp_path)
    env.pop("SECRET_KEY")
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=REPO, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_memory_entries_bound_the_local_cache_and_zero_keeps_nothing(tmp_path):
    def local_cache(entries: str) -> str:
        env = {**_documented_env(tmp_path), "PLAYBOOK_MEMORY_ENTRIES": entries}
        code = (
            "import django; django.setup(); from django.conf import settings; "
            "c = settings.CACHES['local']; print(c['BACKEND'], c.get('OPTIONS', {}))"
        )
        env["DJANGO_SETTINGS_MODULE"] = "playbook.settings"
        result = subprocess.run(
            [sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True
        )
        assert result.returncode == 0, result.stderr
        return result.stdout.strip()

    assert (
        local_cache("250") == "django.core.cache.backends.locmem.LocMemCache {'MAX_ENTRIES': 250}"
    )
    assert local_cache("0").startswith("django.core.cache.backends.dummy.DummyCache")
