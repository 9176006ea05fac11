"""Both languages: catalogues complete, dates and numbers in the user's locale."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import polib
import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import translation

ROOT = Path(settings.BASE_DIR)


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="needs GNU gettext (apt-get install gettext)")
def test_makemessages_finds_nothing_untranslated_in_french(tmp_path: Path) -> None:
    """Run makemessages on a copy of the sources: every string of the code must be translated."""
    copy = tmp_path / "src"
    ignore = shutil.ignore_patterns("__pycache__", "*.mo", "tests", "migrations")
    shutil.copytree(ROOT / "relais", copy / "relais", ignore=ignore)
    shutil.copytree(ROOT / "config", copy / "config", ignore=ignore)
    shutil.copy(ROOT / "manage.py", copy / "manage.py")
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "fr", "--no-obsolete", "--add-location", "file"],
        cwd=copy,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "RELAIS_TESTING": "1", "PYTHONPATH": str(copy)},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    po = polib.pofile(str(copy / "relais/locale/fr/LC_MESSAGES/django.po"))
    untranslated = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert untranslated == [], "run `make messages` and translate these in relais/locale/fr/LC_MESSAGES/django.po"
    assert fuzzy == []


def test_french_catalogue_keeps_placeholders() -> None:
    po = polib.pofile(str(ROOT / "relais/locale/fr/LC_MESSAGES/django.po"))
    import re

    pattern = re.compile(r"%\(\w+\)s|\{\w+\}")
    for entry in po.translated_entries():
        if entry.msgid_plural:
            for text in entry.msgstr_plural.values():
                assert set(pattern.findall(text)) <= set(pattern.findall(entry.msgid_plural)), entry.msgid
        else:
            assert sorted(pattern.findall(entry.msgstr)) == sorted(pattern.findall(entry.msgid)), entry.msgid


@pytest.mark.parametrize(
    ("language", "expected_date", "expected_number"),
    [("en", "1 March 2026", "12,345"), ("fr", "1 mars 2026", "12\u202f345")],
)
def test_dates_and_numbers_follow_the_language(language: str, expected_date: str, expected_number: str) -> None:
    import datetime as dt

    template = Template('{{ day|date:"DATE_FORMAT" }}|{{ n }}')
    with translation.override(language):
        rendered = template.render(Context({"day": dt.date(2026, 3, 1), "n": 12345}))
    date_part, number_part = rendered.split("|")
    assert date_part == expected_date
    assert number_part.replace("\xa0", "\u202f") == expected_number


def test_pages_render_in_french(client: Any, personas: dict[str, Any]) -> None:
    personas["coordinator_al"].language = "fr"
    personas["coordinator_al"].save()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    client.force_login(personas["coordinator_al"])
    html = client.get("/").content.decode()
    assert '<html lang="fr">' in html
    assert "Mes programmes" in html and "Combattre la traite par le travail" in html
    assert "Coordinateur national" in html
