"""Labels of evaluation's audit actions (shown in the audit log)."""

from django.utils.translation import gettext_lazy as _

from relais.core.registry import register_audit_action

ACTIONS = {
    "questionnaire.create": _("Questionnaire created"),
    "questionnaire.update": _("Questionnaire changed"),
    "questionnaire.delete": _("Questionnaire deleted"),
    "questionnaire.open": _("Questionnaire opened for answers"),
    "questionnaire.close": _("Questionnaire closed"),
    "questionnaire.translate": _("Questionnaire translated"),
    "questionnaire.rescore": _("Questionnaire answers rescored"),
    "item.create": _("Questionnaire item added"),
    "item.update": _("Questionnaire item changed"),
    "item.delete": _("Questionnaire item removed"),
    "library.create": _("Library item added"),
    "library.delete": _("Library item removed"),
    "invitation.create": _("Personal links created"),
    "invitation.send": _("Invitations sent"),
    "invitation.remind": _("Reminders sent"),
    "invitation.renew": _("Personal link renewed"),
    "invitation.expiry": _("Personal links' expiry moved to the closing date"),
    "response.submit": _("Answers submitted"),
    "response.enter": _("Paper answers typed in"),
    "response.import": _("Answers imported"),
    "response.delete": _("Answers deleted"),
    "lesson.create": _("Lesson learned recorded"),
    "lesson.update": _("Lesson learned changed"),
    "lesson.status": _("Lesson learned status changed"),
    "lesson.delete": _("Lesson learned deleted"),
    "questionnaire.draft": _("Questionnaire taken back to draft"),
    "section.create": _("Questionnaire section added"),
    "section.update": _("Questionnaire section changed"),
    "section.delete": _("Questionnaire section removed"),
    "library.update": _("Library item changed"),
    "response.import_file": _("Answers imported from a spreadsheet"),
    "network.export": _("Cooperation network ties downloaded"),
}


def register() -> None:
    for code, label in ACTIONS.items():
        register_audit_action(code, label)
