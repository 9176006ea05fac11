"""Labels of the sessions audit actions, registered from navigation.register(); also registers the
delivery formulas of the results framework and the demo sessions step."""

from django.utils.translation import gettext_lazy as _

from relais.core.registry import register_audit_action

ACTIONS = {
    "session.created": _("Session created"),
    "session.updated": _("Session changed"),
    "session.reopened": _("Cancelled session reopened"),
    "session.cancelled": _("Session cancelled"),
    "session.duplicated": _("Session duplicated"),
}


def register() -> None:
    from relais.delivery import demo_sessions, formulas

    for code, label in ACTIONS.items():
        register_audit_action(code, label)
    formulas.register()
    demo_sessions.register()
