"""The knowledge centre part of the demo (issue 6 §7), one step after the evaluation steps:

- 150 documents (demo_catalogue) in fourteen languages, each with a file whose text is composed in
  its language (demo_texts, demo_texts_route) and made as PDF, DOCX, PPTX, ODT, XLSX, TXT or HTML
  (demo_files); a few have two versions; about a fifth are internal;
- titles in English (and some in French) for the documents in other languages, eleven translation
  groups and five collections;
- finally a fresh search index (the services wrote the change log; the rebuild makes the demo's
  replica current at once).

Step 61 (relais.design.demo_documents) then links the demo designs to these documents.

Everything goes through the services (audit events, search change log, upload checks, text
extraction in-line). Deterministic: the metadata and texts come from fixed seeds.
`register()` is called from relais.knowledge.navigation.
"""

from __future__ import annotations

import html
import logging
import random
import re
import time
import unicodedata
from typing import Any

from django.db import transaction

from relais.core.demo import DemoContext, DemoStep, register_demo_step
from relais.knowledge.demo_catalogue import CATALOGUE, COLLECTIONS, Entry
from relais.knowledge.demo_files import Body, build
from relais.knowledge.demo_texts import compose, topics_of
from relais.knowledge.models import Document

log = logging.getLogger(__name__)

SEED = 60

# People who write the documents, by language (fictional names, with their diacritics; Hungarian
# names family name first, as Hungarian writes them, hence "Family, Given" so citations read them).
AUTHORS: dict[str, list[str]] = {
    "en": [
        "Sarah Whitfield", "James O'Connor", "Priya Raman", "Thomas Green", "Helen Carter", "Michael Evans",
        "Rachel Donovan", "Daniel Hughes", "Ana Marković", "Ștefan Popescu", "Đorđe Petrović", "Élodie Martin",
        "Jürgen Bauer", "Giulia Conti", "Katarzyna Nowak",
    ],
    "fr": [
        "Élodie Martin", "François Lefèvre", "Amélie Dubois", "Benoît Girard", "Céline Moreau", "Hélène Faure",
        "Noémie Laurent", "Jérôme Bertrand", "Anaïs Roux",
    ],
    "sr": ["Đorđe Petrović", "Ana Marković", "Jelena Stojanović", "Nikola Ilić", "Milica Đukić", "Dragan Šarić"],
    "sq": ["Arben Hoxha", "Elona Dervishi", "Besnik Shehu", "Flutura Kola", "Gëzim Basha", "Jonida Çela"],
    "ro": ["Ștefan Popescu", "Ioana Dumitrescu", "Mihai Constantinescu", "Alina Țăranu", "Răzvan Ionescu"],
    "bg": ["Мария Георгиева", "Димитър Петров", "Елена Николова", "Стефан Иванов", "Цветелина Стоянова"],
    "it": ["Giuseppe Russo", "Chiara Esposito", "Francesca Bianchi", "Luca Ferrari", "Niccolò Galli"],
    "de": ["Jürgen Bauer", "Katrin Müller", "Stefan Gruber", "Ursula Hofer", "Matthias Weiß"],
    "nl": ["Pieter de Vries", "Sanne Bakker", "Joost van Dijk", "Femke Visser"],
    "hr": ["Ivana Horvat", "Marko Kovačić", "Petra Babić", "Tomislav Jurić"],
    "bs": ["Amra Hadžić", "Emir Begić", "Lejla Mehić", "Kenan Hodžić"],
    "mk": ["Александар Петровски", "Билјана Стојановска", "Марија Николовска", "Горан Трајковски"],
    "hu": ["Kovács, Zoltán", "Szabó, Éva", "Tóth, Gábor", "Horváth, Erzsébet"],
    "cs": ["Jana Nováková", "Tomáš Dvořák", "Petr Černý", "Lucie Procházková", "Jiří Řezníček"],
}  # fmt: skip

