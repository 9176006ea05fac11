"""Publications URLs: the index and report builds."""

from django.urls import path

from relais.publications import views_builds

urlpatterns = [
    path("", views_builds.index, name="index"),
]
