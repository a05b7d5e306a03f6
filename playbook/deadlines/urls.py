from django.urls import path

from . import views, views_breaks, views_removals

urlpatterns = [
    path("children/<uuid:child_id>/deadlines/", views.deadlines_page, name="deadlines"),
    path(
        "children/<uuid:child_id>/deadlines/calendar.ics",
        views.calendar_download,
        name="deadlines_ics",
    ),
    path(
        "children/<uuid:child_id>/deadlines/feed/renew/",
        views.feed_renew,
        name="deadlines_feed_renew",
    ),
    path(
        "children/<uuid:child_id>/deadlines/consents/",
        views.consent_add,
        name="deadlines_consent_add",
    ),
    path(
        "children/<uuid:child_id>/deadlines/consents/<uuid:consent_id>/report/",
        views.consent_report,
        name="deadlines_consent_report",
    ),
    path(
        "children/<uuid:child_id>/deadlines/consents/<uuid:consent_id>/remove/",
        views.consent_remove,
        name="deadlines_consent_remove",
    ),
    path("children/<uuid:child_id>/breaks/", views_breaks.breaks_page, name="school_breaks"),
    path(
        "children/<uuid:child_id>/breaks/in-session/",
        views_breaks.holidays_in_session,
        name="school_holidays_in_session",
    ),
    path(
        "children/<uuid:child_id>/breaks/<uuid:break_id>/remove/",
        views_breaks.break_remove,
        name="school_break_remove",
    ),
    path("children/<uuid:child_id>/removals/", views_removals.removals_page, name="removals"),
    path(
        "children/<uuid:child_id>/removals/<uuid:removal_id>/delete/",
        views_removals.removal_delete,
        name="removal_delete",
    ),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
]
