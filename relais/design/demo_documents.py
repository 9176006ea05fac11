"""Demo step 61: the demo designs draw on the demo documents — module materials that are documents,
needs sources written as text that become links to the documents they are, further reading — all
through the design services, then `references_link_documents()` for any other reference that names a
document.

It lives in the design app (designs use documents; documents know nothing of designs) and is
registered from relais.design.navigation.
"""

from __future__ import annotations

import logging
from typing import Any

from relais.core.demo import DemoContext, DemoStep, register_demo_step

log = logging.getLogger(__name__)

DEMO_PROGRAMME = "thb-labour-demo"

# Materials of the demo designs' modules: (design title, module title) -> document keys.
MATERIALS: dict[tuple[str, str], list[str]] = {
    ("national", "Forced labour indicators and the legal framework"): ["en-indicators", "en-standards"],
    ("national", "Case study: seasonal workers in agriculture"): ["en-seasonal-case"],
    ("national", "Who does what in the national referral mechanism"): ["en-referral", "sr-referral"],
    ("national", "Simulation: a joint labour and police inspection"): ["en-simulation", "en-inspection"],
    ("national", "Interviewing presumed victims"): ["en-interview", "en-role-play"],
    ("regional", "Mutual legal assistance and European instruments"): ["en-eio", "fr-mla"],
    ("regional", "Joint investigation teams: how and when"): ["en-jit", "en-module3", "en-jit-model"],
    ("regional", "Drafting a request for mutual legal assistance"): ["en-mla-exercise"],
    ("regional", "Hearing victims abroad: videoconference and protection"): ["en-videoconference"],
    ("regional", "Mock trial: evidence gathered abroad"): ["en-mock-trial"],
    ("bilateral", "Police cooperation channels"): ["en-police-channels"],
    ("bilateral", "Following the money"): ["en-financial", "en-module4"],
    ("bilateral", "Group work: mapping the network"): ["en-network-mapping"],
    ("bilateral", "Simulation: a joint action day"): ["en-action-days"],
}
# Sources of the needs assessments written as text in the design demo, and the document each is.
SOURCES: dict[tuple[str, str], str] = {
    ("national", "Needs survey of 84 practitioners (fictional)"): "en-needs-survey",
    ("national", "Case statistics 2022–2024 (fictional)"): "en-case-statistics",
    ("regional", "Survey of prosecution services on the route (fictional)"): "en-prosecution-survey",
    ("failing", "Inspectorate annual report (fictional)"): "bg-annual",
}
# Further reading of the designs.
READING: dict[str, list[tuple[str, str]]] = {
    "national": [
        ("en-trainer-manual", "How to run each module, with timings."),
        ("en-digest", "Judgments to quote in the case study."),
        ("sr-indicators", "The indicators in Serbian, for the participants."),
    ],
    "regional": [
        ("en-digest", "Judgments on evidence gathered abroad."),
        ("en-collapse", "Why cases fail: read before the mock trial."),
    ],
    "bilateral": [
        ("en-asset-recovery", "Confiscation and compensation in practice."),
        ("ro-seasonal", "The workers' side of the Romania–Italy corridor."),
        ("it-caporalato", "The Italian side: gangmasters in agriculture."),
    ],
}


def _documents(context: DemoContext) -> dict[str, Any]:
    """The demo documents by catalogue key (from the knowledge step, else found by title)."""
    from relais.knowledge.demo_catalogue import CATALOGUE
    from relais.knowledge.models import Document

    found = context.objects.get("documents")
    if found:
        return dict(found)
    keys = {e.key for e in CATALOGUE}
    wanted = {k for ks in MATERIALS.values() for k in ks} | set(SOURCES.values())
    wanted |= {k for items in READING.values() for k, _n in items}
    titles = {e.title: e.key for e in CATALOGUE if e.key in wanted and e.key in keys}
    return {titles[d.title]: d for d in Document.objects.filter(title__in=list(titles))}


def build_design_links(context: DemoContext) -> None:
    from relais.design import services, services_agenda
    from relais.design.demo import BILATERAL, FAILING, NATIONAL, REGIONAL
    from relais.design.models import ActivityDesign, AgendaModule
    from relais.knowledge.demo import admin_of

    admin = admin_of(context)
    documents = _documents(context)
    specs = {"national": NATIONAL, "regional": REGIONAL, "bilateral": BILATERAL, "failing": FAILING}
    designs = {
        key: ActivityDesign.objects.filter(programme__code=DEMO_PROGRAMME, title=spec["title"]).first()
        for key, spec in specs.items()
    }
    counts = {"materials": 0, "sources": 0, "reading": 0}
    for (design_key, module_title), keys in MATERIALS.items():
        design = designs.get(design_key)
        module = AgendaModule.objects.filter(day__design=design, title=module_title).first() if design else None
        if module is None:
            continue
        for key in keys:
            if key in documents:
                services_agenda.material_add(actor=admin, module=module, document=documents[key])
                counts["materials"] += 1
    # The sources written as text become links to the documents they are (same note).
    for (design_key, source_title), key in SOURCES.items():
        design = designs.get(design_key)
        source = design.needs_sources.filter(title=source_title, document__isnull=True).first() if design else None
        if design is None or source is None or key not in documents:
            continue
        note = source.note
        services.needs_source_delete(actor=admin, source=source)
        services.needs_source_add(actor=admin, design=design, document=documents[key], note=note)
        counts["sources"] += 1
    for design_key, items in READING.items():
        design = designs.get(design_key)
        if design is None:
            continue
        for key, note in items:
            if key in documents:
                services.design_reference_add(actor=admin, design=design, document=documents[key], note=note)
                counts["reading"] += 1
    # Any other reference that names a document (by its page, DOI, address or title) is linked too.
    linked = services.references_link_documents(actor=admin)
    counts["materials"] += linked["materials"]
    counts["sources"] += linked["sources"]
    context.objects["design_document_links"] = counts
    log.info("demo design links to documents: %s", counts)


def _loaded() -> bool:
    from relais.design.models import DesignReference

    return DesignReference.objects.exists()


def register() -> None:
    register_demo_step(DemoStep(key="design_documents", order=61, run=build_design_links, is_loaded=_loaded))
