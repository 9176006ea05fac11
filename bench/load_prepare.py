"""What the load test prepares in the database before the server starts (bench/load.py calls it once
Django is set up): the data of the size, the search index, and for each virtual user what it needs.

- Data: migrated; generated (bench/generate.py) when the database holds no programme; the size's
  documents (as bench/knowledge_bench.py writes them) when it holds none. The search index is rebuilt
  into a folder of the run's own, which the server then serves.
- Staff: a user of the persona's role (by e-mail order, each virtual user its own when there are
  enough), logged in by a session written to the database (`bench.server.login_cookies`: second
  factor verified), and the pages that user may open, found with the application's scoping
  functions, so that every page asked for should answer 200.
- Attendance: planned or open sessions with people expected (marks there change no registration
  status), each with the trainers and coordinators who may record it; delivered sessions only when
  there are none.
- Participants: personal links through the application's services, never rows written by hand:
  in delivered sessions, a satisfaction questionnaire titled "Satisfaction (load test)" made with
  `questionnaire_create` (the ten standard items; `item_create` adds the same questions when the
  library has none), its two comment questions moved to a second page (`section_create`,
  `item_update`), opened (`questionnaire_status_set`) and its links made (`invitations_create`).
  Links prepared by an earlier run and still unused are used first; new questionnaires are added
  only when there are not enough.
- Login: users who sign in with their password; not the users of the staff personas.

The run writes into its database (sessions, links, answers, attendance, audit events): point it at
a database of its own.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import sys
import time
from decimal import Decimal
from typing import Any, TextIO

from bench.load_scenario import (
    PERSONA_CYCLE,
    STAFF_ROLES,
    THINK_S,
    Links,
    Persona,
    Plan,
    StaffMenu,
)

LOAD_TITLE = "Satisfaction (load test)"
COMMENTS_SECTION = "Your comments"
DOCUMENTS = {"xs": 10, "demo": 150, "L": 20_000, "XL": 200_000}
SAMPLE = 40  # sessions, designs… kept per user: enough variety, bounded at L


def ensure_data(size: str, seed: int, documents: int | None, out: TextIO = sys.stdout) -> dict[str, Any]:
    """Migrate; generate the size when there is no programme; the documents when there are none."""
    from django.core.management import call_command

    from bench.generate import generate
    from relais.knowledge.models import Document
    from relais.programmes.models import Programme

    done: dict[str, Any] = {}
    call_command("migrate", interactive=False, verbosity=0)
    if not Programme.objects.exists():
        print(f"Empty database: generating size {size} (seed {seed})…", file=out)
        started = time.perf_counter()
        generate(size=size, seed=seed, out=out)
        done["generated_s"] = round(time.perf_counter() - started, 1)
    if not Document.objects.exists():
        from bench import knowledge_bench

        count = DOCUMENTS[size] if documents is None else documents
        print(f"  no document: generating {count:,} as bench/knowledge_bench.py does", file=out)
        started = time.perf_counter()
        knowledge_bench.generate(count, seed)
        done["documents_s"] = round(time.perf_counter() - started, 1)
    return done


def rebuild_index() -> dict[str, Any]:
    from relais.knowledge.search import replica

    stats = replica.rebuild()
    return {"documents": stats.documents, "seconds": round(stats.seconds, 1)}


def _sample(rng: random.Random, values: list[Any], k: int = SAMPLE) -> list[Any]:
    return sorted(rng.sample(values, k)) if len(values) > k else list(values)


# -- staff ----------------------------------------------------------------------------------------
def staff_menu(user: Any, role: str, rng: random.Random) -> StaffMenu:
    from django.db.models import Q
    from django.http import Http404

    from relais.delivery.models import SessionStatus
    from relais.delivery.scoping import people_visible, sessions_manageable, sessions_visible
    from relais.delivery.selectors_people import may_read_people
    from relais.delivery.selectors_sessions import may_read_sessions
    from relais.design.selectors import designs_visible
    from relais.evaluation.scoping import programmes_for_results, results_scope

    menu = StaffMenu(email=user.email, role=role)
    if may_read_sessions(user=user):
        visible = sessions_visible(user=user)
        menu.sessions = _sample(rng, list(visible.order_by("pk").values_list("pk", flat=True)))
        menu.countries = sorted(set(visible.order_by().values_list("country_id", flat=True)))
        recordable = visible.exclude(status=SessionStatus.CANCELLED).filter(
            Q(pk__in=sessions_manageable(user=user).values("pk")) | Q(pk__in=visible.filter(trainers=user).values("pk"))
        )
        menu.attendance = _sample(rng, list(recordable.order_by("pk").values_list("pk", flat=True)))
        delivered = visible.filter(status__in=[SessionStatus.DELIVERED, SessionStatus.CLOSED])
        menu.results_sessions = _sample(rng, list(delivered.order_by("pk").values_list("pk", flat=True)))
    for programme in programmes_for_results(user=user):
        try:
            results_scope(user=user, programme_pk=programme.pk)
        except Http404:
            continue
        menu.programmes.append(programme.pk)
    menu.programmes = _sample(rng, menu.programmes)
    menu.designs = _sample(rng, list(designs_visible(user=user).order_by("pk").values_list("pk", flat=True)))
    if may_read_people(user=user):
        names = list(people_visible(user=user).order_by("pk").values_list("last_name", flat=True)[:1000])
        chosen = rng.sample(names, min(12, len(names)))
        menu.name_prefixes = sorted({n[: rng.randint(3, 5)] for n in chosen if len(n) >= 3})
    return menu


def staff_users() -> dict[str, list[Any]]:
    """Active non-administrators by role (by e-mail); trainers only if they train a session."""
    from relais.accounts.models import User
    from relais.delivery.models import Session
    from relais.programmes.models import ProgrammeRole

    users: dict[str, list[Any]] = {}
    for role in set(STAFF_ROLES):
        ids = ProgrammeRole.objects.filter(role=role).values("user_id")
        qs = User.objects.filter(pk__in=ids, is_active=True, is_superuser=False)
        if role == "trainer":
            qs = qs.filter(pk__in=Session.trainers.through.objects.values("user_id"))
        users[role] = list(qs.order_by("email"))
    return users


# -- attendance -----------------------------------------------------------------------------------
def attendance_desks(out: TextIO) -> list[tuple[Any, int]]:
    """(user, session) pairs for the sign-in desks: planned or open sessions with people expected,
    with their trainers and the coordinators of their country, interleaved so that the first desks
    are at different sessions."""
    from django.db.models import Count, Q

    from relais.delivery.models import Session, SessionStatus
    from relais.delivery.selectors_attendance import EXPECTED
    from relais.programmes.models import ProgrammeRole, Role

    def sessions(statuses: list[str]) -> list[Session]:
        qs = Session.objects.filter(status__in=statuses).annotate(
            expected=Count("registrations", filter=Q(registrations__status__in=EXPECTED))
        )
        return list(qs.filter(expected__gt=0).order_by("start_date", "pk")[:20])

    chosen = sessions([SessionStatus.PLANNED, SessionStatus.OPEN])
    if not chosen:
        print("  no planned or open session with people expected: sign-in desks at delivered sessions", file=out)
        chosen = sessions([SessionStatus.DELIVERED])
    per_session: list[list[Any]] = []
    for session in chosen:
        people = list(session.trainers.filter(is_active=True).order_by("email"))
        coordinators = ProgrammeRole.objects.filter(
            programme_id=session.programme_id, role=Role.COORDINATOR, countries=session.country_id, user__is_active=True
        ).select_related("user")
        people += sorted({r.user for r in coordinators if r.user not in people}, key=lambda u: u.email)
        per_session.append([(u, session.pk) for u in people if not u.is_superuser])
    pairs: list[tuple[Any, int]] = []
    for turn in range(max((len(p) for p in per_session), default=0)):
        pairs.extend(p[turn] for p in per_session if turn < len(p))
    return pairs


# -- personal links -------------------------------------------------------------------------------
LIKERT_TEXTS = (
    "The training was relevant to my work.",
    "The trainers knew their subject and explained it clearly.",
    "The methods used helped me learn.",
    "The materials are useful and I will use them in my work.",
    "Interpretation allowed me to follow every session.",
    "The organisation was good.",
    "I met counterparts from other agencies and countries.",
    "Overall, I am satisfied with the training.",
)
COMMENT_TEXTS = ("What was most useful to you, and why?", "What should be improved for the next sessions?")


def _load_questionnaire(actor: Any, session: Any) -> Any:
    """A satisfaction questionnaire of two pages, open for answers: the standard items of the library
    (or, when the library has none, the same questions added with `item_create`), the comments on
    the second page."""
    from relais.evaluation.models import ItemType, QuestionnaireKind
    from relais.evaluation.services_builder import questionnaire_create
    from relais.evaluation.services_builder_items import item_create, item_update
    from relais.evaluation.services_builder_rules import ItemData
    from relais.evaluation.services_builder_sections import section_create
    from relais.evaluation.services_builder_settings import questionnaire_status_set

    questionnaire = questionnaire_create(
        actor=actor, session=session, kind=QuestionnaireKind.SATISFACTION, title=LOAD_TITLE
    )
    section = section_create(actor=actor, questionnaire=questionnaire, title=COMMENTS_SECTION)
    if not questionnaire.items.exists():  # a database flushed after its migrations has no standard items
        for text in LIKERT_TEXTS:
            item_create(actor=actor, questionnaire=questionnaire, data=ItemData(type=ItemType.LIKERT, text=text))
        for text in COMMENT_TEXTS:
            data = ItemData(type=ItemType.LONG_TEXT, text=text, required=False, section_id=section.pk)
            item_create(actor=actor, questionnaire=questionnaire, data=data)
    for item in questionnaire.items.filter(type=ItemType.LONG_TEXT, section__isnull=True).order_by("position"):
        data = ItemData(
            type=item.type,
            text=item.text,
            help=item.help,
            required=item.required,
            options=list(item.options or []),
            correct=list(item.correct or []),
            points=Decimal(item.points or 0),
            objective_id=item.objective_id,
            role=item.role,
            section_id=section.pk,
        )
        item_update(actor=actor, item=item, data=data)
    questionnaire_status_set(actor=actor, questionnaire=questionnaire, action="open")
    return questionnaire


def personal_links(needed: int, out: TextIO) -> tuple[list[str], dict[str, int]]:
    """Tokens of `needed` unused personal links (or more), made through the services when the links
    of earlier runs are not enough."""
    from django.db.models import Count, Exists, OuterRef, Q
    from django.utils import timezone

    from relais.accounts.models import User
    from relais.delivery.models import Session, SessionStatus
    from relais.evaluation.models import Invitation, QuestionnaireStatus, Response
    from relais.evaluation.services_invitations import invitations_create

    answered = Response.objects.filter(
        questionnaire_id=OuterRef("questionnaire_id"), registration_id=OuterRef("registration_id")
    )
    unused = (
        Invitation.objects.filter(
            questionnaire__title=LOAD_TITLE,
            questionnaire__status=QuestionnaireStatus.OPEN,
            expires_at__gt=timezone.now() + dt.timedelta(hours=2),
        )
        .exclude(Exists(answered))
        .order_by("pk")
    )
    tokens = list(unused.values_list("token", flat=True))
    facts = {"links_kept": len(tokens), "questionnaires_made": 0, "links_made": 0}
    actor = User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
    tried: set[int] = set()
    for status in (SessionStatus.DELIVERED, SessionStatus.CLOSED):
        while len(tokens) < needed:
            candidates = (
                Session.objects.filter(status=status)
                .exclude(pk__in=tried)
                .annotate(made=Count("questionnaires", filter=Q(questionnaires__title=LOAD_TITLE)))
                .order_by("made", "pk")
            )
            session = candidates.first()
            if session is None:
                break
            tried.add(session.pk)
            questionnaire = _load_questionnaire(actor, session)
            made = invitations_create(actor=actor, questionnaire=questionnaire, source="load test")
            facts["questionnaires_made"] += 1
            facts["links_made"] += len(made)
            tokens += [i.token for i in made]
    if len(tokens) < needed:
        print(f"  only {len(tokens)} personal links for the {needed} wanted", file=out)
    return tokens, facts


# -- the plan -------------------------------------------------------------------------------------
def links_needed(participants: int, seconds: float, think: tuple[float, float] = THINK_S) -> int:
    """A participant uses a link in three actions (open, page 1, send) with a thought after each: a
    margin over one link per three mean thoughts (and a tenth of a second per action)."""
    cycle = 3 * (sum(think) / 2 + 0.1)
    return participants * math.ceil(seconds / (cycle * 0.75)) + 10


def prepare(
    *, users: int, seconds: float, seed: int, think: tuple[float, float] = THINK_S, out: TextIO = sys.stdout
) -> Plan:
    """The personas of `users` virtual users and what they need, for a run of `seconds` (ramp included)."""
    from bench import knowledge_bench
    from bench.server import login_cookies
    from relais.knowledge.models import Document

    kinds = [PERSONA_CYCLE[i % len(PERSONA_CYCLE)] for i in range(users)]
    by_role = staff_users()
    menus: dict[tuple[int, str], StaffMenu] = {}

    def menu_of(user: Any, role: str) -> StaffMenu:
        if (user.pk, role) not in menus:
            menus[(user.pk, role)] = staff_menu(user, role, random.Random(f"{seed}:menu:{user.pk}:{role}"))
        return menus[(user.pk, role)]

    personas: list[Persona] = []
    staff_seen: dict[str, int] = {}
    used: set[int] = set()
    desks = attendance_desks(out)
    desk_turn = 0
    for kind in kinds:
        if kind == "staff":
            n = sum(staff_seen.values())
            role = STAFF_ROLES[n % len(STAFF_ROLES)]
            pool = by_role.get(role) or by_role["coordinator"]
            user = pool[staff_seen.get(role, 0) % len(pool)]
            staff_seen[role] = staff_seen.get(role, 0) + 1
            used.add(user.pk)
            personas.append(Persona("staff", login_cookies(user), menu_of(user, role)))
        elif kind == "attendance":
            if not desks:
                raise SystemExit("No session where attendance can be recorded: regenerate the database.")
            user, session_pk = desks[desk_turn % len(desks)]
            desk_turn += 1
            used.add(user.pk)
            personas.append(Persona("attendance", login_cookies(user), session=session_pk))
        else:
            personas.append(Persona(kind))
    # Those who sign in with their password: coordinators and trainers no staff persona uses, from the
    # end of the list (the staff personas take theirs from the start).
    logins = [p for p in personas if p.kind == "login"]
    if logins:
        pool = [(u, r) for r in ("coordinator", "trainer", "manager") for u in reversed(by_role.get(r, []))]
        free = [(u, r) for u, r in pool if u.pk not in used] or pool
        for n, persona in enumerate(logins):
            user, role = free[n % len(free)]
            persona.menu = menu_of(user, role)
    participants = kinds.count("participant")
    tokens, link_facts = personal_links(links_needed(participants, seconds, think), out) if participants else ([], {})
    queries = [(q, filters) for _label, q, filters in knowledge_bench.QUERIES]
    public = list(Document.objects.filter(access="public").order_by("pk").values_list("pk", flat=True)[:200])
    facts: dict[str, Any] = {
        "personas": {k: kinds.count(k) for k in dict.fromkeys(kinds)},
        "staff_roles": {p.menu.role: 0 for p in personas if p.menu and p.kind == "staff"},
        "staff_users": len({p.menu.email for p in personas if p.menu and p.kind == "staff"}),
        "attendance_sessions": sorted({p.session for p in personas if p.session is not None}),
        "login_users": sorted({p.menu.email for p in logins if p.menu}),
        "links": len(tokens),
        **link_facts,
        "public_documents": len(public),
    }
    for p in personas:
        if p.menu and p.kind == "staff":
            facts["staff_roles"][p.menu.role] += 1
    return Plan(personas=personas, links=Links(tokens), queries=queries, public_documents=public, facts=facts)
