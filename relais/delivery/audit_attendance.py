"""Labels of the attendance and certificate audit actions, registered from navigation.register();
also registers the demo attendance step."""

from django.utils.translation import gettext_lazy as _

from relais.core.registry import register_audit_action

ACTIONS = {
    "attendance.recorded": _("Attendance recorded"),
    "attendance.day_recorded": _("Attendance of a day recorded"),
    "attendance.closed": _("Registration statuses set from attendance"),
    "certificates.issued": _("Certificates of attendance issued"),
    "certificate.revoked": _("Certificate of attendance revoked"),
    "delivery.documents_downloaded": _("Sign-in sheet or certificates downloaded"),
}


def register() -> None:
    from relais.delivery import demo_attendance

    for code, label in ACTIONS.items():
        register_audit_action(code, label)
    demo_attendance.register()