# Publishers (all fictional, and marked so) and their place, by language.
PUBLISHERS: dict[str, list[tuple[str, str]]] = {
    "en": [
        ("Danube Anti-Trafficking Network (fictional)", "Vienna"),
        ("Centre for Labour Mobility Studies (fictional)", "Belgrade"),
        ("South-East Europe Justice Training Academy (fictional)", "Zagreb"),
        ("Route Partnership Secretariat (fictional)", "Brussels"),
        ("Fair Work Research Institute (fictional)", "The Hague"),
    ],
    "fr": [
        ("Centre d'études sur les migrations de travail (fictif)", "Lyon"),
        ("Institut de formation judiciaire européenne (fictif)", "Strasbourg"),
        ("Observatoire de l'exploitation par le travail (fictif)", "Paris"),
        ("Réseau danubien contre la traite (fictif)", "Vienne"),
    ],
    "sr": [
        ("Inspektorat za rad (fiktivno)", "Beograd"),
        ("Centar za istraživanje radne migracije (fiktivno)", "Novi Sad"),
        ("Savetovalište za radnike migrante – Niš (fiktivno)", "Niš"),
    ],
    "sq": [
        ("Inspektorati i Punës (fiktiv)", "Tiranë"),
        ("Qendra e Tiranës për Punëtorët Migrantë (fiktive)", "Tiranë"),
    ],
    "ro": [
        ("Parchetul pentru criminalitate organizată (fictiv)", "București"),
        ("Centrul pentru Studii privind Migrația Forței de Muncă (fictiv)", "Iași"),
        ("Asociația pentru Drepturile Lucrătorilor (fictivă)", "Cluj-Napoca"),
    ],
    "bg": [
        ("Инспекция по труда (фиктивна)", "София"),
        ("Център за изследване на трудовата миграция (фиктивен)", "Пловдив"),
    ],
    "it": [
        ("Ispettorato del lavoro (fittizio)", "Roma"),
        ("Sindacato dei braccianti (fittizio)", "Bari"),
        ("Osservatorio sullo sfruttamento lavorativo (fittizio)", "Milano"),
    ],
    "de": [
        ("Finanzpolizei (fiktiv)", "Wien"),
        ("Arbeitsrechtsberatung Wien (fiktiv)", "Wien"),
        ("Institut für Arbeitsmigration (fiktiv)", "Graz"),
    ],
    "nl": [("Arbeidsinspectie (fictief)", "Den Haag"), ("Kenniscentrum Arbeidsmigratie (fictief)", "Utrecht")],
    "hr": [("Županijski sud u Zagrebu (fiktivno)", "Zagreb"), ("Institut za radne migracije (fiktivno)", "Zagreb")],
    "bs": [
        ("Kantonalno tužilaštvo (fiktivno)", "Sarajevo"),
        ("Centar za ljudska prava i migracije (fiktivno)", "Tuzla"),
    ],
    "mk": [("Инспекторат за труд (фиктивен)", "Скопје"), ("Центар за трудови права (фиктивен)", "Битола")],
    "hu": [("Munkaügyi Kutatóközpont (fiktív)", "Budapest"), ("Migrációs és Munkaügyi Intézet (fiktív)", "Szeged")],
    "cs": [
        ("Fórum férového náboru zaměstnavatelů (fiktivní)", "Praha"),
        ("Institut pro pracovní migraci (fiktivní)", "Brno"),
    ],
}  # fmt: skip

# The country of a document in the language of one country of the route (or one of two).
LANGUAGE_COUNTRIES = {
    "sr": ["RS"],
    "sq": ["AL", "XK"],
    "ro": ["RO", "MD"],
    "bg": ["BG"],
    "it": ["IT"],
    "de": ["AT"],
    "nl": ["NL"],
    "hr": ["HR"],
    "bs": ["BA"],
    "mk": ["MK"],
    "hu": ["HU"],
    "cs": ["CZ"],
}
ROUTE = ["AL", "BA", "BG", "XK", "MD", "MK", "RO", "RS", "HR", "HU", "ME", "AT", "CZ", "IT", "NL"]
THEME_AUDIENCES = {
    "thb_labour": ["labour_inspection", "police", "civil_society"],
    "judicial_cooperation": ["prosecution", "judiciary"],
    "police_investigation": ["police", "specialised_investigation"],
    "victim_identification": ["labour_inspection", "social_services", "civil_society"],
    "legal_framework": ["prosecution", "judiciary"],
    "financial_investigation": ["specialised_investigation", "prosecution"],
    "supply_chains": ["labour_inspection", "private_sector", "government"],
    "victim_assistance": ["social_services", "civil_society"],
    "data_monitoring": ["government"],
}
# Words of the body, by type, for English and French (the languages of the route write shorter).
WORDS = {
    "study": (1400, 2600),
    "report": (1000, 2200),
    "manual": (1400, 2600),
    "guideline": (800, 1600),
    "training_material": (450, 800),
    "legal_text": (600, 1400),
    "case_law": (500, 1200),
}
PDF_WORDS_MAX = 500  # a PDF's text is read back page by page: keep the demo quick
ALL_LANGUAGES = ["en", "fr", "sr", "sq", "ro", "bg", "it", "de", "nl", "hr", "bs", "mk", "hu", "cs"]


