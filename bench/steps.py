"""The generator's steps, in order. A capability that adds data adds its step here, before "audit"
(which writes events about the records of every step before it).

A step draws only from ctx.rng(its name), reads what earlier steps left in ctx.objects, writes with
bulk_create(batch_size=…) or bench.sql.insert_rows, and records its row counts with ctx.add_count.
"""

from __future__ import annotations

from bench import (
    evaluation_gen_answers,
    evaluation_gen_sessions,
    gen_api,
    gen_audit,
    gen_delivery,
    gen_designs,
    gen_documents,
    gen_invitations,
    gen_lessons,
    gen_library,
    gen_programmes,
    gen_publications,
    gen_results,
)
from bench.context import Step

STEPS: list[Step] = [
    Step("programmes", gen_programmes.generate_programmes),
    Step("team", gen_programmes.generate_team),
    Step("results", gen_results.generate_results),
    Step("designs", gen_designs.generate_designs),
    # Its own step, so that its time — what an administrator's change to a rule costs — is reported.
    Step("design_check", gen_designs.generate_design_check),
    # Sessions, people and registrations, then what evaluation reads: questionnaires, responses with
    # their totals, answers, learning scores, contacts and cooperation events.
    Step("sessions", evaluation_gen_sessions.generate_sessions),
    Step("evaluation", evaluation_gen_answers.generate_evaluation),
    # Organisations, partners, and the people's and registrations' organisations.
    Step("organisations", gen_delivery.generate_organisations),
    # People's languages and consents, sessions' languages, attendance per day, certificates, imports.
    Step("delivery", gen_delivery.generate_delivery),
    # Personal links to questionnaires, and the sessions' entry pages.
    Step("invitations", gen_invitations.generate_invitations),
    Step("lessons", gen_lessons.generate_lessons),
    # The programmes' own item libraries (questions saved from their questionnaires).
    Step("library", gen_library.generate_library),
    # The knowledge centre (size.documents), its catalogue's extras and the designs' links to it.
    Step("documents", gen_documents.generate_documents),
    # The search index of those documents, under settings.RELAIS_SEARCH_DIR.
    Step("search_index", gen_documents.generate_search_index),
    # Results reports and replication kits, built for real (their files), and failed attempts.
    Step("publications", gen_publications.generate_publications),
    Step("api", gen_api.generate_api_tokens),
    Step("audit", gen_audit.generate_audit_events),
]
