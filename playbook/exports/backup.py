"""A whole household as one .zip (format: docs/backup-format.md); restore.py puts it back.

The zip holds ``manifest.json`` (format, version, the schema it was made with, the SHA-256
of every other member), ``records.json`` (every record of the household, Django's JSON
serialization; people are named by email) and ``files/<storage name>`` for every upload.
Accounts are not in it: no password hash or other credential leaves the installation.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from datetime import datetime, time

from django.apps import apps
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from playbook.accounts.models import Household

FORMAT = "iep-playbook-household-backup"
# Version 2 leaves the members' accounts out (version 1 held them, password hashes too).
VERSION = 2
MANIFEST = "manifest.json"
RECORDS = "records.json"
FILES_PREFIX = "files/"
# Secrets are never exported: API tokens and open invitation links are re-issued instead.
# A restored trail's chain check starts again from entry 1: trail.verifiedhead is left out.
EXCLUDED = {"accounts.apitoken", "accounts.invite", "trail.verifiedhead"}


class BackupError(Exception):
    """A backup that cannot be restored; the message says why, in plain words."""


def schema_version() -> dict[str, str]:
    """The latest migration of each of our apps: a backup restores only into the same."""
    loader = MigrationLoader(connections[DEFAULT_DB_ALIAS], ignore_no_migrations=True)
    latest: dict[str, str] = {}
    for app_label, name in loader.graph.leaf_nodes():
        if apps.get_app_config(app_label).name.startswith("playbook."):
            latest[app_label] = max(name, latest.get(app_label, ""))
    return dict(sorted(latest.items()))


# Models that moved to another app with their tables unchanged (decision 0026): a backup
# made before the move names them by their old label, and its schema by the old migrations.
MOVED_MODELS = {
    "advocacy.meeting": "meetings.meeting",
    "advocacy.trial": "meetings.trial",
    "advocacy.dataseries": "meetings.dataseries",
    "advocacy.measurement": "meetings.measurement",
    "advocacy.refusal": "refusals.refusal",
}
_BEFORE_THE_SPLIT = {"advocacy": "0003_one_owner_constraints"}
_AFTER_THE_SPLIT = {
    "advocacy": "0004_meetings_and_refusals_move_out",
    "meetings": "0001_initial",
    "refusals": "0001_initial",
}


# Migrations that only added a column a backup made before them can leave to its default
# (decisions 0035: a data series linked to an IEP goal; 0036: an ask's ``about`` and
# ``escalated_on``; 0038: a refusal's kind), only added choices (0040: hearings and
# resolution sessions as meeting kinds) or only linked rows already there (letters 0005; letters
# 0006, decision 0049: which text a letter is sent in, English by default), or changed no
# column at all (decision 0100: the dates a record can hold, a validator on each date field).
# Per app, such migrations in the order they run, after the last one that changed what a
# backup holds: a backup made at any of them restores as it is, and its rows take the
# columns' defaults.
_ADDED_A_COLUMN_WITH_A_DEFAULT = {
    "refusals": ("0001_initial", "0002_refusal_kind", "0003_dates_in_reach"),
    "meetings": (
        "0001_initial",
        "0002_hearings_and_resolution_sessions",
        "0003_dataseries_iep_goal",
        "0004_dates_in_reach",
    ),
    "advocacy": (
        "0004_meetings_and_refusals_move_out",
        "0005_ask_about_and_escalated_on",
        "0006_dates_in_reach",
    ),
    "letters": (
        "0004_letter_language",
        "0005_escalations_carry_the_original",
        "0006_letter_send_lang",
        "0007_dates_in_reach",
    ),
    "children": ("0008_child_birth_date_optional", "0009_dates_in_reach"),
    "deadlines": ("0005_removal", "0006_dates_in_reach"),
    "exports": ("0003_binder_language", "0004_dates_in_reach"),
    "ledger": ("0001_initial", "0002_dates_in_reach"),
    "progress": ("0001_initial", "0002_dates_in_reach"),
}
# Apps whose first migration only made new tables (decision 0035: the IEP PDFs being read):
# a backup made before them has no rows there and restores as it is.
_NEW_APPS = {"iep_import": "0001_initial"}


def schema_read_as_now(schema: object) -> object:
    """A backup's schema, as it reads after the moves that changed no table (the schema
    just before the split is the same tables as the one just after it) and the migrations
    that only added a column with a default."""
    if (
        isinstance(schema, dict)
        and all(schema.get(app) == name for app, name in _BEFORE_THE_SPLIT.items())
        and not set(_AFTER_THE_SPLIT) - set(_BEFORE_THE_SPLIT) & set(schema)
    ):
        schema = {**schema, **_AFTER_THE_SPLIT}
    if isinstance(schema, dict):
        for app, names in _ADDED_A_COLUMN_WITH_A_DEFAULT.items():
            if schema.get(app) in names[:-1]:
                schema = {**schema, app: names[-1]}
        schema = {**{app: first for app, first in _NEW_APPS.items()}, **schema}
        schema = dict(sorted(schema.items()))
    return schema


def household_models() -> list[type[models.Model]]:
    """Every model that holds a household's data, in an order safe to load. A proxy model
    holds no rows of its own (a deleted child is a Child row)."""
    found = [
        model
        for model in apps.get_models()
        if model._meta.label_lower not in EXCLUDED
        and not model._meta.proxy
        and (model is Household or hasattr(model, "household_path"))
    ]
    return serializers.sort_dependencies([(None, found)], allow_cycles=True)


def _records_of(household: Household) -> list[models.Model]:
    records: list[models.Model] = []
    for model in household_models():
        path = "pk" if model is Household else model.household_path
        records.extend(model._base_manager.filter(**{path: household.pk}).order_by("pk"))
    return records


def _file_fields(record: models.Model) -> list[models.FieldFile]:
    return [
        getattr(record, field.name)
        for field in record._meta.fields
        if isinstance(field, models.FileField) and getattr(record, field.name)
    ]


class FullPrecisionEncoder(DjangoJSONEncoder):
    """Django's JSON encoder writes times to the millisecond; a backup keeps every
    microsecond, so a restored record is exactly the record that was saved. (Django's
    JSON deserializer reads both.)"""

    def default(self, o):
        if isinstance(o, datetime):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        if isinstance(o, time):
            return o.isoformat()
        return super().default(o)


def write_backup(household: Household, out) -> dict:
    """Write the household's backup zip to a binary file object; returns the manifest."""
    records = _records_of(household)
    rows = serializers.serialize("python", records, use_natural_foreign_keys=True)
    payload = json.dumps(rows, cls=FullPrecisionEncoder, indent=1).encode()
    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "schema": schema_version(),
        "created_at": timezone.now().isoformat(),
        "household": {"id": str(household.pk), "name": household.name},
        "records": {"name": RECORDS, "sha256": hashlib.sha256(payload).hexdigest()},
        "files": [],
    }
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(RECORDS, payload)
        seen = set()
        for record in records:
            for field_file in _file_fields(record):
                if field_file.name in seen:
                    continue
                seen.add(field_file.name)
                try:
                    with field_file.open("rb") as handle:
                        content = handle.read()
                except FileNotFoundError:
                    continue  # recorded as missing: restore then knows it is not expected
                archive.writestr(FILES_PREFIX + field_file.name, content)
                manifest["files"].append(
                    {
                        "name": field_file.name,
                        "size": len(content),
                        "sha256": hashlib.sha256(content).hexdigest(),
                    }
                )
        archive.writestr(MANIFEST, json.dumps(manifest, indent=1))
    return manifest


def backup_bytes(household: Household) -> bytes:
    buffer = io.BytesIO()
    write_backup(household, buffer)
    return buffer.getvalue()
