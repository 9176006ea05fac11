from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicationsConfig(AppConfig):
    name = "relais.publications"
    label = "publications"
    verbose_name = _("Publications")

    def ready(self) -> None:
        from relais.publications import navigation

        navigation.register()
