from django.urls import include, path, re_path

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
    # Any other address under the API is a problem+json 404, control characters included (<path:>
    # stops at a line break, which then fell through to the HTML 404).
    re_path(r"^api/v1/(?P<rest>[\s\S]+)\Z", api_not_found),
    path("administration/design-rules/", include(("relais.design.rule_urls", "design_rules"))),
]
