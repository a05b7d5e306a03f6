"""A refusal keeps the kind of "no" the recogniser heard in it (issue 14, decision 0038),
and the sentences that carried it.

Refusals recorded before this migration get both from their words. The recogniser
(and scikit-learn) is loaded only when there is a refusal to read.
"""

from django.db import migrations, models


def hear_the_kind_of_earlier_refusals(apps, schema_editor):
    Refusal = apps.get_model("refusals", "Refusal")
    earlier = Refusal.objects.all()
    if not earlier.exists():
        return
    from playbook.school_language import read

    for refusal in earlier.iterator():
        reading = read(refusal.words)
        Refusal.objects.filter(pk=refusal.pk).update(
            kind=reading.kind.id if reading.kind else "",
            matched=[sentence.text for sentence in reading.refusals],
        )


class Migration(migrations.Migration):
    dependencies = [
        ("refusals", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="refusal",
            name="kind",
            field=models.CharField(blank=True, default="", max_length=20),
        ),
        migrations.AddField(
            model_name="refusal",
            name="matched",
            field=models.JSONField(blank=True, default=list),
        ),
        migrations.RunPython(hear_the_kind_of_earlier_refusals, migrations.RunPython.noop),
    ]
