"""Knowledge centre URLs: the document picker of the design editor."""

from django.urls import URLPattern, path

from relais.knowledge import views_pick

urlpatterns: list[URLPattern] = [
    path("pick/", views_pick.pick, name="pick"),
]
