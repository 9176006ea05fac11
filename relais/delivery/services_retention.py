"""The daily retention task: anonymise everyone whose retention period has ended (selectors_retention),
each person in a transaction of their own (person_anonymise is atomic): one failure leaves that person
untouched and does not undo the others. Results are counts per programme, never names."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from relais.delivery.models import Person, Registration
from relais.delivery.selectors_retention import due_people
from relais.delivery.services_anonymise import person_anonymise
from relais.programmes.models import Programme

log = logging.getLogger(__name__)


@dataclass
class RetentionRun:
    due: int = 0
    anonymised: int = 0
    failed: int = 0
    # Programme code -> people due who belong to it (someone in two programmes counts in both).
    per_programme: dict[str, int] = field(default_factory=dict)
    # People due who were registered in no session (RELAIS_RETENTION_WITHOUT_SESSION_MONTHS).
    without_session: int = 0


def retention_apply(*, today: dt.date, programme: Programme | None = None, dry_run: bool = False) -> RetentionRun:
    """Anonymise the people due on or before `today` (of one programme, if given), with reason
    "retention"; with `dry_run`, only count them."""
    due = due_people(today=today, programme=programme)
    run = RetentionRun(due=len(due))
    ids = [d.person_id for d in due]
    pairs = (
        Registration.objects.filter(person_id__in=ids)
        .values_list("person_id", "session__programme__code")
        .distinct()
        .order_by()
    )
    in_programmes = set()
    for person_id, code in sorted(set(pairs)):
        run.per_programme[code] = run.per_programme.get(code, 0) + 1
        in_programmes.add(person_id)
    run.without_session = len(set(ids) - in_programmes)
    if dry_run:
        return run
    for person in Person.objects.filter(pk__in=ids).order_by("pk").iterator(chunk_size=200):
        try:
            person_anonymise(actor=None, person=person, reason="retention")
        except Exception:  # one person's failure must not stop the others: logged, counted, retried tomorrow
            log.exception("Retention: person %s could not be anonymised", person.pk)
            run.failed += 1
        else:
            run.anonymised += 1
    return run
