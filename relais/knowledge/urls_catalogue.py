"""Knowledge centre URLs: the catalogue (public pages need no login)."""

from django.urls import path

from relais.knowledge import views_catalogue

urlpatterns = [
    path("", views_catalogue.index, name="index"),
    path("documents/<int:pk>/", views_catalogue.document_detail, name="document"),
    path("documents/<int:pk>/cite.<str:fmt>", views_catalogue.cite, name="cite"),
    path("collections/", views_catalogue.collections, name="collections"),
    path("collections/<int:pk>/", views_catalogue.collection_detail, name="collection"),
]
