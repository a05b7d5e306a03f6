from django.urls import path

from . import views

urlpatterns = [
    path("children/<uuid:child_id>/timeline/", views.timeline, name="trail_timeline"),
    path("children/<uuid:child_id>/timeline/log/", views.log, name="trail_log"),
    path("children/<uuid:child_id>/timeline/import/", views.import_email, name="trail_import"),
    path(
        "children/<uuid:child_id>/timeline/import/<uuid:import_id>/",
        views.import_job,
        name="trail_import_job",
    ),
    path("children/<uuid:child_id>/timeline/check/", views.chain_check, name="trail_check"),
    path(
        "children/<uuid:child_id>/timeline/<uuid:entry_id>/",
        views.entry_detail,
        name="trail_entry",
    ),
    path(
        "children/<uuid:child_id>/timeline/<uuid:entry_id>/correct/",
        views.correct,
        name="trail_correct",
    ),
    path(
        "children/<uuid:child_id>/timeline/attachments/<uuid:attachment_id>/",
        views.attachment,
        name="trail_attachment",
    ),
]
