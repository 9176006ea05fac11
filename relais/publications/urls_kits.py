"""Publications URLs: replication kits."""

from django.urls import path

from relais.publications import views_kits

urlpatterns = [
    path("design/<int:pk>/kit/", views_kits.kit_new, name="kit_new"),
]
