"""Entries say which hash formula made them; chain heads shown outside the app are kept.

Every entry already recorded was hashed with formula 1, so the new column is filled with 1
for them; entries recorded from now on get 2 (the model's default). Nothing is re-hashed:
re-hashing would bless whatever the rows say today, tampered or not (decision 0016).

On SQLite the column is added with a plain ALTER TABLE ... ADD COLUMN. Django's own way
there rebuilds the table (a NOT NULL column), and dropping the old table would drop the
search triggers of 0003/0005 with it.
"""

import uuid

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models

SQLITE_ADD = (
    'ALTER TABLE "trail_entry" ADD COLUMN "hash_version" smallint unsigned NOT NULL '
    'DEFAULT 1 CHECK ("hash_version" >= 0)'
)
SQLITE_DROP = 'ALTER TABLE "trail_entry" DROP COLUMN "hash_version"'


def _recorded_so_far_as_version_1() -> models.Field:
    field = models.PositiveSmallIntegerField(default=1)
    field.set_attributes_from_name("hash_version")
    return field


def add_hash_version(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(SQLITE_ADD)
    else:
        entry = apps.get_model("trail", "Entry")
        schema_editor.add_field(entry, _recorded_so_far_as_version_1())


def drop_hash_version(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(SQLITE_DROP)
    else:
        entry = apps.get_model("trail", "Entry")
        schema_editor.remove_field(entry, _recorded_so_far_as_version_1())


class Migration(migrations.Migration):
    dependencies = [
        ("children", "0002_team_member_left_on"),
        ("trail", "0005_search_row_map"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(add_hash_version, drop_hash_version)],
            state_operations=[
                migrations.AddField(
                    model_name="entry",
                    name="hash_version",
                    field=models.PositiveSmallIntegerField(default=2),
                ),
            ],
        ),
        migrations.CreateModel(
            name="ChainAnchor",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("seq", models.PositiveIntegerField()),
                ("hash", models.CharField(max_length=64)),
                ("shown_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "shown_in",
                    models.CharField(
                        choices=[("binder", "binder"), ("digest", "weekly email")], max_length=10
                    ),
                ),
                (
                    "child",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="chain_anchors",
                        to="children.child",
                    ),
                ),
            ],
            options={
                "ordering": ["seq", "shown_at"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("child", "seq", "hash"), name="trail_chainanchor_once"
                    )
                ],
            },
        ),
    ]
