"""Evaluation URLs of one area (builder), gathered in urls.py."""

from django.urls import path

from relais.evaluation import views_builder as views
from relais.evaluation import views_builder_items as items
from relais.evaluation import views_builder_translate as translate

urlpatterns = [
    path("sessions/<int:pk>/questionnaires/", views.session_questionnaires, name="session_questionnaires"),
    path(
        "sessions/<int:pk>/questionnaires/plan/", views.session_questionnaires_plan, name="session_questionnaires_plan"
    ),
    path("sessions/<int:pk>/questionnaires/new/", views.questionnaire_new, name="questionnaire_new"),
    path("sessions/<int:pk>/questionnaires/reuse/", views.questionnaire_reuse, name="questionnaire_reuse"),
    path("questionnaires/<int:pk>/", views.questionnaire_editor, name="questionnaire"),
    path("questionnaires/<int:pk>/settings/", views.questionnaire_settings, name="questionnaire_settings"),
    path("questionnaires/<int:pk>/status/", views.questionnaire_status, name="questionnaire_status"),
    path("questionnaires/<int:pk>/copy-pre-test/", views.questionnaire_copy_pre_items, name="questionnaire_copy_pre"),
    path("questionnaires/<int:pk>/delete/", views.questionnaire_remove, name="questionnaire_delete"),
    path("questionnaires/<int:pk>/sections/add/", items.section_add, name="section_add"),
    path("questionnaires/<int:pk>/sections/<int:section_pk>/", items.section_edit, name="section_edit"),
    path("questionnaires/<int:pk>/items/add/", items.item_add, name="item_add"),
    path("questionnaires/<int:pk>/items/<int:item_pk>/", items.item_edit, name="item_edit"),
    path("questionnaires/<int:pk>/items/<int:item_pk>/row/", items.item_row, name="item_row"),
    path(
        "questionnaires/<int:pk>/translate/<str:lang>/",
        translate.questionnaire_translate,
        name="questionnaire_translate",
    ),
]
