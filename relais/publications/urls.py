"""Publications URLs, mounted at /publications/."""

from relais.publications.urls_builds import urlpatterns as builds
from relais.publications.urls_dashboard import urlpatterns as dashboard
from relais.publications.urls_kits import urlpatterns as kits
from relais.publications.urls_public import urlpatterns as public

app_name = "publications"

urlpatterns = [*builds, *dashboard, *kits, *public]
