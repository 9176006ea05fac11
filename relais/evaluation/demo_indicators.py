"""Demo step "indicators": the evaluation's computed indicators join the demo programme's results
framework (issue 5 §8), so its programme page shows learning, use of learning and cooperation
computed from the answers, beside the indicators entered by hand."""

from __future__ import annotations

from decimal import Decimal

from relais.core.demo import DemoContext
from relais.programmes import services_results
from relais.programmes.models import Indicator, Outcome, Programme

# (outcome code, indicator code, English, French, unit, target, formula, means of verification)
INDICATORS = [
    ("1", "1.c", "Mean knowledge gain of the participants (normalised)",
     "Gain moyen de connaissances des participants (normalisé)", "%", "50", "evaluation.knowledge_gain",
     "Pre-tests and post-tests of the sessions, paired per participant"),
    ("1", "1.d", "Participants who apply what they learned, three to six months later",
     "Participants qui appliquent leurs acquis, trois à six mois après", "%", "60", "evaluation.share_applying",
     "Follow-up questionnaires"),
    ("2", "2.b", "Participants with a cross-border contact after the training",
     "Participants ayant un contact transfrontalier après la formation", "%", "25", "evaluation.share_cross_border",
     "Contacts named in the follow-up questionnaires"),
    ("2", "2.c", "Cooperation events reported by participants",
     "Actions de coopération déclarées par les participants", "events", "150", "evaluation.cooperation_events",
     "Follow-up questionnaires"),
]  # fmt: skip


def build_indicators(context: DemoContext) -> None:
    programme: Programme = context.objects["programme"]
    manager = context.objects["user:manager"]
    outcomes = {o.code: o for o in Outcome.objects.filter(programme=programme)}
    for outcome, code, en, fr, unit, target, formula, verification in INDICATORS:
        if outcome not in outcomes:
            continue
        services_results.indicator_create(
            actor=manager,
            programme=programme,
            parent=outcomes[outcome],
            code=code,
            name_en=en,
            name_fr=fr,
            unit=unit,
            baseline=Decimal(0),
            target=Decimal(target),
            source="computed",
            formula=formula,
            means_of_verification=verification,
        )


def is_loaded() -> bool:
    return Indicator.objects.filter(formula__startswith="evaluation.").exists()