def _rng(*parts: object) -> random.Random:
    return random.Random("|".join(str(p) for p in (SEED, *parts)))  # noqa: S311 - fictional demo data


def isbn13(rng: random.Random) -> str:
    """A syntactically valid ISBN-13 (978 prefix, correct check digit)."""
    digits = [9, 7, 8] + [rng.randrange(10) for _i in range(9)]
    total = sum(d * (1 if i % 2 == 0 else 3) for i, d in enumerate(digits))
    return "".join(map(str, digits)) + str((10 - total % 10) % 10)


def file_name(entry: Entry, ext: str, rng: random.Random, *, edition: int = 1) -> str:
    """A name as people give them: the title's first words, the year, sometimes an edition."""
    source = entry.title if entry.language not in ("bg", "mk") or rng.random() < 0.5 else entry.title_en
    words = re.findall(r"\w+", unicodedata.normalize("NFC", source))[:7]
    year = entry.year or ""
    lower = rng.random() < 0.5
    stem = "-".join(w.lower() for w in words) + f"-{year}" if lower else "_".join(words) + f"_{year}"
    if edition > 1:
        stem += "-2nd-edition" if "-" in stem else "_2nd_edition"
    return f"{stem}.{ext}"


def metadata(entry: Entry, index: int) -> dict[str, Any]:
    """The values of document_create for an entry: what the entry fixes, the rest seeded."""
    rng = _rng("meta", entry.key)
    language = entry.language
    publishers = dict(PUBLISHERS[language])
    if entry.authors:
        authors = list(entry.authors)
    elif rng.random() < 0.15:
        authors = [PUBLISHERS[language][0][0]]
    else:
        authors = rng.sample(AUTHORS[language], k=rng.choice([1, 1, 2, 2, 3]))
    publisher, place = rng.choice(PUBLISHERS[language])
    if len(authors) == 1 and authors[0] in publishers:
        # Written by the publishing body itself: no personal author (citations then name the body).
        publisher, place, authors = authors[0], publishers[authors[0]], []
    year = entry.year or rng.randrange(2012, 2027)
    if entry.countries:
        countries = list(entry.countries)
    elif language in LANGUAGE_COUNTRIES:
        countries = [rng.choice(LANGUAGE_COUNTRIES[language])]
    else:
        countries = sorted(rng.sample(ROUTE, k=rng.choice([0, 0, 1, 2, 3, 4])))
    audiences: list[str] = []
    for theme in entry.themes:
        audiences += [a for a in THEME_AUDIENCES[theme] if a not in audiences]
    audiences = sorted(rng.sample(audiences, k=min(len(audiences), rng.randint(2, 4))))
    isbn = doi = url = ""
    if entry.kind in ("study", "manual", "report", "guideline") and rng.random() < 0.35:
        isbn = isbn13(rng)
    if entry.kind in ("study", "report", "case_law") and rng.random() < 0.4:
        doi = f"10.5555/relais.{year}.{index:03d}"
    if rng.random() < 0.15:
        url = f"https://publications.example.org/{entry.key}"
    languages = ALL_LANGUAGES if entry.key == "en-glossary" else [language]
    return {
        "kind": entry.kind,
        "title": entry.title,
        "abstract": f"<p>{html.escape(entry.abstract, quote=False)}</p>",
        "language": language,
        "languages": languages,
        "authors": authors,
        "publisher": publisher,
        "place": place,
        "year": year,
        "isbn": isbn,
        "doi": doi,
        "url": url,
        "access": "internal" if entry.internal else "public",
        "themes": list(entry.themes),
        "countries": countries,
        "audiences": audiences,
    }


