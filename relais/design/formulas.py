"""Indicators the design app computes for programmes' results frameworks (registered in ready())."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext_lazy as _

from relais.design.models import ActivityDesign, DesignStatus
from relais.programmes.indicators import Formula, register_formula


def designs_passing(programme: Any, start: dt.date, end: dt.date) -> int:
    """Designs of the programme (not archived) whose check passes, as they stand today."""
    return (
        ActivityDesign.objects.filter(programme=programme, check_passed=True)
        .exclude(status=DesignStatus.ARCHIVED)
        .count()
    )


def replications_elsewhere(programme: Any, start: dt.date, end: dt.date) -> int:
    """Designs made from this programme's designs in other programmes, from the programme's start to `end`."""
    return (
        ActivityDesign.objects.filter(replicated_from__programme=programme, created_at__date__lte=end)
        .exclude(programme=programme)
        .count()
    )


def register() -> None:
    register_formula(
        Formula(
            "design.designs_passing",
            _("Activity designs that pass the design check"),
            _("designs"),
            designs_passing,
            description=_("Designs of the programme, not archived, whose required rules all hold."),
            per_period=False,
        )
    )
    register_formula(
        Formula(
            "design.replications_elsewhere",
            _("Designs replicated in other programmes"),
            _("designs"),
            replications_elsewhere,
            description=_("Designs of other programmes made from this programme's designs (cumulative)."),
        )
    )
