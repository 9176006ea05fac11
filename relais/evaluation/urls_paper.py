"""Evaluation URLs of one area (paper entry), gathered in urls.py."""

from django.urls import path

from relais.evaluation import views_paper

urlpatterns = [
    path("questionnaires/<int:pk>/paper/", views_paper.paper, name="paper"),
]
