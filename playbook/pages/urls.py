from django.urls import path

from . import glossary, ladder, views

child = "children/<uuid:child_id>/"

urlpatterns = [
    path("", views.household_home, name="home"),
    path("glossary/", glossary.glossary_page, name="glossary"),
    path(child, views.child_home, name="child_home"),
    path(child + "ladder/", ladder.ladder, name="ladder"),
    path(child + "meetings/<uuid:meeting_id>/prep/", views.meeting_prep, name="meeting_prep"),
]
