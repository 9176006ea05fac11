from django.urls import include, path

from relais.api.main import api
from relais.api.views_docs import not_found as api_not_found

urlpatterns = [
    path("", include("relais.core.urls")),
    path("accounts/", include("relais.accounts.urls")),
    path("administration/users/", include("relais.accounts.admin_urls")),
    path("programmes/", include("relais.programmes.urls")),
    path("designs/", include("relais.design.urls")),
    path("", include("relais.delivery.urls")),
    path("", include("relais.evaluation.urls")),
    path("knowledge/", include("relais.knowledge.urls")),
    path("publications/", include("relais.publications.urls")),
    path("api/", include("relais.api.urls")),
    path("api/v1/", api.urls),
    path("api/v1/<path:rest>", api_not_found),
    path("administration/design-rules/", include(("relais.design.rule_urls", "design_rules"))),
]
