"""Publications URLs: the index and report builds."""

from django.urls import path

from relais.publications import views_builds

urlpatterns = [
    path("", views_builds.index, name="index"),
    path("programme/<int:pk>/new/", views_builds.build_new, name="new"),
    path("build/<int:pk>/", views_builds.build_detail, name="build"),
    path("build/<int:pk>/download/<str:fmt>/", views_builds.download, name="download"),
    path("build/<int:pk>/publish/", views_builds.publish, name="publish"),
    path("build/<int:pk>/delete/", views_builds.delete, name="delete"),
]
