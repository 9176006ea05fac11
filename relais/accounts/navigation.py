from django.utils.translation import gettext_lazy as _

from relais.core.registry import NavItem, register_audit_action, register_nav


def register() -> None:
    register_nav(
        NavItem(
            key="administration",
            label=_("Administration"),
            url_name="core:administration",
            order=900,
            visible=lambda user: bool(getattr(user, "is_administrator", False)),
        )
    )
    for code, label in {
        "auth.login": _("Logged in"),
        "auth.logout": _("Logged out"),
        "auth.login_failed": _("Failed login"),
        "auth.locked_out": _("Login locked after repeated failures"),
        "auth.second_factor_failed": _("Wrong second-factor code"),
        "user.created": _("User created"),
        "user.invited": _("Link to choose a password sent"),
        "user.password_changed": _("Password changed by its owner"),
        "user.password_reset": _("Password reset through an e-mailed link"),
        "user.updated": _("User updated"),
        "user.activated": _("User reactivated"),
        "user.deactivated": _("User deactivated"),
        "user.viewed": _("User's personal data viewed"),
        "user.profile_updated": _("Own profile updated"),
        "user.second_factor_enabled": _("Second factor enabled"),
        "user.second_factor_disabled": _("Second factor removed by its owner"),
        "user.second_factor_reset": _("Second factor reset by an administrator"),
    }.items():
        register_audit_action(code, label)
