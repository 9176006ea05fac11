from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DesignConfig(AppConfig):
    name = "relais.design"
    label = "design"
    verbose_name = _("Activity designs")

    def ready(self) -> None:
        from relais.design import navigation

        navigation.register()
