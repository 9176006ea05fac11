"""Unguessable tokens of the participants' addresses (personal links, session entry pages)."""

from __future__ import annotations

import secrets

from relais.delivery.models import Session
from relais.evaluation.models import SessionEntry


def new_token() -> str:
    """32 URL-safe characters: 192 bits, never guessed."""
    return secrets.token_urlsafe(24)


def session_entry_token(session: Session) -> str:
    entry = SessionEntry.objects.filter(session=session).first()
    if entry is None:
        entry, _ = SessionEntry.objects.get_or_create(session=session, defaults={"token": new_token()})
    return entry.token
