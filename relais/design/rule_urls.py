"""URLs of the design rules' administration, mounted at /administration/design-rules/."""

from django.urls import path

from relais.design import rule_views

urlpatterns = [
    path("", rule_views.rule_list, name="list"),
    path("<str:code>/", rule_views.rule_edit, name="edit"),
]
