from django.db import migrations, models


def fix_rows_that_break_the_rules(apps, schema_editor):
    """Rows written before the constraints may break them; mend them the least surprising
    way before the constraints go on (decision 0024):
    - an ask whose reply date is before the day it was asked: reply due that same day;
    - a scheduled meeting without a date: back to acknowledged (no date is known yet);
    - a held meeting without a date: dated the day it was recorded."""
    Ask = apps.get_model("advocacy", "Ask")
    Meeting = apps.get_model("advocacy", "Meeting")
    Ask.objects.filter(reply_due__lt=models.F("asked_on")).update(reply_due=models.F("asked_on"))
    Meeting.objects.filter(status="scheduled", date__isnull=True).update(status="acknowledged")
    for meeting in Meeting.objects.filter(status="held", date__isnull=True):
        meeting.date = meeting.created_at.date()
        meeting.save(update_fields=["date"])


class Migration(migrations.Migration):
    dependencies = [
        ("advocacy", "0002_refusal_policy_outcome"),
        ("children", "0003_child_deleted_restorable"),
        ("trail", "0006_hash_version_and_chain_anchor"),
    ]

    operations = [
        migrations.RunPython(fix_rows_that_break_the_rules, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="ask",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("reply_due__isnull", True),
                    ("reply_due__gte", models.F("asked_on")),
                    _connector="OR",
                ),
                name="advocacy_ask_reply_due_on_or_after_asked_on",
                violation_error_message="The reply date can't be before the day you asked.",
            ),
        ),
        migrations.AddConstraint(
            model_name="meeting",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("date__isnull", True), ("status__in", ["scheduled", "held"]), _negated=True
                ),
                name="advocacy_meeting_dated_when_scheduled_or_held",
                violation_error_message="A scheduled or held meeting needs its date.",
            ),
        ),
    ]
