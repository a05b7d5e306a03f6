"""The migration that ties each feed to a membership keeps the owner's link working."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from playbook.deadlines import feeds

BEFORE = [("deadlines", "0002_consent_and_feed")]


def migrate(targets=None):
    """Migrate to these targets (default: every app's latest); the models as they were."""
    executor = MigrationExecutor(connection)
    targets = targets or executor.loader.graph.leaf_nodes()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_an_existing_feed_becomes_the_owners_and_its_link_still_works(alice, bob, child):
    old_apps = migrate(BEFORE)
    nonce = "0123456789abcdef0123456789abcdef"
    token = feeds._token(child.pk, nonce)
    old_apps.get_model("deadlines", "CalendarFeed").objects.create(
        child_id=child.pk, nonce=nonce, token_hash=feeds._digest(token)
    )
    migrate()

    from playbook.deadlines.models import CalendarFeed

    feed = CalendarFeed.objects.select_related("membership").get()
    assert feed.membership.user == alice  # the owner; Bob gets a link of his own
    assert feeds.child_for_token(token) == child
    assert feeds.token_for(child, alice) == token
    assert feeds.token_for(child, bob) != token
