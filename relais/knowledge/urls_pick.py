"""Knowledge centre URLs: pick."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
