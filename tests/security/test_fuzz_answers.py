"""The participants' answering page (/q/<token>/, no account) fuzzed with random form data: the real
field names of every item type and random ones, each with one or several values — choices out of
range, huge, negative and non-finite numbers, dates of any kind, text with NUL bytes and other control
characters, lone surrogates (sent as raw bytes), 100,000 characters. The staff's paper entry too.

Asserted for every example: never a 5xx; when an answer is wrong the page comes back with the
errors and nothing is written; otherwise what is stored is exactly the checked answers, each one
valid (checking it again gives it back), and a response is submitted only when every required
question is answered. The anonymous answering of a session (views_answer_entry) gets the same.
"""

from __future__ import annotations

import datetime as dt
import urllib.parse
from typing import Any

import pytest
from django.http import QueryDict
from django.test import Client
from django.urls import reverse
from hypothesis import event, given
from hypothesis import strategies as st

from relais.evaluation.answers import answers_from_form, clean_value
from relais.evaluation.forms_answer import PaperData
from relais.evaluation.models import (
    Answer,
    CooperationType,
    Item,
    ItemType,
    QuestionnaireKind,
    QuestionnaireStatus,
    Response,
)
from relais.evaluation.models import ResponseStatus as Status
from relais.evaluation.selectors_answer import contact_choices_for
from relais.evaluation.tests.factories import make_item, make_questionnaire
from relais.evaluation.tests.permissions_answer import build_answer_world, invite
from tests.security.conftest import fuzz_settings

pytestmark = pytest.mark.django_db

OPTIONS = [{"value": "a", "label": "Yes"}, {"value": "b", "label": "No"}, {"value": "c", "label": "Maybe"}]


@pytest.fixture
def world(programme: Any, personas: dict[str, Any]) -> dict[str, Any]:
    """The answering world, and a one-page questionnaire holding an item of every type."""
    world = build_answer_world(programme, personas["trainer"])
    every = make_questionnaire(
        world["session"], QuestionnaireKind.FOLLOW_UP, title="Every type", status=QuestionnaireStatus.OPEN
    )
    for kind in ItemType.values:
        options = {"options": OPTIONS} if kind in (ItemType.SINGLE, ItemType.MULTIPLE) else {}
        make_item(every, kind, text=f"About {kind}", required=kind in (ItemType.SINGLE, ItemType.LIKERT), **options)
    world["every"] = every
    world["invitation"] = invite(every, world["regs"]["besa"])
    return world


def field_names(items: list[Item]) -> list[str]:
    names = ["page", "action", "csrfmiddlewaretoken", "lang"]
    for item in items:
        base = f"item-{item.pk}"
        names += [base, f"{base}-people", f"{base}-organisations"]
        names += [f"{base}-{n}-{part}" for n in range(4) for part in ("type", "date", "countries", "description")]
    return names


TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=30)
SAMPLES = ["a", "b", "c", "d", "A", " a ", "1", "3", "5", "0", "6", "-1", "2.5", "1e9", "-1e308", "NaN", "Infinity",
           "sNaN", "1_000", "٣", "1,5", "999999999.999", "joint_investigation", "AL", "IT", "XX", "2025-01-01",
           "1989-12-31", "2999-01-01", "0000-00-00", "", " ", "next", "submit", "save", "previous",
           "99999999999999999999", "-99999999999999999999"]  # fmt: skip
VALUES = st.one_of(
    st.sampled_from(SAMPLES),
    TEXT,
    st.integers().map(str),
    st.builds(
        lambda ch, n: ch * n, st.sampled_from(["x", "é", "\x00", "9", " "]), st.sampled_from([301, 5001, 100_000])
    ),
    st.text(st.sampled_from(["\x00", "\x01", "\x1f", "\x7f", "\ud800", "\udfff", "\u202e", "\ufeff", "a"]), max_size=8),
)


