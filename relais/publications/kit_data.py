"""What a replication kit holds, read from the design and the apps below (DESIGN.md §2, Replication
kit), as plain data in the active language: the PDF, the paper forms and the README only lay it out.

`kit_collect(design, language=..., viewer=..., base_url=...)` reads everything in a fixed number of
queries (plus two per questionnaire), in stable orders, so that the same data gives the same kit
(`kit_canonical`). Nothing here depends on the day of the build.
"""

from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from relais.delivery.models import Session, SessionStatus
from relais.design.checker import check_design
from relais.design.exports.agenda import Agenda, MaterialItem, agenda_build, duration, total_duration
from relais.design.models import (
    ActivityDesign,
    AdaptationTopic,
    AgendaModule,
    DesignCountry,
    Material,
    SeatQuota,
    Sustainability,
)
from relais.design.selectors import designs_visible
from relais.evaluation.import_answers_template import item_text, option_labels
from relais.evaluation.models import (
    Item,
    ItemType,
    LessonLearned,
    LessonStatus,
    Questionnaire,
    QuestionnaireKind,
    Section,
)
from relais.knowledge.models import DocumentFile, DocumentTitle
from relais.programmes.models import RouteRole

KIND_ORDER = [k.value for k in QuestionnaireKind]

# What each point of the adaptation checklist asks the team that replicates the activity.
ADAPTATION_GUIDANCE = {
    AdaptationTopic.LANGUAGES: lambda: _(
        "Decide the working languages for the new participants and book interpreters for every language "
        "that is not shared; check that questionnaires exist in the participants' languages."
    ),
    AdaptationTopic.LEGAL_FRAMEWORK: lambda: _(
        "Replace references to laws, offences and procedures with those of the countries taking part; have a "
        "national prosecutor or judge check the case studies."
    ),
    AdaptationTopic.LOCAL_TRAINERS: lambda: _(
        "Find trainers in the countries taking part for each trainer profile of the agenda, and brief them on "
        "the methods and the evaluation."
    ),
    AdaptationTopic.TRANSLATED_MATERIALS: lambda: _(
        "Translate the materials and handouts, or find national equivalents in the knowledge centre."
    ),
    AdaptationTopic.LOCAL_PARTNERS: lambda: _(
        "Involve the national labour inspectorate, police, prosecution service and victim support organisations "
        "as partners, and agree who sends which participants."
    ),
}


@dataclass(frozen=True)
class QuotaRow:
    profession: str
    seats: tuple[int, ...]  # one per country of `Kit.quota_countries`, 0 when none
    total: int


@dataclass(frozen=True)
class SourceItem:
    title: str
    note: str
    url: str


@dataclass(frozen=True)
class RuleItem:
    code: str
    title: str
    severity: str
    message: str
    fix: str


@dataclass(frozen=True)
class CheckSummary:
    score: int
    passed: bool
    n_rules: int
    n_holding: int
    n_not_applicable: int
    failing: tuple[RuleItem, ...]


@dataclass(frozen=True)
class QuestionItem:
    number: int
    text: str
    help: str
    type: str  # the type's code (ItemType)
    type_label: str
    required: bool
    options: tuple[str, ...]  # labels, in the kit's language where translated
    points: str  # "" when not scored
    objective: int | None  # the number of the learning objective measured


@dataclass(frozen=True)
class QuestionBlock:
    title: str  # "" for the items outside any section
    items: tuple[QuestionItem, ...]


@dataclass(frozen=True)
class QuestionnaireItem:
    kind: str  # QuestionnaireKind value
    kind_label: str
    title: str
    introduction: str
    anonymous: bool
    blocks: tuple[QuestionBlock, ...]

    @property
    def n_items(self) -> int:
        return sum(len(b.items) for b in self.blocks)


@dataclass(frozen=True)
class MaterialEntry:
    """A material of the agenda and what the kit does with it."""

    module: str  # the module's title
    day: int
    title: str
    url: str  # a public page or the material's own link; "" when none may be given
    source: str  # "document" | "file" | "link" | "reference"
    shared: bool  # its file is in the ZIP
    reason: str  # why not, in words ("" when shared)
    document_file_id: int | None = None
    material_id: int | None = None
    file_name: str = ""  # the name of the file as uploaded (for the ZIP's name)
    archive_name: str = ""  # materials/<name> once placed in the ZIP


