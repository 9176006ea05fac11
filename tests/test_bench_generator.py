"""The bench generator (bench/generate.py) at its tiny size `xs`: the counts it promises, and the
same data for the same seed. The benchmarks themselves never run in the test suite."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from django.db.models import Count

from bench.gen_audit import ACTIONS
from bench.gen_programmes import PASSWORD_HASH
from bench.gen_results import FORMULA_CODES
from bench.generate import generate
from bench.sizes import (
    COUNTRIES_PER_PROGRAMME,
    DESIGN_COUNTRIES,
    DESIGN_DAYS,
    DESIGN_OBJECTIVES,
    DESIGN_PROFESSIONS,
    DESIGNS_PER_PROGRAMME,
    INDICATORS_PER_PARENT,
    MODULES_PER_DAY,
    OUTCOMES_PER_PROGRAMME,
    OUTPUTS_PER_OUTCOME,
    SIZES,
    TODAY,
)
from relais.accounts.models import User
from relais.core.models import AuditEvent
from relais.core.registry import audit_actions
from relais.delivery.models import Person, Registration, Session
from relais.design.checker import check_designs
from relais.design.models import (
    ActivityDesign,
    AdaptationItem,
    AdaptationTopic,
    AgendaDay,
    AgendaModule,
    DesignCountry,
    LearningObjective,
    SeatQuota,
)
from relais.evaluation.models import Answer, Item, LearningScore, Questionnaire, Response
from relais.programmes.indicators import formula_get
from relais.programmes.models import (
    Indicator,
    IndicatorSource,
    IndicatorValue,
    Outcome,
    Output,
    Programme,
    ProgrammeCountry,
    ProgrammeRole,
    Role,
    RouteRole,
)

XS = SIZES["xs"]
EVALUATION_MODELS: list[Any] = [Session, Person, Registration, Questionnaire, Item, Response, Answer, LearningScore]


def snapshot() -> dict[str, Any]:
    """The generated data by natural keys (database ids left out)."""
    roles = ProgrammeRole.objects.select_related("user", "programme").prefetch_related("countries")
    return {
        "programmes": sorted(Programme.objects.values_list("code", flat=True)),
        "routes": sorted(ProgrammeCountry.objects.values_list("programme__code", "country__code", "route_role")),
        "roles": sorted(
            (r.user.email, r.programme.code, r.role, tuple(sorted(c.code for c in r.countries.all()))) for r in roles
        ),
        "users": sorted(User.objects.values_list("email", "full_name", "is_active", "is_superuser")),
        "audit": list(AuditEvent.objects.order_by("pk").values_list("at", "actor_label", "action")),
        "indicators": sorted(
            Indicator.objects.values_list("programme__code", "code", "name_en", "source", "formula", "target")
        ),
        "values": sorted(IndicatorValue.objects.values_list("indicator__programme__code", "indicator__code", "value")),
        "designs": sorted(
            (code, title, fmt, status, score, passed, source or "", created)
            for code, title, fmt, status, score, passed, source, created in ActivityDesign.objects.values_list(
                "programme__code",
                "title",
                "format",
                "status",
                "check_score",
                "check_passed",
                "replicated_from__title",
                "created_at",
            )
        ),
        "quotas": sorted(SeatQuota.objects.values_list("design__title", "country__code", "profession__code", "seats")),
        "modules": sorted(
            AgendaModule.objects.values_list(
                "day__design__title", "day__position", "position", "title", "method", "duration_minutes"
            )
        ),
    }


def wipe() -> None:
    AuditEvent.objects.all().delete()
    Session.objects.all().delete()  # protects its programme and design; takes registrations and answers along
    Person.objects.all().delete()
    Programme.objects.all().delete()
    User.objects.all().delete()


def test_xs_writes_the_promised_rows(db: None) -> None:
    result = generate(size="xs", seed=1)

    assert Programme.objects.count() == XS.programmes == result.counts["programmes.programme"]
    assert User.objects.count() == XS.users == result.counts["accounts.user"]
    assert User.objects.filter(is_superuser=True).count() == XS.administrators
    assert set(User.objects.values_list("password", flat=True)) == {PASSWORD_HASH}
    assert AuditEvent.objects.count() == XS.audit_events == result.counts["core.auditevent"]
    assert ProgrammeRole.objects.count() == result.counts["programmes.programmerole"]
    for model in (
        Outcome,
        Output,
        Indicator,
        IndicatorValue,
        ActivityDesign,
        DesignCountry,
        SeatQuota,
        LearningObjective,
        AgendaDay,
        AgendaModule,
        AdaptationItem,
        *EVALUATION_MODELS,
    ):
        assert model.objects.count() == result.counts[model._meta.label_lower] > 0, model
    for programme in Programme.objects.annotate(n=Count("programme_countries")):
        assert programme.n == COUNTRIES_PER_PROGRAMME
        route = set(programme.programme_countries.values_list("route_role", flat=True))
        assert route == set(RouteRole.values)
        roles = Counter(programme.roles.values_list("role", flat=True))
        assert 1 <= roles[Role.MANAGER] <= 2
        assert 3 <= roles[Role.TRAINER] <= 8
        assert roles[Role.ME_OFFICER] == roles[Role.VIEWER] == 1
        # One coordinator per country of the programme, limited to that country.
        coordinated = [
            list(r.countries.values_list("pk", flat=True)) for r in programme.roles.filter(role=Role.COORDINATOR)
        ]
        assert sorted(c for cs in coordinated for c in cs) == sorted(
            programme.programme_countries.values_list("country_id", flat=True)
        )
        assert all(len(cs) == 1 for cs in coordinated)


def test_audit_actions_are_registered_and_filterable(db: None) -> None:
    generate(size="xs", seed=1)
    used = set(AuditEvent.objects.values_list("action", flat=True))
    assert used <= {code for code, _weight in ACTIONS} <= set(audit_actions())
    assert AuditEvent.objects.filter(actor__isnull=False).exclude(actor_label="").exists()
    times = list(AuditEvent.objects.order_by("pk").values_list("at", flat=True))
    assert times == sorted(times)


def test_same_seed_same_data_other_seed_other_data(db: None) -> None:
    generate(size="xs", seed=1)
    first = snapshot()
    wipe()
    generate(size="xs", seed=1)
    assert snapshot() == first
    wipe()
    generate(size="xs", seed=2)
    other = snapshot()
    assert other["programmes"] != first["programmes"]
    assert other["roles"] != first["roles"]
    assert other["designs"] != first["designs"]
    assert other["indicators"] != first["indicators"]


def test_refuses_a_database_holding_programmes(db: None) -> None:
    generate(size="xs", seed=1)
    with pytest.raises(RuntimeError):
        generate(size="xs", seed=1)


def test_results_frameworks(db: None) -> None:
    generate(size="xs", seed=1)
    for programme in Programme.objects.all():
        outcomes = list(Outcome.objects.filter(programme=programme))
        assert OUTCOMES_PER_PROGRAMME[0] <= len(outcomes) <= OUTCOMES_PER_PROGRAMME[1]
        for outcome in outcomes:
            outputs = list(outcome.outputs.all())
            assert len(outputs) == OUTPUTS_PER_OUTCOME
            assert all(o.programme_id == programme.pk and o.code.startswith(f"{outcome.code}.") for o in outputs)
            parents: list[Outcome | Output] = [outcome, *outputs]
            for parent in parents:
                assert INDICATORS_PER_PARENT[0] <= parent.indicators.count() <= INDICATORS_PER_PARENT[1]
    computed = Indicator.objects.filter(source=IndicatorSource.COMPUTED)
    manual = Indicator.objects.filter(source=IndicatorSource.MANUAL)
    assert computed.exists() and manual.exists()
    # Every formula is registered (an unknown code would show "formula missing" on the page).
    assert set(computed.values_list("formula", flat=True)) <= set(FORMULA_CODES)
    assert all(formula_get(code) is not None for code in FORMULA_CODES)
    assert not IndicatorValue.objects.filter(indicator__source=IndicatorSource.COMPUTED).exists()
    assert not IndicatorValue.objects.filter(period_start__gt=TODAY).exists()
    # Half-year values for manual indicators of programmes that have started.
    started = manual.filter(programme__start_date__lt=TODAY.replace(month=1, day=1))
    assert started.exists()
    assert started.filter(values__isnull=False).distinct().count() >= 0.8 * started.count()


def test_designs(db: None) -> None:
    generate(size="xs", seed=1)
    routes = {
        p: set(ProgrammeCountry.objects.filter(programme_id=p).values_list("country_id", "route_role"))
        for p in Programme.objects.values_list("pk", flat=True)
    }
    per_programme = Counter(ActivityDesign.objects.values_list("programme_id", flat=True))
    assert set(per_programme) == set(routes)
    assert all(DESIGNS_PER_PROGRAMME[0] <= n <= DESIGNS_PER_PROGRAMME[1] for n in per_programme.values())
    designs = list(ActivityDesign.objects.all())
    for design in designs:
        countries = set(design.design_countries.values_list("country_id", "route_role"))
        assert DESIGN_COUNTRIES[0] <= len(countries) <= DESIGN_COUNTRIES[1]
        assert countries <= routes[design.programme_id], "countries of the programme, with their role"
        objectives = design.objectives.count()
        assert DESIGN_OBJECTIVES[0] <= objectives <= DESIGN_OBJECTIVES[1]
        days = list(design.days.order_by("position"))
        assert DESIGN_DAYS[0] <= len(days) <= DESIGN_DAYS[1]
        assert [d.position for d in days] == list(range(len(days)))
        for day in days:
            positions = list(day.modules.order_by("position").values_list("position", flat=True))
            assert MODULES_PER_DAY[0] <= len(positions) <= MODULES_PER_DAY[1]
            assert positions == list(range(len(positions)))  # what moving a module up and down keeps
        if design.replicated_from_id is None:
            professions = design.quotas.values("profession").distinct().count()
            assert professions == 1 or DESIGN_PROFESSIONS[0] <= professions <= DESIGN_PROFESSIONS[1]
            assert not design.adaptation_items.exists()
            assert not design.design_countries.filter(participant_languages__isnull=True).exists()
        else:
            assert design.replicated_from_id != design.pk
            topics = set(design.adaptation_items.values_list("topic", flat=True))
            assert topics == set(AdaptationTopic.values)
    replications = [d for d in designs if d.replicated_from_id]
    assert 1 <= len(replications) <= 0.2 * len(designs)
    # The stored check is the check, and the data hold both kinds of designs.
    reports = check_designs(designs)
    assert all((d.check_score, d.check_passed) == (reports[d.pk].score, reports[d.pk].passed) for d in designs)
    assert any(d.check_passed for d in designs) and any(not d.check_passed for d in designs)
    assert {d.status for d in designs} >= {"draft", "ready"}
    assert not any(d.status == "ready" and not d.check_passed for d in designs)


def test_sessions_and_evaluation(db: None) -> None:
    """Steps "sessions" and "evaluation": stored totals are what the services compute from the answers."""
    from relais.evaluation.scoring import compute_totals

    generate(size="xs", seed=1)
    assert Session.objects.count() == XS.sessions
    for response in Response.objects.filter(status="submitted").prefetch_related("answers")[:20]:
        items = list(Item.objects.filter(questionnaire_id=response.questionnaire_id))
        totals = compute_totals(items, {a.item_id: a.value for a in response.answers.all()})
        assert (response.score, response.likert_sum, response.applies_learning) == (
            totals.score,
            totals.likert_sum,
            totals.applies_learning,
        )
    for score in LearningScore.objects.select_related("pre_response", "post_response"):
        pre, post = score.pre_response, score.post_response
        assert pre.score is not None and pre.max_score and post.score is not None and post.max_score
        assert score.pre == pytest.approx(float(pre.score / pre.max_score))
        assert score.post == pytest.approx(float(post.score / post.max_score))
