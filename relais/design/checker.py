"""The design check (DESIGN.md §3): reads a design's facts, runs the rules, scores the result.

    facts = design_facts(design)                       # DesignFacts, in a fixed number of queries
    report = check_design(design)                      # CheckReport (rules' settings read once)
    reports = check_designs(designs)                   # {design.pk: CheckReport}, fixed queries too
    report = design_check_refresh(design=design)       # check and store check_score / check_passed
    designs_check_refresh()                            # the same for every design, in batches

The score is the weighted share of the applicable rules that hold (required rules weigh 2,
recommended 1), from 0 to 100; a design passes when no required rule fails. Disabled rules are left
out; rules that do not apply to a design count neither way.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Max, QuerySet

from relais.core.models import Profession
from relais.design.models import (
    ActivityDesign,
    AgendaModule,
    DesignCountry,
    LearningObjective,
    NeedsSource,
    RuleSetting,
    SeatQuota,
    Severity,
)
from relais.design.rule_facts import (
    FAILS,
    HOLDS,
    NOT_APPLICABLE,
    CountryFacts,
    DesignFacts,
    ModuleFacts,
    Named,
    ObjectiveFacts,
    QuotaFacts,
    RuleOutcome,
)
from relais.design.rules import RULES, Rule, default_rule_settings, effective_thresholds

WEIGHTS = {Severity.REQUIRED.value: 2, Severity.RECOMMENDED.value: 1}
BATCH_SIZE = 200  # designs read per round of queries (keeps SQLite under its parameter limit too)
_ROUTE_ORDER = {"origin": 0, "transit": 1, "destination": 2}
# The design's own fields the facts read (and the stored check), for batches that load nothing else.
_FACT_FIELDS = (
    "format",
    "plans_pre_test",
    "plans_post_test",
    "plans_satisfaction",
    "plans_follow_up",
    "follow_up_months",
    "needs_assessment",
    "sustainability",
    "check_score",
    "check_passed",
)


# Settings ------------------------------------------------------------------------------------------


def rule_settings() -> dict[str, RuleSetting]:
    """Every rule's settings in one query, by code. A rule without a row yet (added in code, before
    `sync_design_rules` ran) gets an unsaved row with its defaults, so the check never misses it."""
    rows = {s.code: s for s in RuleSetting.objects.all()}
    for defaults in default_rule_settings():
        if defaults["code"] not in rows:
            rows[defaults["code"]] = RuleSetting(**defaults)
    return rows


def rules_stamp() -> str:
    """Changes whenever an administrator changes a rule's settings (one query): with a design's
    version, it keys a cached check report (sessions' pages)."""
    row = RuleSetting.objects.aggregate(n=Count("id"), last=Max("updated_at"))
    return f"{row['n']}-{row['last'].timestamp() if row['last'] else 0}"


def _severity(rule: Rule, setting: RuleSetting | None) -> str:
    if setting is not None and setting.severity in WEIGHTS:
        return setting.severity
    return rule.default_severity


# Reports -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RuleResult:
    rule: Rule
    severity: str  # the effective severity, from RuleSetting
    outcome: RuleOutcome
    thresholds: Mapping[str, Any]  # the thresholds the rule ran with

    @property
    def status(self) -> str:
        return self.outcome.status

    @property
    def holds(self) -> bool:
        return self.outcome.status == HOLDS

    @property
    def fails(self) -> bool:
        return self.outcome.status == FAILS

    @property
    def applies(self) -> bool:
        return self.outcome.status != NOT_APPLICABLE

    @property
    def required(self) -> bool:
        return self.severity == Severity.REQUIRED

    @property
    def severity_label(self) -> str:
        return str(Severity(self.severity).label)

    @property
    def weight(self) -> int:
        return WEIGHTS[self.severity]


@dataclass(frozen=True)
class CheckReport:
    results: tuple[RuleResult, ...]
    score: int  # 0–100
    passed: bool  # no required rule fails

    @property
    def n_rules(self) -> int:
        return len(self.results)

    @property
    def n_holding(self) -> int:
        return sum(r.holds for r in self.results)

    @property
    def n_failing(self) -> int:
        return sum(r.fails for r in self.results)

    @property
    def n_not_applicable(self) -> int:
        return sum(not r.applies for r in self.results)

    @property
    def n_required_failing(self) -> int:
        return sum(r.fails and r.required for r in self.results)

    @property
    def failures(self) -> list[RuleResult]:
        return [r for r in self.results if r.fails]

    @property
    def ordered(self) -> list[RuleResult]:
        """For display: failing required rules, failing recommended ones, those that hold, those that
        do not apply; in rule order within each."""
        rank = {(True, True): 0, (True, False): 1}
        return sorted(self.results, key=lambda r: rank.get((r.fails, r.required), 2 if r.applies else 3))

    def result(self, code: str) -> RuleResult | None:
        return next((r for r in self.results if r.rule.code == code), None)


def score_of(results: Iterable[RuleResult]) -> int:
    """Weighted share of the applicable rules that hold, rounded half up; 100 when none applies."""
    applicable = [r for r in results if r.applies]
    total = sum(r.weight for r in applicable)
    if total == 0:
        return 100
    held = sum(r.weight for r in applicable if r.holds)
    return (200 * held + total) // (2 * total)


def active_rules(settings: Mapping[str, RuleSetting]) -> list[tuple[Rule, str, dict[str, Any]]]:
    """The enabled rules, in order, with their effective severity and thresholds."""
    active = []
    for rule in RULES:
        setting = settings.get(rule.code)
        if setting is not None and not setting.enabled:
            continue
        thresholds = effective_thresholds(rule, setting.thresholds if setting is not None else None)
        active.append((rule, _severity(rule, setting), thresholds))
    return active


def _report(facts: DesignFacts, active: list[tuple[Rule, str, dict[str, Any]]]) -> CheckReport:
    results = [
        RuleResult(rule, severity, rule.check(facts, thresholds), thresholds) for rule, severity, thresholds in active
    ]
    return CheckReport(
        results=tuple(results),
        score=score_of(results),
        passed=not any(r.fails and r.required for r in results),
    )


def check_facts(facts: DesignFacts, settings: Mapping[str, RuleSetting] | None = None) -> CheckReport:
    """Run every enabled rule on these facts. Pure: no query when settings are given."""
    return _report(facts, active_rules(rule_settings() if settings is None else settings))


def check_design(design: ActivityDesign, settings: Mapping[str, RuleSetting] | None = None) -> CheckReport:
    """The check of one design: 10 queries for its facts, 1 for the settings (none if given)."""
    return check_facts(design_facts(design), settings)


def check_designs(
    designs: Sequence[ActivityDesign], settings: Mapping[str, RuleSetting] | None = None
) -> dict[int, CheckReport]:
    """The checks of many designs (e.g. a page of a list), by design pk, in a fixed number of queries
    per BATCH_SIZE designs."""
    active = active_rules(rule_settings() if settings is None else settings)
    return {pk: _report(facts, active) for pk, facts in designs_facts(designs).items()}


def design_check_refresh(*, design: ActivityDesign) -> CheckReport:
    """Check a design and store its score and verdict (derived data: no audit event, no new version,
    updated_at untouched). Call it after every change to a design, inside the change's transaction."""
    report = check_design(design)
    design.check_score = report.score
    design.check_passed = report.passed
    design.save(update_fields=["check_score", "check_passed"])
    return report


def designs_check_refresh(*, designs: QuerySet[ActivityDesign] | None = None, batch_size: int = BATCH_SIZE) -> int:
    """Re-check designs (all by default) after the rules' settings changed, batch by batch (keyset
    pagination, one bulk update per batch). Returns how many designs' stored check changed."""
    settings = rule_settings()
    qs = (ActivityDesign.objects.all() if designs is None else designs).order_by("pk").only(*_FACT_FIELDS)
    changed = 0
    last_pk = 0
    while True:
        batch = list(qs.filter(pk__gt=last_pk)[:batch_size])
        if not batch:
            return changed
        reports = check_designs(batch, settings)
        stale = []
        for design in batch:
            report = reports[design.pk]
            if (design.check_score, design.check_passed) != (report.score, report.passed):
                design.check_score, design.check_passed = report.score, report.passed
                stale.append(design)
        if stale:
            ActivityDesign.objects.bulk_update(stale, ["check_score", "check_passed"])
        changed += len(stale)
        last_pk = batch[-1].pk


# Facts ---------------------------------------------------------------------------------------------


def design_facts(design: ActivityDesign) -> DesignFacts:
    """What the rules look at, for one design, in a fixed number of queries (10)."""
    return designs_facts([design])[design.pk]


def _named(row: Mapping[str, Any], prefix: str) -> Named:
    return Named(code=row[f"{prefix}code"], name_en=row[f"{prefix}name_en"], name_fr=row[f"{prefix}name_fr"])


def _language_rows(qs: QuerySet[Any], owner: str) -> dict[int, list[Named]]:
    """Languages of an M2M through table, by owner id, in the languages' reference order."""
    by_owner: dict[int, list[Named]] = defaultdict(list)
    rows = qs.values(owner, "language__code", "language__name_en", "language__name_fr").order_by(
        owner, "language__position", "language__name_en"
    )
    for row in rows:
        by_owner[row[owner]].append(_named(row, "language__"))
    return by_owner


def designs_facts(designs: Sequence[ActivityDesign]) -> dict[int, DesignFacts]:
    """Facts of many designs, by pk: 10 queries per BATCH_SIZE designs, whatever their size."""
    result: dict[int, DesignFacts] = {}
    designs = list(designs)
    if not designs:
        return result
    professions = {
        row["code"]: _named(row, "")
        for row in Profession.objects.values("code", "name_en", "name_fr").order_by("position", "name_en")
    }
    for start in range(0, len(designs), BATCH_SIZE):
        result.update(_facts_batch(designs[start : start + BATCH_SIZE], professions))
    return result


def _facts_batch(designs: list[ActivityDesign], professions: dict[str, Named]) -> dict[int, DesignFacts]:
    ids = [d.pk for d in designs]

    country_languages = _language_rows(
        DesignCountry.participant_languages.through.objects.filter(designcountry__design_id__in=ids),
        "designcountry_id",
    )
    countries: dict[int, list[CountryFacts]] = defaultdict(list)
    country_rows = DesignCountry.objects.filter(design_id__in=ids).values(
        "id", "design_id", "route_role", "country__code", "country__name_en", "country__name_fr"
    )
    for row in sorted(country_rows, key=lambda r: (_ROUTE_ORDER.get(r["route_role"], 9), r["country__name_en"])):
        countries[row["design_id"]].append(
            CountryFacts(
                country=_named(row, "country__"),
                route_role=row["route_role"],
                languages=tuple(country_languages.get(row["id"], ())),
            )
        )

    quotas: dict[int, list[QuotaFacts]] = defaultdict(list)
    for quota in SeatQuota.objects.filter(design_id__in=ids).values(
        "design_id", "country__code", "profession__code", "seats"
    ):
        quotas[quota["design_id"]].append(QuotaFacts(quota["country__code"], quota["profession__code"], quota["seats"]))

    objectives: dict[int, list[ObjectiveFacts]] = defaultdict(list)
    for objective in (
        LearningObjective.objects.filter(design_id__in=ids)
        .values("id", "design_id", "kind", "text")
        .order_by("position", "id")
    ):
        objectives[objective["design_id"]].append(ObjectiveFacts(objective["id"], objective["kind"], objective["text"]))

    served: dict[int, set[int]] = defaultdict(set)
    for link in AgendaModule.objectives.through.objects.filter(agendamodule__day__design_id__in=ids).values(
        "agendamodule_id", "learningobjective_id"
    ):
        served[link["agendamodule_id"]].add(link["learningobjective_id"])
    modules: dict[int, list[ModuleFacts]] = defaultdict(list)
    for module in (
        AgendaModule.objects.filter(day__design_id__in=ids)
        .values("id", "day__design_id", "title", "method", "duration_minutes")
        .order_by("day__position", "day_id", "position", "id")
    ):
        modules[module["day__design_id"]].append(
            ModuleFacts(
                module["id"],
                module["title"],
                module["method"],
                module["duration_minutes"],
                frozenset(served.get(module["id"], ())),
            )
        )

    working = _language_rows(
        ActivityDesign.working_languages.through.objects.filter(activitydesign_id__in=ids), "activitydesign_id"
    )
    interpreted = _language_rows(
        ActivityDesign.interpretation_languages.through.objects.filter(activitydesign_id__in=ids),
        "activitydesign_id",
    )
    sources = dict(
        NeedsSource.objects.filter(design_id__in=ids)
        .values("design_id")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("design_id", "n")
    )

    return {
        d.pk: DesignFacts(
            format=d.format,
            countries=tuple(countries.get(d.pk, ())),
            quotas=tuple(quotas.get(d.pk, ())),
            professions=professions,
            objectives=tuple(objectives.get(d.pk, ())),
            modules=tuple(modules.get(d.pk, ())),
            working_languages=tuple(working.get(d.pk, ())),
            interpretation_languages=tuple(interpreted.get(d.pk, ())),
            plans_pre_test=d.plans_pre_test,
            plans_post_test=d.plans_post_test,
            plans_satisfaction=d.plans_satisfaction,
            plans_follow_up=d.plans_follow_up,
            follow_up_months=d.follow_up_months,
            needs_assessment=d.needs_assessment or "",
            needs_sources=sources.get(d.pk, 0),
            sustainability=tuple(m for m in (d.sustainability or []) if isinstance(m, str)),
        )
        for d in designs
    }
