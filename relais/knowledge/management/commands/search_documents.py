"""python manage.py search_documents "QUERY" [--lang fr] [--public] [--kind study] [--json]

Search the knowledge centre as the site does. --lang: the language of the query (its analyser is
used first) and of the documents returned; --public: as the public sees it (public documents only);
facet filters may be repeated (--kind study --kind manual). --json prints the hits (id, title, score,
snippet), the total and the facets.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from relais.knowledge.search import FACETS, SORTS, SearchParams, search_documents


def _text(fragment: str, mark: str = "*") -> str:
    return html.unescape(re.sub(r"</?mark>", mark, fragment))


class Command(BaseCommand):
    help = "Search the knowledge centre's documents (as staff, or as the public with --public)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("query", nargs="?", default="", help='words, "phrases", -excluded (empty: everything)')
        parser.add_argument("--lang", help="language of the query and of the documents, e.g. fr")
        parser.add_argument("--public", action="store_true", help="only what the public may see")
        for name in FACETS:
            parser.add_argument(f"--{name}", action="append", default=[], help=f"filter on {name} (repeatable)")
        parser.add_argument("--sort", choices=SORTS, default="relevance")
        parser.add_argument("--page", type=int, default=1)
        parser.add_argument("--per-page", type=int, default=20)
        parser.add_argument("--json", action="store_true", help="print JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        lang = (options.get("lang") or "").strip().lower() or None
        params = SearchParams(
            q=options["query"],
            sort=options["sort"],
            page=options["page"],
            per_page=options["per_page"],
            query_language=lang,
            **{name: list(options[name]) for name in FACETS},
        )
        if lang and lang not in params.language:
            params.language.append(lang)
        result = search_documents(params, audience="public" if options["public"] else "internal")
        if options["json"]:
            data = {
                "total": result.total,
                "page": result.page,
                "per_page": result.per_page,
                "took_ms": round(result.took_ms, 2),
                "hits": [
                    {
                        "id": h.document_id,
                        "title": h.title,
                        "score": round(h.score, 4),
                        "title_html": h.title_html,
                        "snippet": h.snippet_html,
                    }
                    for h in result.hits
                ],
                "facets": {name: [[value, count] for value, count in values] for name, values in result.facets.items()},
            }
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        first = (result.page - 1) * result.per_page + 1
        shown = f"{first}–{first + len(result.hits) - 1}" if result.hits else "none"
        self.stdout.write(f"{result.total} document(s), showing {shown} ({result.took_ms:.1f} ms)")
        if result.hits:
            self.stdout.write(f"{'id':>7}  {'score':>7}  title")
        for h in result.hits:
            self.stdout.write(f"{h.document_id:>7}  {h.score:>7.2f}  {_text(h.title_html)}")
            if h.snippet_html:
                self.stdout.write(f"{'':>18}{_text(h.snippet_html)[:200]}")
        for name, values in result.facets.items():
            if values:
                listed = ", ".join(f"{value} ({count})" for value, count in values[:12])
                self.stdout.write(f"{name}: {listed}")
