"""The sections of a publication about what to keep and how to do it again: lessons learned
(validated and applied), replication guidance (the design model's rules and a summary of every design
the covered sessions used) and the annex tables (sessions, figures by session). Fixed queries."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from django.db.models import Count, Q, Sum
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from relais.delivery.models import Registration, RegistrationStatus
from relais.design.checker import rule_settings
from relais.design.models import (
    ActivityDesign,
    AdaptationItem,
    AdaptationTopic,
    AgendaDay,
    AgendaModule,
    DesignCountry,
    DesignFormat,
    DesignType,
    LearningObjective,
    SeatQuota,
)
from relais.design.rules import RULES, effective_thresholds
from relais.evaluation.models import LessonLearned, LessonStatus
from relais.evaluation.selectors_lessons import PUBLISHED
from relais.evaluation.selectors_results import percent_text
from relais.programmes.models import RouteRole
from relais.publications.content import Block, Figure, Section, Table
from relais.publications.content_common import Context, count_text, french, n_text, sort_key
from relais.publications.content_results import table_by

# --- Lessons learned ---------------------------------------------------------------------------------


def _lessons(ctx: Context) -> list[LessonLearned]:
    """Validated and applied lessons of the covered sessions and of the designs they used (one query)."""
    qs = LessonLearned.objects.filter(programme=ctx.programme, status__in=PUBLISHED).filter(
        Q(session_id__in=ctx.session_ids) | Q(session__isnull=True, design_id__in=ctx.design_ids)
    )
    return list(qs.select_related("design", "session__design").order_by("title", "pk"))


def lessons_section(ctx: Context) -> Section:
    lessons = _lessons(ctx)
    groups: dict[tuple[str, int], list[LessonLearned]] = defaultdict(list)
    for lesson in lessons:
        design = lesson.design or (lesson.session.design if lesson.session else None)
        key = (design.title, design.pk) if design else (_("The programme"), 0)
        groups[key].append(lesson)
    statuses = dict(LessonStatus.choices)
    blocks = [
        Block(
            paragraphs=[
                _("Lessons recorded during the programme and validated by its team, grouped by design.")
                if lessons
                else _("No lesson has been validated yet for these sessions.")
            ]
        )
    ]
    for (title, _pk), items in sorted(groups.items(), key=lambda kv: sort_key(*kv[0])):
        blocks.append(Block(heading=title))
        for lesson in items:
            paras = [_("What happened: %(text)s") % {"text": lesson.what_happened.strip()}]
            if lesson.why_it_matters.strip():
                paras.append(_("Why it matters: %(text)s") % {"text": lesson.why_it_matters.strip()})
            if lesson.recommendation.strip():
                paras.append(_("Recommendation: %(text)s") % {"text": lesson.recommendation.strip()})
            tags = sorted({t for t in lesson.tags or [] if isinstance(t, str)}, key=str.casefold)
            paras.append(
                _("Status: %(status)s. Tags: %(tags)s.")
                % {"status": str(statuses.get(lesson.status, lesson.status)).lower(), "tags": ", ".join(tags) or "—"}
            )
            blocks.append(Block(bullets=[lesson.title], paragraphs=paras))
    return Section(key="lessons", title=_("Lessons learned"), blocks=blocks)


# --- Replication -------------------------------------------------------------------------------------


def model_block() -> Block:
    rows = [[rule.code, str(rule.title), str(rule.reason)] for rule in RULES]
    return Block(
        heading=_("The design model"),
        paragraphs=[
            _(
                "Every design is checked against the rules of the design model. Each rule has a reason; a design's "
                "score is the weighted share of the rules that apply to it and hold (required rules count double)."
            )
        ],
        table=Table(caption=_("The rules of the design model"), columns=[_("Rule"), _("What"), _("Why")], rows=rows),
    )


def _design_facts(ids: list[int]) -> dict[str, Any]:
    """What the summaries need of every design, in a fixed number of queries (8)."""
    fr = french()
    designs = {d.pk: d for d in ActivityDesign.objects.filter(pk__in=ids)}
    countries: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for design_id, role, name_en, name_fr in DesignCountry.objects.filter(design_id__in=ids).values_list(
        "design_id", "route_role", "country__name_en", "country__name_fr"
    ):
        countries[design_id].append((role, (name_fr if fr else "") or name_en))
    professions: dict[int, dict[str, int]] = defaultdict(dict)
    for design_id, name_en, name_fr, seats in (
        SeatQuota.objects.filter(design_id__in=ids)
        .values("design_id", "profession__name_en", "profession__name_fr")
        .annotate(seats=Sum("seats"))
        .order_by()
        .values_list("design_id", "profession__name_en", "profession__name_fr", "seats")
    ):
        professions[design_id][(name_fr if fr else "") or name_en] = seats
    objectives: dict[int, list[str]] = defaultdict(list)
    for design_id, text in (
        LearningObjective.objects.filter(design_id__in=ids)
        .order_by("design_id", "position", "id")
        .values_list("design_id", "text")
    ):
        objectives[design_id].append(text)
    days = dict(
        AgendaDay.objects.filter(design_id__in=ids)
        .values("design_id")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("design_id", "n")
    )
    modules: dict[int, dict[str, tuple[int, int]]] = defaultdict(dict)
    for design_id, method, n, minutes in (
        AgendaModule.objects.filter(day__design_id__in=ids)
        .values("day__design_id", "method")
        .annotate(n=Count("id"), m=Sum("duration_minutes"))
        .order_by()
        .values_list("day__design_id", "method", "n", "m")
    ):
        modules[design_id][method] = (n, minutes or 0)
    adaptation: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for design_id, topic, note in (
        AdaptationItem.objects.filter(design_id__in=ids)
        .order_by("design_id", "id")
        .values_list("design_id", "topic", "note")
    ):
        adaptation[design_id].append((topic, note))
    lo2 = next(rule for rule in RULES if rule.code == "LO-2")
    setting = rule_settings().get("LO-2")
    thresholds = effective_thresholds(lo2, setting.thresholds if setting is not None else None)
    return {
        "designs": designs,
        "countries": countries,
        "professions": professions,
        "objectives": objectives,
        "days": days,
        "modules": modules,
        "adaptation": adaptation,
        "interactive": set(thresholds.get("interactive_methods", [])),
    }


def _design_blocks(ctx: Context, design: ActivityDesign, facts: dict[str, Any], row: Any) -> list[Block]:
    pk = design.pk
    roles = dict(RouteRole.choices)
    order = {value: n for n, (value, _label) in enumerate(RouteRole.choices)}
    countries = sorted(facts["countries"].get(pk, []), key=lambda c: (order.get(c[0], 9), c[1].casefold()))
    professions = sorted(facts["professions"].get(pk, {}).items(), key=lambda kv: kv[0].casefold())
    modules = facts["modules"].get(pk, {})
    n_modules = sum(n for n, _m in modules.values())
    minutes = sum(m for _n, m in modules.values())
    interactive = sum(m for method, (_n, m) in modules.items() if method in facts["interactive"])
    share = percent_text(interactive / minutes) if minutes else "—"
    days = facts["days"].get(pk, 0)
    agenda = _("%(days)s days, %(modules)s modules, %(hours)s hours; %(share)s of the time in interactive methods") % {
        "days": number_format(days),
        "modules": number_format(n_modules),
        "hours": number_format(round(minutes / 60, 1), decimal_pos=1),
        "share": share,
    }
    sessions = [s for s in ctx.sessions if s.design_id == pk]
    rows = [
        [_("Type"), str(dict(DesignType.choices).get(design.type, design.type))],
        [_("Format"), str(dict(DesignFormat.choices).get(design.format, design.format))],
        [
            _("Countries"),
            ", ".join(f"{name} ({str(roles.get(role, role)).lower()})" for role, name in countries) or "—",
        ],
        [
            _("Target professions"),
            ", ".join(f"{name} ({number_format(seats)})" for name, seats in professions) or "—",
        ],
        [_("Agenda"), agenda],
        [_("Design check score"), _("%(score)s out of 100") % {"score": number_format(design.check_score)}],
        [_("Sessions"), "; ".join(f"{s.title} ({s.country}, {s.dates})" for s in sessions)],
    ]
    blocks = [
        Block(heading=design.title, paragraphs=[p for p in [design.summary.strip()] if p]),
        Block(table=Table(caption=design.title, columns=[_("Item"), _("Detail")], rows=rows)),
        Block(heading=_("Learning objectives"), bullets=list(facts["objectives"].get(pk, []))),
    ]
    if row is not None:
        r, ln, b = row.reaction, row.learning, row.behaviour
        blocks.append(
            Block(
                heading=_("Key results"),
                figures=[
                    Figure(_("Satisfied (answers of 4 or 5)"), r.share.text, n_text(r.respondents)),
                    Figure(_("Mean normalised gain"), ln.gain.text, n_text(ln.gain.n)),
                    Figure(_("Apply what they learned"), b.applying.text, n_text(b.applying.n)),
                ],
            )
        )
    topics = dict(AdaptationTopic.choices)
    notes = {topic: note for topic, note in facts["adaptation"].get(pk, []) if note.strip()}
    bullets = [
        f"{topics[value]}: {notes[value]}" if value in notes else str(topics[value])
        for value, _l in AdaptationTopic.choices
    ]
    blocks.append(
        Block(
            heading=_("How to replicate it"),
            paragraphs=[_("Before running this activity elsewhere, adapt:")],
            bullets=bullets,
        )
    )
    return blocks


def replication_section(ctx: Context) -> Section:
    facts = _design_facts(ctx.design_ids)
    rows = {r.key: r for r in table_by(ctx, "design").rows}
    blocks = [model_block()]
    designs = sorted(facts["designs"].values(), key=lambda d: sort_key(d.title, d.pk))
    for design in designs:
        blocks.extend(_design_blocks(ctx, design, facts, rows.get(design.pk)))
    return Section(key="replication", title=_("How to replicate the activities"), blocks=blocks)


# --- Annex -------------------------------------------------------------------------------------------


def annex_section(ctx: Context) -> Section:
    attended = Counter(
        dict(
            Registration.objects.filter(session_id__in=ctx.session_ids, status=RegistrationStatus.ATTENDED)
            .values("session_id")
            .annotate(n=Count("id"))
            .order_by()
            .values_list("session_id", "n")
        )
    )
    sessions = Table(
        caption=_("Sessions"),
        columns=[_("Session"), _("Country"), _("Dates"), _("Participants")],
        rows=[[s.title, s.country, s.dates, count_text(attended[s.pk])] for s in ctx.sessions],
        numeric=[False, False, False, True],
    )
    by_session = {r.key: r for r in table_by(ctx, "session").rows}
    figures = []
    for s in ctx.sessions:
        row = by_session.get(s.pk)
        if row is None:
            figures.append([s.title, "—", "—", "—", "—"])
            continue
        figures.append(
            [
                s.title,
                row.reaction.share.text,
                row.reaction.share.n_text,
                row.learning.gain.text,
                row.learning.gain.n_text,
            ]
        )
    table = Table(
        caption=_("Figures by session"),
        columns=[_("Session"), _("Satisfaction (4 or 5)"), _("n (satisfaction)"), _("Normalised gain"), _("n (gain)")],
        rows=figures,
        numeric=[False, True, True, True, True],
    )
    return Section(
        key="annex",
        title=_("Annex"),
        blocks=[Block(heading=_("Sessions"), table=sessions), Block(heading=_("Figures by session"), table=table)],
    )
