"""Restoring a household backup: it only ever adds a new household (decision 0013).

Nothing in a backup is trusted (its checksums can be recomputed by whoever edits it), so:

- every record keeps its id (the trail's hash chain covers ids), and the restore is refused
  when any of those ids is already in this installation; rows are only ever inserted;
- every reference points at a record of the same backup; a reference to a person becomes
  the person restoring when it names them, else nothing (a record that cannot be without
  that person is left out); no account is created or changed;
- the backup's memberships are not restored: the person restoring becomes the owner, and
  the backup's other members are reported, to be invited again;
- uploads are written under fresh random names, and a failed restore removes only those.

All of it is checked before anything is written (backup_zip reads and checks the zip);
then records and files are written in one transaction, or nothing is.
"""

from __future__ import annotations

import contextlib
import hashlib
import uuid
import zipfile
import zlib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.files import File
from django.core.files.storage import Storage
from django.db import DataError, IntegrityError, models, transaction

from playbook.accounts.models import Household, Membership, Role, User
from playbook.children.computed import records_changed
from playbook.children.models import Child

from .backup import MOVED_MODELS, BackupError, household_models
from .backup_zip import NOTHING_RESTORED, ZIP_ERRORS, BackedUpFile, Contents, damaged, read_checked

Key = tuple[type[models.Model], object]
# A reference to a person or record that does not come back with the restore.
GONE = object()
ID_BATCH = 500


@dataclass
class RestoreReport:
    household_id: str
    household_name: str
    owner: str
    records: int
    files: int
    members_to_invite: list[tuple[str, str]]  # (email, role) of the backup's other members


@dataclass
class _Record:
    """One row of the backup, its values read into Python but not yet a model instance."""

    model: type[models.Model]
    pk: object
    values: dict[str, object] = field(default_factory=dict)  # attname: value
    references: dict[models.ForeignKey, object] = field(default_factory=dict)
    many: dict[models.ManyToManyField, list] = field(default_factory=dict)
    files: dict[models.FileField, str] = field(default_factory=dict)  # name in the backup

    @property
    def key(self) -> Key:
        return (self.model, self.pk)


@dataclass
class _Plan:
    """What a restore will write, every reference already resolved."""

    owner: User
    household: _Record
    records: list[_Record]  # in an order safe to insert
    members: list[tuple[str, str]]
    resolved: dict[Key, dict[str, object]]  # attname: id, for each record's references
    many: dict[Key, dict[models.ManyToManyField, list]]


def may_restore(user: User) -> bool:
    """Whether this account may restore a backup from the account page or the API: the
    owner of a family (one query)."""
    return Membership.objects.filter(user=user, role=Role.OWNER).exists()


def restore_backup(source, owner: User | None) -> RestoreReport:
    """Restore a backup zip (a path or a binary file object) as a new household owned by
    ``owner``. None means the backup's own owner, whose account must already exist here
    (the command line without --owner). Raises BackupError, in plain words, for anything
    that cannot be restored; then nothing was."""
    try:
        archive = zipfile.ZipFile(source)
    except ZIP_ERRORS as exc:
        raise damaged("This file is not a zip file, or it is damaged") from exc
    with archive:
        contents = read_checked(archive)
        plan = _plan(contents.rows, owner)
        files = _write(plan, contents, archive)
    household = plan.household
    return RestoreReport(
        household_id=str(household.pk),
        household_name=str(household.values.get("name", "")),
        owner=plan.owner.email,
        records=len(plan.records),
        files=files,
        members_to_invite=plan.members,
    )


# Reading the rows


def _plan(rows: list, owner: User | None) -> _Plan:
    records, members = _read_rows(rows)
    households = [record for record in records.values() if record.model is Household]
    if len(households) != 1:
        raise damaged("The backup must hold exactly one family")
    owner = owner or _backup_owner(members)
    dropped = _left_out(records, owner)
    order = {model: place for place, model in enumerate(household_models())}
    kept = sorted(
        (record for key, record in records.items() if key not in dropped),
        key=lambda record: order[record.model],
    )
    plan = _Plan(
        owner=owner,
        household=households[0],
        records=kept,
        members=[(email, role) for email, role in members if not _same_email(email, owner)],
        resolved={r.key: _resolved_references(r, records, dropped, owner) for r in kept},
        many={r.key: _resolved_many(r, records, dropped, owner) for r in kept},
    )
    _refuse_ids_in_use(kept)
    return plan


def _read_rows(rows: list) -> tuple[dict[Key, _Record], list[tuple[str, str]]]:
    """The records to restore, by model and id, and the backup's members (email, role)."""
    records: dict[Key, _Record] = {}
    members: list[tuple[str, str]] = []
    restorable = set(household_models()) - {Membership}
    for row in rows:
        model = _model_of(row)
        if model is User:
            continue  # format version 1 held the members' accounts: never restored
        if model is Membership:
            members.append(_member(row))
            continue
        if model not in restorable:
            raise damaged("The backup holds records of an unexpected kind")
        record = _record(row, model)
        if record.key in records:
            raise damaged("The backup holds the same record twice")
        records[record.key] = record
    return records, members


