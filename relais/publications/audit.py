"""Labels of the publications' audit actions."""

from django.utils.translation import gettext_lazy as _

from relais.core.registry import register_audit_action

ACTIONS = {
    "publication.request": _("Publication build requested"),
    "publication.publish": _("Publication published"),
    "publication.unpublish": _("Publication taken back"),
    "publication.delete": _("Publication build deleted"),
    "kit.request": _("Replication kit build requested"),
}


def register() -> None:
    for code, label in ACTIONS.items():
        register_audit_action(code, label)
