from django.urls import path

from . import views

urlpatterns = [
    path("children/<uuid:child_id>/concerns/", views.concern_list, name="concern_list"),
    path("children/<uuid:child_id>/concerns/new/", views.concern_new, name="concern_new"),
    path("children/<uuid:child_id>/setup/concern/", views.concern_first, name="concern_first"),
    path(
        "children/<uuid:child_id>/concerns/<uuid:concern_id>/",
        views.concern_detail,
        name="concern_detail",
    ),
    path(
        "children/<uuid:child_id>/concerns/<uuid:concern_id>/edit/",
        views.concern_edit,
        name="concern_edit",
    ),
    path(
        "children/<uuid:child_id>/concerns/<uuid:concern_id>/status/",
        views.concern_status,
        name="concern_status",
    ),
    path(
        "children/<uuid:child_id>/concerns/<uuid:concern_id>/evidence/",
        views.evidence_add,
        name="evidence_add",
    ),
    path(
        "children/<uuid:child_id>/evidence/<uuid:evidence_id>/remove/",
        views.evidence_remove,
        name="evidence_remove",
    ),
    path(
        "children/<uuid:child_id>/evidence/<uuid:evidence_id>/file/",
        views.evidence_file,
        name="evidence_file",
    ),
    path("children/<uuid:child_id>/asks/", views.ask_list, name="ask_list"),
    path("children/<uuid:child_id>/asks/new/", views.ask_new, name="ask_new"),
    path("children/<uuid:child_id>/asks/<uuid:ask_id>/", views.ask_detail, name="ask_detail"),
    path("children/<uuid:child_id>/asks/<uuid:ask_id>/edit/", views.ask_edit, name="ask_edit"),
    path("children/<uuid:child_id>/asks/<uuid:ask_id>/reply/", views.ask_reply, name="ask_reply"),
]
