"""The standard questionnaire items every programme starts with (library items of no programme):
satisfaction and follow-up items proposed for every new questionnaire of their kind (standard), and
a bank of scored knowledge questions on trafficking for labour exploitation for pre- and post-tests
(relais.evaluation.standard_items_bank, in the library but not standard: a test is built from the
questions that fit the design's learning objectives).

English, with French translations in the format of Item.translations:
{"fr": {"text": "…", "help": "…", "options": {"<value>": "…"}}}.

`load_standard_items()` adds the items that are missing (matched by their English text), so it can
run again: from the data migration (with the migration's historical models), from the demo, and from
the browser tests after a flush.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

SATISFACTION = "satisfaction"
FOLLOW_UP = "follow_up"
PRE_TEST = "pre"


@dataclass(frozen=True)
class Spec:
    """One library item: English text, French translation, and for the bank its key and domain."""

    kind: str
    type: str
    text: str
    fr: str
    help: str = ""
    fr_help: str = ""
    options: tuple[tuple[str, str, str], ...] = ()  # (value, English label, French label)
    correct: tuple[str, ...] = ()
    points: int = 0
    role: str = ""
    themes: tuple[str, ...] = ()
    standard: bool = True
    key: str = ""  # a stable name the demo uses
    domain: str = ""  # the area of knowledge a bank question tests
    required: bool = True  # for questionnaires built from the item (Item.required)

    def translations(self) -> dict[str, Any]:
        fr: dict[str, Any] = {"text": self.fr}
        if self.fr_help:
            fr["help"] = self.fr_help
        if self.options:
            fr["options"] = {value: label_fr for value, _en, label_fr in self.options}
        return {"fr": fr}

    def option_list(self) -> list[dict[str, str]]:
        return [{"value": value, "label": label} for value, label, _fr in self.options]


def _likert(key: str, text: str, fr: str, help: str = "", fr_help: str = "", *, required: bool = True) -> Spec:
    return Spec(SATISFACTION, "likert", text, fr, help, fr_help, key=key, required=required)


SATISFACTION_ITEMS: list[Spec] = [
    _likert(
        "relevance",
        "The training was relevant to my work.",
        "La formation était pertinente pour mon travail.",
    ),
    _likert(
        "trainers",
        "The trainers knew their subject and explained it clearly.",
        "Les formateurs maîtrisaient leur sujet et l'expliquaient clairement.",
    ),
    _likert(
        "methods",
        "The methods used (case studies, exercises, simulations, discussions) helped me learn.",
        "Les méthodes employées (études de cas, exercices, simulations, discussions) m'ont aidé à apprendre.",
    ),
    _likert(
        "materials",
        "The materials are useful and I will use them in my work.",
        "Les supports sont utiles et je m'en servirai dans mon travail.",
    ),
    _likert(
        "interpretation",
        "Interpretation allowed me to follow and take part in every session.",
        "L'interprétation m'a permis de suivre chaque séance et d'y participer.",
        "Leave this blank if you did not need interpretation.",
        "Laissez vide si vous n'aviez pas besoin d'interprétation.",
        required=False,
    ),
    _likert(
        "organisation",
        "The organisation was good (venue, logistics, timing, information sent beforehand).",
        "L'organisation était bonne (lieu, logistique, horaires, informations envoyées à l'avance).",
    ),
    _likert(
        "networking",
        "I met counterparts from other agencies and countries whom I can contact for my work.",
        "J'ai rencontré des homologues d'autres services et d'autres pays que je peux contacter pour mon travail.",
    ),
    _likert(
        "overall",
        "Overall, I am satisfied with the training.",
        "Dans l'ensemble, je suis satisfait de la formation.",
    ),
    Spec(
        SATISFACTION,
        "long_text",
        "What was most useful to you, and why?",
        "Qu'est-ce qui vous a été le plus utile, et pourquoi ?",
        "A module, a method, a contact, a document…",
        "Une séance, une méthode, un contact, un document…",
        key="most_useful",
        required=False,
    ),
    Spec(
        SATISFACTION,
        "long_text",
        "What should be improved for the next sessions?",
        "Que faudrait-il améliorer pour les prochaines sessions ?",
        key="to_improve",
        required=False,
    ),
]

OBSTACLES: tuple[tuple[str, str, str], ...] = (
    ("workload", "Workload, lack of time", "Charge de travail, manque de temps"),
    ("mandate", "It is not within my mandate or my instructions",
     "Cela ne relève pas de mon mandat ou de mes instructions"),
    ("management", "Lack of support from my management", "Manque de soutien de ma hiérarchie"),
    ("counterparts", "No counterpart to work with in the other agency or country",
     "Pas d'interlocuteur dans l'autre service ou l'autre pays"),
    ("language", "Language barriers", "Barrières linguistiques"),
    ("resources", "Lack of resources (staff, budget, vehicles, interpreters)",
     "Manque de moyens (personnel, budget, véhicules, interprètes)"),
    ("legal", "Legal or procedural obstacles", "Obstacles juridiques ou procéduraux"),
    ("no_case", "No relevant case since the training", "Aucune affaire pertinente depuis la formation"),
)  # fmt: skip

FOLLOW_UP_ITEMS: list[Spec] = [
    Spec(
        FOLLOW_UP,
        "likert",
        "I have applied what I learned in the training in my work.",
        "J'ai appliqué dans mon travail ce que j'ai appris pendant la formation.",
        "1 = not at all, 5 = regularly.",
        "1 = pas du tout, 5 = régulièrement.",
        role="application",
        key="application",
    ),
    Spec(
        FOLLOW_UP,
        "long_text",
        "Give an example of how you used what you learned: an inspection, a case, a request, a referral…",
        "Donnez un exemple de la façon dont vous avez utilisé ce que vous avez appris : une inspection, une "
        "affaire, une demande, une orientation…",
        "Do not write the names of victims, witnesses or suspects.",
        "N'écrivez pas le nom des victimes, des témoins ni des suspects.",
        role="application_example",
        key="application_example",
        required=False,
    ),
    Spec(
        FOLLOW_UP,
        "contacts",
        "Since the training, with which participants of the programme's sessions, or which agencies, have you "
        "been in contact for your work?",
        "Depuis la formation, avec quels participants des sessions du programme, ou quels services, avez-vous "
        "été en contact pour votre travail ?",
        "Choose the people you have actually worked with, not everyone you met.",
        "Choisissez les personnes avec qui vous avez réellement travaillé, pas toutes celles que vous avez "
        "rencontrées.",
        key="contacts",
        required=False,
    ),
    Spec(
        FOLLOW_UP,
        "cooperation",
        "What cooperation with other agencies or countries have you undertaken since the training?",
        "Quelle coopération avec d'autres services ou d'autres pays avez-vous engagée depuis la formation ?",
        "One line per case: its type, the countries involved and the date. No names of victims or suspects.",
        "Une ligne par affaire : son type, les pays concernés et la date. Aucun nom de victime ni de suspect.",
        key="cooperation",
        required=False,
    ),
    Spec(
        FOLLOW_UP,
        "long_text",
        "Has anything changed in your organisation since the training (a procedure, an instruction, a contact "
        "point, training of colleagues)?",
        "Quelque chose a-t-il changé dans votre organisation depuis la formation (une procédure, une "
        "instruction, un point de contact, la formation de collègues) ?",
        key="organisation_changes",
        required=False,
    ),
    Spec(
        FOLLOW_UP,
        "multiple",
        "What has made it harder to apply what you learned?",
        "Qu'est-ce qui a rendu plus difficile l'application de ce que vous avez appris ?",
        "Tick all that apply.",
        "Cochez toutes les réponses qui s'appliquent.",
        options=OBSTACLES,
        key="obstacles",
        required=False,
    ),
    Spec(
        FOLLOW_UP,
        "number",
        "With how many colleagues have you shared what you learned (briefings, internal training)?",
        "Avec combien de collègues avez-vous partagé ce que vous avez appris (réunions d'information, "
        "formations internes) ?",
        key="colleagues",
        required=False,
    ),
]


def all_specs() -> list[Spec]:
    from relais.evaluation.standard_items_bank import KNOWLEDGE

    return [*SATISFACTION_ITEMS, *FOLLOW_UP_ITEMS, *KNOWLEDGE]


def spec_by_key(key: str) -> Spec:
    return next(spec for spec in all_specs() if spec.key == key)


def load_standard_items(LibraryItem: Any = None, Theme: Any = None) -> int:
    """Add the standard items missing from the library (items of no programme), matched by their
    English text; items already there are left as they are. A migration passes its historical models.
    Returns how many were added."""
    if LibraryItem is None or Theme is None:
        from relais.core.models import Theme as ThemeModel
        from relais.evaluation.models import LibraryItem as LibraryItemModel

        LibraryItem, Theme = LibraryItemModel, ThemeModel
    existing = set(LibraryItem.objects.filter(programme__isnull=True).values_list("text", flat=True))
    themes = {t.code: t for t in Theme.objects.all()}
    added = 0
    # Migration 0002's historical model predates LibraryItem.required (added by 0003, which sets it).
    has_required = any(f.name == "required" for f in LibraryItem._meta.fields)
    for spec in all_specs():
        if spec.text in existing:
            continue
        extra = {"required": spec.required} if has_required else {}
        item = LibraryItem.objects.create(
            programme=None,
            kind=spec.kind,
            type=spec.type,
            text=spec.text,
            help=spec.help,
            options=spec.option_list(),
            correct=list(spec.correct),
            points=Decimal(spec.points),
            role=spec.role,
            translations=spec.translations(),
            standard=spec.standard,
            **extra,
        )
        wanted = [themes[code] for code in spec.themes if code in themes]
        if wanted:
            item.themes.set(wanted)
        existing.add(spec.text)
        added += 1
    return added