def body_of(entry: Entry, values: dict[str, Any], *, edition: int = 2, versions: int = 1) -> Body:
    """The text of a document: the title, the lines under it and its sections."""
    rng = _rng("words", entry.key)
    low, high = WORDS[entry.kind]
    if entry.language not in ("en", "fr"):
        low, high = (350, 600) if entry.kind == "training_material" else (500, 750)
    words = rng.randrange(low, high)
    if entry.file == "pdf":
        words = min(words, PDF_WORDS_MAX)
    if versions > 1 and edition == 1:
        words = int(words * 0.7)
    sections = compose(
        language=entry.language,
        topics=topics_of(list(entry.themes), entry.kind),
        words=words,
        seed=hash_seed(entry.key, edition),
    )
    front = [", ".join(values["authors"])] if values["authors"] else []
    front.append(f"{values['publisher']}, {values['place']} {values['year']}")
    identifiers = [f"ISBN {values['isbn']}"] if values["isbn"] else []
    identifiers += [f"DOI {values['doi']}"] if values["doi"] else []
    if identifiers:
        front.append(" · ".join(identifiers))
    return Body(
        title=entry.title,
        language=entry.language,
        authors=values["authors"] or [values["publisher"]],
        front=front,
        sections=sections,
        year=values["year"],
    )


def hash_seed(key: str, edition: int) -> int:
    """A seed from the key that does not depend on Python's string hashing (randomised per process)."""
    return sum((i + 1) * ord(ch) for i, ch in enumerate(f"{key}#{edition}")) + SEED


def admin_of(context: DemoContext) -> Any:
    from relais.accounts.models import User

    admin = context.objects.get("user:admin")
    if admin is None:
        admin = User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
    return admin


def build_documents(context: DemoContext, admin: Any) -> dict[str, Document]:
    from relais.core.models import Country, Profession, Theme
    from relais.knowledge.services import document_create, document_title_set
    from relais.knowledge.services_files import file_add

    # The themes, countries and audiences as objects (the service looks codes up one by one).
    lookups = {
        name: {obj.code: obj for obj in model.objects.all()}
        for name, model in (("themes", Theme), ("countries", Country), ("audiences", Profession))
    }
    documents: dict[str, Document] = {}
    for index, entry in enumerate(CATALOGUE, start=1):
        values = metadata(entry, index)
        relations = {name: [lookups[name][code] for code in values[name]] for name in lookups}
        document = document_create(actor=admin, **{**values, **relations})
        documents[entry.key] = document
        names = _rng("name", entry.key)
        versions = 2 if entry.second_version else 1
        for edition in range(1, versions + 1):
            data = build(entry.file, body_of(entry, values, edition=edition, versions=versions))
            note = entry.second_version if edition == 2 else ""
            name = file_name(entry, entry.file, names, edition=edition)
            file_add(actor=admin, document=document, data=data, filename=name, note=note, extract_now=True)
        if entry.title_en and entry.language != "en":
            document_title_set(actor=admin, document=document, language="en", title=entry.title_en)
        if entry.title_fr and entry.language != "fr":
            document_title_set(actor=admin, document=document, language="fr", title=entry.title_fr)
    return documents


def link_translations(admin: Any, documents: dict[str, Document]) -> None:
    from relais.knowledge.services import translation_link

    groups: dict[str, list[Document]] = {}
    for entry in CATALOGUE:
        if entry.group:
            groups.setdefault(entry.group, []).append(documents[entry.key])
    for members in groups.values():
        first = members[0]
        for other in members[1:]:
            first.refresh_from_db(fields=["translation_group"])
            other.refresh_from_db(fields=["translation_group"])
            translation_link(actor=admin, document=first, other=other)


def build_collections(admin: Any, documents: dict[str, Document]) -> None:
    from relais.knowledge.services_collections import collection_create, collection_item_add

    for title, description, access, keys in COLLECTIONS:
        collection = collection_create(actor=admin, title=title, description=description, access=access)
        for key in keys:
            collection_item_add(actor=admin, collection=collection, document=documents[key])


def build_knowledge(context: DemoContext) -> None:
    from relais.knowledge.search import replica

    start = time.perf_counter()
    admin = admin_of(context)
    with transaction.atomic():
        documents = build_documents(context, admin)
        link_translations(admin, documents)
        build_collections(admin, documents)
        replica.rebuild()
    context.objects["documents"] = documents
    log.info("demo knowledge centre: %s documents in %.1f s", len(documents), time.perf_counter() - start)


def register() -> None:
    register_demo_step(DemoStep(key="knowledge", order=60, run=build_knowledge, is_loaded=Document.objects.exists))
