from django.utils.translation import gettext_lazy as _

from relais.core.registry import (
    DashboardPanel,
    NavItem,
    UserPanel,
    register_audit_action,
    register_nav,
    register_panel,
    register_user_panel,
)


def register() -> None:
    from relais.programmes import views

    register_nav(NavItem(key="programmes", label=_("Programmes"), url_name="programmes:list", order=10))
    register_panel(
        DashboardPanel(
            key="programmes",
            order=10,
            template="programmes/partials/dashboard_panel.html",
            context=views.dashboard_panel,
        )
    )
    register_user_panel(
        UserPanel(
            key="programme_roles",
            order=10,
            template="programmes/partials/user_roles.html",
            context=views.user_roles_panel,
        )
    )
    register_audit_action("programme.created", _("Programme created"))
    register_audit_action("programme_role.assigned", _("Role given"))
    register_audit_action("programme_role.changed", _("Role changed"))
    register_audit_action("programme_role.removed", _("Role removed"))
