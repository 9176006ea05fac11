"""The generator's steps, in order. A capability that adds data adds its step here, before "audit"
(which writes events about the records of every step before it), e.g.:

    Step("sessions", gen_sessions.generate_sessions),      # size.sessions
    Step("people", gen_people.generate_people),            # size.people
    Step("answers", gen_answers.generate_answers),         # size.answers
    Step("documents", gen_documents.generate_documents),   # size.documents

A step draws only from ctx.rng(its name), reads what earlier steps left in ctx.objects, writes with
bulk_create(batch_size=…) or bench.sql.insert_rows, and records its row counts with ctx.add_count.
"""

from __future__ import annotations

from bench import evaluation_gen_answers, evaluation_gen_sessions, gen_audit, gen_designs, gen_programmes, gen_results
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
    Step("audit", gen_audit.generate_audit_events),
]
