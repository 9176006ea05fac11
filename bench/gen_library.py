"""Step "library": the programmes' own item libraries — questions their M&E officers saved from their
questionnaires to reuse them (as `library_item_from_item` does: a copy in the programme's library,
tagged with the themes of the session's design, the item remembering it).

Each programme that delivered sessions saved 3–8 questions of its pre-tests and satisfaction
questionnaires (distinct texts), on the day after the session. The standard items shared by all
programmes are the migrations' (relais/evaluation/standard_items.py).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from bench.context import Context
from bench.evaluation_gen_sessions import SessionRow
from bench.gen_updates import update_column
from bench.sql import db_datetime
from relais.design.models import ActivityDesign
from relais.evaluation.models import Item, LibraryItem, Questionnaire, QuestionnaireKind
from relais.programmes.models import Role

SAVED_PER_PROGRAMME = (3, 8)
KINDS = (QuestionnaireKind.PRE_TEST, QuestionnaireKind.SATISFACTION)


def generate_library(ctx: Context) -> None:
    rng = ctx.rng("library")
    sessions: dict[int, SessionRow] = {s.pk: s for s in ctx.objects["sessions"]}
    officers: dict[int, int] = {}
    for _pk, user_id, programme_id, role, _label in ctx.objects["roles"]:
        if role == Role.ME_OFFICER:
            officers.setdefault(programme_id, user_id)
    questionnaires: dict[int, list[tuple[int, int, str]]] = defaultdict(list)  # programme: (pk, session, kind)
    for pk, session_id, programme_id, kind in (
        Questionnaire.objects.filter(kind__in=KINDS)
        .order_by("pk")
        .values_list("pk", "session_id", "programme_id", "kind")
    ):
        questionnaires[programme_id].append((pk, session_id, kind))
    design_themes: dict[int, list[int]] = defaultdict(list)
    for design_id, theme_id in ActivityDesign.themes.through.objects.order_by("pk").values_list(
        "activitydesign_id", "theme_id"
    ):
        design_themes[design_id].append(theme_id)

    saved: list[tuple[LibraryItem, int, list[int], dt.datetime]] = []  # item, source item, themes, when
    for programme_id, _code, _title in ctx.objects["programmes"]:
        own = questionnaires.get(programme_id)
        if not own:
            continue
        picked = rng.sample(own, min(len(own), rng.randint(*SAVED_PER_PROGRAMME)))
        items = {q: list(Item.objects.filter(questionnaire_id=q).order_by("position")) for q, _s, _k in sorted(picked)}
        texts: set[str] = set()
        for q, session_id, kind in picked:
            candidates = [i for i in items[q] if i.text not in texts]
            if not candidates:
                continue
            item = rng.choice(candidates)
            texts.add(item.text)
            session = sessions[session_id]
            when = dt.datetime(session.end.year, session.end.month, session.end.day, 17, tzinfo=dt.UTC)
            library_item = LibraryItem(
                programme_id=programme_id, kind=kind, type=item.type, text=item.text, help=item.help,
                options=item.options, correct=item.correct, points=item.points, role=item.role,
                required=item.required, translations=item.translations, created_by_id=officers.get(programme_id),
            )  # fmt: skip
            saved.append((library_item, item.pk, design_themes.get(session.design_id, []), when + dt.timedelta(days=1)))
    LibraryItem.objects.bulk_create([s[0] for s in saved], batch_size=1_000)
    update_column(LibraryItem, "created_at", [(s[0].pk, db_datetime(s[3])) for s in saved])
    through = LibraryItem.themes.through
    themes = [through(libraryitem_id=s[0].pk, theme_id=t) for s in saved for t in s[2]]
    through.objects.bulk_create(themes, batch_size=1_000)
    update_column(Item, "library_item", [(source, s[0].pk) for s in saved for source in [s[1]]])
    ctx.add_count("evaluation.libraryitem (programmes' own)", len(saved))
    ctx.add_count("evaluation.libraryitem_themes", len(themes))
