"""The Evaluation menu entry, audit labels and the hooks evaluation registers with lower apps."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from relais.core.registry import NavItem, register_nav, register_path


def _may_see_evaluation(user: Any) -> bool:
    from relais.programmes.selectors import roles_held

    return bool(getattr(user, "is_administrator", False) or roles_held(user))


def _session_entry_path(session: Any) -> str:
    from relais.evaluation.tokens import session_entry_token

    return reverse("evaluation:entry", kwargs={"token": session_entry_token(session)})


def register() -> None:
    from relais.evaluation import audit, demo, formulas, panels_builder, panels_home, panels_lessons, panels_results

    register_nav(
        NavItem(
            key="evaluation", label=_("Evaluation"), url_name="evaluation:index", order=50, visible=_may_see_evaluation
        )
    )
    register_path("session_questionnaires", _session_entry_path)
    audit.register()
    panels_home.register()
    demo.register()
    panels_lessons.register()
    panels_builder.register()
    panels_results.register()
    formulas.register()

    from relais.delivery.services_people import register_merge_hook
    from relais.evaluation.services_responses import person_merge_hook

    register_merge_hook(person_merge_hook)

    from relais.evaluation import personal_data

    personal_data.register()
