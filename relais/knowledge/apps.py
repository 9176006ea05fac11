from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "relais.knowledge"
    label = "knowledge"
    verbose_name = _("Knowledge centre")

    def ready(self) -> None:
        from relais.knowledge import navigation

        navigation.register()
