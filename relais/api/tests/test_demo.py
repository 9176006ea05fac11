"""The demo's API tokens (step 65): two tokens with a last use, on the tokens page of their owners."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from relais.api.models import ApiToken, TokenScope
from relais.core.demo import DemoContext, demo_steps


@pytest.mark.django_db
def test_demo_tokens() -> None:
    context = DemoContext()
    for step in demo_steps():
        if step.key in {"programme", "api_tokens"} or step.order <= 10:
            step.run(context)
    tokens = {t.user.email: t for t in ApiToken.objects.select_related("user")}
    manager, officer = tokens["manager@demo.relais.example"], tokens["me@demo.relais.example"]
    assert manager.scope == TokenScope.WRITE and officer.scope == TokenScope.READ
    assert manager.is_active and officer.is_active and manager.last_used_at and officer.last_used_ip
    client = Client()
    client.force_login(manager.user)
    page = client.get(reverse("api:tokens")).content.decode()
    assert "Ministry training records (sync)" in page and "10.20.0.14" in page
