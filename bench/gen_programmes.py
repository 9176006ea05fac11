"""Steps "programmes" and "team": programmes on a migration route, and the people holding roles in them."""

from __future__ import annotations

import datetime as dt
import random

from bench.context import Context
from bench.sizes import COUNTRIES_PER_PROGRAMME
from relais.accounts.models import User
from relais.core.models import Country, Theme
from relais.programmes.models import Programme, ProgrammeCountry, ProgrammeRole, Role, RouteRole

DOMAIN = "bench.relais.example"
# The argon2 hash of "relais-bench", computed once: hashing each generated user would take minutes.
PASSWORD_HASH = (
    "argon2$argon2id$v=19$m=102400,t=2,p=8$MzlVVEV0eFVyUWN5aVZIMENuVklMUA$eqlOrLNbTYlhKfSWtsaxUZCHf/epSC5QhngUvhpmj1w"
)
BATCH = 1_000
EPOCH = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)  # accounts are created after it (fixed: determinism)

# Disjoint pools, so a country has one role on a programme's route.
# fmt: off
ORIGIN = [
    "AL", "BA", "BG", "XK", "MD", "MK", "RO", "RS", "UA", "GE", "AM", "AZ", "KZ", "KG", "TJ", "UZ",
    "NG", "GH", "SN", "VN", "PH", "NP", "BD", "PK", "LK", "MA", "TN", "EG"
]
TRANSIT = ["HR", "HU", "ME", "SI", "SK", "PL", "TR", "GR", "LT", "LV", "EE", "BY"]
DESTINATION = [
    "AT", "CZ", "IT", "NL", "DE", "FR", "BE", "ES", "PT", "SE", "DK", "FI", "IE", "GB", "CH", "NO",
    "LU"
]
# fmt: on

CODE_PREFIXES = ["thb-labour", "judicial-coop", "police-inv", "victim-id", "supply-chains", "fin-inv"]
VERBS = [("Strengthening", "Renforcer"), ("Intensifying", "Intensifier"), ("Building", "Construire")]
SUBJECTS = [
    ("the fight against trafficking for labour exploitation", "la lutte contre la traite par le travail"),
    ("cross-border judicial cooperation", "la coopération judiciaire transfrontalière"),
    ("transnational police investigations", "les enquêtes policières transnationales"),
    ("victim identification and referral", "l'identification et l'orientation des victimes"),
]
DONORS = ["European Fund (fictional)", "Northern Foundation (fictional)", "Security Trust (fictional)"]
# fmt: off
FIRST = [
    "Ana", "Arben", "Elira", "Andrei", "Giulia", "Milan", "Sofia", "Peter", "Jonas", "Hélène",
    "Ivana", "Marko", "Nora", "Luca", "Eva", "Tomas"
]
LAST = [
    "Hoxha", "Popescu", "Romano", "Đorđević", "Janssen", "Novák", "Weber", "Martin", "Kovač",
    "Horvat", "Rossi", "Nagy", "Petrov", "Berisha"
]
# fmt: on


