from django.urls import path

from . import views

urlpatterns = [
    path("children/<uuid:child_id>/refusals/", views.refusal_list, name="refusal_list"),
    path("children/<uuid:child_id>/refusals/new/", views.refusal_new, name="refusal_new"),
    path(
        "children/<uuid:child_id>/refusals/<uuid:refusal_id>/",
        views.refusal_detail,
        name="refusal_detail",
    ),
    path(
        "children/<uuid:child_id>/refusals/<uuid:refusal_id>/policy/<uuid:attachment_id>/",
        views.policy_document,
        name="refusal_policy_document",
    ),
    path(
        "children/<uuid:child_id>/outside-routes/",
        views.outside_routes_page,
        name="outside_routes",
    ),
]
