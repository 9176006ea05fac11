"""Step "publications": the results reports and replication kits that programmes built (PublicationBuild).

A finished build has files (its PDF, DOCX or ZIP: the pages offer them for download), so every
finished build here is real: made by the task's own function (`relais.publications.tasks.run_build`,
as the demo does), its files under MEDIA_ROOT. For each of the first `size.built_reports` programmes
that delivered sessions (every one at demo, L and XL; one at xs, to keep the test quick):
- the results report in English, every section (PDF, DOCX and the HTML preview), published to the
  public (40 %), to the programme (40 %) or kept for the team;
- for one programme in ten, the same report in French, published to the programme;
- the replication kit (PDF and ZIP) of the design it delivered most, in English, for the team.
Besides, a third of the programmes that delivered sessions (every one beyond `built_reports`) have an
earlier report build that failed — a state with no file — with the message the task records.
Builds are requested by a manager of the programme; their times are moved to the weeks before the
bench's "today" (the task stamps the real clock; the files' names keep the real day, as
`report_filename` makes them). About 3 s per report and 0.5 s per kit at every size (a programme
holds about 75 sessions at L and XL).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter, defaultdict

from django.utils import translation

from bench.context import Context
from bench.sizes import TODAY
from relais.delivery.models import SessionStatus
from relais.design.models import ActivityDesign
from relais.programmes.models import Programme, Role
from relais.publications.content import SECTIONS
from relais.publications.kits import kit_title
from relais.publications.models import BuildKind, BuildStatus, PublicationBuild, Visibility
from relais.publications.services import default_title

log = logging.getLogger(__name__)

FRENCH_SHARE = 0.1
FAILED_SHARE = 1 / 3
VISIBILITY = ([Visibility.PUBLIC, Visibility.PROGRAMME, Visibility.TEAM], [40, 40, 20])
FAILED_STEPS = ["Composing the PDF", "Writing the Word document", "Gathering the figures"]


def _report(programme: Programme, language: str, manager: int | None) -> PublicationBuild:
    return PublicationBuild.objects.create(
        kind=BuildKind.REPORT,
        programme=programme,
        title=default_title(programme, language),
        language=language,
        parameters={
            "sections": list(SECTIONS),
            "session_ids": None,
            "summary": "",
            "title": "",
            "formats": ["html", "pdf", "docx"],
        },
        status=BuildStatus.QUEUED,
        created_by_id=manager,
    )


def generate_publications(ctx: Context) -> None:
    from relais.publications import tasks

    rng = ctx.rng("publications")
    delivered: dict[int, Counter[int]] = defaultdict(Counter)  # programme: {design: sessions delivered}
    last: dict[int, dt.date] = {}
    for s in ctx.objects["sessions"]:
        if s.status in (SessionStatus.DELIVERED, SessionStatus.CLOSED):
            delivered[s.programme_id][s.design_id] += 1
            last[s.programme_id] = max(last.get(s.programme_id, s.end), s.end)
    managers: dict[int, int] = {}
    for _pk, user_id, programme_id, role, _label in ctx.objects["roles"]:
        if role == Role.MANAGER:
            managers.setdefault(programme_id, user_id)
    programmes = Programme.objects.in_bulk([pk for pk, _code, _title in ctx.objects["programmes"]])
    ordered = [pk for pk, _code, _title in ctx.objects["programmes"] if delivered.get(pk)]
    built: list[tuple[PublicationBuild, dt.date, str]] = []  # build, day, visibility
    failed = 0
    for n, programme_id in enumerate(ordered):
        programme, manager = programmes[programme_id], managers.get(programme_id)
        day = min(TODAY, last[programme_id] + dt.timedelta(days=rng.randint(14, 60)))
        real = n < ctx.size.built_reports
        if not real or rng.random() < FAILED_SHARE:
            step = rng.choice(FAILED_STEPS)
            with translation.override("en"):
                message = tasks.failure_message(step)
            attempt = _report(programme, "en", manager)
            tried = dt.datetime(day.year, day.month, day.day, 10, tzinfo=dt.UTC) - dt.timedelta(days=rng.randint(1, 5))
            PublicationBuild.objects.filter(pk=attempt.pk).update(
                status=BuildStatus.FAILED, step=step, progress=rng.choice([10, 45, 75]), error=message,
                created_at=tried, started_at=tried + dt.timedelta(seconds=2),
                finished_at=tried + dt.timedelta(seconds=9),
            )  # fmt: skip
            failed += 1
        if not real:
            continue
        visibility = rng.choices(*VISIBILITY)[0]
        builds: list[tuple[PublicationBuild, dt.date, str]] = [(_report(programme, "en", manager), day, visibility)]
        if rng.random() < FRENCH_SHARE:
            builds.append((_report(programme, "fr", manager), day + dt.timedelta(days=2), Visibility.PROGRAMME))
        design = ActivityDesign.objects.get(pk=delivered[programme_id].most_common(1)[0][0])
        kit = PublicationBuild.objects.create(
            kind=BuildKind.KIT,
            programme=programme,
            design=design,
            title=kit_title(design, "en"),
            language="en",
            parameters={"design_id": design.pk, "base_url": ""},
            status=BuildStatus.QUEUED,
            created_by_id=manager,
        )
        builds.append((kit, day + dt.timedelta(days=1), Visibility.TEAM))
        for build, on, seen in builds:
            tasks.run_build.call(build.pk)
            build.refresh_from_db()
            if build.status != BuildStatus.DONE:  # logged by the task; left as it is, as the demo does
                log.warning("bench publication %s (%s) not built: %s", build.pk, build.title, build.error)
            built.append((build, on, seen))
    counts: Counter[str] = Counter()
    for build, on, shown in built:
        start = dt.datetime(on.year, on.month, on.day, 11, tzinfo=dt.UTC)
        done = build.status == BuildStatus.DONE
        PublicationBuild.objects.filter(pk=build.pk).update(
            created_at=start,
            started_at=start + dt.timedelta(seconds=3),
            finished_at=start + dt.timedelta(seconds=40),
            visibility=shown if done else Visibility.TEAM,
            published_at=start + dt.timedelta(days=1) if done and shown != Visibility.TEAM else None,
        )
        counts[f"{build.kind} {build.status}"] += 1
    ctx.add_count("publications.publicationbuild", len(built) + failed)
    for label, n in sorted(counts.items()):
        ctx.add_count(f"publications.publicationbuild ({label}, with files)", n)
    ctx.add_count("publications.publicationbuild (report failed, no file)", failed)
