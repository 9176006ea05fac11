"""Demo, people: about 1,100 fictional professionals of the 15 countries of the demo programme.

Names are typical of each country (with their diacritics; some Serbian, Macedonian and Bulgarian
names written in Cyrillic), professions follow the seats of the demo designs, organisations are the
demo's own where the country and the kind match, e-mail addresses are at example domains, and each
person has a consent signed on paper at the session. A handful of deliberate near-duplicates
(Đorđević / Djordjevic, one e-mail twice…) give the duplicates page something to show.
Deterministic (a fixed seed) and fast (bulk inserts).
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from relais.core.demo import DemoContext, DemoStep, register_demo_step
from relais.core.models import Country, Language, Profession
from relais.delivery.duplicates import MIN_LETTERS, one_edit_apart
from relais.delivery.models import Consent, ConsentMethod, Gender, Person
from relais.delivery.names import name_key
from relais.programmes.text import search_key

SEED = 41

# country: (people, languages, calling code, women's first names, men's first names, last names)
# A last name "Petrov/Petrova" has a man's and a woman's form.
COUNTRIES: dict[str, tuple[int, list[str], str, str, str, str]] = {
    "AL": (90, ["sq"], "+355",
           "Arta Besa Blerina Dorina Elira Elona Enkelejda Entela Erjona Fatjona Flutura Gentiana Ilda Jonida "
           "Klodiana Lindita Majlinda Mirela Rudina Valbona Vjollca Xhensila Anila Brikena Edlira",
           "Agim Altin Arben Ardit Artan Besnik Blendi Dritan Edmond Elton Erion Fatmir Gazmend Genci Ilir "
           "Klodian Kujtim Llazar Olsi Petrit Sokol Shpëtim Ylli Fatos Gëzim",
           "Hoxha Shehu Çela Dervishi Gjoka Kola Leka Marku Muça Prifti Rama Sula Tafaj Xhafa Zeneli Basha Bregu "
           "Cani Dedja Duka Gjini Hasani Lika Mema Nushi Pepa Qosja Shkurti Toska Vata Zhupa Hysa Kapllani Meta "
           "Bushati Frashëri Kodra Lleshi Mehmeti"),
    "BA": (70, ["bs", "hr", "sr"], "+387",
           "Amra Lejla Emina Selma Aida Amela Jasmina Mirela Sanela Azra Ajla Belma Dženana Merima Nermina Ivana "
           "Maja Sanja Vesna Dragana",
           "Adnan Amir Edin Emir Haris Kenan Mirza Nedim Armin Dženan Jasmin Samir Tarik Senad Goran Zoran Dario "
           "Ivan Nikola Mladen",
           "Hadžić Hodžić Begić Delić Mehić Kovačević Hasanović Ibrahimović Husić Ćosić Mujić Salihović Alić "
           "Suljić Omerović Karić Babić Jurić Marić Pavlović Savić Šehić Džafić Bećirović Zukić Imamović Softić "
           "Halilović Čaušević Tahirović"),
    "BG": (75, ["bg"], "+359",
           "Maria Ivanka Elena Yordanka Desislava Gergana Tsvetelina Radostina Kalina Nadezhda Milena Petya "
           "Vesela Silviya Teodora Stanislava Boryana Violeta Galina Daniela",
           "Georgi Ivan Dimitar Nikolay Petar Hristo Stoyan Todor Vasil Krasimir Plamen Atanas Lyubomir "
           "Svetoslav Kaloyan Boyan Martin Emil Rumen Valentin",
           "Ivanov/Ivanova Georgiev/Georgieva Dimitrov/Dimitrova Petrov/Petrova Nikolov/Nikolova "
           "Hristov/Hristova Stoyanov/Stoyanova Todorov/Todorova Iliev/Ilieva Vasilev/Vasileva "
           "Atanasov/Atanasova Angelov/Angelova Kolev/Koleva Yordanov/Yordanova Marinov/Marinova Popov/Popova "
           "Petkov/Petkova Mihaylov/Mihaylova Kostov/Kostova Dobrev/Dobreva Tsvetkov/Tsvetkova "
           "Zhelev/Zheleva Bozhilov/Bozhilova Yankov/Yankova Radev/Radeva"),
    "XK": (60, ["sq", "sr"], "+383",
           "Albulena Arta Blerta Donika Drita Fjolla Kaltrina Leonora Liridona Mimoza Njomza Qëndresa Rina "
           "Teuta Vlora Zana Shqipe Hana Diellza Besarta",
           "Adem Agron Bekim Blerim Burim Driton Fatos Fisnik Hajdar Jeton Kushtrim Labinot Lulzim Naim Valon "
           "Visar Ylber Arbnor Gent Shkëlzen",
           "Krasniqi Berisha Gashi Morina Hoxha Shala Kryeziu Bytyqi Rexhepi Ahmeti Hajdari Kastrati Thaçi "
           "Zeqiri Sylejmani Rama Musliu Halimi Osmani Dema Jashari Ramadani Salihu Selimi Kelmendi Hyseni "
           "Demaj Gjergji Lushtaku Mustafa"),
    "MD": (75, ["ro", "ru"], "+373",
           "Ana Natalia Elena Tatiana Olga Cristina Doina Mariana Svetlana Irina Victoria Aurelia Ludmila "
           "Nadejda Corina Valentina Liliana Galina Diana Maria",
           "Ion Vasile Sergiu Andrei Igor Vitalie Dumitru Gheorghe Nicolae Alexandru Victor Valeriu Mihai Petru "
           "Oleg Ruslan Veaceslav Iurie Tudor Radu",
           "Rusu Ceban Ciobanu Turcan Cebotari Lungu Munteanu Moraru Rotari Popa Cojocari Guțu Bivol Sârbu Roșca "
           "Botnari Melnic Grosu Bălan Căldare Prodan Vrabie Ursu Cozma Plămădeală Chiriac Negru Ungureanu Jitari"),
    "MK": (65, ["mk", "sq"], "+389",
           "Ana Elena Marija Biljana Vesna Gordana Jasmina Katerina Lidija Maja Nataša Sanja Snežana Tanja "
           "Verica Aleksandra Jovana Simona Dragana Ivana",
           "Aleksandar Bojan Dejan Goran Igor Ilija Kiril Ljupčo Marjan Nikola Petar Stefan Toni Vladimir Zoran "
           "Blagoja Dimitar Filip Trajče Vasko",
           "Petrovski/Petrovska Stojanovski/Stojanovska Nikolovski/Nikolovska Trajkovski/Trajkovska "
           "Dimitrievski/Dimitrievska Jovanovski/Jovanovska Angelovski/Angelovska Kostovski/Kostovska "
           "Ristovski/Ristovska Stojkovski/Stojkovska Georgievski/Georgievska Mitrevski/Mitrevska "
           "Popovski/Popovska Ilievski/Ilievska Spasovski/Spasovska Naumovski/Naumovska Ristov/Ristova "
           "Atanasov/Atanasova Gjorgjiev/Gjorgjieva Todorov/Todorova"),
    "RO": (100, ["ro"], "+40",
           "Ana Andreea Elena Ioana Maria Mihaela Alexandra Cristina Daniela Gabriela Roxana Simona Alina Raluca "
           "Oana Irina Larisa Bianca Carmen Luminița",
           "Andrei Alexandru Mihai Ion Ștefan Gheorghe Cristian Adrian Bogdan Florin Marius Radu Vlad Sorin Dan "
           "Cătălin Răzvan Lucian Ovidiu Tudor",
           "Popescu Ionescu Popa Pop Dumitru Stan Stoica Gheorghe Rusu Munteanu Matei Constantin Șerban Moldovan "
           "Lungu Marin Dinu Tudor Ene Toma Ciobanu Nistor Barbu Florea Dumitrescu Mocanu Stănescu Preda "
           "Vasilescu Năstase Bălănescu Costache Oprea Manole Zamfir Cristea Georgescu Tănase Ilie"),
    "RS": (100, ["sr"], "+381",
           "Jelena Milica Ana Marija Jovana Ivana Snežana Dragana Maja Tamara Nataša Biljana Vesna Gordana "
           "Mirjana Sanja Katarina Tijana Danijela Nevena",
           "Milan Nikola Marko Stefan Aleksandar Dragan Nenad Dejan Zoran Goran Miloš Vladimir Srđan Ivan Bojan "
           "Dušan Đorđe Nemanja Predrag Vuk",
           "Jovanović Petrović Nikolić Marković Đorđević Stojanović Ilić Stanković Pavlović Milošević Popović "
           "Todorović Kostić Lazić Ristić Živković Radovanović Mitrović Savić Tomić Đukić Kovačević Obradović "
           "Vasić Milenković Stevanović Filipović Marinković Lukić Cvetković Nedeljković Gajić Janković Simić Perić"),
    "HR": (70, ["hr"], "+385",
           "Ana Ivana Marija Petra Maja Katarina Martina Ivona Lucija Marina Nikolina Tea Dora Kristina Mirjana "
           "Željka Sanja Vesna Snježana Jelena",
           "Ivan Marko Luka Josip Tomislav Mario Krešimir Dario Hrvoje Ante Stjepan Igor Zvonimir Filip Goran "
           "Davor Nikola Matej Domagoj Damir",
           "Horvat Kovačević Babić Marić Jurić Novak Kovačić Knežević Vuković Marković Petrović Matić Tomić "
           "Pavlović Božić Blažević Grgić Pavić Radić Perić Šarić Lovrić Vidović Mandić Barišić Brkić Klarić "
           "Rukavina Šimić Bašić"),
    "HU": (65, ["hu"], "+36",
           "Anna Katalin Eszter Zsófia Réka Krisztina Andrea Judit Ágnes Erzsébet Ildikó Tímea Noémi Dóra "
           "Boglárka Orsolya Viktória Zsuzsanna Edit Mónika",
           "László István Zoltán Gábor Péter Attila Tamás János Sándor Ferenc Balázs Csaba Dániel Levente Bence "
           "Gergely Márton Tibor Zsolt Ákos",
           "Nagy Kovács Tóth Szabó Horváth Varga Kiss Molnár Németh Farkas Balogh Papp Takács Juhász Lakatos "
           "Mészáros Oláh Simon Rácz Fekete Szilágyi Török Fehér Gál Szűcs Kocsis Orsós Pintér"),
    "ME": (55, ["sr"], "+382",
           "Jelena Milena Marija Ana Ivana Jovana Tijana Danijela Dragana Sanja Biljana Vesna Nataša Milica "
           "Andrea",
           "Marko Nikola Milo Vuk Petar Luka Stefan Danilo Filip Andrija Dragan Željko Vesko Bojan Igor Miloš "
           "Nemanja",
           "Vujović Popović Radulović Vuković Marković Petrović Đukanović Bulatović Perović Kažić Šćepanović "
           "Vučinić Lakić Raičević Pejović Jovanović Mugoša Vujošević Radović Knežević Đurović Ivanović Lazović "
           "Milić Nikolić Bojović"),
    "AT": (75, ["de"], "+43",
           "Anna Katharina Sarah Julia Lena Lisa Sabine Claudia Andrea Birgit Christina Elisabeth Verena Theresa "
           "Magdalena Barbara Johanna Sophie Petra Martina",
           "Lukas Florian Tobias David Stefan Michael Andreas Thomas Markus Christian Alexander Martin Daniel "
           "Johannes Philipp Georg Matthias Bernhard Wolfgang Jakob",
           "Gruber Huber Bauer Wagner Müller Pichler Steiner Moser Mayer Hofer Leitner Berger Fuchs Eder Fischer "
           "Schmid Winkler Weber Schwarz Schneider Reiter Wimmer Egger Brunner Lang Baumgartner Auer Binder "
           "Lechner Wolf Wallner Aigner Ebner Koller Lehner Haas Schuster"),
    "CZ": (60, ["cs"], "+420",
           "Jana Eva Hana Anna Lenka Kateřina Lucie Petra Věra Martina Tereza Michaela Zuzana Markéta Veronika "
           "Barbora Kristýna Alena Ivana Marie",
           "Jan Petr Jiří Josef Pavel Martin Tomáš Jaroslav Miroslav Zdeněk Václav Michal Lukáš Jakub David "
           "Ondřej Vojtěch Karel Milan Radek",
           "Novák/Nováková Svoboda/Svobodová Novotný/Novotná Dvořák/Dvořáková Černý/Černá "
           "Procházka/Procházková Kučera/Kučerová Veselý/Veselá Horák/Horáková Němec/Němcová Marek/Marková "
           "Pospíšil/Pospíšilová Pokorný/Pokorná Hájek/Hájková Král/Králová Jelínek/Jelínková "
           "Růžička/Růžičková Beneš/Benešová Fiala/Fialová Sedláček/Sedláčková Doležal/Doležalová "
           "Zeman/Zemanová Kolář/Kolářová Navrátil/Navrátilová Čermák/Čermáková"),
    "IT": (100, ["it"], "+39",
           "Giulia Francesca Chiara Sara Valentina Federica Alessandra Elena Silvia Martina Laura Paola Roberta "
           "Simona Elisa Giorgia Ilaria Anna Maria Serena",
           "Marco Giuseppe Francesco Antonio Alessandro Andrea Luca Giovanni Matteo Stefano Davide Paolo Roberto "
           "Lorenzo Simone Fabio Salvatore Nicola Domenico Pietro",
           "Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo Conti De_Luca "
           "Mancini Costa Giordano Rizzo Lombardi Moretti Barbieri Fontana Santoro Mariani Rinaldi Caruso Galli "
           "Martini Leone Longo Gentile Martinelli Vitale Serra Coppola De_Santis D'Angelo Marchetti"),
    "NL": (60, ["nl"], "+31",
           "Anna Emma Sanne Lotte Eva Fleur Iris Lisa Marloes Femke Inge Anouk Esther Marieke Saskia Mirjam Noor "
           "Julia Linda Sophie",
           "Daan Bram Lucas Thijs Jeroen Sander Ruben Tim Niels Joost Pieter Maarten Wouter Bas Jan Sjoerd Stijn "
           "Koen Martijn Hendrik",
           "de_Jong Jansen de_Vries van_den_Berg van_Dijk Bakker Visser Smit Meijer de_Boer Mulder de_Groot Bos "
           "Vos Peters Hendriks van_Leeuwen Dekker Brouwer de_Wit Dijkstra de_Graaf van_der_Meer van_der_Linden "
           "Kok Jacobs de_Haan Vermeulen"),
}  # fmt: skip

# Some people of Serbia, North Macedonia and Bulgaria have their names recorded in Cyrillic.
CYRILLIC: dict[str, tuple[str, str, str]] = {
    "RS": ("Јелена Милица Марија Снежана", "Милан Ненад Ђорђе Душан",
           "Ђорђевић Петровић Јовановић Николић Марковић Стојановић Живковић Илић"),
    "MK": ("Елена Марија Билјана Весна", "Александар Горан Бојан Никола",
           "Петровски/Петровска Николовски/Николовска Трајковски/Трајковска Ѓорѓиев/Ѓорѓиева"),
    "BG": ("Мария Елена Гергана Десислава", "Георги Иван Димитър Христо",
           "Иванов/Иванова Петров/Петрова Георгиев/Георгиева Димитров/Димитрова Стоянов/Стоянова"),
}  # fmt: skip
CYRILLIC_SHARE = 0.12

# Professions in the proportions of the demo designs' seats: (code, weight, e-mail domain, positions).
PROFESSIONS: list[tuple[str, int, str, list[str]]] = [
    ("labour_inspection", 22, "inspectorate", ["Labour inspector", "Senior labour inspector", "Head of unit"]),
    ("police", 20, "police", ["Police inspector", "Police officer", "Head of the anti-trafficking unit"]),
    ("specialised_investigation", 8, "investigation", ["Financial investigator", "Specialised investigator"]),
    ("prosecution", 15, "prosecution", ["Public prosecutor", "Deputy prosecutor", "Chief prosecutor"]),
    ("judiciary", 10, "courts", ["Judge", "Presiding judge", "Investigating judge"]),
    ("civil_society", 15, "ngo", ["Project coordinator", "Legal counsellor", "Outreach worker"]),
    ("social_services", 10, "social", ["Social worker", "Case manager"]),
]
ORGANISATION_KINDS = {
    "labour_inspection": {"labour_inspectorate"},
    "police": {"police"},
    "specialised_investigation": {"police"},
    "prosecution": {"prosecution"},
    "judiciary": {"court"},
    "civil_society": {"ngo", "trade_union"},
}
# Deliberate near-duplicates: (country, profession, woman, first name, last name), then the twin's
# first and last name and whether the twin has the same e-mail address (else a private one).
TWINS: list[tuple[str, str, bool, str, str, str, str, bool]] = [
    ("RS", "police", False, "Milan", "Đorđević", "Milan", "Djordjevic", False),
    ("RS", "labour_inspection", False, "Đorđe", "Petrović", "Ђорђе", "Петровић", False),
    ("RO", "prosecution", False, "Ștefan", "Popescu", "Stefan", "Popescu", False),
    ("BG", "labour_inspection", False, "Georgi", "Ivanov", "Георги", "Иванов", False),
    ("AL", "civil_society", False, "Besnik", "Hoxha", "Hoxha", "Besnik", False),
    ("MD", "social_services", True, "Ioana", "Constantinescu", "Ioana", "Constantinesku", False),
    ("HR", "police", False, "Marko", "Horvat", "Marko", "Horvath", False),
    ("IT", "labour_inspection", False, "Giuseppe", "Esposito", "Giuseppe", "Espsito", False),
    ("XK", "police", True, "Arta", "Krasniqi", "Arta", "Krasniqi-Berisha", True),
    ("CZ", "labour_inspection", True, "Jana", "Nováková", "Jana", "Svobodová", True),
]
PURPOSE = "Registration, attendance and evaluation data of the programme's training sessions"
PHOTO_PURPOSE = "Photographs of the sessions in programme publications"


def _forms(names: str, woman: bool) -> list[str]:
    out = []
    for entry in names.split():
        forms = entry.replace("_", " ").split("/")
        out.append(forms[-1] if woman else forms[0])
    return out


def _email(first: str, last: str, domain: str, country: str) -> str:
    local = f"{search_key(first)}.{search_key(last)}".replace(" ", "-").replace("'", "")
    return f"{local}@{domain}.example.{country.lower()}"


class _Names:
    """Draws names that do not look like duplicates of one another (only the TWINS are)."""

    def __init__(self) -> None:
        self.keys: set[tuple[str, str]] = set()
        self.lasts: dict[tuple[str, str], list[str]] = {}

    def free(self, country: str, first: str, last: str) -> bool:
        key = name_key(first, last)
        words = " ".join(sorted(key.split()))
        if (country, key) in self.keys or (country, words) in self.keys:
            return False
        lasts = self.lasts.get((country, name_key(first)), [])
        last_key = name_key(last)
        return not any(min(len(o), len(last_key)) >= MIN_LETTERS and one_edit_apart(o, last_key) for o in lasts)

    def take(self, country: str, first: str, last: str) -> None:
        key = name_key(first, last)
        self.keys |= {(country, key), (country, " ".join(sorted(key.split())))}
        self.lasts.setdefault((country, name_key(first)), []).append(name_key(last))


def _person(rng: random.Random, country: str, woman: bool, names: _Names, cyrillic: bool) -> tuple[str, str]:
    _n, _langs, _code, women, men, lasts = COUNTRIES[country]
    if cyrillic:
        women, men, lasts = CYRILLIC[country]
    for _attempt in range(200):
        first = rng.choice((women if woman else men).split())
        last = rng.choice(_forms(lasts, woman)).replace("_", " ")
        if names.free(country, first, last):
            names.take(country, first, last)
            return first, last
    raise RuntimeError(f"not enough names for {country}")  # pragma: no cover - the lists are long enough


def build_people(context: DemoContext) -> None:
    rng = random.Random(SEED)  # noqa: S311 - fictional demo data
    countries = {c.code: c for c in Country.objects.filter(code__in=COUNTRIES)}
    professions = {p.code: p for p in Profession.objects.filter(code__in=[p[0] for p in PROFESSIONS])}
    codes = {code for spec in COUNTRIES.values() for code in spec[1]} | {"en", "de", "it"}
    languages = {lang.code: lang for lang in Language.objects.filter(code__in=codes)}
    organisations: dict[str, Any] = context.objects.get("organisations") or {}
    names = _Names()
    people: list[Person] = []
    spoken: list[list[str]] = []

    def add(country: str, profession: str, first: str, last: str, woman: bool, email: str = "") -> None:
        _code, _weight, domain, positions = next(p for p in PROFESSIONS if p[0] == profession)
        kinds = ORGANISATION_KINDS.get(profession, set())
        matching = [o for o in organisations.values() if o.country_id == countries[country].pk and o.kind in kinds]
        phone = f"{COUNTRIES[country][2]} {rng.randint(20, 99)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}"
        people.append(
            Person(
                first_name=first,
                last_name=last,
                name_key=name_key(first, last),
                gender=(Gender.FEMALE if woman else Gender.MALE) if rng.random() > 0.03 else Gender.UNDISCLOSED,
                country=countries[country],
                organisation=matching[0] if matching else None,
                profession=professions[profession],
                position=rng.choice(positions),
                email=email or _email(first, last, domain, country),
                phone=phone if rng.random() < 0.7 else "",
            )
        )
        own = list(COUNTRIES[country][1][: 1 + (rng.random() < 0.3)])
        extra = ["en"] if rng.random() < 0.65 else []
        if country in ("AL", "XK", "MD") and rng.random() < 0.2:
            extra.append(rng.choice(["it", "de"]))
        spoken.append(own + extra)

    for country, _p, _w, first, last, twin_first, twin_last, _same in TWINS:
        names.take(country, first, last)
        names.take(country, twin_first, twin_last)
    weights = [p[1] for p in PROFESSIONS]
    for country, (count, *_rest) in COUNTRIES.items():
        for _i in range(count):
            woman = rng.random() < 0.52
            profession = rng.choices([p[0] for p in PROFESSIONS], weights)[0]
            cyrillic = country in CYRILLIC and rng.random() < CYRILLIC_SHARE
            first, last = _person(rng, country, woman, names, cyrillic)
            add(country, profession, first, last, woman)
    for country, profession, woman, first, last, twin_first, twin_last, same_email in TWINS:
        add(country, profession, first, last, woman)
        # The twin: written another way, with the same address or a private one.
        private = _email(twin_first, twin_last, "mail", country)
        add(country, profession, twin_first, twin_last, woman, people[-1].email if same_email else private)

    Person.objects.bulk_create(people, batch_size=500)
    through = Person.languages.through
    through.objects.bulk_create(
        [
            through(person_id=person.pk, language_id=languages[code].pk)
            for person, codes in zip(people, spoken, strict=True)
            for code in dict.fromkeys(codes)
            if code in languages
        ],
        batch_size=1000,
    )
    Consent.objects.bulk_create(_consents(rng, people), batch_size=1000)
    context.objects["people"] = people


def _consents(rng: random.Random, people: list[Person]) -> list[Consent]:
    consents = []
    for person in people:
        signed = dt.date(2025, 2, 1) + dt.timedelta(days=rng.randint(0, 480))
        consents.append(
            Consent(
                person=person,
                purpose=PURPOSE,
                given_on=signed,
                method=ConsentMethod.PAPER,
                note="Paper form signed at the session",
            )
        )
        if rng.random() < 0.08:
            withdrawn = signed + dt.timedelta(days=rng.randint(30, 200)) if rng.random() < 0.25 else None
            consents.append(
                Consent(
                    person=person,
                    purpose=PHOTO_PURPOSE,
                    given_on=signed,
                    method=ConsentMethod.ONLINE,
                    withdrawn_on=withdrawn,
                )
            )
    return consents


def anonymise_demo_person(context: DemoContext) -> None:
    """One participant asked to be erased: the first who attended a session (by record number) is
    anonymised, so the lists, the person page and the figures show what an erased record looks like."""
    from relais.delivery.models import RegistrationStatus
    from relais.delivery.services_anonymise import person_anonymise

    person = (
        Person.objects.filter(registrations__status=RegistrationStatus.ATTENDED, anonymised_at__isnull=True)
        .order_by("pk")
        .first()
    )
    if person is not None:
        person_anonymise(actor=None, person=person, reason="request")
        context.objects["anonymised_person"] = person


def _anonymised_loaded() -> bool:
    return Person.objects.filter(anonymised_at__isnull=False).exists()


def register() -> None:
    register_demo_step(DemoStep(key="people", order=41, run=build_people, is_loaded=Person.objects.exists))
    # After attendance (43): the erased person keeps their sessions and attendance.
    register_demo_step(
        DemoStep(key="people_anonymised", order=44, run=anonymise_demo_person, is_loaded=_anonymised_loaded)
    )
