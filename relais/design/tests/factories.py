"""Designs for tests: a complete, well-formed design that passes the model's rules, and helpers."""

from __future__ import annotations

import itertools
from typing import Any

from relais.core.models import Country, Language, Profession, Theme
from relais.design.models import (
    ActivityDesign,
    AgendaDay,
    AgendaModule,
    DesignCountry,
    DesignFormat,
    LearningObjective,
    Material,
    NeedsSource,
    ObjectiveKind,
    SeatQuota,
)
from relais.programmes.models import Programme

_seq = itertools.count(1)


def make_design(*, programme: Programme, **fields: Any) -> ActivityDesign:
    values: dict[str, Any] = {"title": f"Design {next(_seq)}", "format": DesignFormat.NATIONAL}
    values.update(fields)
    return ActivityDesign.objects.create(programme=programme, **values)


def add_country(design: ActivityDesign, code: str, route_role: str, languages: list[str] = ()) -> DesignCountry:  # type: ignore[assignment]
    dc = DesignCountry.objects.create(design=design, country=Country.objects.get(code=code), route_role=route_role)
    dc.participant_languages.set(Language.objects.filter(code__in=list(languages)))
    return dc


def set_quota(design: ActivityDesign, country: str, profession: str, seats: int) -> SeatQuota:
    return SeatQuota.objects.create(
        design=design,
        country=Country.objects.get(code=country),
        profession=Profession.objects.get(code=profession),
        seats=seats,
    )


def add_objective(design: ActivityDesign, text: str, kind: str = ObjectiveKind.KNOWLEDGE) -> LearningObjective:
    position = design.objectives.count()
    return LearningObjective.objects.create(design=design, text=text, kind=kind, position=position)


def add_day(design: ActivityDesign, title: str = "") -> AgendaDay:
    return AgendaDay.objects.create(design=design, title=title, position=design.days.count())


def add_module(
    day: AgendaDay,
    title: str,
    method: str,
    minutes: int,
    objectives: list[LearningObjective] = (),  # type: ignore[assignment]
    trainer_profile: str = "",
    materials: list[tuple[str, str]] = (),  # type: ignore[assignment]
) -> AgendaModule:
    module = AgendaModule.objects.create(
        day=day,
        title=title,
        method=method,
        duration_minutes=minutes,
        position=day.modules.count(),
        trainer_profile=trainer_profile,
    )
    module.objectives.set(list(objectives))
    for title_, url in materials:
        Material.objects.create(module=module, title=title_, url=url)
    return module


def make_complete_design(*, programme: Programme, **fields: Any) -> ActivityDesign:
    """A transnational training that satisfies every rule of DESIGN.md §3 with default thresholds."""
    fields.setdefault("format", DesignFormat.TRANSNATIONAL)
    design = make_design(programme=programme, title=fields.pop("title", "Joint investigation training"), **fields)
    design.themes.set(Theme.objects.filter(code__in=["thb_labour", "police_investigation"]))
    add_country(design, "AL", "origin", ["sq"])
    add_country(design, "IT", "destination", ["it"])
    for country in ("AL", "IT"):
        set_quota(design, country, "labour_inspection", 3)
        set_quota(design, country, "police", 3)
        set_quota(design, country, "prosecution", 2)
        set_quota(design, country, "civil_society", 2)
    design.working_languages.set(Language.objects.filter(code="en"))
    design.interpretation_languages.set(Language.objects.filter(code__in=["sq", "it"]))
    k1 = add_objective(design, "Recognise indicators of labour exploitation", ObjectiveKind.KNOWLEDGE)
    k2 = add_objective(design, "Know the instruments of mutual legal assistance", ObjectiveKind.KNOWLEDGE)
    s1 = add_objective(design, "Plan a joint investigation across borders", ObjectiveKind.SKILL)
    day1 = add_day(design, "Understanding labour exploitation")
    add_module(day1, "Opening and pre-test", "evaluation", 30)
    add_module(day1, "Indicators of labour exploitation", "lecture", 90, [k1], "Labour inspector")
    add_module(
        day1,
        "Case study: agricultural workers",
        "case_study",
        120,
        [k1, s1],
        "Prosecutor",
        [("Case file", "https://example.org/case.pdf")],
    )
    day2 = add_day(design, "Working across borders")
    add_module(day2, "Mutual legal assistance", "lecture", 60, [k2], "Judge")
    add_module(day2, "Simulation: a joint investigation team", "simulation", 150, [s1, k2], "Police investigator")
    add_module(day2, "Post-test and closing", "evaluation", 30)
    design.plans_pre_test = design.plans_post_test = design.plans_satisfaction = design.plans_follow_up = True
    design.follow_up_months = 4
    design.needs_assessment = "Consultations with inspectorates and prosecutors of both countries in 2025."
    NeedsSource.objects.create(design=design, title="Needs survey 2025", url="https://example.org/survey")
    design.follow_up_plan = "Follow-up questionnaire at four months; contact list shared on the last day."
    design.sustainability = ["contact_list", "tot"]
    design.save()
    return design