@dataclass(frozen=True)
class LessonItem:
    title: str
    status: str
    source: str  # "This design" or the session's title
    what_happened: str
    why_it_matters: str
    recommendation: str


@dataclass(frozen=True)
class AdaptationEntry:
    topic: str
    guidance: str
    done: bool | None  # None when the design itself has no checklist
    note: str


@dataclass(frozen=True)
class LineageItem:
    title: str
    programme: str


@dataclass(frozen=True)
class Kit:
    design_id: int
    language: str
    title: str
    programme: str
    summary: str
    type: str
    format: str
    status: str
    themes: tuple[str, ...]
    agenda: Agenda
    quota_countries: tuple[str, ...]
    quotas: tuple[QuotaRow, ...]
    needs_assessment: str
    sources: tuple[SourceItem, ...]
    follow_up_plan: str
    sustainability: tuple[str, ...]
    partners: tuple[str, ...]
    check: CheckSummary
    evaluation_plan: tuple[tuple[str, str], ...]  # (instrument, when / detail)
    evaluation_notes: str
    questionnaires_source: str  # where the questionnaires come from, in words
    questionnaires: tuple[QuestionnaireItem, ...]
    materials: tuple[MaterialEntry, ...]
    lessons: tuple[LessonItem, ...]
    adaptation: tuple[AdaptationEntry, ...]
    replicated_from: tuple[LineageItem, ...]  # oldest first
    replicated_into: tuple[LineageItem, ...]
    lineage_hidden: int  # replications not named (other programmes', or not visible to the author), counted only
    base_url: str = ""
    ancestors_hidden: int = 0  # designs it comes from that are not named (as lineage_hidden), counted only
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def duration(self) -> str:
        return total_duration(self.agenda)


def _lang(language: str) -> str:
    return (language or "en")[:2].lower()


def _translated(translations: Any, language: str, key: str, default: str) -> str:
    entry = (translations or {}).get(language) if isinstance(translations, dict) else None
    value = entry.get(key) if isinstance(entry, dict) else None
    return str(value) if value else default


def _quotas(design: ActivityDesign) -> tuple[tuple[str, ...], tuple[QuotaRow, ...]]:
    route_order = list(RouteRole.values)
    countries = sorted(
        DesignCountry.objects.filter(design=design).select_related("country"),
        key=lambda dc: (route_order.index(dc.route_role) if dc.route_role in route_order else 9, dc.country.name),
    )
    quotas = list(SeatQuota.objects.filter(design=design).select_related("country", "profession"))
    codes = [dc.country_id for dc in countries]
    for q in quotas:  # a quota for a country that is no longer on the route still counts
        if q.country_id not in codes:
            codes.append(q.country_id)
            countries.append(DesignCountry(country=q.country, route_role=""))
    names = tuple(dc.country.name for dc in countries)
    professions: dict[int, Any] = {}
    for q in quotas:
        professions.setdefault(q.profession_id, q.profession)
    rows = []
    for profession in sorted(professions.values(), key=lambda p: (p.position, p.name)):
        seats = tuple(
            sum(q.seats for q in quotas if q.profession_id == profession.pk and q.country_id == code) for code in codes
        )
        rows.append(QuotaRow(profession=profession.name, seats=seats, total=sum(seats)))
    return names, tuple(rows)


def _check(design: ActivityDesign) -> CheckSummary:
    report = check_design(design)
    failing = tuple(
        RuleItem(
            code=r.rule.code,
            title=str(r.rule.title),
            severity=r.severity_label,
            message=r.outcome.message,
            fix=r.outcome.fix,
        )
        for r in report.ordered
        if r.fails
    )
    return CheckSummary(
        score=report.score,
        passed=report.passed,
        n_rules=report.n_rules,
        n_holding=report.n_holding,
        n_not_applicable=report.n_not_applicable,
        failing=failing,
    )


def _evaluation_plan(design: ActivityDesign) -> tuple[tuple[str, str], ...]:
    plan = []
    if design.plans_pre_test:
        plan.append((str(QuestionnaireKind.PRE_TEST.label), _("At the start of the activity, before the first module")))
    if design.plans_post_test:
        plan.append((str(QuestionnaireKind.POST_TEST.label), _("At the end of the activity, paired with the pre-test")))
    if design.plans_satisfaction:
        plan.append((str(QuestionnaireKind.SATISFACTION.label), _("On the last day, before participants leave")))
    if design.plans_follow_up:
        when = (
            _("%(months)d months after the activity") % {"months": design.follow_up_months}
            if design.follow_up_months
            else _("Some months after the activity")
        )
        plan.append((str(QuestionnaireKind.FOLLOW_UP.label), when))
    return tuple(plan)


