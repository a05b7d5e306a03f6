from django.urls import path

from . import views

urlpatterns = [
    path("children/new/", views.child_new, name="child_new"),
    path("children/<uuid:child_id>/", views.child_home, name="child_home"),
]
