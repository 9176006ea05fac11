"""Knowledge centre URLs, mounted at /knowledge/ (public pages need no login)."""

from relais.knowledge.urls_catalogue import urlpatterns as catalogue
from relais.knowledge.urls_files import urlpatterns as files
from relais.knowledge.urls_import import urlpatterns as imports
from relais.knowledge.urls_manage import urlpatterns as manage
from relais.knowledge.urls_pick import urlpatterns as pick

app_name = "knowledge"

urlpatterns = [*manage, *files, *imports, *pick, *catalogue]
