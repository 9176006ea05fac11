"""Evaluation URLs of one area (answer: the participants' pages), gathered in urls.py."""

from django.urls import path

from relais.evaluation import views_answer

urlpatterns = [
    path("q/s/<str:token>/", views_answer.entry, name="entry"),
]
