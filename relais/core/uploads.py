"""Where an uploaded file waits between an import's preview and its confirmation: in storage under
imports/<random>/upload.bin (never in the form), listed in the uploader's session for TOKEN_TTL
seconds and tied to what it is for (`owner`, e.g. "session:12"). Another user, another owner, or the
same user after expiry gets 404; the file is deleted once imported, and uploads left for more than a
day are deleted by the next upload of anyone. Used by the participant and answer imports.

Also the checks of an upload's content shared by every endpoint that takes files (DESIGN.md §7):
`xml_declares_dtd` (a part of an office package declaring a DTD or entities: external entities, the
"billion laughs"), and `looks_like_markup` (a text that is a web page, an SVG image or other XML,
however it is named).
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import time
import zipfile
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404, HttpRequest

TOKEN_TTL = 2 * 60 * 60
SESSION_KEY = "relais_uploads"
_TOKEN_CHARS = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
_MARKUP_LEAD = re.compile(r"(?:\s+|<!--.*?-->|<\?xml[^>]*\?>)*", re.S)
_MARKUP_STARTS = ("<!doctype", "<html", "<svg", "<?xml", "<head", "<body", "<script", "<iframe", "<xsl")


# --- Content checks ------------------------------------------------------------------------------


def xml_declares_dtd(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """Whether this XML member of a package declares a DTD (entities live there): only the prolog is
    parsed, with defusedxml, so nothing is expanded nor fetched. Malformed XML raises the parser's error."""
    from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
    from defusedxml import ElementTree as DefusedET

    try:
        with archive.open(info) as handle:
            for _event, _elem in DefusedET.iterparse(handle, events=("start",), forbid_dtd=True):
                break
    except (DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden):
        return True
    return False


def package_declares_dtd(archive: zipfile.ZipFile) -> bool:
    """Whether any XML part (.xml, .rels, .vml) of the package declares a DTD; malformed parts count as not."""
    for info in archive.infolist():
        if info.filename.lower().endswith((".xml", ".rels", ".vml")) and not info.flag_bits & 0x1:
            try:
                if xml_declares_dtd(archive, info):
                    return True
            except Exception:  # noqa: S112 - malformed XML, a damaged member: the reader that follows says so
                continue
    return False


def looks_like_markup(text: str) -> bool:
    """Starts (after white space, comments and an XML declaration) like a web page, an SVG or XML."""
    text = text.lstrip("\ufeff")
    lead = _MARKUP_LEAD.match(text)
    head = text[lead.end() if lead else 0 :][:20].lower()
    if head.startswith(_MARKUP_STARTS):
        return True
    return text.lstrip().lower().startswith("<?xml")


def _entries(request: HttpRequest) -> dict[str, dict[str, Any]]:
    entries = request.session.get(SESSION_KEY, {})
    return entries if isinstance(entries, dict) else {}


def _delete(path: str) -> None:
    with contextlib.suppress(OSError, NotImplementedError):
        default_storage.delete(path)
        os.rmdir(default_storage.path(os.path.dirname(path)))


def _sweep(request: HttpRequest) -> dict[str, dict[str, Any]]:
    """Forget and delete this user's expired uploads, and any upload left older than a day."""
    entries = _entries(request)
    now = time.time()
    for token, entry in list(entries.items()):
        if now - entry.get("at", 0) > TOKEN_TTL:
            _delete(entry.get("path", ""))
            del entries[token]
    with contextlib.suppress(OSError, NotImplementedError):
        folders, _files = default_storage.listdir("imports")
        for folder in folders:
            path = f"imports/{folder}/upload.bin"
            if default_storage.exists(path) and now - default_storage.get_modified_time(path).timestamp() > 86_400:
                _delete(path)
    return entries


def upload_keep(request: HttpRequest, *, owner: str, data: bytes, filename: str) -> str:
    """Keep the file for its uploader; returns the token that names it."""
    entries = _sweep(request)
    token = secrets.token_urlsafe(24)
    path = default_storage.save(f"imports/{token}/upload.bin", ContentFile(data))
    entries[token] = {"path": path, "name": filename[:255], "owner": owner, "at": time.time()}
    request.session[SESSION_KEY] = entries
    return token


def upload_load(request: HttpRequest, *, owner: str, token: str) -> tuple[bytes, str]:
    """The waiting file and its name (404 when it is not this user's, for this owner, still)."""
    entry = _entries(request).get(token) if token and set(token) <= _TOKEN_CHARS else None
    if not entry or entry.get("owner") != owner or time.time() - entry.get("at", 0) > TOKEN_TTL:
        raise Http404
    try:
        with default_storage.open(entry["path"], "rb") as handle:
            return handle.read(), entry["name"]
    except OSError:
        raise Http404 from None


def upload_forget(request: HttpRequest, token: str) -> None:
    entries = _entries(request)
    entry = entries.pop(token, None)
    if entry:
        _delete(entry["path"])
    request.session[SESSION_KEY] = entries
