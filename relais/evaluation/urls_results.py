"""Evaluation URLs of one area (results), gathered in urls.py."""

from django.urls import path

from relais.evaluation import views_results

urlpatterns = [
    path("evaluation/", views_results.index, name="index"),
    path("sessions/<int:pk>/results/", views_results.session_results, name="session_results"),
    path("evaluation/programmes/<int:pk>/results/", views_results.programme_results, name="programme_results"),
    path(
        "evaluation/programmes/<int:pk>/results.csv",
        views_results.programme_results_csv,
        name="programme_results_csv",
    ),
    path("questionnaires/<int:pk>/analysis/", views_results.item_analysis, name="item_analysis"),
]
