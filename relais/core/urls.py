from django.urls import path

from relais.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("administration/", views.administration, name="administration"),
    path("administration/audit/", views.audit_log, name="audit_log"),
    path("administration/reference/<slug:kind>/", views.reference_index, name="reference"),
    path("administration/reference/<slug:kind>/new/", views.reference_edit, name="reference_new"),
    path("administration/reference/<slug:kind>/<int:pk>/", views.reference_edit, name="reference_edit"),
]
