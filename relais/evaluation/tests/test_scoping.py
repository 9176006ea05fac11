"""What part of a programme's evaluation each role reads (scoping.results_scope)."""

from __future__ import annotations

from typing import Any

import pytest
from django.http import Http404

from relais.evaluation.scoping import results_scope
from relais.programmes.models import ProgrammeRole


def test_each_role_reads_its_part(personas: dict[str, Any], programme: Any, other_programme: Any) -> None:
    def scope(persona: str) -> Any:
        return results_scope(user=personas[persona], programme_pk=programme.pk)

    assert scope("admin").names and scope("admin").country_ids is None
    assert scope("manager").names and not scope("manager").suppress_small
    assert not scope("me_officer").names and scope("me_officer").country_ids is None
    assert scope("coordinator_al").country_ids is not None and scope("coordinator_al").names
    assert scope("trainer").session_ids == frozenset()
    assert scope("viewer").suppress_small and not scope("viewer").names
    with pytest.raises(Http404):
        scope("outsider")
    with pytest.raises(Http404):
        results_scope(user=personas["manager"], programme_pk=other_programme.pk)


def test_an_m_and_e_officer_who_trains_elsewhere_still_sees_pseudonyms_here(
    personas: dict[str, Any], programme: Any, other_programme: Any
) -> None:
    officer = personas["me_officer"]
    ProgrammeRole.objects.create(user=officer, programme=other_programme, role="trainer")
    assert not results_scope(user=officer, programme_pk=programme.pk).names
    assert results_scope(user=officer, programme_pk=other_programme.pk).names
