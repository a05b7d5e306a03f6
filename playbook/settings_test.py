"""Test settings: fast hashing, in-memory email, plain static storage."""

import os
import tempfile

os.environ.setdefault("PLAYBOOK_DATA_DIR", tempfile.mkdtemp(prefix="playbook-test-"))
# xdist's workers inherit the controller's environment, so they would share one data folder
# and see each other's uploads (a file held by one worker's test failed another's check):
# each worker gets a folder of its own inside it.
# (A process a test starts inherits the worker's folder and keeps it.)
_worker = os.environ.get("PYTEST_XDIST_WORKER")
_data = os.environ["PLAYBOOK_DATA_DIR"]
_in_own_folder = bool(_worker) and os.path.basename(_data) == _worker
# The run's folder, above the workers' own: the trained recogniser is the same for every worker
# of a run, so the first to need it trains and keeps it there, the others load it (kept.py).
_RUN_DIR = os.path.dirname(_data) if _in_own_folder else _data
if _worker and not _in_own_folder:
    _own = os.path.join(_data, _worker)
    os.makedirs(_own, exist_ok=True)
    os.environ["PLAYBOOK_DATA_DIR"] = _own

from .settings import *  # noqa: E402,F403
from .settings import DATABASES, STORAGES  # noqa: E402

RECOGNISER_DIR = os.path.join(_RUN_DIR, "recogniser")
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# live_server serves /static/ through the finders, which know no hashed names.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
AXES_ENABLED = True
# A task runs where it is enqueued: the test database is not shared with a worker process.
# (tests/background/ start real workers on a database of their own.)
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Per-process memory: rate-limit counting adds no queries to the pages' query budgets.
# (tests/children/test_records_version_race.py uses the database cache, as hosted.)
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "local": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "playbook-local",
    },
}
# The live server's thread (browser tests) closes its connection after each request, so
# none is left open on PostgreSQL when the test database is dropped.
DATABASES["default"]["CONN_MAX_AGE"] = 0
