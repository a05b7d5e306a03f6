from django.urls import path

from . import views

urlpatterns = [
    path("children/<uuid:child_id>/services/", views.services, name="ledger_services"),
    path("children/<uuid:child_id>/services/log/", views.log_session, name="ledger_log"),
    path(
        "children/<uuid:child_id>/services/<uuid:service_id>/weeks/",
        views.service_weeks,
        name="ledger_weeks",
    ),
    path(
        "children/<uuid:child_id>/services/sessions/<uuid:session_id>/delete/",
        views.delete_session,
        name="ledger_session_delete",
    ),
    path(
        "children/<uuid:child_id>/services/threshold/",
        views.save_threshold,
        name="ledger_threshold",
    ),
    path("children/<uuid:child_id>/services/import/", views.import_log, name="ledger_import"),
    path("children/<uuid:child_id>/iep/compare/", views.compare, name="iep_compare"),
    path("children/<uuid:child_id>/iep/checks/", views.checks, name="iep_checks"),
]