def _model_of(row: object) -> type[models.Model]:
    try:
        label = row["model"]  # type: ignore[index]
        return apps.get_model(MOVED_MODELS.get(label, label))
    except (LookupError, ValueError, TypeError, KeyError, AttributeError) as exc:
        raise damaged("The backup holds records of an unexpected kind") from exc


def _member(row: dict) -> tuple[str, str]:
    fields = row.get("fields") or {}
    person, role = fields.get("user"), fields.get("role")
    if not (_is_natural_key(person) and isinstance(role, str)):
        raise damaged("The backup's list of members is damaged")
    return person[0].lower(), role


def _is_natural_key(value: object) -> bool:
    """A person as a backup names them: [email]."""
    return isinstance(value, list) and len(value) == 1 and isinstance(value[0], str)


def _same_email(email: str, user: User) -> bool:
    return email.lower() == user.email.lower()


def _backup_owner(members: list[tuple[str, str]]) -> User:
    email = next((email for email, role in members if role == Role.OWNER), None)
    if email is None:
        raise damaged("The backup names no owner: say who the new owner is (--owner EMAIL)")
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        raise damaged(
            f"The backup's owner, {email}, has no account in this installation. Make the "
            "account first (playbook adduser), or name another owner (--owner EMAIL)"
        )
    return user


def _record(row: dict, model: type[models.Model]) -> _Record:
    label = model._meta.verbose_name
    fields = row.get("fields")
    if not isinstance(fields, dict) or "pk" not in row:
        raise damaged(f"A {label} in the backup is incomplete")
    try:
        record = _Record(model, model._meta.pk.to_python(row["pk"]))
        for name, value in fields.items():
            _read_field(record, model._meta.get_field(name), value)
    except (FieldDoesNotExist, ValidationError, TypeError, ValueError, ArithmeticError) as exc:
        raise damaged(f"A {label} in the backup has a field this version does not read") from exc
    if record.pk is None:
        raise damaged(f"A {label} in the backup has no id")
    return record


def _read_field(record: _Record, model_field, value) -> None:
    if model_field.many_to_many:
        if not isinstance(value, list):
            raise TypeError(model_field.name)
        record.many[model_field] = [_target_id(model_field, item) for item in value]
    elif model_field.is_relation and model_field.concrete:
        record.references[model_field] = _target_id(model_field, value)
    elif isinstance(model_field, models.FileField):
        record.files[model_field] = value if isinstance(value, str) else ""
    elif model_field.concrete and not model_field.primary_key:
        record.values[model_field.attname] = model_field.to_python(value)
    else:
        raise TypeError(model_field.name)


def _target_id(model_field, value):
    """A reference's value: the id it names, or the person (by email) it names."""
    if value is None or model_field.related_model is User:
        return value
    return model_field.related_model._meta.pk.to_python(value)


# References


def _target(model_field, value, records: dict, dropped: set, owner: User):
    """What a reference points at once restored: the id of a record restored with it, the
    person restoring, None, or GONE (a person or record that does not come back). A record
    outside the backup refuses the whole backup."""
    target = model_field.related_model
    if value is None:
        return None
    if target is User:
        return owner.pk if _is_natural_key(value) and _same_email(value[0], owner) else GONE
    if target is Membership or (target, value) in dropped:
        return GONE
    if (target, value) in records:
        return value
    raise damaged(
        f"A {model_field.model._meta.verbose_name} in the backup points at a record that is "
        "not in the backup"
    )


def _left_out(records: dict[Key, _Record], owner: User) -> set[Key]:
    """The records that cannot be without a person or record that does not come back (a
    member's own digest opt-out), and those that need them in turn."""
    dropped: set[Key] = set()
    while True:
        newly = {
            key
            for key, record in records.items()
            if key not in dropped
            and any(
                not model_field.null
                and _target(model_field, value, records, dropped, owner) is GONE
                for model_field, value in record.references.items()
            )
        }
        if not newly:
            return dropped
        dropped |= newly


def _resolved_references(record: _Record, records, dropped, owner) -> dict[str, object]:
    resolved = {}
    for model_field, value in record.references.items():
        target = _target(model_field, value, records, dropped, owner)
        resolved[model_field.attname] = None if target is GONE else target
    return resolved


def _resolved_many(record: _Record, records, dropped, owner) -> dict:
    resolved = {}
    for model_field, values in record.many.items():
        targets = [_target(model_field, value, records, dropped, owner) for value in values]
        resolved[model_field] = list(dict.fromkeys(t for t in targets if t not in (None, GONE)))
    return resolved


def _refuse_ids_in_use(records: list[_Record]) -> None:
    """The ids stay (the trail's hash chain covers them), so none may exist here yet: a
    restore never writes over a record, whoever's it is."""
    by_model = defaultdict(list)
    for record in records:
        by_model[record.model].append(record.pk)
    for model, ids in by_model.items():
        for start in range(0, len(ids), ID_BATCH):
            if model._base_manager.filter(pk__in=ids[start : start + ID_BATCH]).exists():
                raise BackupError(
                    "This family, or some of its records, is already in this installation; "
                    f"{NOTHING_RESTORED}."
                )


