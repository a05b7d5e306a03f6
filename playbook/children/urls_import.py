from django.urls import path

from . import views_import

urlpatterns = [
    path("children/<uuid:child_id>/iep/import/", views_import.upload, name="iep_import"),
    path(
        "children/<uuid:child_id>/iep/import/review/",
        views_import.review,
        name="iep_import_review",
    ),
    path(
        "children/<uuid:child_id>/iep/import/review/rows/<str:row_kind>/",
        views_import.add_row,
        name="iep_import_row",
    ),
    path(
        "children/<uuid:child_id>/iep/import/discard/",
        views_import.discard,
        name="iep_import_discard",
    ),
]
