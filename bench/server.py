"""A Relais server for the page benchmarks and the load test: gunicorn with the production settings
on loopback, as deploy.md runs it behind nginx.

- Production settings: DEBUG off, a random SECRET_KEY, static files from a collectstatic manifest
  (whitenoise), tasks queued in the database, the second factor required, HTTPS on with
  RELAIS_BEHIND_PROXY — the clients send `X-Forwarded-Proto: https`, as nginx does, so cookies are
  `Secure` and CSRF checks the origin as in production.
- RELAIS_BENCH on: the floor page (`/bench/floor/`) is mounted and every response carries
  `Server-Timing` (time in Django, SQL time and query count).

The bench process shares the server's SECRET_KEY (set here before Django starts), so it can open
sessions for its personas directly in the database (`login_cookies`), with a verified second
factor, instead of typing passwords (argon2 would cost every login ~0.1 s of a 2-CPU machine).
"""

from __future__ import annotations

import http.client
import os
import secrets
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.env import ROOT

SECRET_KEY = os.environ.setdefault("RELAIS_BENCH_SECRET_KEY", secrets.token_urlsafe(50))
os.environ["SECRET_KEY"] = SECRET_KEY  # this process signs the sessions that the server reads
HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def server_env(database_url: str, *, search_dir: Path | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("RELAIS_", "DJANGO_"))}
    env.update(
        {
            "DATABASE_URL": database_url,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DEBUG": "0",
            "SECRET_KEY": SECRET_KEY,
            "ALLOWED_HOSTS": f"{HOST},localhost",
            "RELAIS_BEHIND_PROXY": "1",
            "RELAIS_BENCH": "1",
            "STATIC_ROOT": str(ROOT / "var" / "bench-static"),
            "RELAIS_TESTING": "0",
        }
    )
    if search_dir is not None:
        env["RELAIS_SEARCH_DIR"] = str(search_dir)
    # Settings to try on the bench's server (RELAIS_BENCH_SERVER_<NAME>=value becomes <NAME>=value).
    prefix = "RELAIS_BENCH_SERVER_"
    env.update({k.removeprefix(prefix): v for k, v in os.environ.items() if k.startswith(prefix)})
    return env


@dataclass
class Server:
    """`with Server(url) as server:` starts gunicorn, waits until it answers, stops it on exit."""

    database_url: str
    workers: int = 3
    threads: int = 1
    search_dir: Path | None = None
    port: int = field(default_factory=free_port)
    log: Path = ROOT / "var" / "bench-gunicorn.log"
    process: subprocess.Popen[bytes] | None = None

    @property
    def base(self) -> str:
        return f"http://{HOST}:{self.port}"

    def __enter__(self) -> Server:
        env = server_env(self.database_url, search_dir=self.search_dir)
        python = str(Path(sys.executable))
        subprocess.run(  # noqa: S603 - our own manage.py
            [python, "manage.py", "collectstatic", "--no-input", "-v", "0"], cwd=ROOT, env=env, check=True
        )
        gunicorn = str(Path(sys.executable).parent / "gunicorn")
        args = [gunicorn, "config.wsgi", "-w", str(self.workers), "--bind", f"{HOST}:{self.port}"]
        if self.threads > 1:
            args += ["-k", "gthread", "--threads", str(self.threads)]
        args += ["--timeout", "60", "--error-logfile", str(self.log)]
        self.log.parent.mkdir(exist_ok=True)
        self.process = subprocess.Popen(args, cwd=ROOT, env=env)  # noqa: S603
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped at start-up (see {self.log})")
            try:
                conn = http.client.HTTPConnection(HOST, self.port, timeout=5)
                conn.request("GET", "/healthz", headers={"X-Forwarded-Proto": "https"})
                if conn.getresponse().status == 200:
                    return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer in 60 s (see {self.log})")

    def __exit__(self, *exc: Any) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()


def login_cookies(user: Any) -> dict[str, str]:
    """Session and CSRF cookies of a logged-in `user`, second factor verified (a static device named
    "bench"), written straight to the session store: what logging in leaves behind."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django_otp.plugins.otp_static.models import StaticDevice

    device, _ = StaticDevice.objects.get_or_create(user=user, name="bench", defaults={"confirmed": True})
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session["otp_device_id"] = device.persistent_id
    session["relais_touched"] = int(time.time())
    session.create()
    return {settings.SESSION_COOKIE_NAME: session.session_key or "", settings.CSRF_COOKIE_NAME: secrets.token_hex(16)}
