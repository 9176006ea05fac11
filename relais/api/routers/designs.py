"""Designs: the activity designs the token's owner may see (as on the Designs pages), each with its
objectives, agenda, evaluation plan and materials, and the result of the design check."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.db.models import Prefetch
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from relais.api.pagination import PageParams, page_of, paginate
from relais.api.routers.sessions_schemas import MAX_ID, Text
from relais.api.schemas import read
from relais.design.checker import CheckReport, RuleResult, check_design
from relais.design.documents import agenda_materials, attach_documents
from relais.design.models import ActivityDesign, AgendaDay, DesignCountry, Material, SeatQuota
from relais.design.selectors import DesignFilters, agenda, design_get, design_list
from relais.programmes.models import Organisation

router = Router(tags=["Designs"])

DesignTypeCode = Literal["training", "workshop", "simulation", "study_visit", "tot"]
DesignFormatCode = Literal["national", "bilateral", "regional", "transnational"]
DesignStatusCode = Literal["draft", "ready", "archived"]


class DesignCountryOut(Schema):
    code: str = Field(description="Country code (see /vocabularies)")
    route_role: str = Field(description="origin, transit or destination")


class DesignSummaryOut(Schema):
    id: int
    programme_id: int
    title: str
    summary: str
    type: str = Field(description="training, workshop, simulation, study_visit or tot")
    format: str = Field(description="national, bilateral, regional or transnational")
    status: str = Field(description="draft, ready or archived")
    themes: list[str] = Field(description="Theme codes (see /vocabularies)")
    countries: list[DesignCountryOut] = Field(description="The participating countries")
    check_score: int = Field(description="The design check's score (0-100), as last stored")
    check_passed: bool = Field(description="Whether no required rule of the check fails, as last stored")
    replicated_from_id: int | None = Field(description="The design this one was replicated from")
    n_replications: int = Field(description="How many designs were replicated from this one")
    version: int
    created_at: dt.datetime
    updated_at: dt.datetime


class ParticipatingCountryOut(DesignCountryOut):
    languages: list[str] = Field(description="Language codes the participants from this country work in")


class SeatOut(Schema):
    country: str
    profession: str = Field(description="Profession code (see /vocabularies)")
    seats: int


class ObjectiveOut(Schema):
    id: int
    kind: str = Field(description="knowledge, skill or attitude")
    text: str
    position: int


class MaterialOut(Schema):
    id: int
    title: str
    url: str = Field(description="A link elsewhere (empty when none)")
    document_id: int | None = Field(
        description="The document of the knowledge centre (GET /documents/{id}); null when none or not visible"
    )
    has_file: bool = Field(description="Whether a file is attached (downloaded from the design page)")


class ModuleOut(Schema):
    id: int
    position: int
    title: str
    description: str
    method: str = Field(description="lecture, panel, discussion, case_study, simulation, mock_trial, …")
    duration_minutes: int
    trainer_profile: str
    objective_ids: list[int] = Field(description="The learning objectives the module serves")
    materials: list[MaterialOut]


class AgendaDayOut(Schema):
    id: int
    number: int = Field(description="1 for the first day")
    title: str
    total_minutes: int
    modules: list[ModuleOut]


class EvaluationPlanOut(Schema):
    pre_test: bool
    post_test: bool
    satisfaction: bool
    follow_up: bool
    follow_up_months: int | None
    notes: str


class SourceOut(Schema):
    id: int
    title: str
    url: str
    note: str
    document_id: int | None = Field(description="Null when none or not visible to the token's owner")


class ReferenceOut(Schema):
    document_id: int
    title: str
    note: str


class PartnerOut(Schema):
    id: int
    name: str
    acronym: str
    country: str | None


class AdaptationItemOut(Schema):
    topic: str = Field(description="languages, legal_framework, local_trainers, translated_materials, local_partners")
    done: bool
    note: str
    done_at: dt.datetime | None


class DesignOut(DesignSummaryOut):
    objectives: list[ObjectiveOut]
    agenda: list[AgendaDayOut]
    total_minutes: int
    participating_countries: list[ParticipatingCountryOut]
    seats: list[SeatOut]
    working_languages: list[str]
    interpretation_languages: list[str]
    evaluation_plan: EvaluationPlanOut
    needs_assessment: str
    needs_sources: list[SourceOut]
    references: list[ReferenceOut] = Field(description="Sources and further reading in the knowledge centre")
    follow_up_plan: str
    sustainability: list[str] = Field(description="Sustainability measure codes")
    partners: list[PartnerOut]
    adaptation: list[AdaptationItemOut] = Field(description="The adaptation checklist of a replicated design")


class RuleResultOut(Schema):
    code: str = Field(description="The rule's code, e.g. MD-1")
    title: str
    reason: str = Field(description="Why the rule matters")
    severity: Literal["required", "recommended"]
    status: Literal["pass", "fail", "not_applicable"]
    message: str = Field(description="What holds or what is wrong, concretely")
    fix: str = Field(description="What to change (failures only)")
    thresholds: dict[str, Any]


class DesignCheckOut(Schema):
    design_id: int
    score: int = Field(description="Weighted share of the applicable rules that hold, 0-100")
    passed: bool = Field(description="No required rule fails")
    n_rules: int
    n_holding: int
    n_failing: int
    n_not_applicable: int
    n_required_failing: int
    rules: list[RuleResultOut] = Field(description="Every rule in use, in rule order")


class DesignFiltersIn(PageParams):
    programme_id: int | None = Field(None, ge=1, le=MAX_ID, description="Designs of this programme")
    type: DesignTypeCode | None = None
    format: DesignFormatCode | None = None
    status: DesignStatusCode | None = None
    check: Literal["passed", "failed"] | None = Field(None, description="The stored check's verdict")
    q: Text = Field("", max_length=200, description="Words of the title or summary, as on the Designs page")


def _summary_fields(d: ActivityDesign) -> dict[str, Any]:
    return {
        "id": d.pk,
        "programme_id": d.programme_id,
        "title": d.title,
        "summary": d.summary,
        "type": d.type,
        "format": d.format,
        "status": d.status,
        "themes": [t.code for t in d.themes.all()],
        "countries": [
            DesignCountryOut(code=dc.country.code, route_role=dc.route_role) for dc in d.design_countries.all()
        ],
        "check_score": d.check_score,
        "check_passed": d.check_passed,
        "replicated_from_id": d.replicated_from_id,
        "n_replications": _replications(d),
        "version": d.version,
        "created_at": d.created_at,
        "updated_at": d.updated_at,
    }


def _replications(d: ActivityDesign) -> int:
    n = getattr(d, "n_replications", None)  # annotated by design_list
    return d.replications.count() if n is None else int(n)


def design_summary_out(d: ActivityDesign) -> DesignSummaryOut:
    return DesignSummaryOut(**_summary_fields(d))


def _material_out(m: Material) -> MaterialOut:
    linked = getattr(m, "linked", None)
    return MaterialOut(
        id=m.pk, title=m.title, url=m.url, document_id=linked.pk if linked else None, has_file=bool(m.file)
    )


def _day_out(number: int, day: AgendaDay) -> AgendaDayOut:
    modules = [
        ModuleOut(
            id=m.pk,
            position=m.position,
            title=m.title,
            description=m.description,
            method=m.method,
            duration_minutes=m.duration_minutes,
            trainer_profile=m.trainer_profile,
            objective_ids=[o.pk for o in m.objectives.all()],
            materials=[_material_out(mat) for mat in m.materials.all()],
        )
        for m in day.modules.all()
    ]
    return AgendaDayOut(
        id=day.pk,
        number=number,
        title=day.title,
        total_minutes=getattr(day, "total_minutes", 0),
        modules=modules,
    )


def design_out(user: Any, design: ActivityDesign) -> DesignOut:
    """The design as its page shows it, in a fixed number of queries."""
    d = (
        ActivityDesign.objects.filter(pk=design.pk)
        .prefetch_related(
            "themes",
            "working_languages",
            "interpretation_languages",
            "objectives",
            "needs_sources",
            "references",
            "adaptation_items",
            Prefetch("partners", queryset=Organisation.objects.select_related("country")),
            Prefetch(
                "design_countries",
                queryset=DesignCountry.objects.select_related("country").prefetch_related("participant_languages"),
            ),
            Prefetch("quotas", queryset=SeatQuota.objects.select_related("country", "profession")),
        )
        .get()
    )
    days = agenda(design=d)
    sources = list(d.needs_sources.all())
    references = list(d.references.all())
    # The linked documents the owner may see (the others are shown without their document, as on the page).
    attach_documents(user=user, items=[*agenda_materials(days), *sources, *references])
    countries = sorted(d.design_countries.all(), key=lambda dc: (dc.route_role, dc.country.name_en))
    return DesignOut(
        **{
            **_summary_fields(d),
            "countries": [DesignCountryOut(code=c.country.code, route_role=c.route_role) for c in countries],
        },
        objectives=[ObjectiveOut(id=o.pk, kind=o.kind, text=o.text, position=o.position) for o in d.objectives.all()],
        agenda=[_day_out(n, day) for n, day in enumerate(days, start=1)],
        total_minutes=sum(getattr(day, "total_minutes", 0) for day in days),
        participating_countries=[
            ParticipatingCountryOut(
                code=c.country.code,
                route_role=c.route_role,
                languages=[lang.code for lang in c.participant_languages.all()],
            )
            for c in countries
        ],
        seats=[
            SeatOut(country=q.country.code, profession=q.profession.code, seats=q.seats)
            for q in sorted(d.quotas.all(), key=lambda q: (q.country.code, q.profession.position, q.profession.code))
        ],
        working_languages=[lang.code for lang in d.working_languages.all()],
        interpretation_languages=[lang.code for lang in d.interpretation_languages.all()],
        evaluation_plan=EvaluationPlanOut(
            pre_test=d.plans_pre_test,
            post_test=d.plans_post_test,
            satisfaction=d.plans_satisfaction,
            follow_up=d.plans_follow_up,
            follow_up_months=d.follow_up_months,
            notes=d.evaluation_notes,
        ),
        needs_assessment=d.needs_assessment,
        needs_sources=[
            SourceOut(
                id=s.pk,
                title=s.title,
                url=s.url,
                note=s.note,
                document_id=s.linked.pk if getattr(s, "linked", None) else None,  # type: ignore[attr-defined]
            )
            for s in sources
        ],
        references=[
            ReferenceOut(document_id=r.linked.pk, title=r.linked.title, note=r.note)  # type: ignore[attr-defined]
            for r in references
            if getattr(r, "linked", None)
        ],
        follow_up_plan=d.follow_up_plan,
        sustainability=[m for m in (d.sustainability or []) if isinstance(m, str)],
        partners=[
            PartnerOut(id=o.pk, name=o.name, acronym=o.acronym, country=o.country.code if o.country else None)
            for o in d.partners.all()
        ],
        adaptation=[
            AdaptationItemOut(topic=a.topic, done=a.done, note=a.note, done_at=a.done_at)
            for a in d.adaptation_items.all()
        ],
    )


def _rule_out(r: RuleResult) -> RuleResultOut:
    return RuleResultOut(
        code=r.rule.code,
        title=str(r.rule.title),
        reason=str(r.rule.reason),
        severity=r.severity,  # type: ignore[arg-type]
        status=r.outcome.status,
        message=str(r.outcome.message),
        fix=str(r.outcome.fix),
        thresholds=dict(r.thresholds),
    )


def check_out(design: ActivityDesign, report: CheckReport) -> DesignCheckOut:
    return DesignCheckOut(
        design_id=design.pk,
        score=report.score,
        passed=report.passed,
        n_rules=report.n_rules,
        n_holding=report.n_holding,
        n_failing=report.n_failing,
        n_not_applicable=report.n_not_applicable,
        n_required_failing=report.n_required_failing,
        rules=[_rule_out(r) for r in report.results],
    )


@router.get("/designs", response=read(page_of(DesignSummaryOut)), summary="List designs")
def design_list_api(request: HttpRequest, filters: Query[DesignFiltersIn]) -> dict[str, Any]:
    """The designs the token's owner may see, with the Designs page's filters."""
    selection = DesignFilters(
        programme=filters.programme_id,
        type=filters.type or "",
        format=filters.format or "",
        status=filters.status or "",
        check=filters.check or "",
        query=filters.q.strip(),
    )
    qs = design_list(user=request.user, filters=selection).prefetch_related("themes")
    return paginate(qs, filters, lambda rows: [design_summary_out(d) for d in rows])


@router.get("/designs/{design_id}", response=read(DesignOut), summary="Read a design")
def design_read(request: HttpRequest, design_id: int) -> DesignOut:
    """The design with its countries and seats, objectives, agenda (days, modules, materials), languages,
    evaluation plan, needs assessment, sources, follow-up and partners."""
    design = design_get(user=request.user, pk=design_id)  # 404 for what the owner may not see
    return design_out(request.user, design)


@router.get("/designs/{design_id}/check", response=read(DesignCheckOut), summary="Check a design")
def design_check(request: HttpRequest, design_id: int) -> DesignCheckOut:
    """The design check run now: the score, the verdict, and each rule's result with what to change."""
    design = design_get(user=request.user, pk=design_id)
    return check_out(design, check_design(design))
