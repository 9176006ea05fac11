"""URLs of a person's data: export, erasure, and a programme's retention preview (full paths: the
delivery URLconf is mounted at the site root). People are reached by number only."""

from django.urls import URLPattern, path

from relais.delivery import views_personal_data as views

urlpatterns: list[URLPattern] = [
    path("people/<int:pk>/data.zip", views.person_data_export, name="person_data_export"),
    path("people/<int:pk>/erase/", views.person_anonymise, name="person_anonymise"),
    path("programmes/<int:pk>/retention/", views.programme_retention, name="programme_retention"),
]
