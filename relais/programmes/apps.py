from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    name = "relais.programmes"
    label = "programmes"
    verbose_name = _("Programmes")

    def ready(self) -> None:
        from relais.programmes import demo, formulas, navigation, signals

        signals.connect()
        navigation.register()
        formulas.register()
        demo.register()
