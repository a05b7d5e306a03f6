from django.urls import path

from . import views

child = "children/<uuid:child_id>/"

urlpatterns = [
    path(child + "meetings/", views.meeting_list, name="meeting_list"),
    path(child + "meetings/new/", views.meeting_new, name="meeting_new"),
    path(child + "meetings/<uuid:meeting_id>/", views.meeting_detail, name="meeting_detail"),
    path(child + "meetings/<uuid:meeting_id>/edit/", views.meeting_edit, name="meeting_edit"),
    path(
        child + "meetings/<uuid:meeting_id>/advance/", views.meeting_advance, name="meeting_advance"
    ),
    path(
        child + "meetings/<uuid:meeting_id>/outcome/", views.meeting_outcome, name="meeting_outcome"
    ),
    path(child + "goals/<uuid:goal_id>/own-data/", views.goal_own_data, name="goal_own_data"),
    path(child + "trials/", views.trial_list, name="trial_list"),
    path(child + "trials/new/", views.trial_new, name="trial_new"),
    path(child + "trials/<uuid:trial_id>/", views.trial_detail, name="trial_detail"),
    path(child + "trials/<uuid:trial_id>/edit/", views.trial_edit, name="trial_edit"),
    path(child + "trials/<uuid:trial_id>/extend/", views.trial_extend, name="trial_extend"),
    path(child + "trials/<uuid:trial_id>/delete/", views.trial_delete, name="trial_delete"),
    path(child + "data/", views.series_list, name="series_list"),
    path(child + "data/new/", views.series_new, name="series_new"),
    path(child + "data/<uuid:series_id>/", views.series_detail, name="series_detail"),
    path(
        child + "data/<uuid:series_id>/points/<uuid:measurement_id>/",
        views.point_edit,
        name="point_edit",
    ),
    path(
        child + "data/<uuid:series_id>/points/<uuid:measurement_id>/delete/",
        views.point_delete,
        name="point_delete",
    ),
    path(child + "data/<uuid:series_id>/chart.svg", views.series_chart, name="series_chart"),
]
