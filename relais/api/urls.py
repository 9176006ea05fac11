"""API pages at /api/ (tokens, documentation); the API itself at /api/v1/ (config/urls.py)."""

from django.urls import path

from relais.api import views_docs, views_tokens

app_name = "api"

urlpatterns = [
    path("tokens/", views_tokens.tokens, name="tokens"),
    path("tokens/<int:pk>/revoke/", views_tokens.token_revoke_view, name="token_revoke"),
    path("v1/docs/", views_docs.docs, name="docs"),
]
