"""Labels of the knowledge centre's audit actions (shown in the audit log)."""

from django.utils.translation import gettext_lazy as _

from relais.core.registry import register_audit_action

ACTIONS = {
    "document.create": _("Document added to the knowledge centre"),
    "document.update": _("Document changed"),
    "document.delete": _("Document deleted"),
    "document.title": _("Document title in another language set"),
    "document.title_remove": _("Document title in another language removed"),
    "document.translation_link": _("Documents linked as translations"),
    "document.translation_unlink": _("Document taken out of its translations"),
    "document.file_add": _("Document file uploaded"),
    "document.file_delete": _("Document file deleted"),
    "document.file_extract": _("Document text extracted again"),
    "collection.create": _("Collection created"),
    "collection.update": _("Collection changed"),
    "collection.delete": _("Collection deleted"),
    "collection.items": _("Collection's documents changed"),
    "documents.import": _("Documents imported from a spreadsheet"),
    "search.reindex": _("Search index rebuilt"),
}


def register() -> None:
    for code, label in ACTIONS.items():
        register_audit_action(code, label)
