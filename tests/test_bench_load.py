"""The load test (bench/load.py) for a few seconds at the tiny size `xs`: three virtual users — a member
of staff browsing, a participant answering questionnaires through personal links, a trainer marking
attendance — against gunicorn with the production settings, as the real runs do (not Django's live
server: the scenario's checks are those of a deployed site, CSRF origins, secure cookies and proxy
headers included). Short thoughts between actions, so that each user does several. The test fails when
any request errs, a worker restarts, a worker logs an exception, or the database does not hold what the
answers said was done."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_three_users_for_a_few_seconds_at_xs(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("RELAIS_", "DJANGO_", "DATABASE_URL"))}
    env["MEDIA_ROOT"] = str(tmp_path / "media")
    command = [
        sys.executable,
        "bench/load.py",
        "--size=xs",
        f"--database=sqlite:///{tmp_path / 'xs.sqlite3'}",
        "--users=3",
        "--seconds=3",
        "--ramp=0.5",
        "--workers=1",
        "--warm-up=0",
        "--think",
        "0.2",
        "0.5",
        f"--results={tmp_path / 'results'}",
        f"--search-dir={tmp_path / 'search'}",
    ]
    run = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=180)
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-4000:]

    result = json.loads((tmp_path / "results" / "load-xs-sqlite.json").read_text())
    assert result["overall"]["errors_all"] == 0
    assert result["facts"]["personas"] == {"staff": 1, "participant": 1, "attendance": 1}
    kinds = {row["kind"]: row for row in result["rows"]}
    assert all(row["errors"] == 0 for row in kinds.values())
    for kind in ("answer: open the link", "answer: send the answers (POST)", "attendance: mark (htmx POST)"):
        assert kinds[kind]["count"] >= 1, kind
    assert sum(1 for kind in kinds if kind.startswith("staff: ")) >= 1
    assert all(row["server_p50_ms"] is not None for row in kinds.values())  # Server-Timing read back
    assert all(check["same"] for check in result["consistency"].values()), result["consistency"]
    assert result["gunicorn"]["workers_booted"] == 1
