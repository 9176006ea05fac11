"""Reading one item's answer from a submitted form (web answering and paper entry share the fields),
checking it, and the vocabulary of the answer values stored in Answer.value:

- single: "a" (an option value)               - multiple: ["a", "c"]
- likert: 4 (1–5)                              - number: 12.5
- short_text / long_text: "text"
- contacts: {"people": [person ids], "organisations": [organisation ids]}
- cooperation: [{"type": "joint_investigation", "countries": ["AT"], "date": "2026-05-04", "description": "…"}]

Form field names: `item-<id>` for most types; contacts `item-<id>-people` and `item-<id>-organisations`;
cooperation events `item-<id>-<n>-type|countries|date|description` for n in range(COOPERATION_ROWS).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any, Protocol

from django.utils.translation import gettext as _

from relais.evaluation.models import CooperationType, Item, ItemType

COOPERATION_ROWS = 3
MAX_EVENTS = 10  # cooperation events in one answer (the form prints 3 rows; imports and the API may send more)
MAX_EVENT_COUNTRIES = 20
MAX_CONTACTS = 200  # people or organisations named in one answer
TEXT_LIMITS: dict[str, int] = {ItemType.SHORT_TEXT: 300, ItemType.LONG_TEXT: 5000}
NUMBER_LIMIT = Decimal("1e9")
_SURROGATES = re.compile(r"[\ud800-\udfff]")


def plain_text(raw: Any) -> str:
    """Text as it can be stored: no NUL, and lone surrogates (which JSON sent to the API may hold, and
    neither PostgreSQL nor UTF-8 can store) replaced by U+FFFD; surrounding spaces stripped."""
    return _SURROGATES.sub("\ufffd", str(raw).replace("\x00", "")).strip()


class FormData(Protocol):
    def getlist(self, key: str) -> list[Any]: ...


class AnswerError(ValueError):
    """What is wrong with an answer, in words for the person who gave it."""


def field_name(item: Item, suffix: str = "") -> str:
    return f"item-{item.pk}{'-' + suffix if suffix else ''}"


def option_values(item: Item) -> list[str]:
    return [str(o.get("value")) for o in item.options or []]


def _first(data: FormData, key: str) -> str:
    values = [v for v in data.getlist(key) if str(v).strip() != ""]
    return str(values[0]).strip() if values else ""


def _ids(values: Iterable[Any], allowed: set[int] | None) -> list[int]:
    values = list(values) if not isinstance(values, list) else values
    if len(values) > MAX_CONTACTS:
        raise AnswerError(_("Name at most %(limit)s.") % {"limit": MAX_CONTACTS})
    ids: list[int] = []
    seen: set[int] = set()
    for v in values:
        try:
            pk = int(v)
        except (TypeError, ValueError):
            raise AnswerError(_("This choice is not on the list.")) from None
        if allowed is not None and pk not in allowed:
            raise AnswerError(_("This choice is not on the list."))
        if pk not in seen:
            seen.add(pk)
            ids.append(pk)
    return ids


def parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise AnswerError(_("Enter a date as YYYY-MM-DD.")) from None


def clean_value(item: Item, raw: Any, *, contacts: dict[str, set[int]] | None = None) -> Any:
    """Check a value already in the stored vocabulary (from a form, a spreadsheet or the API);
    returns it normalised, or None when nothing was answered. Raises AnswerError."""
    if raw is None or raw == "" or raw == [] or raw == {}:
        return None
    kind = item.type
    if kind == ItemType.SINGLE:
        value = str(raw)
        if value not in option_values(item):
            raise AnswerError(_("This choice is not on the list."))
        return value
    if kind == ItemType.MULTIPLE:
        values = [str(v) for v in (raw if isinstance(raw, list) else [raw])]
        allowed = option_values(item)
        if any(v not in allowed for v in values):
            raise AnswerError(_("This choice is not on the list."))
        return [v for v in allowed if v in values]
    if kind == ItemType.LIKERT:
        try:
            level = int(str(raw))
        except ValueError:
            raise AnswerError(_("Choose a value from 1 to 5.")) from None
        if not 1 <= level <= 5:
            raise AnswerError(_("Choose a value from 1 to 5."))
        return level
    if kind == ItemType.NUMBER:
        try:
            number = Decimal(str(raw).strip().replace(",", "."))
        except InvalidOperation:
            raise AnswerError(_("Enter a number.")) from None
        if not number.is_finite() or abs(number) >= NUMBER_LIMIT:
            raise AnswerError(_("Enter a number."))
        return float(number.quantize(Decimal("0.01")))
    if kind in TEXT_LIMITS:
        text = plain_text(raw)
        limit = TEXT_LIMITS[kind]
        if len(text) > limit:
            raise AnswerError(_("Write at most %(limit)s characters.") % {"limit": limit})
        return text or None
    if kind == ItemType.CONTACTS:
        if not isinstance(raw, dict):
            raise AnswerError(_("This choice is not on the list."))
        allowed_people = contacts.get("people") if contacts else None
        allowed_orgs = contacts.get("organisations") if contacts else None
        people = _ids(raw.get("people") or [], allowed_people)
        organisations = _ids(raw.get("organisations") or [], allowed_orgs)
        if not people and not organisations:
            return None
        return {"people": people, "organisations": organisations}
    if kind == ItemType.COOPERATION:
        events = raw if isinstance(raw, list) else [raw]
        if len(events) > MAX_EVENTS:
            raise AnswerError(_("Describe at most %(limit)s cooperations in one answer.") % {"limit": MAX_EVENTS})
        countries = _country_codes()
        cleaned = [_clean_event(e, countries) for e in events if e]
        return cleaned or None
    raise AnswerError(_("This question cannot be answered."))


def _country_codes() -> set[str]:
    from relais.core.models import Country

    return set(Country.objects.values_list("code", flat=True))


def _clean_event(event: Any, known: set[str]) -> dict[str, Any]:
    if not isinstance(event, dict):
        raise AnswerError(_("Describe the cooperation: its type, countries and date."))
    kind = str(event.get("type") or "")
    if kind not in CooperationType.values:
        raise AnswerError(_("Choose the type of cooperation."))
    when = parse_date(str(event.get("date") or ""))
    if when > dt.date.today() + dt.timedelta(days=1) or when.year < 1990:
        raise AnswerError(_("The date of the cooperation must be in the past."))
    given = event.get("countries") or []
    if not isinstance(given, list) or len(given) > MAX_EVENT_COUNTRIES:
        raise AnswerError(_("This country is not on the list."))
    codes = [str(c).upper() for c in given]
    if any(c not in known for c in codes):
        raise AnswerError(_("This country is not on the list."))
    description = plain_text(event.get("description") or "")
    if len(description) > 500:
        raise AnswerError(_("Write at most %(limit)s characters.") % {"limit": 500})
    return {"type": kind, "countries": sorted(set(codes)), "date": when.isoformat(), "description": description}


def value_from_form(item: Item, data: FormData) -> Any:
    """The raw value of one item from a submitted form, in the stored vocabulary (not yet checked)."""
    name = field_name(item)
    if item.type == ItemType.MULTIPLE:
        return [v for v in data.getlist(name) if v]
    if item.type == ItemType.CONTACTS:
        return {
            "people": [v for v in data.getlist(field_name(item, "people")) if v],
            "organisations": [v for v in data.getlist(field_name(item, "organisations")) if v],
        }
    if item.type == ItemType.COOPERATION:
        events = []
        for n in range(COOPERATION_ROWS):
            kind = _first(data, field_name(item, f"{n}-type"))
            when = _first(data, field_name(item, f"{n}-date"))
            description = _first(data, field_name(item, f"{n}-description"))
            countries = [v for v in data.getlist(field_name(item, f"{n}-countries")) if v]
            if kind or when or description or countries:
                events.append({"type": kind, "date": when, "countries": countries, "description": description})
        return events
    return _first(data, name)


def answers_from_form(
    items: Iterable[Item], data: FormData, *, contacts: dict[str, set[int]] | None = None
) -> tuple[dict[int, Any], dict[int, str]]:
    """Every item's checked value from a form, and the errors by item id."""
    values: dict[int, Any] = {}
    errors: dict[int, str] = {}
    for item in items:
        try:
            values[item.pk] = clean_value(item, value_from_form(item, data), contacts=contacts)
        except AnswerError as error:
            errors[item.pk] = str(error)
    return values, errors
