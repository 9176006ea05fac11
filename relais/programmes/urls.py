from django.urls import path

from relais.programmes import views

app_name = "programmes"

urlpatterns = [
    path("", views.programme_index, name="list"),
    path("<int:pk>/", views.programme_detail, name="detail"),
    path("roles/user/<int:user_pk>/", views.role_assign, name="role_assign"),
    path("roles/user/<int:user_pk>/<int:pk>/remove/", views.role_remove, name="role_remove"),
]
