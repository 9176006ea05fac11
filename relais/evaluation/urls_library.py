"""Evaluation URLs of one area (library), gathered in urls.py."""

from django.urls import path

from relais.evaluation import views_library as views

urlpatterns = [
    path("questionnaires/library/", views.library, name="library"),
    path("questionnaires/library/<int:pk>/delete/", views.library_delete, name="library_delete"),
    path("questionnaires/library/<int:pk>/standard/", views.library_standard, name="library_standard"),
    path("questionnaires/<int:pk>/library/", views.questionnaire_library, name="questionnaire_library"),
    path("questionnaires/<int:pk>/library/add/", views.library_add, name="library_add"),
    path("questionnaires/<int:pk>/items/<int:item_pk>/to-library/", views.item_to_library, name="item_to_library"),
]
