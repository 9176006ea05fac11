from django.urls import path

from relais.programmes import views, views_organisations, views_results, views_team

app_name = "programmes"

R = "<int:pk>/results/"

urlpatterns = [
    path("", views.programme_index, name="list"),
    path("new/", views.programme_create, name="create"),
    path("<int:pk>/", views.programme_detail, name="detail"),
    path("<int:pk>/edit/", views.programme_edit, name="edit"),
    # Results framework
    path(R, views_results.results_edit, name="results"),
    path(R + "outcomes/new/", views_results.outcome_create, name="outcome_create"),
    path(R + "outcomes/<int:outcome_pk>/", views_results.outcome_edit, name="outcome_edit"),
    path(R + "outcomes/<int:outcome_pk>/delete/", views_results.outcome_delete, name="outcome_delete"),
    path(R + "outputs/new/", views_results.output_create, name="output_create"),
    path(R + "outputs/<int:output_pk>/", views_results.output_edit, name="output_edit"),
    path(R + "outputs/<int:output_pk>/delete/", views_results.output_delete, name="output_delete"),
    path(R + "indicators/new/", views_results.indicator_create, name="indicator_create"),
    path(R + "indicators/<int:indicator_pk>/", views_results.indicator_edit, name="indicator_edit"),
    path(R + "indicators/<int:indicator_pk>/delete/", views_results.indicator_delete, name="indicator_delete"),
    path("<int:pk>/indicators/<int:indicator_pk>/", views_results.indicator_detail, name="indicator"),
    path("<int:pk>/indicators/<int:indicator_pk>/values/", views_results.value_save, name="value_save"),
    path(
        "<int:pk>/indicators/<int:indicator_pk>/values/<int:value_pk>/delete/",
        views_results.value_delete,
        name="value_delete",
    ),
    # Partners and team
    path("<int:pk>/partners/", views_organisations.partners, name="partners"),
    path("<int:pk>/partners/add/", views_organisations.partner_add, name="partner_add"),
    path("<int:pk>/partners/remove/", views_organisations.partner_remove, name="partner_remove"),
    path("<int:pk>/team/", views_team.team, name="team"),
    path("<int:pk>/team/give/", views_team.team_assign, name="team_assign"),
    path("<int:pk>/team/<int:role_pk>/remove/", views_team.team_remove, name="team_remove"),
    # Organisations
    path("organisations/", views_organisations.organisation_index, name="organisations"),
    path("organisations/new/", views_organisations.organisation_create, name="organisation_create"),
    path("organisations/<int:pk>/edit/", views_organisations.organisation_edit, name="organisation_edit"),
    # Roles given by administrators from a user's page
    path("roles/user/<int:user_pk>/", views.role_assign, name="role_assign"),
    path("roles/user/<int:user_pk>/<int:pk>/remove/", views.role_remove, name="role_remove"),
]
