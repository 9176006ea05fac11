"""Steps "designs" and "design_check": activity designs of every programme, and their stored check.

Per programme 3–8 designs, each from a topic of bench.design_templates, a type and a format:
1–6 countries of the programme's route (with their role and the participants' languages), seats
for 3–6 professions, 3–6 learning objectives, 1–4 days of 3–6 modules (method, duration, objectives
served, sometimes materials), an evaluation plan, a needs assessment with sources, follow-up and
sustainability measures. About a quarter of the original designs carry one flaw the design check
finds (no follow-up, lectures only, a single profession, an objective no module serves, no
interpretation, no needs assessment). About a tenth of the designs are replications of an earlier
design (of another programme, mostly): agenda and plans copied, countries and seats taken from the
new programme's route, and the adaptation checklist half done.

Everything is planned in memory first, then written table by table with bulk_create; "design_check"
then stores check_score / check_passed with `designs_check_refresh`, the same call an
administrator's change to a rule makes, and marks some passing designs ready for delivery.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

from bench.context import Context
from bench.design_templates import (
    COUNTRY_LANGUAGES,
    DURATIONS,
    FOLLOW_UP_PLANS,
    FORMAT_WORDS,
    PASSIVE,
    TOPICS,
    TYPE_WORDS,
    Topic,
)
from bench.gen_programmes import DOMAIN
from bench.sizes import (
    DESIGN_COUNTRIES,
    DESIGN_DAYS,
    DESIGN_OBJECTIVES,
    DESIGN_PROFESSIONS,
    DESIGNS_PER_PROGRAMME,
    FLAWED_SHARE,
    MODULES_PER_DAY,
    REPLICATION_SHARE,
    TODAY,
)
from relais.core.models import Country, Language, Profession, Theme
from relais.design.checker import designs_check_refresh
from relais.design.models import (
    ActivityDesign,
    AdaptationItem,
    AdaptationTopic,
    AgendaDay,
    AgendaModule,
    DesignCountry,
    DesignFormat,
    DesignStatus,
    LearningObjective,
    Material,
    Method,
    NeedsSource,
    SeatQuota,
    Sustainability,
)
from relais.programmes.models import Programme, Role, RouteRole

BATCH = 1_000
FLAWS = ("no_follow_up", "single_profession", "lectures_only", "objective_unserved", "no_interpretation", "no_needs")
FORMATS = [
    (DesignFormat.NATIONAL, 35),
    (DesignFormat.BILATERAL, 20),
    (DesignFormat.REGIONAL, 20),
    (DesignFormat.TRANSNATIONAL, 25),
]
ARCHIVED_SHARE = 0.06
READY_SHARE = 0.5  # of the original designs whose check passes


@dataclass
class ModulePlan:
    title: str
    method: str
    minutes: int
    profile: str
    served: list[int] = field(default_factory=list)  # objectives, by their index in the design
    materials: list[tuple[str, str]] = field(default_factory=list)  # (title, url)


@dataclass
class DesignPlan:
    index: int
    programme_id: int
    topic: Topic
    base_title: str
    title: str
    type: str
    format: str
    countries: list[tuple[str, str, tuple[str, ...]]]  # (country code, route role, participants' languages)
    seats: dict[tuple[str, str], int]  # (country code, profession code) → seats
    working: list[str]
    interpretation: list[str]
    objectives: list[tuple[str, str]]
    days: list[tuple[str, list[ModulePlan]]]
    evaluation: tuple[bool, bool, bool, bool, int | None]  # pre, post, satisfaction, follow-up, months
    needs: str
    sources: list[tuple[str, str]]
    follow_up_plan: str
    sustainability: list[str]
    created_by: int | None
    created_at: dt.datetime
    status: str = DesignStatus.DRAFT
    flaw: str = ""
    source: int | None = None  # index of the design it replicates
    adaptation: list[tuple[str, bool]] = field(default_factory=list)


def _minutes(rng: random.Random, method: str) -> int:
    low, high = DURATIONS[method]
    return 15 * rng.randint(low // 15, high // 15)


def _interpretation(countries: list[tuple[str, str, tuple[str, ...]]], working: list[str]) -> list[str]:
    """The first language of each country whose participants share no working language."""
    needed: list[str] = []
    for _code, _role, langs in countries:
        if langs and not set(langs) & set(working) and langs[0] not in needed:
            needed.append(langs[0])
    return needed


def _languages(countries: list[tuple[str, str, tuple[str, ...]]], fmt: str) -> tuple[list[str], list[str]]:
    """Working languages and interpretation: a national activity works in the country's language, the
    others in English with interpretation for participants who do not work in it."""
    if fmt == DesignFormat.NATIONAL and countries[0][2]:
        return [countries[0][2][0]], []
    working = ["en"]
    return working, _interpretation(countries, working)


def _countries(rng: random.Random, route: list[tuple[str, RouteRole]], fmt: str) -> list[tuple[str, str]]:
    by_role = {role: [c for c, r in route if r == role] for role in RouteRole.values}
    if fmt == DesignFormat.NATIONAL:
        return [rng.choice(route)]
    if fmt == DesignFormat.BILATERAL:
        return [(rng.choice(by_role["origin"]), "origin"), (rng.choice(by_role["destination"]), "destination")]
    n = rng.randint(3, DESIGN_COUNTRIES[1])
    if fmt == DesignFormat.REGIONAL:
        return rng.sample(route, n)
    ends = [(rng.choice(by_role["origin"]), "origin"), (rng.choice(by_role["destination"]), "destination")]
    others = [c for c in route if c[0] not in {ends[0][0], ends[1][0]}]
    return ends + rng.sample(others, n - 2)


def _agenda(
    rng: random.Random, topic: Topic, n_objectives: int, pre_post: bool, flaw: str
) -> list[tuple[str, list[ModulePlan]]]:
    pool = [m for m in topic.modules if m[1] in PASSIVE] if flaw == "lectures_only" else list(topic.modules)
    rng.shuffle(pool)
    n_days = rng.randint(*DESIGN_DAYS)
    days: list[tuple[str, list[ModulePlan]]] = []
    used = 0
    for d in range(n_days):
        n_modules = rng.randint(*MODULES_PER_DAY)
        modules: list[ModulePlan] = []
        for slot in range(n_modules):
            method: str
            if d == 0 and slot == 0:
                title = "Opening, introductions and pre-test" if pre_post else "Opening and introductions"
                method = Method.EVALUATION if pre_post else Method.OPENING
                modules.append(ModulePlan(title, method, _minutes(rng, method), "Course director"))
                continue
            if d == n_days - 1 and slot == n_modules - 1:
                title = "Post-test, evaluation and closing" if pre_post else "Evaluation and closing"
                modules.append(
                    ModulePlan(title, Method.EVALUATION, _minutes(rng, Method.EVALUATION), "Course director")
                )
                continue
            title, method, profile = pool[used % len(pool)]
            if used >= len(pool):
                title = f"{title} (part {used // len(pool) + 1})"
            used += 1
            served = rng.sample(range(n_objectives), rng.randint(1, min(2, n_objectives)))
            materials = (
                [
                    (f"Handout {n}: {title}", f"https://materials.{DOMAIN}/{topic.key}/{rng.randint(1, 999)}.pdf")
                    for n in range(1, rng.randint(1, 2) + 1)
                ]
                if rng.random() < 0.25
                else []
            )
            modules.append(ModulePlan(title, method, _minutes(rng, method), profile, sorted(served), materials))
        days.append((topic.day_titles[d % len(topic.day_titles)], modules))
    content = [m for _title, ms in days for m in ms if m.served]
    if content:  # every objective served by some module, unless the flaw says otherwise
        served_now = {i for m in content for i in m.served}
        for i in range(n_objectives):
            if i not in served_now:
                rng.choice(content).served.append(i)
        if flaw == "objective_unserved":
            for module in content:
                module.served = [i for i in module.served if i != n_objectives - 1]
    return days


def _created(rng: random.Random, programme: Programme, after: dt.datetime | None = None) -> dt.datetime:
    low = programme.start_date - dt.timedelta(days=180)
    high = max(low, min(programme.end_date, TODAY))
    day = low + dt.timedelta(days=rng.randint(0, (high - low).days))
    at = dt.datetime(day.year, day.month, day.day, 8, tzinfo=dt.UTC) + dt.timedelta(minutes=rng.randint(0, 600))
    if after is not None and at <= after:
        at = after + dt.timedelta(days=rng.randint(1, 90))
    return at


def _original(
    rng: random.Random,
    index: int,
    programme: Programme,
    route: list[tuple[str, RouteRole]],
    names: dict[str, str],
    manager: int | None,
    flaw: str,
) -> DesignPlan:
    topic = rng.choice(TOPICS)
    formats, weights = zip(*FORMATS, strict=True)
    fmt = rng.choices(formats, weights=weights)[0]
    if flaw == "no_interpretation" and fmt == DesignFormat.NATIONAL:
        flaw = "no_follow_up"
    type_ = rng.choice(topic.types)
    base_title = f"{FORMAT_WORDS[fmt]} {TYPE_WORDS[type_]} on {topic.subject}"
    picked = _countries(rng, route, fmt)
    countries = [(code, str(role), COUNTRY_LANGUAGES.get(code, ("en",))) for code, role in picked]
    place = names[picked[0][0]] if len(picked) == 1 else " and ".join(names[c] for c, _r in picked[:2])
    title = f"{base_title} — {place}" if len(picked) <= 2 else f"{base_title} — {', '.join(c for c, _r in picked)}"

    n_professions = 1 if flaw == "single_profession" else rng.randint(*DESIGN_PROFESSIONS)
    professions = rng.sample(topic.professions[:7], min(n_professions, len(topic.professions)))
    seats: dict[tuple[str, str], int] = {}
    if len(countries) == 1:
        seats = {(countries[0][0], profession): rng.randint(2, 6) for profession in professions}
    else:  # each country sends some of the professions (two at least), all of them are sent
        for code, _role, _langs in countries:
            k = len(professions) if len(professions) <= 2 else rng.randint(2, len(professions))
            for profession in rng.sample(professions, k):
                seats[(code, profession)] = rng.randint(1, 4)
        for profession in professions:
            if not any(p == profession for _c, p in seats):
                seats[(rng.choice(countries)[0], profession)] = rng.randint(1, 4)

    working, interpretation = _languages(countries, fmt)
    if flaw == "no_interpretation":
        interpretation = []
    n_objectives = rng.randint(DESIGN_OBJECTIVES[0], min(DESIGN_OBJECTIVES[1], len(topic.objectives)))
    objectives = rng.sample(topic.objectives, n_objectives)
    pre_post = rng.random() < 0.97
    follow_up = flaw != "no_follow_up"
    months = (rng.randint(3, 6) if rng.random() < 0.95 else rng.randint(9, 12)) if follow_up else None
    has_needs = flaw != "no_needs"
    return DesignPlan(
        index=index,
        programme_id=programme.pk,
        topic=topic,
        base_title=base_title,
        title=title,
        type=type_,
        format=fmt,
        countries=countries,
        seats=seats,
        working=working,
        interpretation=interpretation,
        objectives=objectives,
        days=_agenda(rng, topic, len(objectives), pre_post, flaw),
        evaluation=(pre_post, pre_post, rng.random() < 0.95, follow_up, months),
        needs=topic.needs if has_needs else "",
        sources=rng.sample(topic.sources, rng.randint(1, len(topic.sources))) if has_needs else [],
        follow_up_plan=rng.choice(FOLLOW_UP_PLANS).format(months=months) if follow_up else "",
        sustainability=rng.sample(Sustainability.values, rng.randint(1, 3)) if rng.random() < 0.92 else [],
        created_by=manager,
        created_at=_created(rng, programme),
        status=DesignStatus.ARCHIVED if rng.random() < ARCHIVED_SHARE else DesignStatus.DRAFT,
        flaw=flaw,
    )


def _replication(
    rng: random.Random,
    index: int,
    source: DesignPlan,
    programme: Programme,
    route: list[tuple[str, RouteRole]],
    names: dict[str, str],
    manager: int | None,
) -> DesignPlan:
    """What design_replicate makes, then some of the adaptation checklist done."""
    free = list(route)
    rng.shuffle(free)
    countries: list[tuple[str, str, tuple[str, ...]]] = []
    model_of: dict[str, str] = {}  # new country → the source country whose seats it takes
    for _code, role, _langs in source.countries:
        choice = next((c for c in free if c[1] == role), free[0])
        free.remove(choice)
        countries.append((choice[0], str(choice[1]), ()))
        model = next((c for c, r, _l in source.countries if r == choice[1]), source.countries[0][0])
        model_of[choice[0]] = model
    seats = {
        (new, profession): n
        for new, model in model_of.items()
        for (country, profession), n in source.seats.items()
        if country == model
    }
    adaptation = [(topic, rng.random() < 0.5) for topic in AdaptationTopic.values]
    working, interpretation = list(source.working), list(source.interpretation)
    if dict(adaptation)[AdaptationTopic.LANGUAGES]:  # the languages point done: recorded and planned
        countries = [(c, r, COUNTRY_LANGUAGES.get(c, ("en",))) for c, r, _l in countries]
        working, interpretation = _languages(countries, source.format)
    local_needs = rng.random() < 0.3
    place = ", ".join(names[c] for c, _r, _l in countries[:2])
    return DesignPlan(
        index=index,
        programme_id=programme.pk,
        topic=source.topic,
        base_title=source.base_title,
        title=f"{source.base_title} — {place}",
        type=source.type,
        format=source.format,
        countries=countries,
        seats=seats,
        working=working,
        interpretation=interpretation,
        objectives=list(source.objectives),
        days=[
            (
                title,
                [ModulePlan(m.title, m.method, m.minutes, m.profile, list(m.served), list(m.materials)) for m in ms],
            )
            for title, ms in source.days
        ],
        evaluation=source.evaluation,
        needs=source.topic.needs if local_needs else "",
        sources=source.sources[:1] if local_needs else [],
        follow_up_plan=source.follow_up_plan,
        sustainability=list(source.sustainability),
        created_by=manager,
        created_at=_created(rng, programme, after=source.created_at),
        flaw=source.flaw,
        source=source.index,
        adaptation=adaptation,
    )


def _plan(ctx: Context, rng: random.Random) -> list[DesignPlan]:
    programmes = Programme.objects.in_bulk([pk for pk, _code, _title in ctx.objects["programmes"]])
    routes: dict[int, list[tuple[str, RouteRole]]] = ctx.objects["routes"]
    names = dict(Country.objects.filter(code__in=list(COUNTRY_LANGUAGES)).values_list("code", "name_en"))
    managers: dict[int, int] = {}
    for _pk, user_id, programme_id, role, _label in ctx.objects["roles"]:
        if role == Role.MANAGER:
            managers.setdefault(programme_id, user_id)

    slots = [
        (pk, n) for pk, _code, _title in ctx.objects["programmes"] for n in range(rng.randint(*DESIGNS_PER_PROGRAMME))
    ]
    n_replications = max(1 if len(programmes) > 1 else 0, round(REPLICATION_SHARE * len(slots)))
    replicas = set(rng.sample(range(1, len(slots)), min(n_replications, len(slots) - 1)))
    originals = [i for i in range(len(slots)) if i not in replicas]
    flawed = sorted(rng.sample(originals, max(1, round(FLAWED_SHARE * len(originals)))))
    flaw_of = {i: FLAWS[n % len(FLAWS)] for n, i in enumerate(flawed)}

    plans: list[DesignPlan] = []
    for index, (programme_id, _n) in enumerate(slots):
        programme = programmes[programme_id]
        manager = managers.get(programme_id)
        if index in replicas:
            elsewhere = [p for p in plans if p.programme_id != programme_id]
            source = rng.choice(elsewhere if elsewhere and rng.random() < 0.7 else plans)
            plans.append(_replication(rng, index, source, programme, routes[programme_id], names, manager))
        else:
            plans.append(_original(rng, index, programme, routes[programme_id], names, manager, flaw_of.get(index, "")))
    return plans


def _m2m(through: Any, owner: str, target: str, pairs: list[tuple[int, int]]) -> int:
    through.objects.bulk_create([through(**{owner: a, target: b}) for a, b in pairs], batch_size=BATCH)
    return len(pairs)


def generate_designs(ctx: Context) -> None:
    rng = ctx.rng("designs")
    plans = _plan(ctx, rng)
    languages = dict(Language.objects.values_list("code", "pk"))
    missing = {code for langs in COUNTRY_LANGUAGES.values() for code in langs} - set(languages)
    if missing:
        raise RuntimeError(f"Languages missing from the reference data: {sorted(missing)}")
    professions = dict(Profession.objects.values_list("code", "pk"))
    themes = dict(Theme.objects.values_list("code", "pk"))
    countries: dict[str, int] = dict(Country.objects.filter(code__in=list(COUNTRY_LANGUAGES)).values_list("code", "pk"))

    designs = [
        ActivityDesign(
            programme_id=p.programme_id,
            title=p.title,
            summary=p.topic.summary,
            type=p.type,
            format=p.format,
            status=p.status,
            plans_pre_test=p.evaluation[0],
            plans_post_test=p.evaluation[1],
            plans_satisfaction=p.evaluation[2],
            plans_follow_up=p.evaluation[3],
            follow_up_months=p.evaluation[4],
            needs_assessment=p.needs,
            follow_up_plan=p.follow_up_plan,
            sustainability=p.sustainability,
            created_by_id=p.created_by,
        )
        for p in plans
    ]
    ActivityDesign.objects.bulk_create(designs, batch_size=BATCH)
    ctx.add_count("design.activitydesign", len(designs))
    # auto_now_add / auto_now fields take the clock on insert: dates and lineage are set afterwards.
    for p, d in zip(plans, designs, strict=True):
        d.created_at = p.created_at
        d.updated_at = p.created_at + dt.timedelta(days=rng.randint(0, 60))
        d.replicated_from_id = designs[p.source].pk if p.source is not None else None
    ActivityDesign.objects.bulk_update(designs, ["created_at", "updated_at", "replicated_from"], batch_size=BATCH)

    pk_of = [d.pk for d in designs]
    ctx.add_count(
        "design.activitydesign_themes",
        _m2m(
            ActivityDesign.themes.through,
            "activitydesign_id",
            "theme_id",
            [(pk_of[p.index], themes[t]) for p in plans for t in p.topic.themes],
        ),
    )
    ctx.add_count(
        "design.activitydesign_working_languages",
        _m2m(
            ActivityDesign.working_languages.through,
            "activitydesign_id",
            "language_id",
            [(pk_of[p.index], languages[c]) for p in plans for c in p.working],
        ),
    )
    ctx.add_count(
        "design.activitydesign_interpretation_languages",
        _m2m(
            ActivityDesign.interpretation_languages.through,
            "activitydesign_id",
            "language_id",
            [(pk_of[p.index], languages[c]) for p in plans for c in p.interpretation],
        ),
    )

    design_countries = [
        (DesignCountry(design_id=pk_of[p.index], country_id=countries[code], route_role=role), langs)
        for p in plans
        for code, role, langs in p.countries
    ]
    DesignCountry.objects.bulk_create([dc for dc, _langs in design_countries], batch_size=BATCH)
    ctx.add_count("design.designcountry", len(design_countries))
    ctx.add_count(
        "design.designcountry_participant_languages",
        _m2m(
            DesignCountry.participant_languages.through,
            "designcountry_id",
            "language_id",
            [(dc.pk, languages[c]) for dc, langs in design_countries for c in langs],
        ),
    )
    quotas = [
        SeatQuota(design_id=pk_of[p.index], country_id=countries[c], profession_id=professions[prof], seats=n)
        for p in plans
        for (c, prof), n in p.seats.items()
    ]
    SeatQuota.objects.bulk_create(quotas, batch_size=BATCH)

    objectives = [
        [
            LearningObjective(design_id=pk_of[p.index], kind=kind, text=text, position=i)
            for i, (kind, text) in enumerate(p.objectives)
        ]
        for p in plans
    ]
    LearningObjective.objects.bulk_create([o for os in objectives for o in os], batch_size=BATCH)
    days = [
        (p, AgendaDay(design_id=pk_of[p.index], title=title, position=d), modules)
        for p in plans
        for d, (title, modules) in enumerate(p.days)
    ]
    AgendaDay.objects.bulk_create([day for _p, day, _ms in days], batch_size=BATCH)
    modules = [
        (
            p,
            m,
            AgendaModule(
                day=day,
                position=i,
                title=m.title,
                method=m.method,
                duration_minutes=m.minutes,
                trainer_profile=m.profile,
            ),
        )
        for p, day, ms in days
        for i, m in enumerate(ms)
    ]
    AgendaModule.objects.bulk_create([am for _p, _m, am in modules], batch_size=BATCH)
    served = _m2m(
        AgendaModule.objectives.through,
        "agendamodule_id",
        "learningobjective_id",
        [(am.pk, objectives[p.index][i].pk) for p, m, am in modules for i in m.served],
    )
    materials = [Material(module=am, title=title, url=url) for _p, m, am in modules for title, url in m.materials]
    Material.objects.bulk_create(materials, batch_size=BATCH)
    sources = [
        NeedsSource(design_id=pk_of[p.index], title=title, note=note) for p in plans for title, note in p.sources
    ]
    NeedsSource.objects.bulk_create(sources, batch_size=BATCH)
    items = [
        AdaptationItem(
            design_id=pk_of[p.index],
            topic=topic,
            done=done,
            done_by_id=p.created_by if done else None,
            done_at=p.created_at + dt.timedelta(days=rng.randint(1, 30)) if done else None,
            note="Adapted in the bench data." if done else "",
        )
        for p in plans
        for topic, done in p.adaptation
    ]
    AdaptationItem.objects.bulk_create(items, batch_size=BATCH)

    ctx.objects["designs"] = [
        (d.pk, p.programme_id, p.source is not None, p.flaw) for p, d in zip(plans, designs, strict=True)
    ]
    ctx.add_count("design.seatquota", len(quotas))
    ctx.add_count("design.learningobjective", sum(len(os) for os in objectives))
    ctx.add_count("design.agendaday", len(days))
    ctx.add_count("design.agendamodule", len(modules))
    ctx.add_count("design.agendamodule_objectives", served)
    ctx.add_count("design.material", len(materials))
    ctx.add_count("design.needssource", len(sources))
    ctx.add_count("design.adaptationitem", len(items))


def generate_design_check(ctx: Context) -> None:
    """Store every design's check (what an administrator's rule change re-runs), then mark about half
    of the passing original drafts ready for delivery."""
    rng = ctx.rng("design_check")
    changed = designs_check_refresh()
    ctx.objects["designs_checked"] = changed
    passing = set(ActivityDesign.objects.filter(check_passed=True).values_list("pk", flat=True))
    ready = [
        pk
        for pk, _programme, replicated, _flaw in ctx.objects["designs"]
        if pk in passing and not replicated and rng.random() < READY_SHARE
    ]
    ActivityDesign.objects.filter(pk__in=ready, status=DesignStatus.DRAFT).update(status=DesignStatus.READY)
