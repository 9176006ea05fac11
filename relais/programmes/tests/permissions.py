from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from tests.matrix import ADMIN, PROGRAMME_MANAGERS, PROGRAMME_MEMBERS, Page

ORGANISATION_EDITORS_AL = frozenset({"admin", "manager", "coordinator_al"})
ORGANISATION_CREATORS = ORGANISATION_EDITORS_AL | {"coordinator_it"}


def context(ctx: dict[str, Any]) -> None:
    """A results framework, organisations and a partner in the shared programme."""
    from relais.core.models import Country
    from relais.programmes.models import (
        Indicator,
        IndicatorValue,
        Organisation,
        Outcome,
        Output,
    )

    programme = ctx["programme"]
    outcome = Outcome.objects.create(programme=programme, code="1", statement_en="Better identification")
    output = Output.objects.create(programme=programme, outcome=outcome, code="1.1", statement_en="People trained")
    indicator = Indicator.objects.create(
        programme=programme, level="output", output=output, code="1.1.a", name_en="Trained", target=100
    )
    ctx["outcome"] = outcome
    ctx["empty_outcome"] = Outcome.objects.create(programme=programme, code="9", statement_en="Spare")
    ctx["output"] = output
    ctx["empty_output"] = Output.objects.create(programme=programme, outcome=outcome, code="1.9", statement_en="Spare")
    ctx["indicator"] = indicator
    ctx["value"] = IndicatorValue.objects.create(
        indicator=indicator, period_start=dt.date(2025, 1, 1), period_end=dt.date(2025, 6, 30), value=Decimal(10)
    )
    albania = Country.objects.get(code="AL")
    ctx["organisation"] = Organisation.objects.create(
        name="Labour Inspectorate", country=albania, sector="public", kind="labour_inspectorate"
    )
    ctx["partner"] = Organisation.objects.create(name="Shelter", country=albania, sector="civil_society", kind="ngo")
    programme.partners.add(ctx["partner"])


def _pk(ctx: dict[str, Any]) -> dict[str, Any]:
    return {"pk": ctx["programme"].pk}


def _indicator(ctx: dict[str, Any]) -> dict[str, Any]:
    return {"pk": ctx["programme"].pk, "indicator_pk": ctx["indicator"].pk}


PAGES = {
    "programmes:list": Page(),
    "programmes:create": Page(may=ADMIN),
    "programmes:detail": Page(kwargs=_pk, may=PROGRAMME_MEMBERS),
    "programmes:edit": Page(kwargs=_pk, may=PROGRAMME_MANAGERS),
    "programmes:results": Page(kwargs=_pk, may=PROGRAMME_MANAGERS),
    "programmes:outcome_create": Page(kwargs=_pk, may=PROGRAMME_MANAGERS),
    "programmes:outcome_edit": Page(
        kwargs=lambda ctx: {"pk": ctx["programme"].pk, "outcome_pk": ctx["outcome"].pk}, may=PROGRAMME_MANAGERS
    ),
    "programmes:outcome_delete": Page(
        kwargs=lambda ctx: {"pk": ctx["programme"].pk, "outcome_pk": ctx["empty_outcome"].pk},
        may=PROGRAMME_MANAGERS,
        method="post",
    ),
    "programmes:output_create": Page(kwargs=_pk, may=PROGRAMME_MANAGERS),
    "programmes:output_edit": Page(
        kwargs=lambda ctx: {"pk": ctx["programme"].pk, "output_pk": ctx["output"].pk}, may=PROGRAMME_MANAGERS
    ),
    "programmes:output_delete": Page(
        kwargs=lambda ctx: {"pk": ctx["programme"].pk, "output_pk": ctx["empty_output"].pk},
        may=PROGRAMME_MANAGERS,
        method="post",
    ),
    "programmes:indicator_create": Page(kwargs=_pk, may=PROGRAMME_MANAGERS),
    "programmes:indicator_edit": Page(kwargs=_indicator, may=PROGRAMME_MANAGERS),
    "programmes:indicator_delete": Page(kwargs=_indicator, may=PROGRAMME_MANAGERS, method="post"),
    "programmes:indicator": Page(kwargs=_indicator, may=PROGRAMME_MEMBERS),
    "programmes:value_save": Page(
        kwargs=_indicator,
        may=PROGRAMME_MANAGERS,
        method="post",
        data=lambda ctx: {"period": "2025-07-01/2025-12-31", "value": "25"},
    ),
    "programmes:value_delete": Page(
        kwargs=lambda ctx: {**_indicator(ctx), "value_pk": ctx["value"].pk}, may=PROGRAMME_MANAGERS, method="post"
    ),
    "programmes:partners": Page(kwargs=_pk, may=PROGRAMME_MANAGERS),
    "programmes:partner_add": Page(
        kwargs=_pk,
        may=PROGRAMME_MANAGERS,
        method="post",
        data=lambda ctx: {"organisation": ctx["organisation"].pk},
    ),
    "programmes:partner_remove": Page(
        kwargs=_pk, may=PROGRAMME_MANAGERS, method="post", data=lambda ctx: {"organisation": ctx["partner"].pk}
    ),
    "programmes:team": Page(kwargs=_pk, may=PROGRAMME_MANAGERS),
    "programmes:team_assign": Page(
        kwargs=_pk,
        may=PROGRAMME_MANAGERS,
        method="post",
        data=lambda ctx: {"email": ctx["target"].email, "role": "viewer"},
    ),
    "programmes:team_remove": Page(
        kwargs=lambda ctx: {"pk": ctx["programme"].pk, "role_pk": ctx["target_role"].pk},
        may=PROGRAMME_MANAGERS,
        method="post",
    ),
    "programmes:organisations": Page(may=PROGRAMME_MEMBERS),
    "programmes:organisation_create": Page(may=ORGANISATION_CREATORS),
    "programmes:organisation_edit": Page(
        kwargs=lambda ctx: {"pk": ctx["organisation"].pk}, may=ORGANISATION_EDITORS_AL
    ),
    "programmes:role_assign": Page(
        kwargs=lambda ctx: {"user_pk": ctx["target"].pk},
        may=ADMIN,
        method="post",
        data=lambda ctx: {"programme": ctx["programme"].pk, "role": "viewer"},
    ),
    "programmes:role_remove": Page(
        kwargs=lambda ctx: {"user_pk": ctx["target"].pk, "pk": ctx["target_role"].pk},
        may=ADMIN,
        method="post",
    ),
}
