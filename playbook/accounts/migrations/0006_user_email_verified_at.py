from django.db import migrations, models
from django.db.models.functions import Now


def count_existing_accounts_as_verified(apps, schema_editor):
    """Accounts made before addresses were confirmed keep everything they could do: nobody
    is locked out by the upgrade."""
    User = apps.get_model("accounts", "User")
    User.objects.filter(email_verified_at__isnull=True).update(email_verified_at=Now())


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0005_rate_count"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="email_verified_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(count_existing_accounts_as_verified, migrations.RunPython.noop),
    ]
