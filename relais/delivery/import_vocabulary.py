"""What the cells of a participant list may say: column headings, genders, professions, countries and
organisations, in English and French (and, for countries, in the languages of the route), each
compared by a key that ignores case, accents, alphabet and punctuation."""

from __future__ import annotations

import gettext
from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from relais.core.sheets import Headings, heading_key
from relais.delivery.models import Gender
from relais.programmes.text import search_key

FIELD_LABELS: dict[str, Promise] = {
    "first_name": _("First name"),
    "last_name": _("Last name"),
    "gender": _("Gender"),
    "country": _("Country"),
    "organisation": _("Organisation"),
    "profession": _("Profession"),
    "position": _("Position"),
    "email": _("E-mail"),
    "phone": _("Telephone"),
}
FIELDS = tuple(FIELD_LABELS)
REQUIRED = ("first_name", "last_name")
MAX_LENGTHS = {"first_name": 150, "last_name": 150, "organisation": 300, "position": 200, "email": 254, "phone": 40}

# The template's headings, per language (an export can be imported again: it uses the same ones).
TEMPLATE_HEADERS = {
    "en": ["First name", "Last name", "Gender", "Country", "Organisation", "Profession", "Position", "E-mail",
           "Telephone"],
    "fr": ["Prénom", "Nom", "Genre", "Pays", "Organisation", "Profession", "Fonction", "Courriel", "Téléphone"],
}  # fmt: skip

HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "first_name": ("first name", "firstname", "first names", "given name", "given names", "forename", "prenom",
                   "prenoms", "prenom s", "name first"),
    "last_name": ("last name", "lastname", "surname", "family name", "nom", "nom de famille", "name last",
                  "last names", "surnames"),
    "gender": ("gender", "sex", "genre", "sexe", "m f", "f m", "h f"),
    "country": ("country", "pays", "country code", "code pays", "country of work", "pays d exercice",
                "country iso"),
    "organisation": ("organisation", "organization", "institution", "agency", "employer", "organisme",
                     "structure", "organisation institution", "institution organisation", "service", "employeur"),
    "profession": ("profession", "professional group", "profession sector", "sector", "group", "groupe",
                   "groupe professionnel", "secteur", "metier", "professional background"),
    "position": ("position", "job title", "title", "function", "role", "poste", "fonction", "titre", "grade",
                 "rank"),
    "email": ("email", "e mail", "mail", "email address", "e mail address", "courriel", "adresse electronique",
              "adresse e mail", "adresse mail", "adresse courriel"),
    "phone": ("telephone", "phone", "tel", "mobile", "phone number", "telephone number", "mobile phone",
              "numero de telephone", "portable", "gsm", "tel portable"),
}  # fmt: skip

GENDER_ALIASES: dict[str, tuple[str, ...]] = {
    Gender.FEMALE: ("f", "female", "woman", "w", "femme", "feminin", "fem", "mme", "ms", "mrs", "madame", "women"),
    Gender.MALE: ("m", "male", "man", "homme", "masculin", "masc", "h", "mr", "monsieur", "men"),
    Gender.OTHER: ("other", "autre", "x", "non binary", "non binaire", "diverse", "divers"),
    Gender.UNDISCLOSED: ("undisclosed", "prefers not to say", "prefer not to say", "not stated", "ne souhaite pas "
                         "repondre", "non precise", "prefere ne pas repondre", "n a", "na"),
}  # fmt: skip

PROFESSION_ALIASES: dict[str, tuple[str, ...]] = {
    "labour_inspection": ("labour inspector", "labor inspector", "labour inspectorate", "labor inspectorate",
                          "labor inspection", "inspecteur du travail", "inspectrice du travail", "inspection"),
    "police": ("police officer", "policier", "policiere", "police aux frontieres", "border police", "gendarmerie",
               "gendarme", "law enforcement"),
    "specialised_investigation": ("investigator", "specialised investigator", "specialized investigator",
                                  "specialized investigation", "enqueteur", "enquetrice", "enqueteur specialise"),
    "prosecution": ("prosecutor", "public prosecutor", "procureur", "procureure", "parquet", "prosecution service",
                    "prosecutors office"),
    "judiciary": ("judge", "juge", "court", "tribunal", "magistrat du siege", "judiciaire"),
    "civil_society": ("ngo", "ong", "non governmental organisation", "non governmental organization",
                      "association", "civil society organisation"),
    "social_services": ("social worker", "travailleur social", "travailleuse sociale", "social work",
                        "service social"),
    "government": ("ministry", "ministere", "government", "gouvernement", "policy", "public administration"),
    "private_sector": ("private", "employer", "company", "business", "entreprise", "prive"),
    "other": ("autre",),
}  # fmt: skip

