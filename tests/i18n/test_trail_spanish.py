"""The paper trail, the services ledger, the binder and the restore pages, read in Spanish
(issue 19): no English left outside the family's own words."""

from __future__ import annotations

import os
from datetime import date

import pytest
from django.urls import reverse

from playbook import demo
from playbook.accounts.models import User
from playbook.exports.models import BinderJob
from playbook.ledger.models import Service
from playbook.trail.models import EmailImport, Entry

from .test_spanish_pages import english_left

TODAY = date(2026, 3, 2)


@pytest.fixture
def spanish_demo(client, db):
    child = demo.load_demo(TODAY)
    parent = User.objects.get(email=demo.DEMO_EMAIL)
    parent.language = "es"
    parent.save(update_fields=["language"])
    client.force_login(parent)
    return client, child, parent


def object_pages(child, parent) -> dict[str, str]:
    pages = {}
    for name in (
        "trail_timeline",
        "trail_log",
        "trail_import",
        "trail_check",
        "ledger_services",
        "ledger_log",
        "ledger_threshold",
        "ledger_import",
        "iep_compare",
        "iep_checks",
        "binder_page",
    ):
        pages[name] = reverse(name, args=[child.pk])
    for entry in Entry.objects.filter(child=child).order_by("seq"):
        pages[f"trail_entry {entry.seq}"] = reverse("trail_entry", args=[child.pk, entry.pk])
        pages[f"trail_correct {entry.seq}"] = reverse("trail_correct", args=[child.pk, entry.pk])
    for service in Service.objects.filter(iep__child=child):
        pages[f"ledger_weeks {service.pk}"] = reverse("ledger_weeks", args=[child.pk, service.pk])
    job = BinderJob.objects.create(child=child, requested_by=parent)
    pages["binder_job"] = reverse("binder_job", args=[child.pk, job.pk])
    pages["household_restore"] = reverse("household_restore")
    return pages


def test_every_trail_ledger_and_binder_page_reads_as_spanish(spanish_demo):
    client, child, parent = spanish_demo
    left = {}
    for name, url in object_pages(child, parent).items():
        answer = client.get(url)
        if answer.status_code in (302, 405):
            continue
        assert answer.status_code == 200, url
        found = english_left(answer.content.decode())
        if os.environ.get("DUMP"):
            _dump(name, answer.content.decode())
        if found:
            left[name] = found
    assert left == {}


def _dump(name, html):
    from .test_spanish_pages import VisibleText
    import re
    reader = VisibleText()
    reader.feed(html)
    text = re.sub(r"\s+", " ", " ".join(reader.parts))
    with open(os.environ["DUMP"], "a") as out:
        out.write(f"=== {name}: {english_left(html)}\n{text}\n")
