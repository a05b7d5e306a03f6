from importlib import import_module

from django.urls import path

from playbook.api.main import api
from playbook.health import healthz

PAGE_URLS = [
    "playbook.pages.urls",
    "playbook.accounts.urls",
    "playbook.children.urls",
    "playbook.iep_import.urls",
    "playbook.progress.urls",
    "playbook.trail.urls",
    "playbook.advocacy.urls",
    "playbook.refusals.urls",
    "playbook.meetings.urls",
    "playbook.letters.urls",
    "playbook.deadlines.urls",
    "playbook.plan.urls",
    "playbook.ledger.urls",
    "playbook.exports.urls",
    "playbook.coach.urls",
]

# The pages' patterns in one flat list rather than thirteen include("") resolvers: a
# request for a page late in the list no longer builds the "tried" list of every resolver
# before it (a third of a kept page's time in benchmarks/latency.py).
urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("api/v1/", api.urls),
    *(pattern for module in PAGE_URLS for pattern in import_module(module).urlpatterns),
]

handler400 = "playbook.accounts.views.bad_request"
handler403 = "playbook.accounts.views.permission_denied"
handler404 = "playbook.accounts.views.page_not_found"
handler500 = "playbook.accounts.views.server_error"
