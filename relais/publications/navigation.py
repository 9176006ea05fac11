"""The Publications menu entry and audit labels."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from relais.core.registry import NavItem, register_nav


def _may_see(user: Any) -> bool:
    from relais.programmes.selectors import roles_held

    return bool(getattr(user, "is_administrator", False) or roles_held(user))


def register() -> None:
    from relais.publications import audit, demo, panels, panels_kits

    register_nav(
        NavItem(key="publications", label=_("Publications"), url_name="publications:index", order=70, visible=_may_see)
    )
    audit.register()
    demo.register()
    panels.register()
    panels_kits.register()
