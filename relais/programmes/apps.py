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
        from relais.core.registry import register_second_factor_rule
        from relais.programmes.models import Role
        from relais.programmes.selectors import roles_held

        # Programme managers see every participant of their programmes: a second factor, like administrators.
        register_second_factor_rule("programme_manager", lambda user: Role.MANAGER in roles_held(user))
