"""Knowledge centre URLs: manage."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
