"""A refusal keeps the kind of "no" the recogniser heard in it (issue 14, decision 0038).

Refusals recorded before this migration get their kind from their words. The recogniser
(and scikit-learn) is loaded only when there is a refusal to read.
"""

from django.db import migrations, models


def hear_the_kind_of_earlier_refusals(apps, schema_editor):
    Refusal = apps.get_model("refusals", "Refusal")
    earlier = Refusal.objects.filter(kind="")
    if not earlier.exists():
        return
    from playbook.school_language import read

    for refusal in earlier.iterator():
        kind = read(refusal.words).kind
        if kind is not None:
            Refusal.objects.filter(pk=refusal.pk).update(kind=kind.id)


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
        migrations.RunPython(hear_the_kind_of_earlier_refusals, migrations.RunPython.noop),
    ]
