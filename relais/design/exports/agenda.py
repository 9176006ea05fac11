"""The agenda of a design as plain data, ready for the PDF and DOCX writers.

Everything a writer needs is read here, in a fixed number of queries whatever the size of the
agenda, and every label is translated into the active language when the agenda is built: the
writers only lay it out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from relais.design.models import (
    ActivityDesign,
    AgendaDay,
    AgendaModule,
    DesignCountry,
    LearningObjective,
    Material,
)
from relais.knowledge.models import DocumentTitle
from relais.programmes.models import RouteRole

DEFAULT_START = 9 * 60  # 09:00, in minutes after midnight
_START = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
# Control characters (but tab and newline) cannot be printed, and XML (DOCX) refuses them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _clean(text: str) -> str:
    return _CONTROL.sub("", text)


@dataclass(frozen=True)
class MaterialItem:
    title: str
    url: str  # empty when the material has no link


@dataclass(frozen=True)
class ObjectiveItem:
    number: int
    kind: str  # in words: Knowledge, Skill, Attitude
    text: str


@dataclass(frozen=True)
class ModuleItem:
    title: str
    description: str
    method: str  # in words
    trainer_profile: str
    objectives: tuple[int, ...]  # numbers of the objectives served
    materials: tuple[MaterialItem, ...]
    start: int  # minutes after midnight
    end: int

    @property
    def minutes(self) -> int:
        return self.end - self.start


@dataclass(frozen=True)
class DayItem:
    number: int
    title: str
    modules: tuple[ModuleItem, ...]
    start: int

    @property
    def minutes(self) -> int:
        return sum(m.minutes for m in self.modules)

    @property
    def end(self) -> int:
        return self.start + self.minutes

    @property
    def heading(self) -> str:
        """ "Day 1 — Understanding labour exploitation", or "Day 1" for a day without a title."""
        if self.title:
            return _("Day %(number)d — %(title)s") % {"number": self.number, "title": self.title}
        return _("Day %(number)d") % {"number": self.number}


@dataclass(frozen=True)
class RouteGroup:
    role: str  # in words: Origin, Transit, Destination
    countries: tuple[str, ...]


@dataclass(frozen=True)
class Agenda:
    design_id: int
    title: str
    summary: str
    programme: str
    type: str
    format: str
    route: tuple[RouteGroup, ...]
    working_languages: tuple[str, ...]
    interpretation_languages: tuple[str, ...]
    objectives: tuple[ObjectiveItem, ...]
    days: tuple[DayItem, ...]
    start: int
    generated_on: date

    @property
    def minutes(self) -> int:
        return sum(d.minutes for d in self.days)

    @property
    def filename_stem(self) -> str:
        return f"agenda-{slugify(self.title)[:80].strip('-') or f'design-{self.design_id}'}"


def parse_start(value: str | None) -> int:
    """The start time of each day from `HH:MM`, in minutes after midnight; ValueError if malformed."""
    if value is None or value == "":
        return DEFAULT_START
    match = _START.match(value.strip())
    if not match:
        raise ValueError(value)
    return int(match[1]) * 60 + int(match[2])


def clock(minutes: int) -> str:
    """09:30 for 570; past midnight the clock starts again (a module lasts at most 12 hours)."""
    return f"{(minutes // 60) % 24:02d}:{minutes % 60:02d}"


def time_range(start: int, end: int) -> str:
    return f"{clock(start)}–{clock(end)}"


def duration(minutes: int) -> str:
    """1 h 30 min, 2 h, 45 min."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return _("%(minutes)d min") % {"minutes": rest}
    if not rest:
        return _("%(hours)d h") % {"hours": hours}
    return _("%(hours)d h %(minutes)02d min") % {"hours": hours, "minutes": rest}


def total_duration(agenda: Agenda) -> str:
    """2 days, 8 h in total."""
    days = ngettext("%(count)d day", "%(count)d days", len(agenda.days)) % {"count": len(agenda.days)}
    return _("%(days)s, %(duration)s in total") % {"days": days, "duration": duration(agenda.minutes)}


def facts(agenda: Agenda) -> list[tuple[str, str]]:
    """The key facts under the title, as (label, value); a value may hold line breaks."""
    route = "\n".join(
        _("%(role)s: %(countries)s") % {"role": group.role, "countries": ", ".join(group.countries)}
        for group in agenda.route
    )
    return [
        (_("Type"), agenda.type),
        (_("Format"), agenda.format),
        (_("Countries"), route or _("None recorded")),
        (_("Working languages"), ", ".join(agenda.working_languages) or _("None recorded")),
        (_("Interpretation into"), ", ".join(agenda.interpretation_languages) or _("None planned")),
        (_("Duration"), total_duration(agenda)),
        (_("Each day starts at"), clock(agenda.start)),
    ]


