from django.urls import path

from . import views

urlpatterns = [
    path("children/<uuid:child_id>/binder/", views.binder_page, name="binder_page"),
    path("children/<uuid:child_id>/binder/<uuid:job_id>/", views.binder_job, name="binder_job"),
    path(
        "children/<uuid:child_id>/binder/<uuid:job_id>/download/",
        views.binder_download,
        name="binder_download",
    ),
    path("household/backup/", views.household_backup, name="household_backup"),
    path("household/restore/", views.household_restore, name="household_restore"),
]
