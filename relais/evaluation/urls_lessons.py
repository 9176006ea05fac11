"""Evaluation URLs of one area (lessons learned), gathered in urls.py."""

from django.urls import path

from relais.evaluation import views_lessons

urlpatterns = [
    path("sessions/<int:pk>/lessons/new/", views_lessons.lesson_new_session, name="lesson_new_session"),
    path("designs/<int:pk>/lessons/new/", views_lessons.lesson_new_design, name="lesson_new_design"),
    path("evaluation/programmes/<int:pk>/lessons/", views_lessons.lessons, name="lessons"),
    path("evaluation/lessons/<int:pk>/", views_lessons.lesson_detail, name="lesson"),
    path("evaluation/lessons/<int:pk>/edit/", views_lessons.lesson_edit, name="lesson_edit"),
    path("evaluation/lessons/<int:pk>/delete/", views_lessons.lesson_delete_view, name="lesson_delete"),
    path("evaluation/lessons/<int:pk>/status/", views_lessons.lesson_status, name="lesson_status"),
]