def _material_url(material: Material, base_url: str) -> str:
    """The link of a material: its URL, or its file's address on this site; only web addresses,
    so that a document never carries a javascript: or file: link. A material that is a document of
    the knowledge centre links to the document's public page, or nowhere when the document is
    internal (an agenda leaves the organisation)."""
    document = material.document
    if document is not None:
        url = base_url.rstrip("/") + reverse("knowledge:document", kwargs={"pk": document.pk}) if base_url else ""
        url = url if document.is_public else ""
    else:
        url = material.url
        if not url and material.file and base_url:
            url = base_url.rstrip("/") + material.file.url
    return url if url.lower().startswith(("https://", "http://")) else ""


def _material_title(material: Material, titles: dict[int, str]) -> str:
    """A document's title in the agenda's language when it has one, else its own; a material that is
    not (or no longer) a document keeps its title."""
    document = material.document
    if document is None:
        return material.title
    return titles.get(document.pk) or document.title


def _document_titles(days: list[AgendaDay]) -> dict[int, str]:
    """The titles in the active language of the documents the agenda's materials link to (one query,
    none when no material is a document)."""
    ids = {
        m.document_id
        for day in days
        for module in day.modules.all()
        for m in module.materials.all()
        if m.document_id is not None
    }
    if not ids:
        return {}
    language = (get_language() or "en").split("-")[0].lower()
    rows = DocumentTitle.objects.filter(document_id__in=ids, language=language).values_list("document_id", "title")
    return dict(rows)


def agenda_build(
    design: ActivityDesign,
    *,
    start: int = DEFAULT_START,
    generated_on: date,
    base_url: str = "",
) -> Agenda:
    """The agenda of `design` (whose programme the caller has loaded) in nine queries, ten when a
    material is a document of the knowledge centre.

    `base_url` (scheme and host) turns materials that are uploaded files, and public documents of the
    knowledge centre, into absolute links."""
    modules = AgendaModule.objects.order_by("position", "id").prefetch_related(
        Prefetch("objectives", queryset=LearningObjective.objects.only("id")),
        Prefetch("materials", queryset=Material.objects.select_related("document")),
    )
    days = AgendaDay.objects.order_by("position", "id").prefetch_related(Prefetch("modules", queryset=modules))
    design = (
        ActivityDesign.objects.select_related("programme")
        .prefetch_related(
            Prefetch("design_countries", queryset=DesignCountry.objects.select_related("country")),
            "working_languages",
            "interpretation_languages",
            Prefetch("objectives", queryset=LearningObjective.objects.order_by("position", "id")),
            Prefetch("days", queryset=days),
        )
        .get(pk=design.pk)
    )

    objectives = tuple(
        ObjectiveItem(number=i, kind=o.get_kind_display(), text=_clean(o.text))
        for i, o in enumerate(design.objectives.all(), start=1)
    )
    number_of = {o.pk: i for i, o in enumerate(design.objectives.all(), start=1)}

    route_order = list(RouteRole.values)
    countries = sorted(
        design.design_countries.all(), key=lambda dc: (route_order.index(dc.route_role), dc.country.name)
    )
    route = tuple(
        RouteGroup(role=str(label), countries=tuple(dc.country.name for dc in countries if dc.route_role == role))
        for role, label in RouteRole.choices
        if any(dc.route_role == role for dc in countries)
    )

    titles = _document_titles(list(design.days.all()))
    day_items = []
    for n, day in enumerate(design.days.all(), start=1):
        clock_at = start
        module_items = []
        for module in day.modules.all():
            module_items.append(
                ModuleItem(
                    title=_clean(module.title),
                    description=_clean(module.description),
                    method=module.get_method_display(),
                    trainer_profile=_clean(module.trainer_profile),
                    objectives=tuple(sorted(number_of[o.pk] for o in module.objectives.all() if o.pk in number_of)),
                    materials=tuple(
                        MaterialItem(title=_clean(_material_title(m, titles)), url=_material_url(m, base_url))
                        for m in module.materials.all()
                    ),
                    start=clock_at,
                    end=clock_at + module.duration_minutes,
                )
            )
            clock_at += module.duration_minutes
        day_items.append(DayItem(number=n, title=_clean(day.title), modules=tuple(module_items), start=start))

    return Agenda(
        design_id=design.pk,
        title=_clean(design.title),
        summary=_clean(design.summary),
        programme=_clean(design.programme.title),
        type=design.get_type_display(),
        format=design.get_format_display(),
        route=route,
        working_languages=tuple(sorted(lang.name for lang in design.working_languages.all())),
        interpretation_languages=tuple(sorted(lang.name for lang in design.interpretation_languages.all())),
        objectives=objectives,
        days=tuple(day_items),
        start=start,
        generated_on=generated_on,
    )
