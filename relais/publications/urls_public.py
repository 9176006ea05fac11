"""Publications URLs: the public pages (no login)."""

from django.urls import path

from relais.publications import views_public

urlpatterns = [
    path("public/", views_public.public_list, name="public"),
    path("public/<int:pk>/", views_public.public_build, name="public_build"),
    path("public/<int:pk>/download/<str:fmt>/", views_public.public_download, name="public_download"),
]
