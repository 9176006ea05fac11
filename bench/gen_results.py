"""Step "results": each programme's results framework — outcomes, outputs, indicators — and the values
of its manual indicators, one per half-year from the programme's start to the bench's "today".

Per programme: 2–3 outcomes, 2 outputs each, 1–3 indicators under every outcome and output. About a
third of the indicators are computed by Relais from a registered formula (the test checks each code
is registered); the others are entered by hand, with a value for most half-years so far.
"""

from __future__ import annotations

import random
from decimal import Decimal

from bench.context import Context
from bench.sizes import (
    COMPUTED_SHARE,
    INDICATORS_PER_PARENT,
    OUTCOMES_PER_PROGRAMME,
    OUTPUTS_PER_OUTCOME,
    TODAY,
)
from relais.programmes.indicators import reporting_periods
from relais.programmes.models import (
    Indicator,
    IndicatorLevel,
    IndicatorSource,
    IndicatorValue,
    Outcome,
    Output,
    Programme,
    Role,
)

BATCH = 1_000

# (English, French)
OUTCOMES: list[tuple[str, str]] = [
    (
        "Front-line professionals identify presumed victims of labour exploitation and refer them more effectively.",
        "Les professionnels de terrain identifient et orientent plus efficacement les victimes présumées.",
    ),
    (
        "Cross-border judicial and police cooperation in trafficking cases increases along the route.",
        "La coopération judiciaire et policière transfrontalière s'intensifie le long de la route.",
    ),
    (
        "National institutions take over the training of practitioners without outside experts.",
        "Les institutions nationales reprennent la formation des praticiens sans experts extérieurs.",
    ),
    (
        "Investigations of labour trafficking follow the money and lead to confiscation.",
        "Les enquêtes sur la traite par le travail suivent l'argent et aboutissent à des confiscations.",
    ),
    (
        "Victims of labour exploitation receive assistance whatever their status.",
        "Les victimes d'exploitation par le travail sont assistées quel que soit leur statut.",
    ),
]
OUTPUTS: list[tuple[str, str]] = [
    (
        "Labour inspectors, police and civil society trained in multidisciplinary identification.",
        "Inspecteurs du travail, policiers et société civile formés à l'identification pluridisciplinaire.",
    ),
    ("National referral mechanisms reviewed with labour inspectorates.", "Mécanismes d'orientation révisés."),
    (
        "Prosecutors, judges and investigators trained in mutual legal assistance and joint investigation teams.",
        "Procureurs, juges et enquêteurs formés à l'entraide judiciaire et aux équipes communes d'enquête.",
    ),
    ("Partnerships established between agencies, employers and NGOs.", "Partenariats établis entre acteurs."),
    ("National trainers certified through a training of trainers.", "Formateurs relais nationaux certifiés."),
    ("Training modules taken up into national curricula.", "Modules intégrés aux cursus nationaux."),
    ("Financial investigators trained in asset tracing.", "Enquêteurs financiers formés au traçage des avoirs."),
    ("Standard operating procedures for joint inspections adopted.", "Procédures d'inspection conjointe adoptées."),
]
# (English name, unit, baseline range, target range, means of verification)
MANUAL: list[tuple[str, str, tuple[int, int], tuple[int, int], str]] = [
    ("Professionals trained", "people", (0, 0), (200, 1200), "Attendance lists of the sessions"),
    ("Trained professionals applying the referral procedure", "%", (10, 30), (50, 80), "Follow-up questionnaire"),
    ("Joint investigations reported by trained professionals", "cases", (0, 8), (15, 60), "Prosecution services"),
    ("Mutual legal assistance requests sent", "requests", (2, 10), (20, 80), "Ministries of justice"),
    ("Referral guidelines updated", "guidelines", (0, 3), (5, 15), "Published guidelines"),
    ("National trainers certified", "people", (0, 0), (10, 40), "Certificates of the training of trainers"),
    ("Presumed victims referred to assistance", "people", (20, 80), (150, 500), "NGO case records"),
    ("Curricula including a labour-trafficking module", "curricula", (0, 2), (4, 12), "Academies' curricula"),
    ("Women among the people trained", "%", (25, 40), (45, 55), "Attendance lists of the sessions"),
    ("Assets frozen in labour-trafficking cases", "EUR thousand", (0, 50), (500, 3000), "Asset recovery offices"),
]
# (formula code, English name, unit, baseline, target range)
COMPUTED: list[tuple[str, str, str, int, tuple[int, int]]] = [
    ("programmes.partner_organisations", "Partner organisations engaged", "organisations", 0, (10, 40)),
    ("programmes.partner_sectors", "Sectors among the partners", "sectors", 1, (4, 4)),
    ("programmes.countries_with_focal_point", "Countries with a national focal point", "countries", 0, (15, 15)),
    ("design.designs_passing", "Activity designs that pass the design check", "designs", 0, (3, 8)),
    ("design.replications_elsewhere", "Designs replicated in other programmes", "designs", 0, (1, 5)),
]
FORMULA_CODES = [code for code, *_rest in COMPUTED]


