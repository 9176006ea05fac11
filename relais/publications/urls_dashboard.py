"""Publications URLs: the programme dashboard and its charts' downloads."""

from django.urls import path

from relais.publications import views_dashboard

urlpatterns = [
    path("programme/<int:pk>/dashboard/", views_dashboard.dashboard, name="dashboard"),
    path(
        "programme/<int:pk>/dashboard/chart/<slug:key>.<str:fmt>",
        views_dashboard.dashboard_chart,
        name="dashboard_chart",
    ),
]
