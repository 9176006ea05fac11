"""Evaluation URLs of one area (results), gathered in urls.py."""

from django.urls import path

from relais.evaluation import views_results

urlpatterns = [
    path("evaluation/", views_results.index, name="index"),
]
