"""URLs of the people pages (full paths: the delivery URLconf is mounted at the site root).
People are reached by number only: no name ever appears in a URL."""

from django.urls import URLPattern, path

from relais.delivery import views_people as views

urlpatterns: list[URLPattern] = [
    path("people/", views.people, name="people"),
    path("people/new/", views.person_new, name="person_new"),
    path("people/organisations/", views.person_organisations, name="person_organisations"),
    path("people/duplicates/", views.duplicates, name="people_duplicates"),
    path("people/merge/<int:a>/<int:b>/", views.merge, name="people_merge"),
    path("people/<int:pk>/", views.person_detail, name="person"),
    path("people/<int:pk>/edit/", views.person_edit, name="person_edit"),
    path("people/<int:pk>/consents/", views.consent_add, name="person_consent_add"),
    path("people/<int:pk>/consents/<int:consent_pk>/withdraw/", views.consent_withdraw, name="person_consent_withdraw"),
]
