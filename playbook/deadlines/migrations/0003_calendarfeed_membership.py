"""Each calendar feed belongs to a membership (issue 20, finding 9).

A child had one feed, shared by every member. Each existing feed now belongs to the
household owner's membership, so the owner's current subscription keeps working. The other
members get a link of their own the next time they open the deadlines page or ask the API;
the old shared link is the owner's from now on, so an owner who once shared the family
with someone who has since left should make a new link once (decision 0017).
"""

import django.db.models.deletion
from django.db import migrations, models


def give_each_feed_to_the_owner(apps, schema_editor):
    CalendarFeed = apps.get_model("deadlines", "CalendarFeed")
    Membership = apps.get_model("accounts", "Membership")
    for feed in CalendarFeed.objects.select_related("child"):
        owner = (
            Membership.objects.filter(household_id=feed.child.household_id, role="owner")
            .order_by("created_at")
            .first()
        )
        if owner is None:  # a household without an owner: nobody to give the link to
            feed.delete()
        else:
            feed.membership = owner
            feed.save(update_fields=["membership"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("children", "0001_initial"),
        ("deadlines", "0002_consent_and_feed"),
    ]

    operations = [
        migrations.AlterField(
            model_name="calendarfeed",
            name="child",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="calendar_feeds",
                to="children.child",
            ),
        ),
        migrations.AddField(
            model_name="calendarfeed",
            name="membership",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="calendar_feeds",
                to="accounts.membership",
            ),
        ),
        migrations.RunPython(give_each_feed_to_the_owner, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="calendarfeed",
            name="membership",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="calendar_feeds",
                to="accounts.membership",
            ),
        ),
        migrations.AddConstraint(
            model_name="calendarfeed",
            constraint=models.UniqueConstraint(
                fields=("child", "membership"), name="deadlines_feed_one_per_member_and_child"
            ),
        ),
    ]
