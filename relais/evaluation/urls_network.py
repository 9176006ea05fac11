"""Evaluation URLs of one area (network), gathered in urls.py."""

from django.urls import path

from relais.evaluation import views_network

urlpatterns = [
    path("evaluation/programmes/<int:pk>/network/", views_network.network_page, name="network"),
    path("evaluation/programmes/<int:pk>/network/ties.csv", views_network.network_csv, name="network_csv"),
]
