from django.urls import path

from . import views

urlpatterns = [
    path("children/<uuid:child_id>/iep/import/", views.upload, name="iep_import"),
    path(
        "children/<uuid:child_id>/iep/import/reading/<uuid:reading_id>/",
        views.reading_page,
        name="iep_import_reading",
    ),
    path(
        "children/<uuid:child_id>/iep/import/review/",
        views.review,
        name="iep_import_review",
    ),
    path(
        "children/<uuid:child_id>/iep/import/review/rows/<str:row_kind>/",
        views.add_row,
        name="iep_import_row",
    ),
    path(
        "children/<uuid:child_id>/iep/import/discard/",
        views.discard,
        name="iep_import_discard",
    ),
]
