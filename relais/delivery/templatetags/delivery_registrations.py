"""{% registrations_panel session %}: the registrations block of a session's page — counts, the link to
the participant list for those who may read it, import and exports — for the user of the request. The
page that includes it may pass nothing but the session; the session's page passes the counts and the
user's rights it has read already."""

from __future__ import annotations

from typing import Any

from django import template

from relais.delivery import scoping
from relais.delivery import selectors_registrations as registrations
from relais.delivery.models import Session
from relais.delivery.selectors_registrations import Counts
from relais.delivery.selectors_sessions import RegistrationSummary

register = template.Library()


@register.inclusion_tag("delivery/registrations/partials/panel.html", takes_context=True)
def registrations_panel(
    context: Any,
    session: Session,
    summary: Any = None,
    may_manage: Any = None,
    may_see_list: Any = None,
) -> dict[str, Any]:
    """A page that has read the counts and the user's rights already (the session's page) passes
    them, so they are not read twice; whatever is not passed (a missing template variable is "") is
    read here."""
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    if not isinstance(may_manage, bool):
        may_manage = bool(user) and scoping.may_manage(user=user, session=session)
    if not isinstance(may_see_list, bool):
        may_see_list = bool(user) and registrations.may_see_list(user=user, session=session)
    if isinstance(summary, RegistrationSummary):
        counts = Counts(by_status={s: n for s, _label, n in summary.by_status if n}, capacity=summary.capacity)
    else:
        counts = registrations.session_counts(session)
    return {
        "session": session,
        "counts": counts,
        "may_manage": may_manage,
        "may_see_list": may_manage or may_see_list,
    }
