"""Reads of the cooperation network (DESIGN.md §4, level 4): who is in touch with whom after the
sessions, as reported in follow-up questionnaires (Contact, CooperationEvent).

Definitions (the tests check them on a hand-made dataset):
- participants: the distinct people who attended a session in scope (Registration status attended);
  a session where no one is yet marked attended counts its registered people instead. With a country
  or profession filter, the participants are those of that country / profession (Person.country,
  Person.profession) — the focus of the figures.
- ties: undirected distinct pairs of people among person-to-person contacts reported in follow-ups of
  sessions in scope, within the period (reported_on); A naming B and B naming A is one tie (mutual).
  With a country or profession filter: the ties with at least one end of that country / profession.
- nodes: the participants plus anyone named in a tie.
- cross-border tie: both people's countries are known and differ; cross-profession likewise.
- share with a cross-border tie: participants with at least one cross-border tie / participants.
- density: ties between two participants / (n(n − 1) / 2), n = participants.
- cooperation events by type (date within the period, reported by someone matching the filters);
  organisations named (person → organisation contacts).

Everything is read in a fixed number of queries whatever the size of the programme; the figures are
computed in Python over the rows (a programme has thousands of contacts, not millions).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import get_language

from relais.core.pseudonyms import pseudonym
from relais.delivery.models import Person, Registration, RegistrationStatus
from relais.evaluation.models import Contact, CooperationEvent, CooperationType
from relais.evaluation.scoping import SMALL_N, ResultsScope
from relais.programmes.models import Organisation


@dataclass(frozen=True)
class NetworkFilters:
    country: int | None = None  # Country pk (the person's country)
    profession: int | None = None  # Profession pk (the person's profession)
    start: dt.date | None = None  # reported_on from
    end: dt.date | None = None  # reported_on to

    @property
    def any(self) -> bool:
        return any(v is not None for v in (self.country, self.profession, self.start, self.end))


@dataclass
class Node:
    pk: int
    name: str  # "" when the user may not see names
    country_id: int | None
    country_code: str
    country_name: str
    profession_id: int | None
    profession_name: str
    organisation_id: int | None
    organisation_name: str
    organisation_country_code: str
    participant: bool = False
    degree: int = 0
    cross_border: bool = False

    @property
    def pseudonym(self) -> str:
        return pseudonym(self.pk)

    @property
    def description(self) -> str:
        """Country · profession: what those who may not see names read."""
        return " · ".join(part for part in (self.country_name or "—", self.profession_name or "—"))

    @property
    def label(self) -> str:
        """The name where allowed, otherwise the pseudonym."""
        return self.name or self.pseudonym


@dataclass(frozen=True)
class Tie:
    a: int  # the smaller person id
    b: int
    first_reported: dt.date
    mutual: bool
    cross_border: bool
    cross_profession: bool


@dataclass(frozen=True)
class OrganisationInfo:
    pk: int
    name: str
    country_code: str
    country_name: str


@dataclass
class NetworkFigures:
    participants: int = 0
    nodes: int = 0
    ties: int = 0
    mutual_ties: int = 0
    cross_border_ties: int = 0
    cross_profession_ties: int = 0
    with_cross_border: int = 0
    share_cross_border: float | None = None
    ties_between_participants: int = 0
    possible_pairs: int = 0  # n(n − 1) / 2
    density: float | None = None
    events: int = 0
    organisation_contacts: int = 0
    organisations_named: int = 0


@dataclass
class Network:
    scope: ResultsScope
    filters: NetworkFilters
    names: bool
    nodes: dict[int, Node]
    ties: list[Tie]
    figures: NetworkFigures
    events_by_type: list[tuple[str, str, int]]
    organisations: dict[int, OrganisationInfo]
    # (person id, organisation id, first reported) for person → organisation contacts.
    organisation_contacts: list[tuple[int, int, dt.date]]
    # (organisation, number of people naming it), most named first.
    organisations_named: list[tuple[OrganisationInfo, int]]
    growth: list[tuple[dt.date, int, int]]  # (first day of month, ties so far, events so far)
    reported_from: dt.date | None = None  # the first and last report read (contacts and events)
    reported_to: dt.date | None = None

    @property
    def suppressed(self) -> bool:
        """Viewers see no figure over fewer than SMALL_N participants (DESIGN.md §4)."""
        return self.scope.suppress_small and self.figures.participants < SMALL_N

    def ties_by_country_pair(self) -> list[tuple[str, str, int]]:
        """(country, country, ties) — an aggregate anyone who sees the page may read."""
        counts: Counter[tuple[str, str]] = Counter()
        for tie in self.ties:
            names = sorted((self.nodes[tie.a].country_name or "—", self.nodes[tie.b].country_name or "—"))
            counts[(names[0], names[1])] += 1
        return [(a, b, n) for (a, b), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def _french() -> bool:
    return (get_language() or "en")[:2] == "fr"


def participant_ids(scope: ResultsScope) -> set[int]:
    """People who attended a session in scope; registered people of sessions without attendance."""
    rows = Registration.objects.filter(
        session__in=scope.sessions().values("pk"),
        status__in=[RegistrationStatus.ATTENDED, RegistrationStatus.REGISTERED],
    ).values_list("session_id", "person_id", "status")
    by_session: dict[int, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    for session_id, person_id, status in rows:
        by_session[session_id][status].add(person_id)
    people: set[int] = set()
    for statuses in by_session.values():
        people |= statuses.get(RegistrationStatus.ATTENDED) or statuses.get(RegistrationStatus.REGISTERED, set())
    return people


def _contacts(scope: ResultsScope, filters: NetworkFilters) -> QuerySet[Contact]:
    qs = scope.filter(Contact.objects.all(), "response__")
    if filters.start:
        qs = qs.filter(reported_on__gte=filters.start)
    if filters.end:
        qs = qs.filter(reported_on__lte=filters.end)
    return qs


def _events(scope: ResultsScope, filters: NetworkFilters) -> QuerySet[CooperationEvent]:
    qs = scope.filter(CooperationEvent.objects.all(), "response__")
    if filters.start:
        qs = qs.filter(date__gte=filters.start)
    if filters.end:
        qs = qs.filter(date__lte=filters.end)
    return qs


def _people_queryset(
    scope: ResultsScope, contacts: QuerySet[Contact], events: QuerySet[CooperationEvent]
) -> QuerySet[Person]:
    """Everyone the network may mention: registered in scope, reporting or named."""
    registered = Registration.objects.filter(session__in=scope.sessions().values("pk")).values("person_id")
    return Person.objects.filter(
        Q(pk__in=registered)
        | Q(pk__in=contacts.values("person_id"))
        | Q(pk__in=contacts.filter(contact__isnull=False).values("contact_id"))
        | Q(pk__in=events.values("person_id"))
    )


def _people(scope: ResultsScope, qs: QuerySet[Person]) -> dict[int, Node]:
    """The people of the network with what the figures and the graph need (one query)."""
    fr = _french()
    fields = [
        "pk",
        "country_id",
        "country__code",
        "country__name_en",
        "country__name_fr",
        "profession_id",
        "profession__name_en",
        "profession__name_fr",
        "organisation_id",
        "organisation__name",
        "organisation__country__code",
    ]
    if scope.names:  # data minimisation: names are read only for those who may see them
        fields += ["first_name", "last_name"]
    nodes = {}
    for row in qs.values(*fields):
        nodes[row["pk"]] = Node(
            pk=row["pk"],
            # An anonymised person has no name left: their pseudonym is shown instead.
            name=f"{row['first_name']} {row['last_name']}".strip() if scope.names else "",
            country_id=row["country_id"],
            country_code=row["country__code"] or "",
            country_name=((row["country__name_fr"] if fr else "") or row["country__name_en"] or ""),
            profession_id=row["profession_id"],
            profession_name=((row["profession__name_fr"] if fr else "") or row["profession__name_en"] or ""),
            organisation_id=row["organisation_id"],
            organisation_name=row["organisation__name"] or "",
            organisation_country_code=row["organisation__country__code"] or "",
        )
    return nodes


def _organisations(people: QuerySet[Person], contacts: QuerySet[Contact]) -> dict[int, OrganisationInfo]:
    """The organisations of the people and those named in contacts (one query)."""
    qs = Organisation.objects.filter(
        Q(pk__in=contacts.filter(organisation__isnull=False).values("organisation_id"))
        | Q(pk__in=people.filter(organisation__isnull=False).values("organisation_id"))
    )
    fr = _french()
    return {
        row["pk"]: OrganisationInfo(
            pk=row["pk"],
            name=(f"{row['name']} ({row['acronym']})" if row["acronym"] else row["name"]),
            country_code=row["country__code"] or "",
            country_name=((row["country__name_fr"] if fr else "") or row["country__name_en"] or ""),
        )
        for row in qs.values("pk", "name", "acronym", "country__code", "country__name_en", "country__name_fr")
    }


def _matches(node: Node | None, filters: NetworkFilters) -> bool:
    if node is None:
        return False
    if filters.country is not None and node.country_id != filters.country:
        return False
    return not (filters.profession is not None and node.profession_id != filters.profession)


def differ(a: Any, b: Any) -> bool:
    return a is not None and b is not None and a != b


def _month(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _growth(ties: list[Tie], events: list[dt.date]) -> list[tuple[dt.date, int, int]]:
    """Cumulative ties and cooperation events at the end of each month, from the first to the last."""
    tie_months = Counter(_month(t.first_reported) for t in ties)
    event_months = Counter(_month(d) for d in events)
    months = sorted(set(tie_months) | set(event_months))
    if not months:
        return []
    out: list[tuple[dt.date, int, int]] = []
    month, last = months[0], months[-1]
    ties_so_far = events_so_far = 0
    while month <= last:
        ties_so_far += tie_months.get(month, 0)
        events_so_far += event_months.get(month, 0)
        out.append((month, ties_so_far, events_so_far))
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return out


def network_read(*, scope: ResultsScope, filters: NetworkFilters | None = None) -> Network:
    """The network of the programme as this scope sees it, with its figures (a fixed number of queries)."""
    filters = filters or NetworkFilters()
    contacts = _contacts(scope, filters)
    events = _events(scope, filters)
    people_qs = _people_queryset(scope, contacts, events)
    people = _people(scope, people_qs)
    participants = {pk for pk in participant_ids(scope) if pk in people}
    focus = {pk for pk in participants if _matches(people[pk], filters)}

    # Person-to-person contacts become undirected ties; person-to-organisation contacts are kept aside.
    directions: dict[tuple[int, int], set[int]] = defaultdict(set)
    first: dict[tuple[int, int], dt.date] = {}
    org_first: dict[tuple[int, int], dt.date] = {}
    days: set[dt.date] = set()
    for person_id, contact_id, organisation_id, reported_on in contacts.values_list(
        "person_id", "contact_id", "organisation_id", "reported_on"
    ):
        days.add(reported_on)
        if contact_id is not None and person_id != contact_id:
            pair = (min(person_id, contact_id), max(person_id, contact_id))
            directions[pair].add(person_id)
            first[pair] = min(first.get(pair, reported_on), reported_on)
        elif organisation_id is not None and _matches(people.get(person_id), filters):
            key = (person_id, organisation_id)
            org_first[key] = min(org_first.get(key, reported_on), reported_on)
    org_contacts = sorted((p, o, d) for (p, o), d in org_first.items())

    ties: list[Tie] = []
    for pair in sorted(directions):
        a, b = people.get(pair[0]), people.get(pair[1])
        if a is None or b is None or not (_matches(a, filters) or _matches(b, filters)):
            continue
        ties.append(
            Tie(
                a=pair[0],
                b=pair[1],
                first_reported=first[pair],
                mutual=len(directions[pair]) == 2,
                cross_border=differ(a.country_id, b.country_id),
                cross_profession=differ(a.profession_id, b.profession_id),
            )
        )

    node_ids = set(focus) | {t.a for t in ties} | {t.b for t in ties}
    nodes = {pk: people[pk] for pk in sorted(node_ids)}
    for node in nodes.values():
        node.participant = node.pk in focus
    for tie in ties:
        for end in (tie.a, tie.b):
            nodes[end].degree += 1
            if tie.cross_border:
                nodes[end].cross_border = True

    event_rows = [
        (kind, day)
        for kind, day, person_id in events.values_list("type", "date", "person_id")
        if _matches(people.get(person_id), filters)
    ]
    by_type = Counter(kind for kind, _day in event_rows)
    events_by_type = [(c.value, str(c.label), by_type[c.value]) for c in CooperationType if by_type[c.value]]

    organisations = _organisations(people_qs, contacts)
    named_by: dict[int, set[int]] = defaultdict(set)
    for person_id, organisation_id, _day in org_contacts:
        named_by[organisation_id].add(person_id)
    organisations_named = sorted(
        ((organisations[o], len(p)) for o, p in named_by.items() if o in organisations),
        key=lambda item: (-item[1], item[0].name),
    )

    n = len(focus)
    between = sum(1 for t in ties if t.a in focus and t.b in focus)
    with_cross = sum(1 for pk in focus if nodes[pk].cross_border)
    figures = NetworkFigures(
        participants=n,
        nodes=len(nodes),
        ties=len(ties),
        mutual_ties=sum(1 for t in ties if t.mutual),
        cross_border_ties=sum(1 for t in ties if t.cross_border),
        cross_profession_ties=sum(1 for t in ties if t.cross_profession),
        with_cross_border=with_cross,
        share_cross_border=(with_cross / n) if n else None,
        ties_between_participants=between,
        possible_pairs=n * (n - 1) // 2,
        density=(between / (n * (n - 1) // 2)) if n > 1 else None,
        events=len(event_rows),
        organisation_contacts=len(org_contacts),
        organisations_named=len(organisations_named),
    )
    return Network(
        scope=scope,
        filters=filters,
        names=scope.names,
        nodes=nodes,
        ties=ties,
        figures=figures,
        events_by_type=events_by_type,
        organisations=organisations,
        organisation_contacts=org_contacts,
        organisations_named=organisations_named,
        growth=_growth(ties, [day for _kind, day in event_rows]),
        reported_from=min(days | {day for _kind, day in event_rows}, default=None),
        reported_to=max(days | {day for _kind, day in event_rows}, default=None),
    )
