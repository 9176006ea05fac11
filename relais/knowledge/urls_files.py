"""Knowledge centre URLs: files."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
