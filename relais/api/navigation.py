from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from relais.core.registry import (
    ObjectPanel,
    UserPanel,
    register_audit_action,
    register_object_panel,
    register_user_panel,
)


def _account_panel(request: HttpRequest, user: Any) -> dict[str, Any]:
    from relais.api.selectors import tokens_of

    return {"active_tokens": sum(1 for t in tokens_of(user=user) if t.is_active)}


def _user_panel(request: HttpRequest, subject: Any) -> dict[str, Any]:
    """An administrator's page of one user: the user's active tokens, to revoke one."""
    from relais.api.selectors import tokens_of

    return {"subject": subject, "tokens": [t for t in tokens_of(user=subject) if t.is_active]}


def _withdraw_tokens(sender: Any, user: Any, reason: str, actor: Any = None, request: Any = None, **kw: Any) -> None:
    from relais.api.services import tokens_revoke_all

    tokens_revoke_all(user=user, reason=reason, actor=actor, request=request)


def register() -> None:
    from relais.accounts.signals import access_withdrawn

    access_withdrawn.connect(_withdraw_tokens, dispatch_uid="api_tokens_withdrawn")
    register_audit_action("api.token_created", _("API token created"))
    register_audit_action("api.token_revoked", _("API token revoked"))
    register_object_panel(
        ObjectPanel(
            key="api_tokens", kind="account", order=50, template="api/panels/account.html", context=_account_panel
        )
    )
    register_user_panel(UserPanel(key="api_tokens", order=50, template="api/panels/user.html", context=_user_panel))