def _indicator(
    rng: random.Random, programme_id: int, code: str, parent: Outcome | Output, computed_pool: list[int]
) -> tuple[Indicator, tuple[int, int] | None]:
    """An unsaved indicator, and for a manual one the range its values move in (baseline, target)."""
    level = IndicatorLevel.OUTCOME if isinstance(parent, Outcome) else IndicatorLevel.OUTPUT
    common = {
        "programme_id": programme_id,
        "level": level,
        "outcome": parent if level == IndicatorLevel.OUTCOME else None,
        "output": parent if level == IndicatorLevel.OUTPUT else None,
        "code": code,
    }
    if computed_pool and rng.random() < COMPUTED_SHARE:
        # Each formula once per programme at most (a framework rarely measures one thing twice).
        formula, name, unit, baseline, (low, high) = COMPUTED[computed_pool.pop()]
        return (
            Indicator(
                **common,
                name_en=name,
                unit=unit,
                baseline=Decimal(baseline),
                target=Decimal(rng.randint(low, high)),
                source=IndicatorSource.COMPUTED,
                formula=formula,
                means_of_verification="Computed by Relais",
            ),
            None,
        )
    name, unit, (b_low, b_high), (t_low, t_high), verification = rng.choice(MANUAL)
    baseline, target = rng.randint(b_low, b_high), rng.randint(t_low, t_high)
    return (
        Indicator(
            **common,
            name_en=name,
            unit=unit,
            baseline=Decimal(baseline),
            target=Decimal(target),
            source=IndicatorSource.MANUAL,
            disaggregation="By country, sex and profession" if unit == "people" else "By country",
            means_of_verification=verification,
        ),
        (baseline, target),
    )


def generate_results(ctx: Context) -> None:
    rng = ctx.rng("results")
    programmes = Programme.objects.in_bulk([pk for pk, _code, _title in ctx.objects["programmes"]])
    managers: dict[int, int] = {}
    for _pk, user_id, programme_id, role, _label in ctx.objects["roles"]:
        if role == Role.MANAGER:
            managers.setdefault(programme_id, user_id)

    outcomes: list[Outcome] = []
    for programme_id, _code, _title in ctx.objects["programmes"]:
        for n, (en, fr) in enumerate(rng.sample(OUTCOMES, rng.randint(*OUTCOMES_PER_PROGRAMME)), start=1):
            outcomes.append(Outcome(programme_id=programme_id, code=str(n), statement_en=en, statement_fr=fr))
    Outcome.objects.bulk_create(outcomes, batch_size=BATCH)

    outputs: list[Output] = []
    for outcome in outcomes:
        for n, (en, fr) in enumerate(rng.sample(OUTPUTS, OUTPUTS_PER_OUTCOME), start=1):
            outputs.append(
                Output(
                    programme_id=outcome.programme_id,
                    outcome=outcome,
                    code=f"{outcome.code}.{n}",
                    statement_en=en,
                    statement_fr=fr,
                )
            )
    Output.objects.bulk_create(outputs, batch_size=BATCH)

    indicators: list[tuple[Indicator, tuple[int, int] | None]] = []
    parents_of: dict[int, list[Outcome | Output]] = {}
    every: list[Outcome | Output] = [*outcomes, *outputs]
    for parent in every:
        parents_of.setdefault(parent.programme_id, []).append(parent)
    for programme_id, parents in parents_of.items():
        pool = rng.sample(range(len(COMPUTED)), len(COMPUTED))
        for parent in parents:
            for letter in "abc"[: rng.randint(*INDICATORS_PER_PARENT)]:
                indicators.append(_indicator(rng, programme_id, f"{parent.code}.{letter}", parent, pool))
    Indicator.objects.bulk_create([i for i, _range in indicators], batch_size=BATCH)

    values: list[IndicatorValue] = []
    for indicator, span in indicators:
        if span is None:
            continue
        baseline, target = span
        periods = reporting_periods(programmes[indicator.programme_id], until=TODAY)
        reached = rng.uniform(0.3, 1.1)  # where the indicator stands at the last period
        for i, period in enumerate(periods, start=1):
            if rng.random() < 0.1:  # a half-year not reported
                continue
            value = baseline + (target - baseline) * reached * i / len(periods)
            values.append(
                IndicatorValue(
                    indicator=indicator,
                    period_start=period.start,
                    period_end=period.end,
                    value=Decimal(str(round(value, 1) if indicator.unit == "%" else round(value))),
                    entered_by_id=managers.get(indicator.programme_id),
                )
            )
    IndicatorValue.objects.bulk_create(values, batch_size=BATCH)

    ctx.objects["indicators"] = [(i.pk, i.programme_id, i.source) for i, _range in indicators]
    ctx.add_count("programmes.outcome", len(outcomes))
    ctx.add_count("programmes.output", len(outputs))
    ctx.add_count("programmes.indicator", len(indicators))
    ctx.add_count("programmes.indicatorvalue", len(values))
