"""python manage.py build_publication PROGRAMME_ID [--lang fr] [--format pdf|docx|html] [-o FILE]
[--sections summary,reach,...] [--sessions 12,15] [--title TEXT] [--summary TEXT]

Build a programme's results report at once (no background task, no build kept) and write it to
FILE (default: report-<programme code>-<language>-<date>.<format> in the current folder). Small
figures are suppressed as in every publication. The sections, in the report's order: summary,
programme, reach, learning, change, network, lessons, replication, annex (default: all).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from relais.programmes.models import Programme
from relais.publications.content import SECTIONS
from relais.publications.services import LANGUAGES, default_title, sections_normalise, session_ids_normalise
from relais.publications.tasks import ReportRequest, report_content, report_filename, report_render

FORMATS = ("pdf", "docx", "html")


def _ids(value: str) -> list[int]:
    try:
        return [int(part) for part in value.replace(" ", "").split(",") if part]
    except ValueError:
        raise CommandError(f"--sessions takes session ids separated by commas, not {value!r}") from None


class Command(BaseCommand):
    help = "Build a programme's results report (PDF, DOCX or HTML) at once and write it to a file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("programme_id", type=int, help="the programme's id")
        parser.add_argument("--lang", choices=LANGUAGES, default="en", help="language of the report (en or fr)")
        parser.add_argument("--format", choices=FORMATS, default="pdf", dest="fmt")
        parser.add_argument("-o", "--output", help="file to write (default: report-<code>-<lang>-<date>.<format>)")
        parser.add_argument(
            "--sections", default="", help=f"sections, comma-separated (default all: {','.join(SECTIONS)})"
        )
        parser.add_argument("--sessions", default="", help="only these sessions (ids, comma-separated)")
        parser.add_argument("--title", default="", help="title (default: Results report — <programme>)")
        parser.add_argument("--summary", default="", help="text of the executive summary")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            programme = Programme.objects.get(pk=options["programme_id"])
        except Programme.DoesNotExist:
            raise CommandError(f"No programme with id {options['programme_id']}.") from None
        lang, fmt = options["lang"], options["fmt"]
        keys = [k.strip() for k in options["sections"].split(",") if k.strip()] or list(SECTIONS)
        try:
            sections = sections_normalise(keys)
            session_ids = session_ids_normalise(programme, _ids(options["sessions"]) or None)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        started = time.perf_counter()
        publication = report_content(
            ReportRequest(
                programme=programme,
                language=lang,
                sections=sections,
                session_ids=session_ids,
                summary=options["summary"],
                title=options["title"] or default_title(programme, lang),
            )
        )
        data = report_render(publication, fmt)
        path = Path(options["output"] or report_filename(programme, lang, fmt))
        path.write_bytes(data)
        took = time.perf_counter() - started
        self.stdout.write(f"{path} ({len(data):,} bytes, {took:.2f} s)")
