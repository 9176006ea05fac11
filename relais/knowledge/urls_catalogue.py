"""Knowledge centre URLs: the catalogue (public pages need no login)."""

from django.urls import path

from relais.knowledge import views_catalogue

urlpatterns = [
    path("", views_catalogue.index, name="index"),
]
