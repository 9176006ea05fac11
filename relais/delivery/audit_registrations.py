"""Labels of the registrations audit actions, registered from navigation.register(); also registers
the demo registrations step."""

from django.utils.translation import gettext_lazy as _

from relais.core.registry import register_audit_action

ACTIONS = {
    "registration.added": _("Person registered for a session"),
    "registration.status_changed": _("Registration status changed"),
    "registration.promoted": _("Moved from the waiting list to registered"),
    "registration.removed": _("Registration removed"),
    "registration.imported": _("Participant list imported"),
    "registration.exported": _("Participant list downloaded"),
}


def register() -> None:
    from relais.delivery import demo_registrations

    for code, label in ACTIONS.items():
        register_audit_action(code, label)
    demo_registrations.register()
