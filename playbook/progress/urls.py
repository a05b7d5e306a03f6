from django.urls import path

from . import views

child = "children/<uuid:child_id>/"
urlpatterns = [
    path(child + "goals/", views.goals, name="goals"),
    path(child + "goals/<uuid:goal_id>/chart.svg", views.goal_chart, name="goal_chart"),
    path(child + "progress-reports/import/", views.import_report, name="progress_import"),
]
