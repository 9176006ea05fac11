"""Where the bench writes, and the environment it sets before Django starts.

Import this module before anything from Django or relais: it only uses the standard library.
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"


def database_url(size: str, explicit: str | None = None) -> str:
    """--database, else $DATABASE_URL, else a SQLite file of its own per size under var/."""
    if explicit:
        return explicit
    if os.environ.get("DATABASE_URL"):
        return os.environ["DATABASE_URL"]
    return f"sqlite:///{ROOT / 'var' / f'bench-{size}.sqlite3'}"


def _url_hash(url: str) -> str:
    return hashlib.sha256(url.encode()).hexdigest()[:8]


def search_dir(url: str) -> Path:
    """The search index of the database at `url`: var/bench-search-<a short hash of the url>. The
    generator builds it there (step "search_index"); the benches and the bench server read it."""
    return ROOT / "var" / f"bench-search-{_url_hash(url)}"


def media_dir(url: str) -> Path:
    """The files of the database at `url` (documents' files, publications): var/bench-media-<hash>,
    so that generated files never mix with those of var/media (the development server's)."""
    return ROOT / "var" / f"bench-media-{_url_hash(url)}"


def setup_django(url: str) -> None:
    """Production-like settings (DEBUG off), the test client's host allowed, no second-factor page.
    The search index and the files are the database's own (search_dir, media_dir), unless
    RELAIS_SEARCH_DIR or MEDIA_ROOT is set already."""
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("RELAIS_SEARCH_DIR", str(search_dir(url)))
    os.environ.setdefault("MEDIA_ROOT", str(media_dir(url)))
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    os.environ["DEBUG"] = "0"
    # Testing mode: a development SECRET_KEY, the immediate task backend and static files served
    # without a collectstatic manifest. It changes nothing in the queries that pages run.
    os.environ["RELAIS_TESTING"] = "1"
    os.environ["ALLOWED_HOSTS"] = "testserver,127.0.0.1,localhost"
    os.environ["RELAIS_REQUIRE_2FA"] = "0"
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    (ROOT / "var").mkdir(exist_ok=True)
    import django

    django.setup()
