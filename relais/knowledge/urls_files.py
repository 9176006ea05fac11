"""Knowledge centre URLs: a document's files (upload, download, delete a version, read its text again)."""

from django.urls import path

from relais.knowledge import views_files

urlpatterns = [
    path("documents/<int:pk>/files/", views_files.file_add, name="file_add"),
    path("documents/<int:pk>/files/<int:file_pk>/download/", views_files.file_download, name="file_download"),
    path("documents/<int:pk>/files/<int:file_pk>/delete/", views_files.file_delete, name="file_delete"),
    path("documents/<int:pk>/files/<int:file_pk>/extract/", views_files.file_extract, name="file_extract"),
]