def _valid(item: Item, people: list[str]) -> st.SearchStrategy[list[tuple[str, str]]]:
    """Pairs that answer `item` rightly (text may still hold NUL and control characters)."""
    name = f"item-{item.pk}"
    one: dict[str, st.SearchStrategy[str]] = {
        ItemType.SINGLE: st.sampled_from(["a", "b", "c"]),
        ItemType.LIKERT: st.integers(1, 5).map(str),
        ItemType.NUMBER: st.decimals(-999_999_999, 999_999_999, places=2, allow_nan=False).map(str),
        ItemType.SHORT_TEXT: st.text(max_size=300),
        ItemType.LONG_TEXT: st.one_of(st.text(max_size=60), st.just("é" * 5000)),
    }
    if item.type in one:
        return one[item.type].map(lambda v: [(name, v)])
    if item.type == ItemType.MULTIPLE:
        return st.lists(st.sampled_from(["a", "b", "c"]), unique=True).map(lambda vs: [(name, v) for v in vs])
    if item.type == ItemType.CONTACTS:
        return st.lists(st.sampled_from(people), unique=True, max_size=3).map(
            lambda vs: [(f"{name}-people", v) for v in vs]
        )
    return st.builds(
        lambda kind, day, countries, text: [
            (f"{name}-0-type", kind),
            (f"{name}-0-date", day.isoformat()),
            *[(f"{name}-0-countries", c) for c in countries],
            (f"{name}-0-description", text),
        ],
        st.sampled_from(CooperationType.values),
        st.dates(dt.date(1990, 1, 1), dt.date(2025, 12, 31)),
        st.lists(st.sampled_from(["AL", "IT", "RS", "AT"]), unique=True, min_size=1, max_size=3),
        st.text(max_size=500),
    )


@st.composite
def posts(draw: st.DrawFn, items: list[Item], people: list[str]) -> list[tuple[str, str]]:
    """Form pairs (a key may repeat: a list for a single field). Half the examples answer every item
    rightly but one or two fields (or none) given hostile values; the others are random names and values."""
    names = field_names(items)
    pairs: list[tuple[str, str]] = []
    if draw(st.booleans()):
        for item in items:
            if draw(st.integers(0, 4)):
                pairs += draw(_valid(item, people))
        for key in draw(st.lists(st.sampled_from(names), max_size=2)):
            pairs.append((key, draw(VALUES)))
    else:
        for key in draw(st.lists(st.one_of(st.sampled_from(names), TEXT), max_size=14)):
            for value in draw(st.lists(st.one_of(VALUES, st.sampled_from(people)), min_size=1, max_size=3)):
                pairs.append((key, value))
    if draw(st.booleans()):
        pairs.append(("action", draw(st.sampled_from(["next", "save", "submit", "submit", "previous", "boom"]))))
    return pairs


def body(pairs: list[tuple[str, str]]) -> str:
    """Urlencoded by hand: lone surrogates go out as the (invalid) UTF-8 bytes a hostile client sends."""
    return urllib.parse.urlencode(pairs, encoding="utf-8", errors="surrogatepass")


def _stored(response: Response | None) -> dict[int, Any]:
    if response is None:
        return {}
    return {a.item_id: a.value for a in Answer.objects.filter(response=response)}


def _check_post(
    client: Client, url: str, items: list[Item], pairs: list[tuple[str, str]], find: Any, contacts: Any
) -> None:
    encoded = body(pairs)
    posted = QueryDict(encoded)  # as the view reads it (invalid bytes replaced)
    page_items = items
    before = find()
    stored_before = _stored(before)
    counts = (Response.objects.count(), Answer.objects.count())
    _values, errors = answers_from_form(page_items, posted, contacts=contacts)
    result = client.post(url, encoded, content_type="application/x-www-form-urlencoded")
    assert result.status_code < 500
    event(f"{result.status_code}, {'errors' if errors else 'valid'}")
    after = find()
    if errors:  # shown again with the errors; nothing written
        assert result.status_code == 200
        assert len(result.context["errored"]) + len(result.context["elsewhere"]) >= 1
        assert (Response.objects.count(), Answer.objects.count()) == counts
        assert _stored(after) == stored_before
        return
    assert after is not None
    event(f"response {after.status}, {len(_stored(after))} answers")
    stored = _stored(after)
    by_pk = {item.pk: item for item in items}
    for pk, value in stored.items():  # every stored answer is valid: checking it again gives it back
        assert clean_value(by_pk[pk], value) == value
    if after.status == Status.SUBMITTED:
        assert result.status_code == 302 and "thanks" in result["Location"]
        assert all(by_pk[pk].pk in stored for pk, item in by_pk.items() if item.required)
    else:
        assert result.status_code in (200, 302)


@fuzz_settings(150)
@given(data=st.data())
def test_the_personal_link(client: Client, world: dict[str, Any], data: st.DataObject) -> None:
    questionnaire, invitation = world["every"], world["invitation"]
    Response.objects.filter(questionnaire=questionnaire).delete()  # each example starts afresh
    items = list(questionnaire.items.order_by("position", "id"))
    contacts = contact_choices_for(questionnaire, invitation.registration).allowed()
    pairs = data.draw(posts(items, sorted(str(pk) for pk in contacts["people"])))
    url = f"/q/{invitation.token}/"
    find = lambda: Response.objects.filter(questionnaire=questionnaire).first()  # noqa: E731
    _check_post(client, url, items, pairs, find, contacts)


