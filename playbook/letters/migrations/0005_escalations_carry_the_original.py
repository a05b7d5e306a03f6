"""Escalations sent before decision 0036: their asks now point at the original request, and
the asks they carried up are marked escalated, so no letter of the chain quotes the
internal "Escalation to ..." title and the coach stops following up the lower rung."""

from django.db import migrations


def carry_the_original(apps, schema_editor):
    Letter = apps.get_model("letters", "Letter")
    Ask = apps.get_model("advocacy", "Ask")
    sent = Letter.objects.filter(kind="escalation", state="sent", ask__isnull=False)
    for letter in sent.order_by("sent_on", "created_at").iterator():
        named = (letter.params or {}).get("ask")
        if not named:
            continue
        stuck = Ask.objects.filter(pk=named, child_id=letter.child_id).first()
        if stuck is None:
            continue
        original = Ask.objects.get(pk=stuck.about_id) if stuck.about_id else stuck
        carried = Ask.objects.get(pk=letter.ask_id)
        if carried.pk != original.pk and carried.about_id is None:
            carried.about_id = original.pk
            carried.save(update_fields=["about"])
        for ask in {stuck.pk: stuck, original.pk: original}.values():
            if ask.escalated_on is None and letter.sent_on is not None:
                ask.escalated_on = letter.sent_on
                ask.save(update_fields=["escalated_on"])


class Migration(migrations.Migration):
    dependencies = [
        ("letters", "0004_letter_language"),
        ("advocacy", "0005_ask_about_and_escalated_on"),
    ]

    operations = [migrations.RunPython(carry_the_original, migrations.RunPython.noop)]