def _questionnaire_session(design: ActivityDesign) -> Session | None:
    """The most recent session of the design (cancelled ones left out) that has questionnaires."""
    return (
        Session.objects.filter(design=design, questionnaires__isnull=False)
        .exclude(status=SessionStatus.CANCELLED)
        .order_by("-start_date", "-id")
        .distinct()
        .first()
    )


def _questionnaire(q: Questionnaire, language: str, objective_numbers: dict[int, int]) -> QuestionnaireItem:
    sections = list(Section.objects.filter(questionnaire=q).order_by("position", "id"))
    items = list(Item.objects.filter(questionnaire=q).order_by("position", "id"))
    groups: list[tuple[str, list[Item]]] = [("", [i for i in items if i.section_id is None])]
    groups += [
        (_translated(s.translations, language, "title", s.title), [i for i in items if i.section_id == s.pk])
        for s in sections
    ]
    number = 0
    blocks = []
    for title, members in groups:
        questions = []
        for item in members:
            number += 1
            points = ""
            if item.is_scored:
                points = f"{item.points.normalize():f}"
            questions.append(
                QuestionItem(
                    number=number,
                    text=item_text(item, language),
                    help=_translated(item.translations, language, "help", item.help),
                    type=item.type,
                    type_label=str(ItemType(item.type).label) if item.type in ItemType.values else item.type,
                    required=item.required,
                    options=tuple(label for _value, label in option_labels(item, language)),
                    points=points,
                    objective=objective_numbers.get(item.objective_id) if item.objective_id else None,
                )
            )
        if questions or title:
            blocks.append(QuestionBlock(title=title, items=tuple(questions)))
    return QuestionnaireItem(
        kind=q.kind,
        kind_label=str(QuestionnaireKind(q.kind).label) if q.kind in QuestionnaireKind.values else q.kind,
        title=_translated(q.translations, language, "title", q.title),
        introduction=_translated(q.translations, language, "introduction", q.introduction),
        anonymous=q.anonymous,
        blocks=tuple(blocks),
    )


def _questionnaires(
    design: ActivityDesign, language: str, objective_numbers: dict[int, int]
) -> tuple[str, tuple[QuestionnaireItem, ...]]:
    session = _questionnaire_session(design)
    if session is None:
        return _(
            "No session of this design has questionnaires yet: the evaluation plan above lists the instruments "
            "to prepare."
        ), ()
    rows = sorted(
        Questionnaire.objects.filter(session=session),
        key=lambda q: (KIND_ORDER.index(q.kind) if q.kind in KIND_ORDER else 99, q.pk),
    )
    source = _("The questionnaires of the most recent session of this design: %(session)s (%(date)s).") % {
        "session": session.title,
        "date": date_format(session.start_date, "DATE_FORMAT"),
    }
    return source, tuple(_questionnaire(q, language, objective_numbers) for q in rows)


def internal_document_title() -> str:
    """What the kit calls an internal document: its title stays inside (a kit can be published)."""
    return _("An internal document of the knowledge centre")


def _document_url(document_id: int, base_url: str) -> str:
    path = reverse("knowledge:document", kwargs={"pk": document_id})
    return base_url.rstrip("/") + path if base_url else path


