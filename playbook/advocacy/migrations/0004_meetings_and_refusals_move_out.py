"""Meetings, trials, data and refusals move to their own apps (decision 0026). Only Django's
state changes: the tables stay, with their rows, and the new apps take them over."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("advocacy", "0003_one_owner_constraints"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name="dataseries",
                    name="child",
                ),
                migrations.RemoveField(
                    model_name="dataseries",
                    name="concern",
                ),
                migrations.RemoveField(
                    model_name="trial",
                    name="series",
                ),
                migrations.RemoveField(
                    model_name="meeting",
                    name="agenda",
                ),
                migrations.RemoveField(
                    model_name="meeting",
                    name="ask",
                ),
                migrations.RemoveField(
                    model_name="meeting",
                    name="child",
                ),
                migrations.RemoveField(
                    model_name="meeting",
                    name="invitees",
                ),
                migrations.RemoveField(
                    model_name="meeting",
                    name="trial",
                ),
                migrations.RemoveField(
                    model_name="refusal",
                    name="ask",
                ),
                migrations.RemoveField(
                    model_name="refusal",
                    name="child",
                ),
                migrations.RemoveField(
                    model_name="refusal",
                    name="entry",
                ),
                migrations.RemoveField(
                    model_name="refusal",
                    name="policy_entry",
                ),
                migrations.RemoveField(
                    model_name="refusal",
                    name="said_by",
                ),
                migrations.RemoveField(
                    model_name="trial",
                    name="child",
                ),
                migrations.RemoveField(
                    model_name="trial",
                    name="concern",
                ),
                migrations.DeleteModel(
                    name="Measurement",
                ),
                migrations.DeleteModel(
                    name="DataSeries",
                ),
                migrations.DeleteModel(
                    name="Meeting",
                ),
                migrations.DeleteModel(
                    name="Refusal",
                ),
                migrations.DeleteModel(
                    name="Trial",
                ),
            ],
        ),
    ]
