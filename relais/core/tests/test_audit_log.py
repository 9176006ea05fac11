from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils import timezone

from relais.core.audit import audit_record
from relais.core.models import AuditEvent


def _events(personas: dict[str, Any], n: int) -> None:
    for i in range(n):
        actor = personas["manager"] if i % 2 else personas["admin"]
        audit_record(actor=actor, action="user.updated" if i % 3 else "user.viewed", obj=personas["trainer"])


def test_audit_log_filters(admin_client: Any, personas: dict[str, Any]) -> None:
    _events(personas, 12)
    url = reverse("core:audit_log")
    page = admin_client.get(url, {"action": "user.viewed"})
    assert page.status_code == 200
    assert page.context["page"].paginator.count == 4
    page = admin_client.get(url, {"actor": " MANAGER@example.org"})
    assert page.context["page"].paginator.count == 6
    assert "User updated" in page.content.decode()
    total = AuditEvent.objects.count()  # the 12 events and the administrator's login
    old = AuditEvent.objects.first()
    assert old is not None
    AuditEvent.objects.filter(pk=old.pk).update(at=timezone.now() - dt.timedelta(days=40))
    since = (timezone.localdate() - dt.timedelta(days=7)).isoformat()
    assert admin_client.get(url, {"date_from": since}).context["page"].paginator.count == total - 1
    bad = admin_client.get(url, {"date_from": "31/02/2025"})
    assert bad.status_code == 200
    assert "Enter a valid date." in bad.content.decode()


def test_audit_log_query_count_does_not_grow(
    admin_client: Any, personas: dict[str, Any], django_assert_num_queries: Any
) -> None:
    _events(personas, 5)
    url = reverse("core:audit_log")
    admin_client.get(url)
    with django_assert_num_queries(4):
        admin_client.get(url)
    _events(personas, 120)
    with django_assert_num_queries(4):
        response = admin_client.get(url, {"page": 2})
    assert len(response.context["page"].object_list) == 50


def test_htmx_gets_only_the_table(admin_client: Any, personas: dict[str, Any]) -> None:
    _events(personas, 3)
    response = admin_client.get(reverse("core:audit_log"), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<html" not in html and "<table" in html


def test_actor_label_survives_the_account(personas: dict[str, Any]) -> None:
    event = audit_record(actor=personas["manager"], action="user.viewed", obj=personas["trainer"])
    personas["manager"].delete()
    event.refresh_from_db()
    assert event.actor is None and event.actor_label == "manager@example.org"


def test_count_stops_at_the_cap(admin_client: Any, personas: dict[str, Any], settings: Any) -> None:
    from relais.core.pagination import CappedPaginator

    _events(personas, 30)
    paginator = CappedPaginator(AuditEvent.objects.all(), 5)
    paginator.cap = 20
    assert paginator.count == 21 and paginator.capped and paginator.num_pages == 5
    full = CappedPaginator(AuditEvent.objects.all(), 5)
    assert not full.capped and full.count == AuditEvent.objects.count()


def test_capped_page_says_so(admin_client: Any, personas: dict[str, Any], monkeypatch: Any) -> None:
    from relais.core.pagination import CappedPaginator

    monkeypatch.setattr(CappedPaginator, "cap", 60)
    _events(personas, 70)
    html = admin_client.get(reverse("core:audit_log"), {"page": 2}).content.decode()
    assert "51–61 of more than 60" in html
    assert "Page 2<" in html
