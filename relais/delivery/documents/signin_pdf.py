"""The daily sign-in sheet of a session as PDF (Typst), in the active language.

One line per expected participant, by last name: number, name, organisation, profession and room
to sign; a few empty lines at the end for people not on the list. The first page carries a QR
code that leads to the session's questionnaires.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from relais.delivery.documents.render import compile_pdf, content, page_label, preamble, qr_image
from relais.delivery.models import Session
from relais.delivery.selectors_attendance import (
    day_number,
    expected_registrations,
    organisation_label,
    profession_label,
    session_days,
)
from relais.design.exports.typst_markup import string_literal

BLANK_LINES = 3  # for people who come without being registered


@dataclass(frozen=True)
class SignInRow:
    number: int
    last_name: str
    first_name: str
    organisation: str
    profession: str


@dataclass(frozen=True)
class SignInSheet:
    session_id: int
    title: str
    design: str
    city: str
    country: str
    venue: str
    day: dt.date
    day_number: int
    day_count: int
    rows: tuple[SignInRow, ...]
    questionnaires_url: str
    generated_on: dt.date

    @property
    def filename_stem(self) -> str:
        return f"sign-in-{slugify(self.title)[:60].strip('-') or f'session-{self.session_id}'}-{self.day.isoformat()}"

    @property
    def day_label(self) -> str:
        return _("Day %(number)d of %(count)d") % {"number": self.day_number, "count": self.day_count}


def signin_build(session: Session, day: dt.date, *, questionnaires_url: str, generated_on: dt.date) -> SignInSheet:
    """The sheet of `day` (one of the session's days), with the design and country the caller loaded."""
    rows = tuple(
        SignInRow(
            number=n,
            last_name=r.person.last_name,
            first_name=r.person.first_name,
            organisation=organisation_label(r),
            profession=profession_label(r),
        )
        for n, r in enumerate(expected_registrations(session), start=1)
    )
    return SignInSheet(
        session_id=session.pk,
        title=session.title,
        design=session.design.title,
        city=session.city,
        country=session.country.name,
        venue=session.venue,
        day=day,
        day_number=day_number(session, day),
        day_count=len(session_days(session)),
        rows=rows,
        questionnaires_url=questionnaires_url,
        generated_on=generated_on,
    )


def _values(sheet: SignInSheet) -> str:
    language = (get_language() or "en")[:2]
    date = date_format(sheet.day, "DATE_FORMAT")
    running = _("%(title)s · Sign-in sheet · %(date)s · %(day)s") % {
        "title": sheet.title,
        "date": date,
        "day": sheet.day_label,
    }
    generated = _("Generated on %(date)s") % {"date": date_format(sheet.generated_on, "DATE_FORMAT")}
    return "\n".join(
        [
            f"#let lang = {string_literal(language)}",
            f"#let doc-title = {string_literal(running)}",
            f"#let running-title = {content(running)}",
            f"#let generated-on = {content(generated)}",
            page_label(),
        ]
    )


def _facts(sheet: SignInSheet) -> str:
    weekday = date_format(sheet.day, "l")
    when = _("%(weekday)s %(date)s · %(day)s") % {
        "weekday": weekday.capitalize(),
        "date": date_format(sheet.day, "DATE_FORMAT"),
        "day": sheet.day_label,
    }
    place = _("%(city)s, %(country)s") % {"city": sheet.city, "country": sheet.country}
    facts = [(_("Date"), when), (_("Place"), place)]
    if sheet.venue.strip():
        facts.append((_("Venue"), sheet.venue))
    return "(" + ", ".join(f"({content(label)}, {content(value)})" for label, value in facts) + ",)"


def _row(row: SignInRow) -> str:
    name = f"name-cell({content(row.last_name)}, {content(row.first_name)})"
    return f"({content(str(row.number))}, {name}, {content(row.organisation)}, {content(row.profession)})"


def signin_typst_source(sheet: SignInSheet) -> str:
    """The whole Typst document of the sheet."""
    header = [_("No."), _("Name"), _("Organisation"), _("Profession"), _("Signature")]
    rows = [_row(r) for r in sheet.rows]
    first_blank = len(sheet.rows) + 1
    rows += [f"({content(str(n))}, [], [], [])" for n in range(first_blank, first_blank + BLANK_LINES)]
    count = len(sheet.rows)
    note = (
        _("Please sign on the line with your name. If your name is not on the list, write it on an empty line.")
        if count
        else _("No participant is registered yet: write your name on a line and sign.")
    )
    kicker = _("Sign-in sheet")
    caption = _("Scan for the questionnaires of this session")
    body = [
        "#title-block(",
        f"  kicker: {content(kicker)},",
        f"  title: {content(sheet.title)},",
        f"  design: {content(sheet.design)},",
        f"  facts: {_facts(sheet)},",
        f"  qr: {qr_image(sheet.questionnaires_url, size='3.3cm')},",
        f"  caption: {content(caption)},",
        ")",
        "#rule()",
        f"#note({content(note)})",
        "#sheet(",
        f"  header: ({', '.join(content(h) for h in header)}),",
        "  rows: (\n" + "".join(f"    {r},\n" for r in rows) + "  ),",
        ")",
    ]
    return "\n".join([_values(sheet), preamble("signin.typ"), *body]) + "\n"


def signin_pdf(sheet: SignInSheet) -> bytes:
    return compile_pdf(signin_typst_source(sheet))
