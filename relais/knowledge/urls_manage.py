"""Knowledge centre URLs: managing documents (metadata, titles in other languages, translations) and
collections. Managers only; everyone else gets 404."""

from django.urls import path

from relais.knowledge import views_manage as views

urlpatterns = [
    path("documents/new/", views.document_new, name="new"),
    path("documents/<int:pk>/edit/", views.document_edit, name="edit"),
    path("documents/<int:pk>/delete/", views.document_delete, name="delete"),
    path("documents/<int:pk>/titles/", views.titles, name="titles"),
    path("documents/<int:pk>/titles/<str:language>/delete/", views.title_delete, name="title_delete"),
    path("documents/<int:pk>/translations/", views.translations, name="translations"),
    path("documents/<int:pk>/translations/unlink/", views.translation_unlink, name="translation_unlink"),
    path("collections/new/", views.collection_new, name="collection_new"),
    path("collections/<int:pk>/edit/", views.collection_edit, name="collection_edit"),
    path("collections/<int:pk>/delete/", views.collection_delete, name="collection_delete"),
    path("collections/<int:pk>/items/", views.collection_items, name="collection_items"),
]
