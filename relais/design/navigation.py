from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from relais.core.registry import (
    AdminLink,
    DashboardPanel,
    NavItem,
    register_admin_link,
    register_audit_action,
    register_nav,
    register_panel,
)


def _may_see_designs(user: Any) -> bool:
    from relais.design.selectors import VIEW_ROLES
    from relais.programmes.selectors import roles_held

    return bool(getattr(user, "is_administrator", False) or roles_held(user) & set(VIEW_ROLES))


def _failing_designs(request: HttpRequest) -> dict[str, Any] | None:
    from relais.design.selectors import designs_visible

    user = request.user
    if not _may_see_designs(user):
        return None
    failing = (
        designs_visible(user=user)
        .filter(check_passed=False)
        .exclude(status="archived")
        .select_related("programme")
        .order_by("programme__code", "title", "id")
    )
    shown = list(failing[:6])
    return {"designs": shown, "total": failing.count() if len(shown) == 6 else len(shown)}


def register() -> None:
    from relais.design import demo, demo_documents, documents, formulas
    from relais.design.rule_services import register_rule_audit_actions

    demo.register()
    demo_documents.register()
    documents.register()
    formulas.register()
    register_rule_audit_actions()
    register_admin_link(
        AdminLink(
            key="design_rules",
            label=_("Design rules"),
            description=_("Severities and thresholds of the rules of the design model (DESIGN.md §3)."),
            url_name="design_rules:list",
            order=20,
        )
    )
    register_nav(NavItem(key="designs", label=_("Designs"), url_name="design:list", order=20, visible=_may_see_designs))
    register_panel(
        DashboardPanel(
            key="failing_designs", order=30, template="design/partials/dashboard_failing.html", context=_failing_designs
        )
    )
    for code, label in {
        "design.created": _("Design created"),
        "design.updated": _("Design updated"),
        "design.countries_set": _("Design countries changed"),
        "design.seats_set": _("Design seats changed"),
        "design.objective_added": _("Learning objective added"),
        "design.objective_changed": _("Learning objective changed"),
        "design.objective_removed": _("Learning objective removed"),
        "design.day_added": _("Agenda day added"),
        "design.day_changed": _("Agenda day renamed"),
        "design.day_removed": _("Agenda day removed"),
        "design.module_added": _("Agenda module added"),
        "design.module_changed": _("Agenda module changed"),
        "design.module_removed": _("Agenda module removed"),
        "design.agenda_reordered": _("Agenda reordered"),
        "design.objectives_reordered": _("Learning objectives reordered"),
        "design.material_added": _("Material added"),
        "design.material_removed": _("Material removed"),
        "design.source_added": _("Needs assessment source added"),
        "design.source_removed": _("Needs assessment source removed"),
        "design.reference_added": _("Further reading added to a design"),
        "design.reference_removed": _("Further reading removed from a design"),
        "design.references_linked": _("Materials and sources linked to documents of the knowledge centre"),
        "design.replicated": _("Design replicated"),
        "design.adaptation_ticked": _("Adaptation point ticked off"),
        "design.adaptation_unticked": _("Adaptation point reopened"),
        "design.status_changed": _("Design status changed"),
    }.items():
        register_audit_action(code, label)
