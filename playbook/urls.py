from django.urls import include, path

from playbook.api.main import api
from playbook.health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("api/v1/", api.urls),
    path("", include("playbook.accounts.urls")),
    path("", include("playbook.children.urls")),
    path("", include("playbook.children.urls_import")),
    path("", include("playbook.trail.urls")),
    path("", include("playbook.advocacy.urls")),
    path("", include("playbook.advocacy.urls_refusals")),
    path("", include("playbook.advocacy.urls_meetings")),
    path("", include("playbook.letters.urls")),
    path("", include("playbook.deadlines.urls")),
    path("", include("playbook.plan.urls")),
    path("", include("playbook.ledger.urls")),
    path("", include("playbook.exports.urls")),
    path("", include("playbook.coach.urls")),
]

handler400 = "playbook.accounts.views.bad_request"
handler403 = "playbook.accounts.views.permission_denied"
handler404 = "playbook.accounts.views.page_not_found"
handler500 = "playbook.accounts.views.server_error"
