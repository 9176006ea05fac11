"""Labels of the people audit actions, registered from navigation.register(); also registers the
demo people step."""

from django.utils.translation import gettext_lazy as _

from relais.core.registry import register_audit_action

ACTIONS = {
    "person.viewed": _("Person's page viewed"),
    "person.created": _("Person recorded"),
    "person.updated": _("Person changed"),
    "person.merged": _("Duplicate people merged"),
    "person.consent_recorded": _("Consent recorded"),
    "person.consent_withdrawn": _("Consent withdrawn"),
    "person.data_exported": _("Person's data exported"),
    "person.anonymised": _("Person anonymised (data erased)"),
}


def register() -> None:
    from relais.delivery import demo_people

    for code, label in ACTIONS.items():
        register_audit_action(code, label)
    demo_people.register()
