from typing import Any

from django.utils.translation import gettext_lazy as _

from relais.core.registry import NavItem, register_nav

SESSION_ROLES = {"manager", "coordinator", "trainer", "me_officer"}


def _may_see_sessions(user: Any) -> bool:
    from relais.programmes.selectors import roles_held

    return bool(getattr(user, "is_administrator", False) or roles_held(user) & SESSION_ROLES)


def _may_see_people(user: Any) -> bool:
    from relais.delivery.scoping import may_see_personal_data

    return may_see_personal_data(user=user)


def register() -> None:
    from relais.delivery import audit_attendance, audit_people, audit_registrations, audit_sessions, panels_retention

    register_nav(
        NavItem(key="sessions", label=_("Sessions"), url_name="delivery:sessions", order=30, visible=_may_see_sessions)
    )
    register_nav(
        NavItem(key="people", label=_("People"), url_name="delivery:people", order=40, visible=_may_see_people)
    )
    for module in (audit_sessions, audit_people, audit_registrations, audit_attendance):
        module.register()
    panels_retention.register()