def generate_programmes(ctx: Context) -> None:
    rng = ctx.rng("programmes")
    countries = dict(Country.objects.filter(code__in=ORIGIN + TRANSIT + DESTINATION).values_list("code", "pk"))
    themes = list(Theme.objects.order_by("code").values_list("pk", flat=True))
    programmes: list[Programme] = []
    routes: list[list[tuple[str, RouteRole]]] = []
    for i in range(ctx.size.programmes):
        verb, subject = rng.choice(VERBS), rng.choice(SUBJECTS)
        start = dt.date(rng.randint(2019, 2026), rng.randint(1, 12), 1)
        months = rng.randint(18, 48)
        end = dt.date(start.year + (start.month - 1 + months) // 12, (start.month - 1 + months) % 12 + 1, 1)
        programmes.append(
            Programme(
                code=f"{rng.choice(CODE_PREFIXES)}-{i + 1:04d}",
                title_en=f"{verb[0]} {subject[0]} ({i + 1})",
                title_fr=f"{verb[1]} {subject[1]} ({i + 1})",
                summary_en="A fictional programme generated for benchmarks.",
                donor=rng.choice(DONORS),
                start_date=start,
                end_date=end - dt.timedelta(days=1),
            )
        )
        n_origin, n_transit = rng.randint(6, 9), rng.randint(2, 4)
        routes.append(
            [(c, RouteRole.ORIGIN) for c in rng.sample(ORIGIN, n_origin)]
            + [(c, RouteRole.TRANSIT) for c in rng.sample(TRANSIT, n_transit)]
            + [
                (c, RouteRole.DESTINATION)
                for c in rng.sample(DESTINATION, COUNTRIES_PER_PROGRAMME - n_origin - n_transit)
            ]
        )
    Programme.objects.bulk_create(programmes, batch_size=BATCH)
    ProgrammeCountry.objects.bulk_create(
        [
            ProgrammeCountry(programme=p, country_id=countries[code], route_role=role)
            for p, route in zip(programmes, routes, strict=True)
            for code, role in route
        ],
        batch_size=BATCH,
    )
    through = Programme.themes.through
    through.objects.bulk_create(
        [through(programme_id=p.pk, theme_id=t) for p in programmes for t in rng.sample(themes, rng.randint(2, 4))],
        batch_size=BATCH,
    )
    ctx.objects["programmes"] = [(p.pk, p.code, p.title_en) for p in programmes]
    ctx.objects["routes"] = {p.pk: route for p, route in zip(programmes, routes, strict=True)}
    ctx.objects["countries"] = countries
    ctx.add_count("programmes.programme", len(programmes))
    ctx.add_count("programmes.programmecountry", sum(len(r) for r in routes))


def _person(rng: random.Random, kind: str, n: int, *, superuser: bool = False) -> User:
    joined = EPOCH + dt.timedelta(minutes=rng.randint(0, 60 * 24 * 365))
    return User(
        email=f"{kind}.{n:05d}@{DOMAIN}",
        full_name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
        password=PASSWORD_HASH,
        is_superuser=superuser,
        is_active=superuser or rng.random() > 0.03,  # a few deactivated accounts
        language=rng.choice(["en", "en", "fr"]),
        date_joined=joined,
        last_login=joined + dt.timedelta(days=rng.randint(1, 300)) if rng.random() < 0.8 else None,
    )


def generate_team(ctx: Context) -> None:
    """Administrators; per programme 1-2 managers, a coordinator per country, 3-8 trainers from a
    shared pool (some limited to countries), an M&E officer and a viewer (both shared pools)."""
    rng = ctx.rng("team")
    size = ctx.size
    pools: dict[str, list[User]] = {
        kind: [_person(rng, kind, n + 1, superuser=kind == "admin") for n in range(count)]
        for kind, count in (
            ("admin", size.administrators),
            ("manager", size.managers),
            ("trainer", size.trainers),
            ("me", size.me_officers),
            ("viewer", size.viewers),
        )
    }
    coordinators = [_person(rng, "coordinator", n + 1) for n in range(size.coordinators)]
    users = [u for pool in pools.values() for u in pool] + coordinators
    User.objects.bulk_create(users, batch_size=BATCH)

    routes: dict[int, list[tuple[str, RouteRole]]] = ctx.objects["routes"]
    countries: dict[str, int] = ctx.objects["countries"]
    plan: list[tuple[ProgrammeRole, list[str]]] = []
    next_coordinator = iter(coordinators)
    for programme_id, _code, _title in ctx.objects["programmes"]:
        codes = [c for c, _role in routes[programme_id]]
        chosen: list[tuple[User, str, list[str]]] = [
            *((u, Role.MANAGER, []) for u in rng.sample(pools["manager"], rng.randint(1, 2))),
            *((next(next_coordinator), Role.COORDINATOR, [c]) for c in codes),
            *(
                (u, Role.TRAINER, rng.sample(codes, rng.randint(1, 2)) if rng.random() < 0.3 else [])
                for u in rng.sample(pools["trainer"], rng.randint(3, 8))
            ),
            (rng.choice(pools["me"]), Role.ME_OFFICER, []),
            (rng.choice(pools["viewer"]), Role.VIEWER, []),
        ]
        for user, role, role_countries in chosen:
            assignment = ProgrammeRole(user_id=user.pk, programme_id=programme_id, role=role)
            plan.append((assignment, role_countries))
    ProgrammeRole.objects.bulk_create([a for a, _c in plan], batch_size=BATCH)
    through = ProgrammeRole.countries.through
    links = [through(programmerole_id=a.pk, country_id=countries[c]) for a, cs in plan for c in cs]
    through.objects.bulk_create(links, batch_size=BATCH)

    by_id = {u.pk: u for u in users}
    codes_of = {pk: code for pk, code, _title in ctx.objects["programmes"]}
    ctx.objects["users"] = [(u.pk, u.email, u.full_name, u.is_superuser) for u in users]
    ctx.objects["roles"] = [
        (
            a.pk,
            a.user_id,
            a.programme_id,
            a.role,
            f"{by_id[a.user_id].full_name} — {a.role} — {codes_of[a.programme_id]}",
        )
        for a, _c in plan
    ]
    ctx.add_count("accounts.user", len(users))
    ctx.add_count("programmes.programmerole", len(plan))
    ctx.add_count("programmes.programmerole_countries", len(links))