def _materials(
    design: ActivityDesign, language: str, base_url: str
) -> tuple[tuple[MaterialEntry, ...], frozenset[str]]:
    """The entries, and the titles of the internal documents used (which the kit must not show)."""
    modules = list(
        AgendaModule.objects.filter(day__design=design)
        .select_related("day")
        .order_by("day__position", "day__id", "position", "id")
        .prefetch_related(Prefetch("materials", queryset=Material.objects.select_related("document").order_by("id")))
    )
    day_numbers: dict[int, int] = {}
    for module in modules:
        day_numbers.setdefault(module.day_id, len(day_numbers) + 1)
    documents = {m.document_id for module in modules for m in module.materials.all() if m.document_id}
    titles = dict(
        DocumentTitle.objects.filter(document_id__in=documents, language=language).values_list("document_id", "title")
    )
    current = {
        f.document_id: f
        for f in DocumentFile.objects.filter(document_id__in=documents, is_current=True).only(
            "id", "document_id", "original_name", "kind"
        )
    }
    entries = []
    internal: set[str] = set()
    for module in modules:
        for m in module.materials.all():
            day = day_numbers[module.day_id]
            document = m.document
            if document is not None:
                title = titles.get(document.pk) or document.title
                if not document.is_public:
                    internal.update(t for t in (title, document.title, m.title) if t)
                    entries.append(
                        MaterialEntry(
                            module=module.title,
                            day=day,
                            title=internal_document_title(),
                            url="",
                            source="document",
                            shared=False,
                            reason=_("not included: internal document"),
                        )
                    )
                    continue
                url = _document_url(document.pk, base_url)
                file = current.get(document.pk)
                if file is None:
                    entries.append(
                        MaterialEntry(
                            module=module.title,
                            day=day,
                            title=title,
                            url=url,
                            source="document",
                            shared=False,
                            reason=_("not included: the document has no file in the knowledge centre"),
                        )
                    )
                    continue
                entries.append(
                    MaterialEntry(
                        module=module.title,
                        day=day,
                        title=title,
                        url=url,
                        source="document",
                        shared=True,
                        reason="",
                        document_file_id=file.pk,
                        file_name=file.original_name,
                    )
                )
            elif m.file:
                entries.append(
                    MaterialEntry(
                        module=module.title,
                        day=day,
                        title=m.title,
                        url=m.url if _web(m.url) else "",
                        source="file",
                        shared=True,
                        reason="",
                        material_id=m.pk,
                        file_name=m.file.name.rsplit("/", 1)[-1],
                    )
                )
            elif m.url and _web(m.url):
                entries.append(
                    MaterialEntry(
                        module=module.title,
                        day=day,
                        title=m.title,
                        url=m.url,
                        source="link",
                        shared=False,
                        reason=_("not included: a link to another site"),
                    )
                )
            else:
                entries.append(
                    MaterialEntry(
                        module=module.title,
                        day=day,
                        title=m.title,
                        url="",
                        source="reference",
                        shared=False,
                        reason=_("not included: no file or link recorded"),
                    )
                )
    return tuple(entries), frozenset(internal)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def agenda_without_internal_titles(agenda: Agenda, internal: frozenset[str]) -> Agenda:
    """The agenda with the materials that are internal documents (no link, one of their titles) untitled."""
    if not internal:
        return agenda
    names = internal | {_CONTROL.sub("", t) for t in internal} | {t.strip() for t in internal}

    def material(item: MaterialItem) -> MaterialItem:
        if item.url or item.title not in names:
            return item
        return dataclasses.replace(item, title=internal_document_title())

    days = tuple(
        dataclasses.replace(
            day,
            modules=tuple(
                dataclasses.replace(module, materials=tuple(material(i) for i in module.materials))
                for module in day.modules
            ),
        )
        for day in agenda.days
    )
    return dataclasses.replace(agenda, days=days)


def _web(url: str) -> bool:
    return url.lower().startswith(("https://", "http://"))


def _lessons(design: ActivityDesign) -> tuple[LessonItem, ...]:
    rows = (
        LessonLearned.objects.filter(Q(design=design) | Q(session__design=design))
        .filter(status__in=[LessonStatus.VALIDATED, LessonStatus.APPLIED])
        .select_related("session")
        .order_by("session__start_date", "session_id", "created_at", "id")
    )
    return tuple(
        LessonItem(
            title=lesson.title,
            status=lesson.get_status_display(),
            source=lesson.session.title if lesson.session else _("This design"),
            what_happened=lesson.what_happened,
            why_it_matters=lesson.why_it_matters,
            recommendation=lesson.recommendation,
        )
        for lesson in rows
    )


def _adaptation(design: ActivityDesign) -> tuple[AdaptationEntry, ...]:
    items = {i.topic: i for i in design.adaptation_items.all()}
    return tuple(
        AdaptationEntry(
            topic=str(label),
            guidance=str(ADAPTATION_GUIDANCE[AdaptationTopic(topic)]()),
            done=items[topic].done if topic in items else None,
            note=items[topic].note if topic in items else "",
        )
        for topic, label in AdaptationTopic.choices
    )


