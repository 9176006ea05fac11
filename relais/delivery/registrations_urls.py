"""URLs of the registrations pages (full paths: the delivery URLconf is mounted at the site root)."""

from django.urls import path

from relais.delivery import views_exports, views_import, views_registrations

urlpatterns = [
    path("sessions/<int:pk>/registrations/", views_registrations.registrations, name="registrations"),
    path("sessions/<int:pk>/registrations/add/", views_registrations.registration_add, name="registration_add"),
    path(
        "sessions/<int:pk>/registrations/new-person/",
        views_registrations.registration_new_person,
        name="registration_new_person",
    ),
    path(
        "sessions/<int:pk>/registrations/<int:registration_pk>/status/",
        views_registrations.registration_status,
        name="registration_status",
    ),
    path(
        "sessions/<int:pk>/registrations/<int:registration_pk>/remove/",
        views_registrations.registration_remove,
        name="registration_remove",
    ),
    path("sessions/<int:pk>/registrations/import/", views_import.registration_import, name="registration_import"),
    path(
        "sessions/<int:pk>/registrations/import/template.xlsx",
        views_import.registration_import_template,
        name="registration_import_template",
    ),
    path(
        "sessions/<int:pk>/registrations/import/<str:token>/",
        views_import.registration_import_preview,
        name="registration_import_preview",
    ),
    path(
        "sessions/<int:pk>/registrations/export.<str:fmt>",
        views_exports.registrations_export,
        name="registrations_export",
    ),
    path(
        "sessions/<int:pk>/registrations/summary.<str:fmt>",
        views_exports.registrations_summary,
        name="registrations_summary",
    ),
    path(
        "programmes/<int:pk>/participants/export.<str:fmt>",
        views_exports.programme_participants_export,
        name="programme_participants_export",
    ),
    path(
        "programmes/<int:pk>/participants/summary.<str:fmt>",
        views_exports.programme_participants_summary,
        name="programme_participants_summary",
    ),
]