# Names that coordinators write and neither English, French nor the ISO lists contain.
COUNTRY_ALIASES = {
    "macedonia": "MK", "fyrom": "MK", "north macedonia": "MK", "czech republic": "CZ", "bih": "BA",
    "bosnia": "BA", "holland": "NL", "the netherlands": "NL", "uk": "GB", "great britain": "GB",
    "england": "GB", "usa": "US", "turkey": "TR", "moldova republic of": "MD", "republic of moldova": "MD",
}  # fmt: skip
# Languages of the route and of the destinations: country names in them are recognised too.
COUNTRY_NAME_LANGUAGES = ("sq", "sr", "hr", "bs", "mk", "bg", "ro", "hu", "cs", "sk", "sl", "it", "nl", "de", "el")


def norm(text: str) -> str:
    """The comparison key of a cell: lower case, Latin letters, no accents, punctuation as spaces."""
    return heading_key(text, search_key)


_HEADINGS = Headings(
    norm,
    [
        *((alias, f) for f, aliases in HEADER_ALIASES.items() for alias in aliases),
        *((str(label), f) for f, label in FIELD_LABELS.items()),
        *((h, f) for headers in TEMPLATE_HEADERS.values() for h, f in zip(headers, FIELDS, strict=True)),
    ],
)
header_field = _HEADINGS.field  # the field a column heading names, if Relais knows it ("E-mail *" → "email")
header_score = _HEADINGS.score
_GENDERS = {norm(alias): g for g, aliases in GENDER_ALIASES.items() for alias in aliases}


def gender_value(text: str) -> str | None:
    return _GENDERS.get(norm(text))


@dataclass
class References:
    """The reference data a list is checked against, read once per import."""

    countries: dict[str, int] = field(default_factory=dict)
    professions: dict[str, int] = field(default_factory=dict)
    # key of a name, acronym or other name → [(organisation id, country id)]
    organisations: dict[str, list[tuple[int, int | None]]] = field(default_factory=dict)
    default_country_id: int | None = None

    def organisation(self, text: str, country_id: int | None) -> int | None:
        candidates = self.organisations.get(norm(text), [])
        same_country = [pk for pk, c in candidates if c == country_id]
        if same_country:
            return same_country[0]
        return candidates[0][0] if len(candidates) == 1 else None


def _local_country_names(codes: dict[str, int]) -> dict[str, int]:
    import pycountry

    names: dict[str, set[int]] = {}
    for language in COUNTRY_NAME_LANGUAGES:
        catalogue = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True)
        for country in pycountry.countries:
            pk = codes.get(country.alpha_2)
            if pk is None:
                continue
            for name in {country.name, getattr(country, "common_name", country.name)}:
                names.setdefault(norm(catalogue.gettext(name)), set()).add(pk)
    return {key: next(iter(pks)) for key, pks in names.items() if len(pks) == 1 and key}


def load_references(*, default_country_id: int | None = None) -> References:
    from relais.core.models import Country, Profession
    from relais.programmes.models import Organisation

    refs = References(default_country_id=default_country_id)
    codes: dict[str, int] = {}
    for pk, code, alpha3, name_en, name_fr in Country.objects.values_list("pk", "code", "alpha3", "name_en", "name_fr"):
        codes[code] = pk
        for text in (name_en, name_fr, alpha3):
            if text:
                refs.countries.setdefault(norm(text), pk)
    local = _local_country_names(codes)
    for key, pk in {**local, **refs.countries}.items():
        refs.countries[key] = pk
    for code, pk in codes.items():
        refs.countries[norm(code)] = pk
    for alias, code in COUNTRY_ALIASES.items():
        if code in codes:
            refs.countries[norm(alias)] = codes[code]
    by_code = {}
    for pk, code, name_en, name_fr in Profession.objects.filter(is_active=True).values_list(
        "pk", "code", "name_en", "name_fr"
    ):
        by_code[code] = pk
        for text in (code, name_en, name_fr):
            refs.professions[norm(text)] = pk
    for code, aliases in PROFESSION_ALIASES.items():
        if code in by_code:
            for alias in aliases:
                refs.professions.setdefault(norm(alias), by_code[code])
    for pk, key, country_id in Organisation.objects.values_list("pk", "search_key", "country_id").iterator():
        for line in key.split("\n"):
            if line.strip():
                refs.organisations.setdefault(norm(line), []).append((pk, country_id))
    return refs
