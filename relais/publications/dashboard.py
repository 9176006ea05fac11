"""The figures of a programme's dashboard, read in a fixed number of queries whatever the size of the
programme (the rows read grow with the sessions, the queries do not).

The selection: the sessions of the programme the user may read (`results_scope`: coordinators their
countries, trainers the sessions they train), narrowed by the filters —
- period: sessions whose last day falls within it (as the evaluation figures count them);
- country: sessions held in that country;
- theme: sessions whose design has that theme;
- profession: the people counted are those registered with that profession.
Cancelled sessions never count.

Definitions (the notes on the page say the same):
- sessions delivered: status delivered or closed; planned: planned or open for registration;
- countries: countries where at least one session of the selection was delivered;
- people trained: distinct people who attended (status attended, or present on at least one day);
- training hours (participant hours): for each person trained, the days they were present × the daily
  hours of the session's design (its agenda's minutes ÷ its agenda days); a person marked attended
  without day-by-day attendance counts the whole agenda;
- Kirkpatrick levels 1–4: `relais.evaluation.selectors_results.headline` over the same selection;
- indicators: the programme's results framework (programme-wide, not filtered);
- network growth: ties and cooperation events reported in follow-ups of the selection.

For viewers (`scope.suppress_small`), any figure over fewer than SMALL_N people is suppressed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Sum
from django.utils.translation import get_language

from relais.core.models import Country, Profession
from relais.delivery.models import Attendance, Gender, Registration, RegistrationStatus, Session, SessionStatus
from relais.design.models import AgendaModule
from relais.evaluation.scoping import SMALL_N, ResultsScope
from relais.evaluation.selectors_network import Network, NetworkFilters, network_read
from relais.evaluation.selectors_results import COUNT, PERCENT, Filters, Headline, Selection, Stat, headline, stat
from relais.programmes.selectors_results import Framework, IndicatorRow, results_framework

DELIVERED = (SessionStatus.DELIVERED, SessionStatus.CLOSED)
# Units that say an indicator counts people (as managers write them, in English or French).
PEOPLE_UNITS = frozenset(
    {"people", "persons", "person", "participants", "participant", "women", "men", "trainees", "personnes"}
    | {"personne", "femmes", "hommes", "stagiaires", "people trained", "personnes formées"}
)
PLANNED = (SessionStatus.PLANNED, SessionStatus.OPEN)
GENDERS = [Gender.FEMALE, Gender.MALE, Gender.OTHER, Gender.UNDISCLOSED]


@dataclass(frozen=True)
class DashboardFilters:
    start: dt.date | None = None
    end: dt.date | None = None
    country: int | None = None  # where the session was held
    theme: int | None = None  # a theme of the session's design
    profession: int | None = None  # the participant's profession as registered

    @property
    def active(self) -> bool:
        return any(v is not None for v in dataclasses.astuple(self))


@dataclass(frozen=True)
class SessionRow:
    pk: int
    design_id: int
    country_id: int
    status: str
    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class Group:
    """One bar of a chart: a label, its figure, and the number of people it is over."""

    key: Any
    label: str
    value: Stat
    extra: Stat | None = None  # a second figure (e.g. planned sessions next to delivered ones)


@dataclass
class Delivery:
    sessions: list[SessionRow]
    delivered: int
    planned: int
    countries: int
    trained: Stat
    by_profession: list[Group]
    by_gender: list[Group]
    shares: list[Group]  # share of each gender among the people trained
    hours: Stat  # participant hours; n = participations (person-sessions) counted
    participations: int
    by_country: list[Group]  # sessions delivered (value) and planned (extra) by country
    hours_by_month: list[Group]  # key: first day of the month of the session's last day
    first_day: dt.date | None
    last_day: dt.date | None


def _french() -> bool:
    return (get_language() or "en")[:2] == "fr"


def _name(row: Mapping[str, Any]) -> str:
    fr = row.get("name_fr") if _french() else ""
    return str(fr or row.get("name_en") or "")


def narrowed_scope(scope: ResultsScope, filters: DashboardFilters) -> ResultsScope:
    """The scope limited to the sessions the country and theme filters keep (one query when they apply)."""
    if filters.country is None and filters.theme is None:
        return scope
    qs = scope.sessions()
    if filters.country is not None:
        qs = qs.filter(country_id=filters.country)
    if filters.theme is not None:
        qs = qs.filter(design__themes=filters.theme)
    return dataclasses.replace(scope, session_ids=frozenset(qs.values_list("pk", flat=True)))


def counts_people(row: IndicatorRow) -> bool:
    """Whether the indicator's value is a number of people: a computed indicator (unless its formula gives a
    percentage), or one whose unit is people."""
    if row.indicator.is_computed:
        return row.formula is None or "%" not in str(row.formula.unit)
    return " ".join(row.indicator.unit.lower().split()) in PEOPLE_UNITS


def small_people(row: IndicatorRow) -> bool:
    """A count of people between 0 and SMALL_N (exclusive): suppressed for viewers."""
    return row.actual is not None and 0 < row.actual < SMALL_N and counts_people(row)


class Dashboard:
    """The dashboard of one scope and filters; each part is read when first asked for."""

    def __init__(self, scope: ResultsScope, filters: DashboardFilters, *, today: dt.date | None = None) -> None:
        self.scope = narrowed_scope(scope, filters)
        self.filters = filters
        self.programme = scope.programme
        self.suppress = scope.suppress_small
        self.today = today

    # --- the selection -------------------------------------------------------------------------------

    def sessions_qs(self) -> QuerySet[Session]:
        qs = self.scope.sessions().exclude(status=SessionStatus.CANCELLED)
        if self.filters.start is not None:
            qs = qs.filter(end_date__gte=self.filters.start)
        if self.filters.end is not None:
            qs = qs.filter(end_date__lte=self.filters.end)
        return qs.order_by()

    def trained_qs(self) -> QuerySet[Registration]:
        """Registrations of people trained in the selection: attended, or present at least one day."""
        present = Attendance.objects.filter(registration=OuterRef("pk"), present=True)
        qs = Registration.objects.filter(session__in=self.sessions_qs().values("pk")).filter(
            Q(status=RegistrationStatus.ATTENDED) | Q(Exists(present))
        )
        if self.filters.profession is not None:
            qs = qs.filter(profession_id=self.filters.profession)
        return qs.order_by()

    def _stat(self, n: int, kind: str = COUNT, value: float | None = None) -> Stat:
        return stat(float(n) if value is None else value, n, kind, suppress=self.suppress)

    # --- delivery: sessions, people, hours (about 10 queries) ----------------------------------------

    @cached_property
    def delivery(self) -> Delivery:
        sessions = [
            SessionRow(pk, design, country, status, start, end)
            for pk, design, country, status, start, end in self.sessions_qs().values_list(
                "pk", "design_id", "country_id", "status", "start_date", "end_date"
            )
        ]
        by_pk = {s.pk: s for s in sessions}
        trained = self.trained_qs()
        total = trained.aggregate(n=Count("person_id", distinct=True))["n"] or 0

        professions = {
            row["pk"]: _name(row) for row in Profession.objects.values("pk", "name_en", "name_fr", "position")
        }
        by_profession = [
            (professions.get(pid, "") if pid is not None else "", n)
            for pid, n in trained.values("profession_id")
            .annotate(n=Count("person_id", distinct=True))
            .values_list("profession_id", "n")
        ]
        by_profession.sort(key=lambda item: (-item[1], item[0] == "", item[0]))
        gender_counts = dict(
            trained.values("person__gender")
            .annotate(n=Count("person_id", distinct=True))
            .values_list("person__gender", "n")
        )
        labels = dict(Gender.choices)

        # Hours: the daily minutes of each design, present days and whole-agenda participations per session.
        agenda: dict[int, tuple[int, int]] = {
            design: (minutes or 0, days or 0)
            for design, minutes, days in AgendaModule.objects.filter(
                day__design_id__in=self.sessions_qs().values("design_id")
            )
            .values("day__design_id")
            .annotate(minutes=Sum("duration_minutes"), days=Count("day_id", distinct=True))
            .order_by()
            .values_list("day__design_id", "minutes", "days")
        }
        present_days = dict(
            Attendance.objects.filter(
                registration__in=trained.values("pk"),
                present=True,
                day__gte=F("registration__session__start_date"),
                day__lte=F("registration__session__end_date"),
            )
            .values("registration__session_id")
            .annotate(n=Count("id"))
            .order_by()
            .values_list("registration__session_id", "n")
        )
        with_present = Attendance.objects.filter(registration=OuterRef("pk"), present=True)
        whole_agenda = dict(
            trained.filter(~Exists(with_present))
            .values("session_id")
            .annotate(n=Count("id"))
            .values_list("session_id", "n")
        )
        participations = dict(trained.values("session_id").annotate(n=Count("id")).values_list("session_id", "n"))

        minutes_by_month: Counter[dt.date] = Counter()
        people_by_month: Counter[dt.date] = Counter()
        for session_id, n in participations.items():
            session = by_pk.get(session_id)
            if session is None:
                continue
            minutes, days = agenda.get(session.design_id, (0, 0))
            daily = minutes / days if days else 0
            month = session.end.replace(day=1)
            minutes_by_month[month] += (
                present_days.get(session_id, 0) * daily + whole_agenda.get(session_id, 0) * minutes
            )
            people_by_month[month] += n
        total_participations = sum(participations.values())
        total_minutes = sum(minutes_by_month.values())

        delivered_by_country: Counter[int] = Counter()
        planned_by_country: Counter[int] = Counter()
        for s in sessions:
            if s.status in DELIVERED:
                delivered_by_country[s.country_id] += 1
            elif s.status in PLANNED:
                planned_by_country[s.country_id] += 1
        country_ids = set(delivered_by_country) | set(planned_by_country)
        countries = {
            row["pk"]: _name(row)
            for row in Country.objects.filter(pk__in=country_ids).values("pk", "name_en", "name_fr")
        }
        by_country = sorted(
            (
                Group(
                    key=cid,
                    label=countries.get(cid, ""),
                    value=stat(float(delivered_by_country[cid]), delivered_by_country[cid], COUNT),
                    extra=stat(float(planned_by_country[cid]), planned_by_country[cid], COUNT),
                )
                for cid in country_ids
            ),
            key=lambda g: (-(g.value.n + (g.extra.n if g.extra else 0)), g.label),
        )
        hours_by_month = [
            Group(
                key=month,
                label=month.isoformat(),
                value=stat(minutes_by_month[month] / 60, people_by_month[month], COUNT, suppress=self.suppress),
            )
            for month in sorted(minutes_by_month)
        ]
        return Delivery(
            sessions=sessions,
            delivered=sum(delivered_by_country.values()),
            planned=sum(planned_by_country.values()),
            countries=len(delivered_by_country),
            trained=self._stat(total),
            by_profession=[Group(key=label, label=label, value=self._stat(n)) for label, n in by_profession],
            by_gender=[
                Group(key=g.value, label=str(labels[g]), value=self._stat(gender_counts.get(g.value, 0)))
                for g in GENDERS
            ],
            shares=[
                Group(
                    key=g.value,
                    label=str(labels[g]),
                    value=self._share(gender_counts.get(g.value, 0), total),
                )
                for g in GENDERS
            ],
            hours=stat(total_minutes / 60, total_participations, COUNT, suppress=self.suppress),
            participations=total_participations,
            by_country=by_country,
            hours_by_month=hours_by_month,
            first_day=min((s.start for s in sessions), default=None),
            last_day=max((s.end for s in sessions), default=None),
        )

    def _share(self, part: int, total: int) -> Stat:
        """A share of the people trained: hidden for viewers when the part or the whole is under SMALL_N."""
        share = stat(part / total if total else None, total, PERCENT, suppress=self.suppress)
        if self.suppress and 0 < part < SMALL_N:
            return dataclasses.replace(share, suppressed=True)
        return share

    # --- evaluation, indicators, network -------------------------------------------------------------

    @cached_property
    def selection(self) -> Selection:
        f = self.filters
        return Selection.of_scope(self.scope, Filters(start=f.start, end=f.end, profession=f.profession))

    @cached_property
    def headline(self) -> Headline:
        return headline(self.selection)

    @cached_property
    def framework(self) -> Framework:
        return results_framework(programme=self.programme, today=self.today)

    @cached_property
    def _indicators_read(self) -> tuple[list[IndicatorRow], frozenset[int]]:
        rows: list[IndicatorRow] = []
        for outcome in self.framework.outcomes:
            rows.extend(outcome.indicators)
            for output in outcome.outputs:
                rows.extend(output.indicators)
        if not self.suppress:
            return rows, frozenset()
        small = frozenset(r.indicator.pk for r in rows if small_people(r))
        # Neither the value nor the progress (from which, with the baseline and target, it can be worked back).
        return [
            dataclasses.replace(r, actual=None, progress=None) if r.indicator.pk in small else r for r in rows
        ], small

    @property
    def indicators(self) -> list[IndicatorRow]:
        """The programme's indicators; for viewers, those counting fewer than SMALL_N people have neither value
        nor progress (their pks are in `small_indicators`)."""
        return self._indicators_read[0]

    @property
    def small_indicators(self) -> frozenset[int]:
        return self._indicators_read[1]

    @cached_property
    def network(self) -> Network:
        f = self.filters
        return network_read(scope=self.scope, filters=NetworkFilters(profession=f.profession, start=f.start, end=f.end))
