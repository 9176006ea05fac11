"""Where the bench writes, and the environment it sets before Django starts.

Import this module before anything from Django or relais: it only uses the standard library.
"""

from __future__ import annotations

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


def setup_django(url: str) -> None:
    """Production-like settings (DEBUG off), the test client's host allowed, no second-factor page."""
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    os.environ["DEBUG"] = "0"
    # Testing mode: a development SECRET_KEY, the immediate task backend and static files served
    # without a collectstatic manifest. It changes nothing in the queries that pages run.
    os.environ["RELAIS_TESTING"] = "1"
    os.environ["ALLOWED_HOSTS"] = "testserver,127.0.0.1,localhost"
    os.environ["RELAIS_REQUIRE_2FA_FOR_ADMINS"] = "0"
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    (ROOT / "var").mkdir(exist_ok=True)
    import django

    django.setup()
