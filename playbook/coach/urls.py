from django.urls import path

from . import views

urlpatterns = [
    path("children/<uuid:child_id>/moves/", views.moves_page, name="child_moves"),
    path("children/<uuid:child_id>/moves/dismiss/", views.dismiss_move, name="child_moves_dismiss"),
    path("household/digest/", views.digest_settings, name="digest_settings"),
    path("digest/stop/<str:token>/", views.digest_opt_out, name="digest_opt_out"),
]
