"""Knowledge centre URLs: import."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