@fuzz_settings(100)
@given(data=st.data())
def test_anonymous_answering(client: Client, world: dict[str, Any], data: st.DataObject) -> None:
    questionnaire = world["satisfaction"]
    client.cookies.clear()  # a new browser: a new anonymous response
    items = list(questionnaire.items.order_by("position", "id"))
    pairs = data.draw(posts(items, ["1"]))
    url = f"/q/a/{world['entry_token']}/{questionnaire.pk}/"
    known = set(Response.objects.filter(questionnaire=questionnaire).values_list("pk", flat=True))
    _check_post(
        client,
        url,
        items,
        pairs,
        lambda: Response.objects.filter(questionnaire=questionnaire).exclude(pk__in=known).first(),
        None,
    )


@fuzz_settings(100)
@given(data=st.data())
def test_paper_entry(client: Client, world: dict[str, Any], personas: dict[str, Any], data: st.DataObject) -> None:
    """The staff's paper entry (/questionnaires/<pk>/paper/): choices typed as codes, the same checks."""
    questionnaire = world["every"]
    Response.objects.filter(questionnaire=questionnaire).delete()
    client.force_login(personas["coordinator_al"])
    registration = world["regs"]["drita"]
    items = list(questionnaire.items.order_by("position", "id"))
    contacts = contact_choices_for(questionnaire, registration).allowed()
    pairs = [("registration", str(registration.pk)), *data.draw(posts(items, sorted(map(str, contacts["people"]))))]
    pairs = [(k, v) for k, v in pairs if k != "action" or v != "delete"]
    encoded = body(pairs)
    posted = QueryDict(encoded)
    counts = (Response.objects.count(), Answer.objects.count())
    _values, errors = answers_from_form(items, PaperData(posted, items), contacts=contacts)
    url = reverse("evaluation:paper", kwargs={"pk": questionnaire.pk})
    result = client.post(url, encoded, content_type="application/x-www-form-urlencoded")
    assert result.status_code < 500
    event(f"{result.status_code}, {'errors' if errors else 'valid'}")
    saved = Response.objects.filter(questionnaire=questionnaire, registration=registration).first()
    if errors or result.status_code != 302:  # the page again with the errors; nothing written
        assert result.status_code == 200 and result.context["errored"]
        assert (Response.objects.count(), Answer.objects.count()) == counts
        return
    assert saved is not None and saved.status == Status.SUBMITTED
    by_pk = {item.pk: item for item in items}
    for pk, value in _stored(saved).items():  # (a paper form may leave required questions blank)
        assert clean_value(by_pk[pk], value) == value


def test_lone_surrogates_sent_to_the_api_are_replaced(world: dict[str, Any], personas: dict[str, Any]) -> None:
    """JSON may escape a lone surrogate ("\\ud800"): stored as is, it gave a 500 on PostgreSQL (invalid
    JSON) — text answers and cooperation descriptions now hold U+FFFD in its place."""
    from relais.api.tests.factories import api_for

    questionnaire = world["every"]
    items = {item.type: item for item in questionnaire.items.all()}
    event = {"type": "joint_investigation", "countries": ["AL"], "date": "2025-01-01", "description": "x\ud800y"}
    answers = [
        {"item_id": items[ItemType.SINGLE].pk, "value": "a"},
        {"item_id": items[ItemType.LIKERT].pk, "value": 4},
        {"item_id": items[ItemType.SHORT_TEXT].pk, "value": "bad \udfff text"},
        {"item_id": items[ItemType.LONG_TEXT].pk, "value": "\ud83d alone"},
        {"item_id": items[ItemType.COOPERATION].pk, "value": [event]},
    ]
    body = {"registration_id": world["regs"]["drita"].pk, "answers": answers}
    response = api_for(personas["trainer"]).post(f"/questionnaires/{questionnaire.pk}/responses", body)
    assert response.status_code == 201, response.content
    stored = _stored(Response.objects.get(questionnaire=questionnaire))
    assert stored[items[ItemType.SHORT_TEXT].pk] == "bad \ufffd text"
    assert stored[items[ItemType.LONG_TEXT].pk] == "\ufffd alone"
    assert stored[items[ItemType.COOPERATION].pk][0]["description"] == "x\ufffdy"
