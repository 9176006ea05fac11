"""Catalogues of the participants' pages in the languages of the countries Relais works in.

Staff use Relais in English or French (the full catalogue, relais/locale/fr). Participants answer in
their own language: the questions come translated with the questionnaire, and the few interface
texts around them (buttons, errors, the pages for a used or expired link, the e-mails with personal
links) come from small catalogues, one per language of settings.PARTICIPANT_LANGUAGES, holding only
the messages of the participants' files (PARTICIPANT_FILES), taken from the French catalogue.

    python scripts/participant_catalogues.py           # add new messages (empty), drop unused ones
    python scripts/participant_catalogues.py --check   # exit 1 when a message is missing or untranslated

Run `make messages` first (it refreshes the French catalogue these messages are taken from).
"""

from __future__ import annotations

import argparse
import fnmatch
import os
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "relais" / "locale"

# Files whose messages participants see (paths as the French catalogue's occurrences write them).
PARTICIPANT_FILES = [
    "relais/evaluation/templates/evaluation/answer/*.html",
    "relais/evaluation/templates/evaluation/partials/item_field*.html",
    "relais/evaluation/templates/evaluation/emails/*.txt",
    "relais/evaluation/answers.py",
    "relais/evaluation/forms_answer.py",
    "relais/evaluation/views_answer*.py",
    "relais/evaluation/selectors_answer.py",
    "relais/evaluation/tasks.py",
    "relais/core/templates/base.html",
]

PLURAL_FORMS = {
    "bg": "nplurals=2; plural=(n != 1);",
    "bs": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "cs": "nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;",
    "de": "nplurals=2; plural=(n != 1);",
    "hr": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "hu": "nplurals=2; plural=(n != 1);",
    "it": "nplurals=2; plural=(n != 1);",
    "mk": "nplurals=2; plural=(n % 10 == 1 && n % 100 != 11) ? 0 : 1;",
    "nl": "nplurals=2; plural=(n != 1);",
    "ro": "nplurals=3; plural=(n==1 ? 0 : (n==0 || (n%100 > 0 && n%100 < 20)) ? 1 : 2);",
    "sq": "nplurals=2; plural=(n != 1);",
    "sr": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
}


def participant_entries() -> list[polib.POEntry]:
    """The messages of the participants' files, as the French catalogue has them."""
    french = polib.pofile(str(LOCALE / "fr" / "LC_MESSAGES" / "django.po"))
    wanted = []
    for entry in french:
        if entry.obsolete:
            continue
        if any(fnmatch.fnmatch(path, pattern) for path, _line in entry.occurrences for pattern in PARTICIPANT_FILES):
            wanted.append(entry)
    return wanted


def _key(entry: polib.POEntry) -> tuple[str | None, str]:
    return (entry.msgctxt, entry.msgid)


def _translated(entry: polib.POEntry) -> bool:
    if entry.msgid_plural:
        return bool(entry.msgstr_plural) and all(entry.msgstr_plural.values())
    return bool(entry.msgstr)


def refresh(language: str, wanted: list[polib.POEntry]) -> polib.POFile:
    path = LOCALE / language / "LC_MESSAGES" / "django.po"
    po = polib.pofile(str(path)) if path.exists() else polib.POFile()
    po.metadata = {
        "Project-Id-Version": "Relais (participants' pages)",
        "Language": language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": PLURAL_FORMS[language],
    }
    existing = {_key(e): e for e in po}
    nplurals = int(PLURAL_FORMS[language].split("nplurals=")[1].split(";")[0])
    fresh = polib.POFile()
    fresh.metadata = po.metadata
    for source in wanted:
        entry = existing.get(_key(source))
        if entry is None:
            entry = polib.POEntry(msgctxt=source.msgctxt, msgid=source.msgid, msgid_plural=source.msgid_plural)
            if source.msgid_plural:
                entry.msgstr_plural = {n: "" for n in range(nplurals)}
        entry.flags = [f for f in source.flags if f != "fuzzy"]
        entry.occurrences = []
        fresh.append(entry)
    return fresh


def main(argv: list[str] | None = None) -> int:
    from django.conf import settings

    if not settings.configured:  # run as a script (the tests call main() with Django set up)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
        os.environ.setdefault("DEBUG", "1")
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--check", action="store_true", help="report missing or untranslated messages")
    args = parser.parse_args(argv)
    wanted = participant_entries()
    problems = 0
    for language in settings.PARTICIPANT_LANGUAGES:
        po = refresh(language, wanted)
        missing = [e.msgid for e in po if not _translated(e)]
        if args.check:
            path = LOCALE / language / "LC_MESSAGES" / "django.po"
            on_disk = {_key(e): e for e in polib.pofile(str(path))} if path.exists() else {}
            stale = [e.msgid for e in po if _key(e) not in on_disk or not _translated(on_disk[_key(e)])]
            if stale:
                problems += len(stale)
                print(f"{language}: {len(stale)} message(s) missing or untranslated, e.g. {stale[0]!r}")
        else:
            path = LOCALE / language / "LC_MESSAGES" / "django.po"
            path.parent.mkdir(parents=True, exist_ok=True)
            po.save(str(path))
            print(f"{language}: {len(po)} messages, {len(missing)} to translate")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
