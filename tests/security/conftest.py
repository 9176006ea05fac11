"""Hostile input: the hypothesis profile of these tests, the world every upload endpoint needs, and
the counts of the rows an upload could write.

The profile "security" is derandomised (the same examples on every run, so CI is reproducible) and
prints the blob that replays a failure; HYPOTHESIS_PROFILE=security-long runs many more examples
(random) by hand.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "security",
    derandomize=True,
    print_blob=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.register_profile(
    "security-long",
    derandomize=False,
    print_blob=True,
    deadline=None,
    max_examples=500,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "security")


def fuzz_settings(count: int) -> settings:
    """The settings of a fuzz test: the profile (not loaded globally, so the other hypothesis tests keep
    theirs) with `count` examples, or the long profile's number when it is chosen."""
    parent = settings.get_profile(PROFILE if PROFILE.startswith("security") else "security")
    return settings(parent=parent, max_examples=parent.max_examples if PROFILE == "security-long" else count)


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = root
    return root


def stored_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()]


def row_counts() -> dict[str, int]:
    """The rows of every model an upload endpoint may write."""
    from relais.core.models import AuditEvent
    from relais.delivery.models import ImportRecord, Person, Registration
    from relais.design.models import Material
    from relais.evaluation.models import Answer, Response
    from relais.knowledge.models import Document, DocumentFile

    models = (AuditEvent, ImportRecord, Person, Registration, Material, Answer, Response, Document, DocumentFile)
    return {m.__name__: m.objects.count() for m in models}
