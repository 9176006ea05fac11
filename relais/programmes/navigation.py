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
    from relais.programmes.selectors_organisations import may_see_organisations

    register_nav(NavItem(key="programmes", label=_("Programmes"), url_name="programmes:list", order=10))
    # Beside People in the lifecycle's menu (DESIGN.md §5b): who works with whom.
    register_nav(
        NavItem(
            key="organisations",
            label=_("Organisations"),
            url_name="programmes:organisations",
            order=45,
            visible=may_see_organisations,
        )
    )
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
    for code, label in {
        "programme.created": _("Programme created"),
        "programme.updated": _("Programme changed"),
        "programme.partner_added": _("Partner added to a programme"),
        "programme.partner_removed": _("Partner removed from a programme"),
        "outcome.created": _("Outcome added"),
        "outcome.updated": _("Outcome changed"),
        "outcome.deleted": _("Outcome removed"),
        "output.created": _("Output added"),
        "output.updated": _("Output changed"),
        "output.deleted": _("Output removed"),
        "indicator.created": _("Indicator added"),
        "indicator.updated": _("Indicator changed"),
        "indicator.deleted": _("Indicator removed"),
        "indicator_value.entered": _("Indicator value entered"),
        "indicator_value.changed": _("Indicator value corrected"),
        "indicator_value.deleted": _("Indicator value removed"),
        "organisation.created": _("Organisation recorded"),
        "organisation.updated": _("Organisation changed"),
    }.items():
        register_audit_action(code, label)
    register_audit_action("programme_role.assigned", _("Role given"))
    register_audit_action("programme_role.changed", _("Role changed"))
    register_audit_action("programme_role.removed", _("Role removed"))
