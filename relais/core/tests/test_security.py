"""Security by default: headers, CSP-compatible templates, production settings."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
TEMPLATES = sorted(ROOT.glob("relais/**/templates/**/*.html"))


def test_pages_send_a_strict_content_security_policy(client: Any, db: None) -> None:
    response = client.get("/accounts/login/")
    csp = response["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_templates_have_no_inline_script_style_or_event_handler() -> None:
    assert TEMPLATES, "no template found"
    inline_script = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
    handler = re.compile(r"\son[a-z]+\s*=", re.I)
    style = re.compile(r"<style\b|\sstyle\s*=", re.I)
    offenders = []
    for path in TEMPLATES:
        text = path.read_text()
        for pattern in (inline_script, handler, style):
            if pattern.search(text):
                offenders.append(f"{path.relative_to(ROOT)}: {pattern.pattern}")
    assert offenders == []


def test_user_text_is_escaped(admin_client: Any, personas: dict[str, Any]) -> None:
    victim = personas["trainer"]
    victim.full_name = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    victim.save()
    html = admin_client.get(f"/administration/users/{victim.pk}/").content.decode()
    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;" in html


def test_forms_need_a_csrf_token(client: Any, personas: dict[str, Any]) -> None:
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(personas["admin"])
    response = strict.post("/administration/users/new/", {"full_name": "X", "email": "x@example.org", "language": "en"})
    assert response.status_code == 403
    assert "Request refused" in response.content.decode()


def _production_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST", "RELAIS_"))}
    env.update(
        {
            "DEBUG": "0",
            "RELAIS_TESTING": "0",
            "SECRET_KEY": "pr0duct10n-t3st-k3y-9f8e7d6c5b4a3210-zyxwvutsrqponmlkjihgfedcba",
            "ALLOWED_HOSTS": "relais.example.org",
            "DJANGO_SETTINGS_MODULE": "config.settings",
        }
    )
    env.update(extra)
    return env


def test_check_deploy_is_clean_in_production_mode() -> None:
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=_production_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key() -> None:
    env = _production_env()
    env.pop("SECRET_KEY")
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_requires_a_second_factor_for_administrators() -> None:
    code = "from django.conf import settings; print(settings.RELAIS_REQUIRE_2FA, settings.SESSION_COOKIE_SECURE)"
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=_production_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stdout.strip() == "True True", result.stderr


def test_healthz(client: Any, db: None) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}


def test_ids_in_templates_are_never_localised() -> None:
    """With thousands separators on, {{ obj.pk }} renders 1192 as "1,192": ids in attributes must be unlocalized."""
    pattern = re.compile(r"\{\{\s*[\w.]+?(?:\.pk|\.id|_id|_pk)\s*\}\}")
    offenders = [
        f"{path.relative_to(ROOT)}: {m.group(0)}"
        for path in TEMPLATES
        if "/forms/" not in str(path)  # field templates of the form renderer: values there are already strings
        for m in pattern.finditer(path.read_text())
    ]
    assert offenders == []


_PRODUCTION_REQUEST = """
import json, django
django.setup()
from django.conf import settings
from django.test import Client, override_settings
# The manifest of hashed static names exists only after collectstatic: plain names here.
storages = {**settings.STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
override_settings(STORAGES=storages).enable()
client = Client(HTTP_HOST="relais.example.org")
plain = client.get("/accounts/login/")
secure = client.get("/accounts/login/", secure=True)
flags = ("secure", "httponly", "samesite")
cookies = {name: {k: str(morsel[k]) for k in flags} for name, morsel in secure.cookies.items()}
print(json.dumps({
    "plain_status": plain.status_code, "plain_location": plain.get("Location", ""),
    "status": secure.status_code, "headers": dict(secure.headers), "cookies": cookies,
}))
"""


def test_production_headers_and_cookies() -> None:
    """In production settings, over HTTPS: HSTS with preload, a strict CSP, no sniffing, no referrer
    to other sites, cookies Secure and HttpOnly; plain HTTP is sent to HTTPS."""
    import json

    result = subprocess.run(
        [sys.executable, "-c", _PRODUCTION_REQUEST],
        cwd=ROOT,
        env=_production_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["plain_status"] == 301 and seen["plain_location"].startswith("https://relais.example.org/")
    assert seen["status"] == 200
    headers = seen["headers"]
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    csp = headers["Content-Security-Policy"]
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp and "script-src 'self'" in csp
    assert seen["cookies"], "the login page sets its CSRF cookie"
    for name, flags in seen["cookies"].items():
        assert flags["secure"] and flags["httponly"], name
        assert flags["samesite"] in ("Lax", "Strict"), name
