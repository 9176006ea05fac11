"""Finding one real person recorded twice (DESIGN.md §2), for the duplicates page and for imports.

A pair is a possible duplicate when
- both have the same e-mail address (case ignored), whatever their names; or
- their names are similar and they share a country or an organisation, a similar name being
  - the same name key (case, accents and alphabet ignored: "Đorđević" = "Djordjevic" = "Ђорђевић"),
  - the same words in another order ("Hoxha Ana" = "Ana Hoxha"), or
  - the same first name and last names one edit apart (one letter added, dropped, changed, or two
    neighbours swapped), when both last names have at least 5 letters ("Popescu" / "Popesku").

`find_matches` looks up one name (a row of an import, a person being recorded) with a few indexed
queries — e-mail, exact keys, the people of the same country or organisation whose key starts with
the same first name — and compares the few rows found in Python. `duplicate_pairs` finds every pair
among many people at once, in memory, with buckets (no comparison of every pair).
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum

from django.db import connection
from django.db.models import Q, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from relais.delivery.models import Person
from relais.delivery.names import name_key

MIN_LETTERS = 5  # last names shorter than this are never "one edit apart": too many false alarms
BUCKET_LIMIT = 60  # a bucket larger than this (a placeholder e-mail shared by hundreds) is skipped
_WORDS = re.compile(r"[\s\-‐‑'’.,]+")  # the separators of names.name_key


class Reason(StrEnum):
    EMAIL = "email"
    SAME_NAME = "same_name"
    REORDERED_NAME = "reordered_name"
    SIMILAR_NAME = "similar_name"


REASON_LABELS: dict[Reason, str | Promise] = {
    Reason.EMAIL: _("Same e-mail address"),
    Reason.SAME_NAME: _("Same name, written alike or in another alphabet"),
    Reason.REORDERED_NAME: _("Same names in another order"),
    Reason.SIMILAR_NAME: _("Last names one letter apart"),
}
# How likely each reason alone means one person (0–1); several reasons combine as 1 − Π(1 − s).
STRENGTH: dict[Reason, float] = {
    Reason.EMAIL: 0.9,
    Reason.SAME_NAME: 0.8,
    Reason.REORDERED_NAME: 0.6,
    Reason.SIMILAR_NAME: 0.5,
}
# Similar names in the same organisation (not only the same country) weigh as one more clue.
SAME_ORGANISATION = 0.5


def _strength(reasons: Iterable[Reason], shared: Iterable[str]) -> float:
    remaining = 1.0
    for reason in reasons:
        remaining *= 1 - STRENGTH[reason]
    if "organisation" in shared:
        remaining *= 1 - SAME_ORGANISATION
    return round(min(1 - remaining, 0.99), 2)


@dataclass(frozen=True)
class Match:
    """Another record that may be the same person."""

    person_id: int
    reasons: tuple[Reason, ...]  # strongest first
    strength: float  # 0–1
    shared: tuple[str, ...] = ()  # what similar names share: "country", "organisation"

    @property
    def reason(self) -> Reason:
        return self.reasons[0]

    @property
    def level(self) -> str:
        return "high" if self.strength >= 0.8 else "medium" if self.strength >= 0.6 else "low"

    @property
    def labels(self) -> list[str | Promise]:
        return [REASON_LABELS[r] for r in self.reasons]


@dataclass(frozen=True)
class Pair(Match):
    """Two records that may be the same person (person_id is the first, other_id the second)."""

    other_id: int = 0


@dataclass(frozen=True, slots=True)
class Candidate:
    """The fields matching needs, read with values_list (no model instances)."""

    id: int
    first_name: str
    last_name: str
    name_key: str
    email: str
    country_id: int | None
    organisation_id: int | None


CANDIDATE_FIELDS = ("id", "first_name", "last_name", "name_key", "email", "country_id", "organisation_id")


def normalise_email(email: str | None) -> str:
    return (email or "").strip().lower()


def one_edit_apart(a: str, b: str) -> bool:
    """One letter inserted, deleted or replaced, or two neighbouring letters swapped (not equal)."""
    if a == b:
        return False
    la, lb = len(a), len(b)
    if la > lb:
        a, b, la, lb = b, a, lb, la
    if lb - la > 1:
        return False
    i = 0
    while i < la and a[i] == b[i]:
        i += 1
    if la == lb:
        return a[i + 1 :] == b[i + 1 :] or (
            i + 1 < la and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]
        )
    return a[i:] == b[i + 1 :]


def split_key(first_name: str, key: str) -> tuple[str, str]:
    """The first-name and last-name parts of a stored name key (without computing two more keys)."""
    words = len([w for w in _WORDS.split(first_name) if w])
    tokens = key.split(" ")
    return " ".join(tokens[:words]), " ".join(tokens[words:])


def name_relation(key_a: str, first_a: str, last_a: str, key_b: str, first_b: str, last_b: str) -> Reason | None:
    """How two names relate, given their keys and the keys of their first and last names."""
    if not key_a or not key_b:
        return None
    if key_a == key_b:
        return Reason.SAME_NAME
    if sorted(key_a.split(" ")) == sorted(key_b.split(" ")):
        return Reason.REORDERED_NAME
    if (
        first_a
        and first_a == first_b
        and min(len(last_a), len(last_b)) >= MIN_LETTERS
        and one_edit_apart(last_a, last_b)
    ):
        return Reason.SIMILAR_NAME
    return None


def _orderings(key: str) -> set[str]:
    tokens = key.split(" ")
    if len(tokens) <= 4:
        return {" ".join(p) for p in itertools.permutations(tokens)}
    return {key, " ".join(reversed(tokens))}


def _prefix(prefix: str) -> Q:
    """name_key starts with prefix. On SQLite, LIKE ignores the index: a range on the key uses it."""
    q = Q(name_key__startswith=prefix)
    if connection.vendor == "sqlite":
        q &= Q(name_key__gte=prefix, name_key__lt=prefix[:-1] + chr(ord(prefix[-1]) + 1))
    return q


def match_query(
    first_name: str,
    last_name: str,
    email: str = "",
    country_id: int | None = None,
    organisation_id: int | None = None,
    *,
    people: QuerySet[Person] | None = None,
) -> QuerySet[Person]:
    """The records worth comparing with a name, found by indexed keys only: the e-mail address,
    the name key in every order of its words, and the people of the same country or organisation
    whose key starts with the same first name."""
    key = name_key(first_name, last_name)
    first, last = name_key(first_name), name_key(last_name)
    mail = normalise_email(email)
    q = Q(pk__in=[])
    if mail:
        # The index on e-mail is exact: records are saved in lower case (else as typed).
        q |= Q(email__in={mail, (email or "").strip()})
    if key and (country_id or organisation_id):
        q |= Q(name_key__in=_orderings(key))
        if first and len(last) >= MIN_LETTERS:
            if country_id:
                q |= Q(country_id=country_id) & _prefix(first + " ")
            if organisation_id:
                q |= Q(organisation_id=organisation_id) & _prefix(first + " ")
    found = (people if people is not None else Person.objects.all()).filter(q)
    return found.filter(anonymised_at__isnull=True).order_by()  # an erased person is never matched again


def find_matches(
    first_name: str,
    last_name: str,
    email: str = "",
    country_id: int | None = None,
    organisation_id: int | None = None,
    *,
    exclude: Iterable[int] = (),
    people: QuerySet[Person] | None = None,
) -> list[Match]:
    """People that may be the person described, strongest first. `people` narrows the search
    (to the people a user may see, say); `exclude` leaves out records (the person being edited)."""
    key = name_key(first_name, last_name)
    first, last = name_key(first_name), name_key(last_name)
    mail = normalise_email(email)
    if not mail and not key:
        return []
    rows = match_query(first_name, last_name, email, country_id, organisation_id, people=people)
    matches = []
    for row in rows.exclude(pk__in=list(exclude)).values_list(*CANDIDATE_FIELDS)[: BUCKET_LIMIT * 4]:
        other = Candidate(*row)
        reasons = []
        if mail and normalise_email(other.email) == mail:
            reasons.append(Reason.EMAIL)
        shared: tuple[str, ...] = tuple(
            name
            for name, mine, theirs in (
                ("country", country_id, other.country_id),
                ("organisation", organisation_id, other.organisation_id),
            )
            if mine and mine == theirs
        )
        if shared:
            other_first, other_last = split_key(other.first_name, other.name_key)
            relation = name_relation(key, first, last, other.name_key, other_first, other_last)
            if relation is not None:
                reasons.append(relation)
            else:
                shared = ()
        if reasons:
            reasons.sort(key=lambda r: -STRENGTH[r])
            matches.append(Match(other.id, tuple(reasons), _strength(reasons, shared), shared))
    matches.sort(key=lambda m: (-m.strength, m.person_id))
    return matches


def _similar_lasts(lasts: dict[str, list[int]]) -> Iterable[tuple[str, str]]:
    """Pairs of distinct last names one edit apart: compared directly in small groups, through
    shared one-letter deletions (no comparison of every pair) in large ones."""
    words = [last for last in lasts if len(last) >= MIN_LETTERS]
    if len(words) < 2:
        return
    if len(words) <= 16:
        for a, b in itertools.combinations(words, 2):
            if abs(len(a) - len(b)) <= 1 and one_edit_apart(a, b):
                yield a, b
        return
    by_variant: dict[str, list[str]] = defaultdict(list)
    for last in words:
        by_variant[last].append(last)
        for i in range(len(last)):
            by_variant[last[:i] + last[i + 1 :]].append(last)
    seen: set[tuple[str, str]] = set()
    for bucket in by_variant.values():
        if len(bucket) < 2:
            continue
        for a, b in itertools.combinations(bucket, 2):
            pair = (a, b) if a < b else (b, a)
            if a != b and pair not in seen and one_edit_apart(a, b):
                seen.add(pair)
                yield pair


def duplicate_pairs(rows: Iterable[Candidate]) -> list[Pair]:
    """Every pair of possible duplicates among the rows, strongest first.

    Names are grouped by country, then by organisation where the people of a group are not all of
    one country (the others were compared already); what a pair shares is read from its rows."""
    people = {r.id: r for r in rows}
    reasons: dict[tuple[int, int], set[Reason]] = defaultdict(set)

    def add(ids: Iterable[int], reason: Reason) -> None:
        ids = list(ids)
        if 1 < len(ids) <= BUCKET_LIMIT:
            for a, b in itertools.combinations(ids, 2):
                reasons[(a, b) if a < b else (b, a)].add(reason)

    by_email: dict[str, list[int]] = defaultdict(list)
    for r in people.values():
        if r.email:
            by_email[r.email.strip().lower()].append(r.id)
    for ids in by_email.values():
        add(ids, Reason.EMAIL)

    parsed: dict[int, tuple[str, str, str]] = {}  # id -> (sorted words, first-name key, last-name key)
    for r in people.values():
        if r.name_key:
            first, last = split_key(r.first_name, r.name_key)
            parsed[r.id] = (" ".join(sorted(r.name_key.split(" "))), first, last)

    def one_country(ids: list[int]) -> bool:
        countries = {people[i].country_id for i in ids}
        return len(countries) == 1 and None not in countries

    for scope in ("country_id", "organisation_id"):
        by_words: dict[tuple[int, str], list[int]] = defaultdict(list)
        by_first: dict[tuple[int, str], list[int]] = defaultdict(list)
        for r in people.values():
            value = getattr(r, scope)
            if value is not None and r.id in parsed:
                words, first, _last = parsed[r.id]
                by_words[(value, words)].append(r.id)
                by_first[(value, first)].append(r.id)
        skip = one_country if scope == "organisation_id" else (lambda ids: False)
        for ids in by_words.values():
            if len(ids) > 1 and not skip(ids):
                add(ids, Reason.REORDERED_NAME)
        for ids in by_first.values():
            if len(ids) > 1 and not skip(ids):
                _same_first_name(ids, people, parsed, add)

    result = []
    for (a, b), found in reasons.items():
        if Reason.SAME_NAME in found:
            found.discard(Reason.REORDERED_NAME)
        ordered = tuple(sorted(found, key=lambda r: -STRENGTH[r]))
        shared: tuple[str, ...] = ()
        if found - {Reason.EMAIL}:
            ra, rb = people[a], people[b]
            shared = tuple(
                name
                for name, x, y in (
                    ("country", ra.country_id, rb.country_id),
                    ("organisation", ra.organisation_id, rb.organisation_id),
                )
                if x is not None and x == y
            )
        result.append(Pair(a, ordered, _strength(ordered, shared), shared, other_id=b))
    result.sort(key=lambda p: (-p.strength, p.person_id, p.other_id))
    return result


def _same_first_name(
    ids: list[int],
    people: dict[int, Candidate],
    parsed: dict[int, tuple[str, str, str]],
    add: Callable[[Iterable[int], Reason], None],
) -> None:
    """Pairs among people of one country (or organisation) with the same first name: the same
    name key, or last names one edit apart."""
    by_key: dict[str, list[int]] = defaultdict(list)
    by_last: dict[str, list[int]] = defaultdict(list)
    for i in ids:
        by_key[people[i].name_key].append(i)
        by_last[parsed[i][2]].append(i)
    for same in by_key.values():
        add(same, Reason.SAME_NAME)
    for a, b in _similar_lasts(by_last):
        if len(by_last[a]) * len(by_last[b]) <= BUCKET_LIMIT:
            for x, y in itertools.product(by_last[a], by_last[b]):
                add((x, y), Reason.SIMILAR_NAME)