# Writing


def _write(plan: _Plan, contents: Contents, archive: zipfile.ZipFile) -> int:
    """Insert every record and write every upload it names, in one transaction; on any
    failure, remove exactly the files this restore wrote. Returns how many it wrote."""
    written: list[tuple[Storage, str]] = []
    try:
        with transaction.atomic():
            stored: dict[str, str] = {}  # name in the backup: new storage name
            for model, records in _batches(plan.records):
                instances = [_instance(plan, record) for record in records]
                for record, instance in zip(records, instances, strict=True):
                    for file_field, name in record.files.items():
                        if name not in stored:
                            listed = contents.files.get(name)
                            stored[name] = _store(listed, file_field, instance, archive, written)
                        setattr(instance, file_field.attname, stored[name])
                model._base_manager.bulk_create(instances, batch_size=200)
            _insert_many(plan)
            Membership.objects.create(
                household_id=plan.household.pk, user=plan.owner, role=Role.OWNER
            )
            records_changed(*(r.pk for r in plan.records if r.model is Child))
    except BaseException as exc:
        _remove(written)
        refusal = _refusal_for(exc)
        if refusal is None:
            raise
        raise refusal from exc
    return len(written)


def _refusal_for(exc: BaseException) -> BackupError | None:
    """The plain-words refusal for what stopped the writing; None to let it through."""
    if isinstance(exc, IntegrityError | DataError | ValidationError | ValueError):
        return damaged(f"The backup's records do not fit together ({exc.__class__.__name__})")
    if isinstance(exc, zipfile.BadZipFile | zlib.error | EOFError):
        return damaged()
    if isinstance(exc, OSError):
        return BackupError(
            f"The backup's files could not be written here ({exc.strerror or exc}); "
            f"{NOTHING_RESTORED}."
        )
    return None


def _batches(records: list[_Record]):
    batch: list[_Record] = []
    for record in records:
        if batch and batch[0].model is not record.model:
            yield batch[0].model, batch
            batch = []
        batch.append(record)
    if batch:
        yield batch[0].model, batch


def _instance(plan: _Plan, record: _Record) -> models.Model:
    return record.model(
        **{record.model._meta.pk.attname: record.pk},
        **record.values,
        **plan.resolved[record.key],
        **{file_field.attname: "" for file_field in record.files},
    )


def _store(
    listed: BackedUpFile | None,
    file_field: models.FileField,
    instance: models.Model,
    archive: zipfile.ZipFile,
    written: list[tuple[Storage, str]],
) -> str:
    """The upload written under a new random name where the field keeps its files; "" for
    one that was missing when the backup was made (the backup holds none to write)."""
    if listed is None:
        return ""
    planned = PurePosixPath(file_field.generate_filename(instance, "restored"))
    fresh = str(planned.with_name(uuid.uuid4().hex + planned.suffix))
    storage = file_field.storage
    # Counted as this restore's before it is written, so a half-written file is removed
    # too: a new uuid4 is no one else's name.
    written.append((storage, fresh))
    with archive.open(listed.member) as member:
        reader = _HashingReader(member)
        written[-1] = (storage, storage.save(fresh, File(reader, name=fresh)))
    if not reader.read_as(listed):
        raise damaged(f"The file {listed.name} in the backup changed while it was restored")
    return written[-1][1]


class _HashingReader:
    """A zip member as storage reads it, hashed on the way, so the bytes written are
    checked against the manifest too. A read error ends the file early (storage then
    returns normally) and the check after it refuses the file."""

    def __init__(self, member) -> None:
        self._member = member
        self._sha256 = hashlib.sha256()
        self._size = 0
        self._failed = False

    def read(self, size: int = -1) -> bytes:
        try:
            data = self._member.read(size)
        except ZIP_ERRORS:
            self._failed = True
            return b""
        self._sha256.update(data)
        self._size += len(data)
        return data

    def read_as(self, listed: BackedUpFile) -> bool:
        return (
            not self._failed
            and self._size == listed.size
            and self._sha256.hexdigest() == listed.sha256
        )


def _insert_many(plan: _Plan) -> None:
    rows = defaultdict(list)
    for record in plan.records:
        for many_field, targets in plan.many[record.key].items():
            through = many_field.remote_field.through
            source = through._meta.get_field(many_field.m2m_field_name()).attname
            target = through._meta.get_field(many_field.m2m_reverse_field_name()).attname
            rows[through].extend(through(**{source: record.pk, target: t}) for t in targets)
    for through, links in rows.items():
        through._base_manager.bulk_create(links, batch_size=200)


def _remove(written: list[tuple[Storage, str]]) -> None:
    for storage, name in written:
        with contextlib.suppress(OSError):
            storage.delete(name)
