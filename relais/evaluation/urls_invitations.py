"""Evaluation URLs of one area (invitations: personal links), gathered in urls.py."""

from django.urls import path

from relais.evaluation import views_invitations as views

urlpatterns = [
    path("questionnaires/<int:pk>/invitations/", views.invitations, name="invitations"),
    path("questionnaires/<int:pk>/invitations/create/", views.invitations_create_view, name="invitations_create"),
    path("questionnaires/<int:pk>/invitations/send/", views.invitations_send_view, name="invitations_send"),
    path("questionnaires/<int:pk>/invitations/remind/", views.invitations_remind_view, name="invitations_remind"),
    path(
        "questionnaires/<int:pk>/invitations/<int:invitation_pk>/renew/",
        views.invitation_renew_view,
        name="invitation_renew",
    ),
]
