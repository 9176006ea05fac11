"""The API's conventions: problem details, cursor pagination, rate limits, Idempotency-Key, the
OpenAPI document and the documentation page."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.cache import cache
from django.db import IntegrityError
from django.http import HttpRequest
from django.test import RequestFactory
from django.urls import reverse

from relais.api.idempotency import idempotent
from relais.api.models import IdempotentRequest, TokenScope
from relais.api.pagination import decode, encode
from relais.api.problems import ApiProblem
from relais.api.schemas import Term
from relais.api.tests.factories import ApiClient, api_for, make_token
from relais.core.models import AuditEvent
from relais.programmes.tests.factories import give_role, make_programme

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_counters() -> None:
    cache.clear()


def test_problem_details_name_the_bad_field_in_the_users_language(personas: dict[str, Any]) -> None:
    response = api_for(personas["manager"], language="fr").get("/programmes", {"limit": "beaucoup"})
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 422 and body["instance"] == "/api/v1/programmes"
    assert body["type"] == "/api/v1/docs#problem-invalid"
    assert body["errors"] == [
        {"location": "query", "field": "limit", "pointer": None, "detail": "Saisissez un nombre entier."}
    ]


def test_limit_is_bounded(personas: dict[str, Any]) -> None:
    client = api_for(personas["admin"])
    for limit in ("0", "201", "-3"):
        response = client.get("/programmes", {"limit": limit})
        assert response.status_code == 422, limit
        assert response.json()["errors"][0]["field"] == "limit"


def test_cursor_pages_through_every_row_once_even_when_rows_are_added(personas: dict[str, Any]) -> None:
    for n in range(6):
        make_programme(title_en=f"Programme {n}")
    client = api_for(personas["admin"])
    seen: list[int] = []
    cursor = None
    pages = 0
    while True:
        response = client.get("/programmes", {"limit": 2, **({"cursor": cursor} if cursor else {})})
        body = response.json()
        seen += [p["id"] for p in body["items"]]
        pages += 1
        if pages == 2:
            make_programme(title_en="Added while reading")
        cursor = body["next_cursor"]
        if cursor is None:
            break
    from relais.programmes.models import Programme

    assert seen == sorted(seen) and seen == list(Programme.objects.order_by("pk").values_list("pk", flat=True))


@pytest.mark.parametrize("cursor", ["zz", "e30", encode(3)[:-2] + "!!", "eyJhZnRlciI6IC0xfQ"])
def test_a_cursor_not_given_by_the_api_is_422(personas: dict[str, Any], cursor: str) -> None:
    response = api_for(personas["admin"]).get("/programmes", {"cursor": cursor})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "cursor"


def test_cursor_round_trip() -> None:
    assert decode(encode(12345)) == 12345


def test_rate_limit_answers_429_with_retry_after(personas: dict[str, Any], settings: Any) -> None:
    settings.RELAIS_API_RATE_READ = "3/min"
    client = api_for(personas["manager"])
    statuses = [client.get("/programmes").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = client.get("/programmes")
    assert response["Content-Type"] == "application/problem+json"
    assert 1 <= int(response["Retry-After"]) <= 60
    # Counted per token: another token of another user still reads.
    assert api_for(personas["viewer"]).get("/programmes").status_code == 200


def test_writes_have_their_own_budget(personas: dict[str, Any], settings: Any) -> None:
    settings.RELAIS_API_RATE_WRITE = "1/min"
    client = api_for(personas["manager"])
    assert client.post("/sessions", {}).status_code == 422
    assert client.post("/sessions", {}).status_code == 429
    assert client.get("/programmes").status_code == 200


def _counting_view() -> Any:
    @idempotent
    def view(request: HttpRequest) -> Any:
        event = AuditEvent.objects.create(action="test.created", details=json.loads(request.body or b"{}"))
        return 201, Term(code=str(event.pk), name_en="made", name_fr="fait")

    return view


def _request(user: Any, body: dict[str, Any], key: str | None) -> HttpRequest:
    headers = {"Idempotency-Key": key} if key is not None else {}
    request = RequestFactory().post(
        "/api/v1/things", json.dumps(body), content_type="application/json", headers=headers
    )
    request.user = user
    return request


def test_idempotency_key_replays_the_first_response(personas: dict[str, Any]) -> None:
    view = _counting_view()
    user = personas["manager"]
    first = view(_request(user, {"a": 1}, "key-1"))
    again = view(_request(user, {"a": 1}, "key-1"))
    assert first[0] == 201 and isinstance(first[1], Term)
    assert again.status_code == 201 and again["Idempotent-Replayed"] == "true"
    assert json.loads(again.content)["code"] == first[1].code
    assert AuditEvent.objects.filter(action="test.created").count() == 1
    # Without a key, or with another key, a new row each time; keys are per user.
    view(_request(user, {"a": 1}, None))
    view(_request(user, {"a": 1}, "key-2"))
    view(_request(personas["trainer"], {"a": 1}, "key-1"))
    assert AuditEvent.objects.filter(action="test.created").count() == 4


def test_keys_older_than_a_day_are_forgotten(personas: dict[str, Any]) -> None:
    import datetime as dt

    from django.utils import timezone

    view = _counting_view()
    user = personas["manager"]
    view(_request(user, {"a": 1}, "old"))
    IdempotentRequest.objects.update(created_at=timezone.now() - dt.timedelta(days=2))
    view(_request(user, {"a": 1}, "old"))  # a day later the key is new again
    assert AuditEvent.objects.filter(action="test.created").count() == 2
    assert IdempotentRequest.objects.filter(user=user).count() == 1


def test_idempotency_key_reused_for_another_request_is_refused(personas: dict[str, Any]) -> None:
    view = _counting_view()
    view(_request(personas["manager"], {"a": 1}, "key-1"))
    with pytest.raises(ApiProblem) as problem:
        view(_request(personas["manager"], {"a": 2}, "key-1"))
    assert problem.value.status == 422 and problem.value.errors[0]["field"] == "Idempotency-Key"
    assert AuditEvent.objects.filter(action="test.created").count() == 1


@pytest.mark.parametrize("key", ["", " ", "x" * 256, "tab\there"])
def test_idempotency_key_must_be_printable_and_short(personas: dict[str, Any], key: str) -> None:
    with pytest.raises(ApiProblem) as problem:
        _counting_view()(_request(personas["manager"], {}, key))
    assert problem.value.errors[0]["location"] == "header"
    assert not AuditEvent.objects.filter(action="test.created").exists()


def test_concurrent_twin_rolls_back_whole(personas: dict[str, Any], monkeypatch: Any) -> None:
    """The twin that commits second fails on the unique key: its row is rolled back and it is told to retry."""
    from relais.api import idempotency

    user = personas["manager"]

    def twin_got_there_first(**kwargs: Any) -> None:
        raise IntegrityError("duplicate key value violates unique constraint")

    twin = IdempotentRequest(user=user, key="k", fingerprint="x", status=201, body={})
    found = iter([None, twin])  # not there before the view runs; there once the insert failed
    monkeypatch.setattr(idempotency, "idempotent_store", twin_got_there_first)
    monkeypatch.setattr(idempotency, "idempotent_find", lambda **kwargs: next(found))
    with pytest.raises(ApiProblem) as problem:
        _counting_view()(_request(user, {"a": 1}, "k"))
    assert problem.value.status == 409
    assert not AuditEvent.objects.filter(action="test.created").exists()


def test_openapi_document_declares_tokens_and_problems(db: None) -> None:
    document = ApiClient().get("/openapi.json").json()
    assert document["info"]["title"] == "Relais API" and document["openapi"].startswith("3.")
    assert document["components"]["securitySchemes"]["TokenAuth"]["scheme"] == "bearer"
    listing = document["paths"]["/api/v1/programmes"]["get"]
    assert set(listing["responses"]) >= {"200", "401", "404", "422", "429"}
    assert "application/problem+json" in listing["responses"]["422"]["content"]
    assert listing["operationId"] == "programme_list_api"


def test_documentation_page_lists_every_operation(client: Any) -> None:
    document = ApiClient().get("/openapi.json").json()
    page = client.get(reverse("api:docs")).content.decode()
    for path, operations in document["paths"].items():
        for operation in operations.values():
            assert f'id="op-{operation["operationId"]}"' in page, path
    assert 'id="problem-invalid"' in page and 'id="model-ProgrammeOut"' in page
    client.cookies.load({"django_language": "fr"})
    assert "Conventions" in client.get(reverse("api:docs"), headers={"Accept-Language": "fr"}).content.decode()


def test_unknown_address_is_a_problem_document(db: None) -> None:
    response = ApiClient().get("/no-such-thing/3")
    assert response.status_code == 404 and response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize("path", ["/documents/a%0Ab/files/%C2%9A", "/%0A", "/documents/1/files/%0D%0A"])
def test_an_address_with_line_breaks_is_a_problem_document(db: None, path: str) -> None:
    """Found by schemathesis: `<path:…>` stops at a line break, which fell through to the HTML 404."""
    response = ApiClient().get(path)
    assert response.status_code == 404 and response["Content-Type"] == "application/problem+json"


def test_read_only_token_reads(personas: dict[str, Any]) -> None:
    assert ApiClient(make_token(personas["viewer"], TokenScope.READ)).get("/programmes").status_code == 200


def test_a_programme_of_others_is_404(personas: dict[str, Any], other_programme: Any) -> None:
    give_role(personas["trainer"], other_programme, "viewer")
    client = api_for(personas["coordinator_al"])
    assert client.get(f"/programmes/{other_programme.pk}").status_code == 404
    assert api_for(personas["trainer"]).get(f"/programmes/{other_programme.pk}").status_code == 200


@pytest.mark.parametrize(
    "body, field",
    [
        ({"city": "Tir\x00ana"}, "city"),
        ({"trainer_ids": [1, 2**70]}, "trainer_ids.1"),
        ({"person": {"first_name": "A\x00"}}, "person.first_name"),
    ],
)
def test_unstorable_body_values_are_422_before_any_view(personas: dict[str, Any], body: Any, field: str) -> None:
    response = api_for(personas["manager"]).post("/sessions", body)
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == [field]


def test_unstorable_query_and_path_values(personas: dict[str, Any]) -> None:
    client = api_for(personas["manager"])
    response = client.get("/programmes", {"q": "a\x00b"})
    assert response.status_code == 422 and response.json()["errors"][0]["location"] == "query"
    assert client.get("/programmes", {"limit": str(2**64)}).status_code == 422
    assert client.get(f"/programmes/{2**64}").status_code == 404
    assert client.get(f"/sessions/{2**64}").status_code == 404


def test_all_tokens_of_a_user_share_one_budget(personas: dict[str, Any], settings: Any) -> None:
    settings.RELAIS_API_RATE_READ = "2/min"
    first, second = ApiClient(make_token(personas["manager"])), ApiClient(make_token(personas["manager"]))
    assert [first.get("/programmes").status_code, second.get("/programmes").status_code] == [200, 200]
    assert second.get("/programmes").status_code == 429


def test_deeply_nested_or_mislabelled_bodies_are_refused(personas: dict[str, Any]) -> None:
    client = api_for(personas["manager"])
    nested = client.client.post(
        "/api/v1/people", "[" * 5000 + "]" * 5000, content_type="application/json", headers=client.headers
    )
    assert nested.status_code == 422 and nested["Content-Type"] == "application/problem+json"
    plain = client.client.post(
        "/api/v1/people",
        json.dumps({"first_name": "An\x00a", "last_name": "B"}),
        content_type="text/plain",
        headers=client.headers,
    )
    assert plain.status_code == 422 and plain.json()["errors"][0]["field"] == "first_name"


def test_a_body_that_is_not_json_is_422(personas: dict[str, Any]) -> None:
    client = api_for(personas["manager"])
    response = client.client.post(
        "/api/v1/sessions", "{not json", content_type="application/json", headers=client.headers
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"location": "body", "field": "", "pointer": "#", "detail": "The body is not valid JSON."}
    ]


def test_token_requests_create_no_web_session(personas: dict[str, Any]) -> None:
    from django.contrib.sessions.models import Session

    response = api_for(personas["manager"]).get("/programmes")
    assert response.status_code == 200 and "sessionid" not in response.cookies
    assert not Session.objects.exists()
