"""`build_content(...)`: the content of a results report (relais.publications.content), read from the
analytics of the lower apps in the publication's language, with figures over fewer than five people
suppressed whoever builds it, in a fixed number of queries whatever the number of sessions.

Sections here: the executive summary, the programme, its reach (sessions, people trained, hours);
learning, change and network in content_results.py; lessons, replication and annex in content_design.py.

"People trained" follows delivery (relais.delivery.formulas.people_trained): distinct people whose
registration in a covered session is *attended* (present on at least one day once attendance is closed).
Training hours: the agenda hours of each covered session's design, added up (delivery.training_hours).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db.models import Count, Sum
from django.utils import timezone, translation
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from relais.delivery.models import Gender, Registration, RegistrationStatus
from relais.design.models import AgendaModule
from relais.evaluation.scoping import SMALL_N
from relais.programmes.models import Programme, ProgrammeCountry, RouteRole
from relais.publications.content import SECTIONS, Block, Figure, Publication, Section, Table
from relais.publications.content_common import Context, bar_chart, count_text, french, read_context, sort_key

ONE_DECIMAL = Decimal("0.1")


def build_content(
    *,
    programme: Programme,
    language: str,
    sections: list[str],
    session_ids: list[int] | None = None,
    summary: str = "",
    title: str = "",
    subtitle: str = "",
) -> Publication:
    """The publication's content in `language`, with the asked sections in their fixed order."""
    from relais.publications import content_design, content_results

    builders = {
        "summary": lambda ctx: summary_section(summary),
        "programme": programme_section,
        "reach": reach_section,
        "learning": content_results.learning_section,
        "change": content_results.change_section,
        "network": content_results.network_section,
        "lessons": content_design.lessons_section,
        "replication": content_design.replication_section,
        "annex": content_design.annex_section,
    }
    with translation.override(language):
        ctx = read_context(programme, session_ids)
        wanted = [key for key in SECTIONS if key in set(sections)]
        built = [builders[key](ctx) for key in wanted]
        countries = len({s.country_id for s in ctx.sessions})
        if ctx.chosen:
            scope = ngettext("%(n)s chosen session", "%(n)s chosen sessions", len(ctx.sessions)) % {
                "n": number_format(len(ctx.sessions))
            }
        else:
            scope = ngettext("%(n)s session in %(countries)s", "%(n)s sessions in %(countries)s", len(ctx.sessions)) % {
                "n": number_format(len(ctx.sessions)),
                "countries": ngettext("%(n)s country", "%(n)s countries", countries) % {"n": number_format(countries)},
            }
        return Publication(
            title=title or _("Results report"),
            subtitle=subtitle or programme.title,
            language=language,
            programme_title=programme.title,
            organisation=getattr(settings, "RELAIS_PUBLISHER", "") or programme.donor,
            period=period_text(programme),
            scope=scope,
            date=date_format(timezone.localdate(), "DATE_FORMAT"),
            sections=[s for s in built if s is not None],
            small_n_note=_(
                "Figures over fewer than %(n)s people are not shown: the text says “fewer than %(n)s” instead."
            )
            % {"n": SMALL_N},
        )


def period_text(programme: Programme) -> str:
    return f"{date_format(programme.start_date, 'F Y')} – {date_format(programme.end_date, 'F Y')}"


# --- Executive summary -------------------------------------------------------------------------------


def paragraphs(text: str) -> list[str]:
    """Plain text split into paragraphs at blank lines; lines within a paragraph joined by a space."""
    parts = re.split(r"\n\s*\n", (text or "").replace("\r\n", "\n").replace("\r", "\n"))
    return [" ".join(line.strip() for line in part.splitlines() if line.strip()) for part in parts if part.strip()]


def summary_section(text: str) -> Section:
    return Section(key="summary", title=_("Executive summary"), blocks=[Block(paragraphs=paragraphs(text))])


# --- The programme ----------------------------------------------------------------------------------


def key_figures(ctx: Context) -> list[Figure]:
    trained = ctx.cache.get("trained")
    if trained is None:
        trained = ctx.cache["trained"] = people_trained(ctx)
    hours = ctx.cache.get("hours")
    if hours is None:
        hours = ctx.cache["hours"] = training_hours(ctx)
    countries = len({s.country_id for s in ctx.sessions})
    return [
        Figure(label=_("Sessions"), value=number_format(len(ctx.sessions))),
        Figure(label=_("Countries"), value=number_format(countries)),
        Figure(label=_("People trained"), value=count_text(trained.total)),
        Figure(label=_("Hours of training"), value=number_format(hours, decimal_pos=1)),
    ]


