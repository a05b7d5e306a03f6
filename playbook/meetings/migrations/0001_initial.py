"""The meetings app takes over its tables from advocacy (decision 0026): the tables keep
their names and rows, so only Django's state is created here."""

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
import uuid
from django.db import migrations, models


def take_over_content_types(apps, schema_editor):
    """Permissions and anything else pointing at the content types follow the models."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in ["dataseries", "measurement", "trial", "meeting"]:
        if not ContentType.objects.filter(app_label="meetings", model=model).exists():
            ContentType.objects.filter(app_label="advocacy", model=model).update(
                app_label="meetings"
            )


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("advocacy", "0004_meetings_and_refusals_move_out"),
        ("children", "0004_child_records_version"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="DataSeries",
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
                        ("name", models.CharField(max_length=150)),
                        ("unit", models.CharField(max_length=50)),
                        ("goal", models.FloatField(blank=True, null=True)),
                        ("baseline", models.FloatField(blank=True, null=True)),
                        ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                        (
                            "child",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="data_series",
                                to="children.child",
                            ),
                        ),
                        (
                            "concern",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="data_series",
                                to="advocacy.concern",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name_plural": "data series",
                        "db_table": "advocacy_dataseries",
                        "ordering": ["name"],
                    },
                ),
                migrations.CreateModel(
                    name="Measurement",
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
                        ("date", models.DateField()),
                        ("value", models.FloatField()),
                        ("note", models.CharField(blank=True, max_length=300)),
                        (
                            "series",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="points",
                                to="meetings.dataseries",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "advocacy_measurement",
                        "ordering": ["date", "id"],
                    },
                ),
                migrations.CreateModel(
                    name="Trial",
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
                        ("proposal", models.CharField(max_length=300)),
                        ("instead_of", models.CharField(blank=True, max_length=300)),
                        ("start_date", models.DateField()),
                        (
                            "weeks",
                            models.PositiveSmallIntegerField(
                                validators=[django.core.validators.MinValueValidator(1)]
                            ),
                        ),
                        ("measure", models.CharField(max_length=300)),
                        ("how_often", models.CharField(blank=True, max_length=100)),
                        ("measured_by", models.CharField(blank=True, max_length=150)),
                        ("review_date", models.DateField()),
                        (
                            "outcome",
                            models.CharField(
                                blank=True,
                                choices=[
                                    ("", "Running"),
                                    ("worked", "It worked"),
                                    ("did_not_work", "It did not work"),
                                    ("extended", "Extended"),
                                ],
                                default="",
                                max_length=20,
                            ),
                        ),
                        ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                        (
                            "child",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="trials",
                                to="children.child",
                            ),
                        ),
                        (
                            "concern",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="trials",
                                to="advocacy.concern",
                            ),
                        ),
                        (
                            "series",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="trials",
                                to="meetings.dataseries",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "advocacy_trial",
                        "ordering": ["-start_date"],
                    },
                ),
                migrations.CreateModel(
                    name="Meeting",
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
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("iep", "IEP meeting"),
                                    ("annual_review", "Annual review"),
                                    ("reevaluation", "Reevaluation meeting"),
                                    ("trial_review", "Trial review"),
                                    ("other", "Other meeting"),
                                ],
                                default="iep",
                                max_length=20,
                            ),
                        ),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("requested", "Requested"),
                                    ("acknowledged", "Acknowledged"),
                                    ("scheduled", "Scheduled"),
                                    ("held", "Held"),
                                    ("cancelled", "Cancelled"),
                                ],
                                default="requested",
                                max_length=20,
                            ),
                        ),
                        ("date", models.DateField(blank=True, null=True)),
                        ("time", models.TimeField(blank=True, null=True)),
                        ("place", models.CharField(blank=True, max_length=200)),
                        ("outcome", models.TextField(blank=True)),
                        ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                        (
                            "agenda",
                            models.ManyToManyField(
                                blank=True, related_name="meetings", to="advocacy.concern"
                            ),
                        ),
                        (
                            "ask",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="meetings",
                                to="advocacy.ask",
                            ),
                        ),
                        (
                            "child",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="meetings",
                                to="children.child",
                            ),
                        ),
                        (
                            "invitees",
                            models.ManyToManyField(
                                blank=True, related_name="meetings", to="children.teammember"
                            ),
                        ),
                        (
                            "trial",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="meetings",
                                to="meetings.trial",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "advocacy_meeting",
                        "ordering": ["-date", "-created_at"],
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(
                                    ("date__isnull", True),
                                    ("status__in", ["scheduled", "held"]),
                                    _negated=True,
                                ),
                                name="advocacy_meeting_dated_when_scheduled_or_held",
                                violation_error_message="A scheduled or held meeting needs its date.",
                            )
                        ],
                    },
                ),
            ],
        ),
        migrations.RunPython(take_over_content_types, migrations.RunPython.noop),
    ]
