"""{% registrations_panel session %}: the registrations block of a session's page — counts, the link to
the participant list for those who may read it, import and exports — computed here, for the user of
the request, so that the page that includes it passes nothing but the session."""

from __future__ import annotations

from typing import Any

from django import template

from relais.delivery import scoping
from relais.delivery.models import Session
from relais.delivery.selectors_registrations import may_see_list, session_counts

register = template.Library()


@register.inclusion_tag("delivery/registrations/partials/panel.html", takes_context=True)
def registrations_panel(context: Any, session: Session) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    may_manage = bool(user) and scoping.may_manage(user=user, session=session)
    return {
        "session": session,
        "counts": session_counts(session),
        "may_manage": may_manage,
        "may_see_list": may_manage or (bool(user) and may_see_list(user=user, session=session)),
    }
