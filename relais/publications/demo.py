"""The publications part of the demo (issue 7), one step after the knowledge centre (order 70):

- the results report of the demo programme in English, every section, published to the public (it
  is on the public list of publications, without logging in);
- the same report in French, published to the programme (its viewer sees it);
- a replication kit of the national design, in English, for the team.

Each goes through the services a page uses (services.build_request, kits.kit_request; audited) and is then
built at once by the task function itself (`tasks.run_build.call`), so the demo's publications are
ready when the demo is; the run enqueued when the demo's transaction commits finds them built and
does nothing. A build that fails is logged and left unpublished: the rest of the demo still loads.
`register()` is called from relais.publications.navigation.
"""

from __future__ import annotations

import logging
from typing import Any

from relais.core.demo import DemoContext, DemoStep, register_demo_step
from relais.publications.models import BuildStatus, PublicationBuild, Visibility

log = logging.getLogger(__name__)

DEMO_PROGRAMME = "thb-labour-demo"

SUMMARY = {
    "en": (
        "This report presents the results of the demonstration programme on trafficking in human beings for "
        "labour exploitation (all data fictional). Over two years, multidisciplinary trainings brought labour "
        "inspectors, police investigators, prosecutors, judges and civil society together in fifteen countries "
        "of a South-East Europe to EU route.\n\n"
        "Participants' knowledge rose clearly between the pre-tests and the post-tests, most of them reported "
        "using what they learned a few months later, and the contacts made during the sessions grew into a "
        "cooperation network across borders. The lessons learned and the replication guidance at the end of "
        "the report are meant for those who will run these activities elsewhere."
    ),
    "fr": (
        "Ce rapport présente les résultats du programme de démonstration sur la traite des êtres humains à des "
        "fins d'exploitation par le travail (toutes les données sont fictives). En deux ans, des formations "
        "pluridisciplinaires ont réuni inspecteurs du travail, enquêteurs de police, procureurs, juges et "
        "société civile dans quinze pays d'une route de l'Europe du Sud-Est vers l'UE.\n\n"
        "Les connaissances des participants ont nettement progressé entre les pré-tests et les post-tests, la "
        "plupart ont déclaré appliquer leurs acquis quelques mois plus tard, et les contacts noués pendant les "
        "sessions sont devenus un réseau de coopération transfrontalière. Les enseignements tirés et le guide "
        "de réplication, en fin de rapport, s'adressent à celles et ceux qui organiseront ces activités "
        "ailleurs."
    ),
}

# (language, who sees it once built)
REPORTS = (("en", Visibility.PUBLIC), ("fr", Visibility.PROGRAMME))


def _actor(context: DemoContext) -> Any:
    """The demo's programme manager (a builder), else its administrator."""
    from relais.accounts.models import User
    from relais.core.demo import DEMO_DOMAIN

    actor = context.objects.get("user:manager") or context.objects.get("user:admin")
    if actor is None:
        actor = User.objects.filter(email=f"manager@{DEMO_DOMAIN}").first()
    return actor


def _programme(context: DemoContext) -> Any:
    from relais.programmes.models import Programme

    programme = context.objects.get("programme")
    return programme or Programme.objects.filter(code=DEMO_PROGRAMME).first()


def _national_design(context: DemoContext, programme: Any) -> Any:
    from relais.design.demo import NATIONAL
    from relais.design.models import ActivityDesign

    designs = context.objects.get("designs")
    if designs:
        return designs[0]
    return ActivityDesign.objects.filter(programme=programme, title=NATIONAL["title"]).order_by("pk").first()


def _run(build: PublicationBuild) -> PublicationBuild:
    """Build it now, with the task's own function; the build as stored afterwards."""
    from relais.publications import tasks

    tasks.run_build.call(build.pk)
    build.refresh_from_db()
    if build.status != BuildStatus.DONE:
        log.warning("demo publication %s (%s) not built: %s", build.pk, build.title, build.error)
    return build


def build_reports(context: DemoContext, programme: Any, actor: Any) -> list[PublicationBuild]:
    from relais.publications.content import SECTIONS
    from relais.publications.services import build_publish, build_request

    builds = []
    for language, visibility in REPORTS:
        build = build_request(
            actor=actor,
            programme=programme,
            language=language,
            sections=list(SECTIONS),
            session_ids=None,
            summary=SUMMARY[language],
        )
        build = _run(build)
        if build.status == BuildStatus.DONE:
            build = build_publish(actor=actor, build=build, visibility=visibility)
        builds.append(build)
    return builds


def build_kit(context: DemoContext, programme: Any, actor: Any) -> PublicationBuild | None:
    from relais.publications.kits import kit_request

    design = _national_design(context, programme)
    if design is None:
        return None
    from django.conf import settings

    return _run(kit_request(actor=actor, design=design, language="en", base_url=settings.RELAIS_BASE_URL))


def build_publications(context: DemoContext) -> None:
    programme = _programme(context)
    actor = _actor(context)
    if programme is None or actor is None:
        return
    builds = build_reports(context, programme, actor)
    kit = build_kit(context, programme, actor)
    context.objects["publications"] = builds
    context.objects["replication_kit"] = kit
    log.info("demo publications: %s", [(b.pk, b.language, b.status, b.visibility) for b in [*builds, kit] if b])


def register() -> None:
    register_demo_step(
        DemoStep(key="publications", order=70, run=build_publications, is_loaded=PublicationBuild.objects.exists)
    )
