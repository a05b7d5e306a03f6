from django.urls import path

from . import views

urlpatterns = [
    path("children/<uuid:child_id>/plan/", views.plan_page, name="plan"),
    path("children/<uuid:child_id>/plan/tick/", views.plan_tick, name="plan_tick"),
]
