"""Knowledge centre URLs: bulk import of a catalogue (managers only; everyone else gets 404)."""

from django.urls import path

from relais.knowledge import views_import

urlpatterns = [
    path("import/", views_import.import_upload, name="import"),
    path("import/template.xlsx", views_import.import_template, name="import_template"),
    path("import/<str:token>/", views_import.import_preview, name="import_preview"),
]
