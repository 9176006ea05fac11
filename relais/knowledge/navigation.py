"""The Knowledge centre menu entry and audit labels."""

from django.utils.translation import gettext_lazy as _

from relais.core.registry import NavItem, register_nav


def register() -> None:
    from relais.knowledge import audit, demo

    register_nav(NavItem(key="knowledge", label=_("Knowledge centre"), url_name="knowledge:index", order=60))
    audit.register()
    demo.register()