def programme_section(ctx: Context) -> Section:
    p = ctx.programme
    fr = french()
    facts = [
        [_("Title"), p.title],
        [_("Donor"), p.donor or "—"],
        [_("Period"), period_text(p)],
    ]
    themes = sorted((t.name for t in p.themes.all()), key=str.casefold)
    partners = sorted((f"{o.name} ({o.acronym})" if o.acronym else o.name for o in p.partners.all()), key=str.casefold)
    facts.append([_("Themes"), ", ".join(themes) or "—"])
    facts.append([_("Partners"), ", ".join(partners) or "—"])
    route: dict[str, list[str]] = {r.value: [] for r in RouteRole}
    for role, name_en, name_fr in ProgrammeCountry.objects.filter(programme=p).values_list(
        "route_role", "country__name_en", "country__name_fr"
    ):
        route.setdefault(role, []).append((name_fr if fr else "") or name_en)
    route_rows = [
        [str(label), ", ".join(sorted(route.get(value, []), key=str.casefold)) or "—"]
        for value, label in RouteRole.choices
    ]
    blocks = [
        Block(paragraphs=paragraphs(p.summary)),
        Block(heading=_("Key figures"), figures=key_figures(ctx)),
        Block(table=Table(caption=_("The programme"), columns=[_("Item"), _("Detail")], rows=facts)),
        Block(heading=_("Objectives"), bullets=list(p.objectives)),
        Block(
            heading=_("Countries on the route"),
            table=Table(
                caption=_("Countries by role on the route"), columns=[_("Role"), _("Countries")], rows=route_rows
            ),
        ),
    ]
    return Section(key="programme", title=_("The programme"), blocks=blocks)


# --- Reach -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Trained:
    total: int
    profession: list[tuple[str, int | None, int]]  # (name, pk, people)
    gender: list[tuple[str, int]]


def people_trained(ctx: Context) -> Trained:
    """Distinct people trained, in total, by profession (as registered) and by gender: 3 queries."""
    rows = Registration.objects.filter(session_id__in=ctx.session_ids, status=RegistrationStatus.ATTENDED)
    total = rows.values("person_id").distinct().count()
    fr = french()
    by_profession = [
        (((name_fr if fr else "") or name_en or _("Not recorded")), pk, n)
        for pk, name_en, name_fr, n in rows.values("profession_id")
        .annotate(n=Count("person_id", distinct=True))
        .order_by()
        .values_list("profession_id", "profession__name_en", "profession__name_fr", "n")
    ]
    genders = dict(Gender.choices)
    by_gender = dict(
        rows.values("person__gender")
        .annotate(n=Count("person_id", distinct=True))
        .order_by()
        .values_list("person__gender", "n")
    )
    return Trained(
        total=total,
        profession=sorted(by_profession, key=lambda r: (r[1] is None, r[0].casefold(), r[1] or 0)),
        gender=[(str(label), by_gender.get(value, 0)) for value, label in Gender.choices if by_gender.get(value)]
        + [(str(genders.get(k, k)), n) for k, n in sorted(by_gender.items()) if k not in genders],
    )


def training_hours(ctx: Context) -> Decimal:
    """Agenda hours of each covered session's design, added up (one query)."""
    per_design = Counter(s.design_id for s in ctx.sessions)
    minutes = dict(
        AgendaModule.objects.filter(day__design_id__in=sorted(per_design))
        .values("day__design_id")
        .annotate(m=Sum("duration_minutes"))
        .order_by()
        .values_list("day__design_id", "m")
    )
    total = sum((minutes.get(design, 0) or 0) * n for design, n in per_design.items())
    return (Decimal(total) / 60).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def _people_chart(key: str, title: str, group: str, rows: list[tuple[str, int]]) -> Block:
    data = [(label, float(n) if n >= SMALL_N else None, count_text(n)) for label, n in rows]
    chart = bar_chart(key, title, data, group=group, measure=_("People trained"), axis=_("people"))
    return Block(heading=title, chart=chart)


def reach_section(ctx: Context) -> Section:
    trained = ctx.cache.get("trained") or people_trained(ctx)
    ctx.cache["trained"] = trained
    hours = ctx.cache.get("hours")
    if hours is None:
        hours = ctx.cache["hours"] = training_hours(ctx)
    by_country = Counter((s.country, s.country_id) for s in ctx.sessions)
    country_rows: list[tuple[str, float | None, str]] = [
        (name, float(n), number_format(n))
        for (name, pk), n in sorted(by_country.items(), key=lambda kv: sort_key(*kv[0]))
    ]
    sessions_chart = bar_chart(
        "sessions-by-country",
        _("Sessions by country"),
        country_rows,
        group=_("Country"),
        measure=_("Sessions"),
        axis=_("sessions"),
    )
    figures = [
        Figure(label=_("Sessions"), value=number_format(len(ctx.sessions))),
        Figure(label=_("People trained"), value=count_text(trained.total)),
        Figure(label=_("Hours of training"), value=number_format(hours, decimal_pos=1)),
    ]
    blocks = [
        Block(
            paragraphs=[
                _(
                    "People trained are the distinct people who attended at least one day of a session covered by "
                    "this report. Hours of training add up the agenda hours of each session."
                )
            ],
            figures=figures,
        ),
        Block(heading=_("Sessions by country"), chart=sessions_chart),
        _people_chart(
            "people-by-profession",
            _("People trained by profession"),
            _("Profession"),
            [(label, n) for label, _pk, n in trained.profession],
        ),
        _people_chart("people-by-gender", _("People trained by gender"), _("Gender"), trained.gender),
    ]
    return Section(key="reach", title=_("Where and whom it trained"), blocks=blocks)
