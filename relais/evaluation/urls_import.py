"""Evaluation URLs of one area (import of paper answers from a spreadsheet), gathered in urls.py."""

from django.urls import path

from relais.evaluation import views_import

urlpatterns = [
    path("questionnaires/<int:pk>/import/", views_import.import_upload, name="import"),
    path("questionnaires/<int:pk>/import/template.xlsx", views_import.import_template, name="import_template"),
    path("questionnaires/<int:pk>/import/<str:token>/", views_import.import_preview, name="import_preview"),
]
