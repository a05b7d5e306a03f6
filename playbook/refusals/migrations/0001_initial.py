"""The refusals app takes over its tables from advocacy (decision 0026): the tables keep
their names and rows, so only Django's state is created here."""

import django.db.models.deletion
import django.utils.timezone
import uuid
from django.db import migrations, models


def take_over_content_types(apps, schema_editor):
    """Permissions and anything else pointing at the content types follow the models."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in ["refusal"]:
        if not ContentType.objects.filter(app_label="refusals", model=model).exists():
            ContentType.objects.filter(app_label="advocacy", model=model).update(
                app_label="refusals"
            )


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("advocacy", "0004_meetings_and_refusals_move_out"),
        ("children", "0004_child_records_version"),
        ("trail", "0007_email_import_jobs"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Refusal",
                    fields=[
                        (
                            "id",
                            models.UUIDField(
                                default=uuid.uuid4,
                                editable=False,
                                primary_key=True,
                                serialize=False,
                            ),
                        ),
                        ("said_on", models.DateField()),
                        ("words", models.TextField()),
                        (
                            "policy_outcome",
                            models.CharField(
                                blank=True,
                                choices=[
                                    ("", "Not asked yet"),
                                    ("pending", "Waiting for the policy"),
                                    ("produced", "Policy produced"),
                                    ("none_exists", "No such policy exists"),
                                    ("no_reply", "No reply"),
                                ],
                                default="",
                                max_length=20,
                            ),
                        ),
                        ("policy_citation", models.CharField(blank=True, max_length=300)),
                        ("policy_outcome_on", models.DateField(blank=True, null=True)),
                        ("policy_notes", models.TextField(blank=True)),
                        ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                        (
                            "ask",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="refusals",
                                to="advocacy.ask",
                            ),
                        ),
                        (
                            "child",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="refusals",
                                to="children.child",
                            ),
                        ),
                        (
                            "entry",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="refusals",
                                to="trail.entry",
                            ),
                        ),
                        (
                            "policy_entry",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="policies_for",
                                to="trail.entry",
                            ),
                        ),
                        (
                            "said_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="refusals",
                                to="children.teammember",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "advocacy_refusal",
                        "ordering": ["-said_on", "-created_at"],
                    },
                ),
            ],
        ),
        migrations.RunPython(take_over_content_types, migrations.RunPython.noop),
    ]
