from django.urls import path

from relais.accounts import admin_views

app_name = "users"

urlpatterns = [
    path("", admin_views.user_index, name="list"),
    path("new/", admin_views.user_new, name="new"),
    path("<int:pk>/", admin_views.user_detail, name="detail"),
    path("<int:pk>/active/", admin_views.user_toggle_active, name="toggle_active"),
    path("<int:pk>/second-factor/reset/", admin_views.user_reset_second_factor, name="reset_second_factor"),
    path("<int:pk>/invitation/", admin_views.user_send_invitation, name="send_invitation"),
]
