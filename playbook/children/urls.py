from django.urls import path

from . import views

urlpatterns = [
    path("children/new/", views.child_new, name="child_new"),
    path("children/<uuid:child_id>/edit/", views.child_edit, name="child_edit"),
    path("children/<uuid:child_id>/delete/", views.child_delete, name="child_delete"),
    path("children/deleted/", views.deleted_children, name="deleted_children"),
    path("children/<uuid:deleted_child_id>/restore/", views.child_restore, name="child_restore"),
    path("children/<uuid:child_id>/setup/team/", views.child_setup_team, name="child_setup_team"),
    path("children/<uuid:child_id>/setup/iep/", views.child_setup_iep, name="child_setup_iep"),
    path("children/<uuid:child_id>/team/", views.team, name="team"),
    path("children/<uuid:child_id>/team/add/", views.team_add, name="team_add"),
    path(
        "children/<uuid:child_id>/team/<uuid:member_id>/edit/",
        views.team_edit,
        name="team_edit",
    ),
    path(
        "children/<uuid:child_id>/team/<uuid:member_id>/remove/",
        views.team_remove,
        name="team_remove",
    ),
    path(
        "children/<uuid:child_id>/team/<uuid:member_id>/restore/",
        views.team_restore,
        name="team_restore",
    ),
    path("children/<uuid:child_id>/iep/", views.iep_list, name="iep"),
    path("children/<uuid:child_id>/iep/new/", views.iep_new, name="iep_new"),
    path("children/<uuid:child_id>/iep/<uuid:iep_id>/", views.iep_detail, name="iep_detail"),
    path("children/<uuid:child_id>/iep/<uuid:iep_id>/edit/", views.iep_edit, name="iep_edit"),
    path("children/<uuid:child_id>/iep/<uuid:iep_id>/file/", views.iep_file, name="iep_file"),
]
