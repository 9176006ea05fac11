"""Evaluation URLs of one area (answer: the participants' pages and the staff preview), gathered in urls.py."""

from django.urls import path

from relais.evaluation import views_answer, views_answer_entry, views_answer_preview, views_answer_privacy

urlpatterns = [
    path("q/s/<str:token>/", views_answer_entry.entry, name="entry"),
    path("q/s/<str:token>/privacy/", views_answer_privacy.entry_privacy, name="entry_privacy"),
    path("q/a/<str:token>/<int:questionnaire>/", views_answer_entry.anonymous, name="anonymous"),
    path("q/a/<str:token>/<int:questionnaire>/thanks/", views_answer_entry.anonymous_thanks, name="anonymous_thanks"),
    path("q/<str:token>/", views_answer.answer, name="answer"),
    path("q/<str:token>/thanks/", views_answer.answer_thanks, name="answer_thanks"),
    path("q/<str:token>/privacy/", views_answer_privacy.answer_privacy, name="answer_privacy"),
    path("questionnaires/<int:pk>/preview/", views_answer_preview.preview, name="preview"),
]
