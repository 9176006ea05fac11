"""Making and reading personal API tokens: `relais_<prefix>_<secret>`, the prefix public, the secret
never stored."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

TOKEN_RE = re.compile(r"^relais_([A-Za-z0-9]{8})_([A-Za-z0-9_-]{43})$")


def digest_of(token: str) -> str:
    return hashlib.sha256(token.encode("ascii", "replace")).hexdigest()


def new_token() -> tuple[str, str, str]:
    """(token, prefix, digest): the token is shown once; prefix and digest are kept."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789"
    prefix = "".join(secrets.choice(alphabet) for _ in range(8))
    token = f"relais_{prefix}_{secrets.token_urlsafe(32)}"
    return token, prefix, digest_of(token)


def parse(token: str) -> str | None:
    """The prefix of a well-formed token, or None."""
    match = TOKEN_RE.match(token.strip())
    return match.group(1) if match else None


def matches(token: str, digest: str) -> bool:
    return hmac.compare_digest(digest_of(token.strip()), digest)