def _lineage(design: ActivityDesign, viewer: Any) -> tuple[tuple[LineageItem, ...], tuple[LineageItem, ...], int, int]:
    """The designs it comes from (oldest first) and those made from it. Only designs of the same programme
    that the viewer may see are named (a kit can be published): the others are counted — (ancestors,
    descendants, descendants counted, ancestors counted)."""
    visible = (
        set(designs_visible(user=viewer).values_list("pk", flat=True))
        if viewer is not None and getattr(viewer, "is_authenticated", False)
        else set()
    )

    def named(row: ActivityDesign) -> bool:
        return row.pk in visible and row.programme_id == design.programme_id

    ancestors = []
    ancestors_hidden = 0
    seen = {design.pk}
    parent_id = design.replicated_from_id
    while parent_id and parent_id not in seen:
        seen.add(parent_id)
        parent = ActivityDesign.objects.select_related("programme").filter(pk=parent_id).first()
        if parent is None:
            break
        if named(parent):
            ancestors.append(LineageItem(title=parent.title, programme=parent.programme.title))
        else:
            ancestors_hidden += 1
        parent_id = parent.replicated_from_id
    ancestors.reverse()
    descendants = []
    hidden = 0
    frontier = [design.pk]
    while frontier:
        rows = list(
            ActivityDesign.objects.filter(replicated_from_id__in=frontier)
            .select_related("programme")
            .order_by("created_at", "id")
        )
        frontier = []
        for row in rows:
            if row.pk in seen:
                continue
            seen.add(row.pk)
            frontier.append(row.pk)
            if named(row):
                descendants.append(LineageItem(title=row.title, programme=row.programme.title))
            else:
                hidden += 1
    return tuple(ancestors), tuple(descendants), hidden, ancestors_hidden


def kit_collect(design: ActivityDesign, *, language: str, viewer: Any = None, base_url: str = "") -> Kit:
    """Everything the kit shows, read in the active language (the caller activates `language`).
    `viewer`: whose permission decides which related designs of the same programme the lineage names
    (others, and those of other programmes, are counted);
    `base_url`: scheme and host, for the public pages of documents."""
    language = _lang(language)
    design = (
        ActivityDesign.objects.select_related("programme")
        .prefetch_related("themes", Prefetch("partners"), "adaptation_items")
        .get(pk=design.pk)
    )
    agenda = agenda_build(design, generated_on=timezone.localdate(), base_url=base_url)
    objective_numbers = {
        pk: n for n, pk in enumerate(design.objectives.order_by("position", "id").values_list("pk", flat=True), start=1)
    }
    quota_countries, quotas = _quotas(design)
    source, questionnaires = _questionnaires(design, language, objective_numbers)
    ancestors, descendants, hidden, ancestors_hidden = _lineage(design, viewer)
    materials, internal = _materials(design, language, base_url)
    partners = sorted(design.partners.select_related("country"), key=lambda o: (o.name.lower(), o.pk))
    return Kit(
        design_id=design.pk,
        language=language,
        title=design.title,
        programme=design.programme.title,
        summary=design.summary,
        type=design.get_type_display(),
        format=design.get_format_display(),
        status=design.get_status_display(),
        themes=tuple(sorted(t.name for t in design.themes.all())),
        agenda=agenda_without_internal_titles(agenda, internal),
        quota_countries=quota_countries,
        quotas=quotas,
        needs_assessment=design.needs_assessment,
        sources=tuple(
            SourceItem(title=s.title, note=s.note, url=s.url if _web(s.url) else "")
            for s in design.needs_sources.order_by("id")
        ),
        follow_up_plan=design.follow_up_plan,
        sustainability=tuple(str(label) for value, label in Sustainability.choices if value in design.sustainability),
        partners=tuple(f"{o.name} ({o.country.name})" if o.country else o.name for o in partners),
        check=_check(design),
        evaluation_plan=_evaluation_plan(design),
        evaluation_notes=design.evaluation_notes,
        questionnaires_source=source,
        questionnaires=questionnaires,
        materials=materials,
        lessons=_lessons(design),
        adaptation=_adaptation(design),
        replicated_from=ancestors,
        replicated_into=descendants,
        lineage_hidden=hidden,
        ancestors_hidden=ancestors_hidden,
        base_url=base_url,
    )


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def kit_canonical(kit: Kit) -> str:
    """The kit's data as canonical JSON; the day of the build is left out (it is not content)."""
    data = _plain(kit)
    data["agenda"].pop("generated_on", None)
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def minutes_label(minutes: int) -> str:
    return duration(minutes)
