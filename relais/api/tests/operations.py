"""The API's permission matrix vocabulary. Each resource lists its operations in
relais/api/tests/operations_<area>.py:

    OPERATIONS: dict[str, Op]     "GET /sessions/{session_id}" -> who may (the others get 404)
    def context(ctx) -> None      optional: adds the objects its operations need to the shared ctx

test_operations_matrix.py gathers them and fails when an operation of the OpenAPI document has no entry.
The shared ctx is tests/test_permissions.py's (personas, programme, other programme, AL country…).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tests.matrix import ALL, PERSONAS  # noqa: F401 - re-exported for the operations modules


@dataclass(frozen=True)
class Op:
    # Path parameters: {"session_id": ctx["api_session"].pk}
    params: Callable[[dict[str, Any]], dict[str, Any]] = field(default=lambda ctx: {})
    may: frozenset[str] = ALL
    query: Callable[[dict[str, Any]], dict[str, Any]] = field(default=lambda ctx: {})
    body: Callable[[dict[str, Any]], Any] | None = None
    ok: frozenset[int] = frozenset({200})
    # For lists: the id that the personas in `may` find among the items and the others do not (they
    # get the list without it, or 404). None: `may` gets 200, the others 404.
    listed: Callable[[dict[str, Any]], Any] | None = None
    public: bool = False  # answers without a token too
