from django.urls import path

from . import views

urlpatterns = [
    path("children/<uuid:child_id>/letters/", views.letter_list, name="letter_list"),
    path("children/<uuid:child_id>/letters/new/<slug:kind>/", views.letter_new, name="letter_new"),
    path(
        "children/<uuid:child_id>/letters/<uuid:letter_id>/",
        views.letter_detail,
        name="letter_detail",
    ),
    path(
        "children/<uuid:child_id>/letters/<uuid:letter_id>/edit/",
        views.letter_edit,
        name="letter_edit",
    ),
    path(
        "children/<uuid:child_id>/letters/<uuid:letter_id>/sent/",
        views.letter_sent,
        name="letter_sent",
    ),
    path(
        "children/<uuid:child_id>/letters/<uuid:letter_id>/send-lang/",
        views.letter_send_lang,
        name="letter_send_lang",
    ),
    path(
        "children/<uuid:child_id>/letters/<uuid:letter_id>/pair.<slug:ext>",
        views.letter_pair_file,
        name="letter_pair_file",
    ),
    path(
        "children/<uuid:child_id>/letters/<uuid:letter_id>.<slug:ext>",
        views.letter_file,
        name="letter_file",
    ),
]
