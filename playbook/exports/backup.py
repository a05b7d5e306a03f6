"""A whole household as one .zip, and back again (format: docs/backup-format.md).

The zip holds ``manifest.json`` (format, version, the schema it was made with, the SHA-256
of every other member), ``records.json`` (every record, Django's JSON serialization with
natural keys for accounts) and ``files/<storage name>`` for every upload. Restore checks
all of it before writing anything, then writes inside one transaction.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import zipfile
from dataclasses import dataclass
from datetime import datetime, time
from pathlib import PurePosixPath

from django.apps import apps
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.serializers.base import DeserializationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, IntegrityError, connections, models, transaction
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from playbook.accounts.models import Household, Membership, User

FORMAT = "iep-playbook-household-backup"
VERSION = 1
MANIFEST = "manifest.json"
RECORDS = "records.json"
FILES_PREFIX = "files/"
# Secrets are never exported: API tokens and open invitation links are re-issued instead.
EXCLUDED = {"accounts.apitoken", "accounts.invite"}


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


def household_models() -> list[type[models.Model]]:
    """Every model that holds a household's data, in an order safe to load."""
    found = [
        model
        for model in apps.get_models()
        if model._meta.label_lower not in EXCLUDED
        and (model is Household or hasattr(model, "household_path"))
    ]
    return serializers.sort_dependencies([(None, found)], allow_cycles=True)


def _records_of(household: Household) -> list[models.Model]:
    records: list[models.Model] = []
    users = User.objects.filter(memberships__household=household).order_by("email")
    records.extend(users)
    for model in household_models():
        path = "pk" if model is Household else model.household_path
        records.extend(model._default_manager.filter(**{path: household.pk}).order_by("pk"))
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
    rows = serializers.serialize(
        "python", records, use_natural_foreign_keys=True, use_natural_primary_keys=True
    )
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


@dataclass
class RestoreReport:
    household_id: str
    household_name: str
    records: int
    files: int


def _safe_name(name: str) -> bool:
    path = PurePosixPath(name)
    return not (path.is_absolute() or ".." in path.parts or "\\" in name or name.startswith("/"))


def _read_checked(archive: zipfile.ZipFile) -> tuple[dict, bytes, dict[str, bytes]]:
    names = archive.namelist()
    unsafe = [n for n in names if not _safe_name(n)]
    if unsafe:
        raise BackupError(
            f"This zip holds an unsafe file name ({unsafe[0]}); nothing was restored."
        )
    if MANIFEST not in names:
        raise BackupError("This zip is not an IEP Playbook backup: it has no manifest.json.")
    try:
        manifest = json.loads(archive.read(MANIFEST))
    except (ValueError, UnicodeDecodeError) as exc:
        raise BackupError("The backup's manifest.json is damaged.") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError("This zip is not an IEP Playbook household backup.")
    if manifest.get("version") != VERSION:
        raise BackupError(
            f"This backup uses format version {manifest.get('version')!r}; this installation "
            f"reads version {VERSION}."
        )
    if manifest.get("schema") != schema_version():
        raise BackupError(
            "This backup was made by a different version of IEP Playbook (its database schema "
            "differs). Restore it with the version that made it, then upgrade."
        )
    try:
        records = archive.read(manifest["records"]["name"])
        expected_records = manifest["records"]["sha256"]
        file_entries = list(manifest["files"])
    except (KeyError, TypeError) as exc:
        raise BackupError("The backup's manifest is incomplete.") from exc
    if hashlib.sha256(records).hexdigest() != expected_records:
        raise BackupError("The backup's records do not match their checksum: the file is damaged.")
    files: dict[str, bytes] = {}
    for item in file_entries:
        name = item.get("name", "") if isinstance(item, dict) else ""
        if not name or not _safe_name(name):
            raise BackupError(
                f"The manifest names an unsafe file ({name!r}); nothing was restored."
            )
        try:
            content = archive.read(FILES_PREFIX + name)
        except KeyError as exc:
            raise BackupError(f"The backup is missing the file {name}.") from exc
        if hashlib.sha256(content).hexdigest() != item.get("sha256"):
            raise BackupError(f"The file {name} in the backup was changed or damaged.")
        files[name] = content
    listed = {MANIFEST, manifest["records"]["name"]} | {FILES_PREFIX + n for n in files}
    extra = [n for n in names if n not in listed and not n.endswith("/")]
    if extra:
        raise BackupError(f"The backup holds a file its manifest does not list ({extra[0]}).")
    return manifest, records, files


def restore_backup(source) -> RestoreReport:
    """Restore a household from a backup zip (path or binary file object). Everything is
    checked first; then records and files are written in one transaction, or nothing is."""
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError) as exc:
        raise BackupError("This file is not a zip file, or it is damaged.") from exc
    with archive:
        try:
            manifest, records, files = _read_checked(archive)
        except (zipfile.BadZipFile, OSError, EOFError) as exc:
            raise BackupError("The zip file is damaged.") from exc
    household_id = manifest["household"]["id"]
    if Household.objects.filter(pk=household_id).exists():
        raise BackupError("This household is already in this installation; nothing was restored.")
    written: list[str] = []
    count = 0
    try:
        with transaction.atomic():
            # Read lazily: accounts come first, so records that name a person by email
            # find the account restored a moment before.
            objects = serializers.deserialize("json", records, handle_forward_references=True)
            deferred = []
            for deserialized in objects:
                obj = deserialized.object
                if isinstance(obj, User):
                    existing = User.objects.filter(email__iexact=obj.email).first()
                    if existing is not None:
                        continue  # the person already has an account here: keep it
                    obj.pk = None
                    deserialized.save()
                    count += 1
                    continue
                if not isinstance(obj, Household | Membership) and not hasattr(
                    obj, "household_path"
                ):
                    raise BackupError("The backup holds records of an unexpected kind.")
                deserialized.save()
                if deserialized.deferred_fields:
                    deferred.append(deserialized)
                count += 1
            for deserialized in deferred:
                deserialized.save_deferred_fields()
            for name, content in files.items():
                if default_storage.exists(name):
                    default_storage.delete(name)
                saved = default_storage.save(name, ContentFile(content))
                written.append(saved)
                if saved != name:
                    raise BackupError(f"Could not put the file {name} back in its place.")
    except (IntegrityError, DeserializationError, ValueError) as exc:
        _remove(written)
        raise BackupError(
            f"The backup's records do not fit together ({exc.__class__.__name__})."
        ) from exc
    except BaseException:
        _remove(written)
        raise
    return RestoreReport(household_id, manifest["household"].get("name", ""), count, len(files))


def _remove(names: list[str]) -> None:
    for name in names:
        with contextlib.suppress(OSError):
            default_storage.delete(name)


def backup_bytes(household: Household) -> bytes:
    buffer = io.BytesIO()
    write_backup(household, buffer)
    return buffer.getvalue()
