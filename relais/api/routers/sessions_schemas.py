"""Sessions: what the API reads and writes, and how a session becomes its SessionOut."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Annotated, Any, Literal

from django.db.models import Count, Prefetch, QuerySet
from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import AfterValidator, StringConstraints, field_validator

from relais.accounts.models import User
from relais.api.pagination import PageParams
from relais.core.models import Language
from relais.delivery.models import Registration, RegistrationStatus, Session
from relais.delivery.selectors_sessions import SEATED

SessionStatusCode = Literal["planned", "open", "delivered", "closed", "cancelled"]
# The statuses a session is given when made or changed; cancelling is POST /sessions/{id}/cancel.
FormStatusCode = Literal["planned", "open", "delivered", "closed"]
MAX_ID = 9_223_372_036_854_775_807  # the largest id a row can have (BigAutoField)


def _storable(value: str) -> str:
    """Text that both databases store: no NUL character (PostgreSQL refuses it), no lone surrogate."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError(_("This text has characters that are not valid Unicode.")) from None
    if "\x00" in value:
        raise ValueError(_("This text may not contain a NUL character."))
    return value


Text = Annotated[str, AfterValidator(_storable)]
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Code = Annotated[str, StringConstraints(min_length=1, max_length=40), AfterValidator(_storable)]
MAX_LANGUAGES = 50
MAX_TRAINERS = 200


class TrainerOut(Schema):
    id: int
    name: str
    email: str


class SessionCountsOut(Schema):
    invited: int
    registered: int
    waiting: int = Field(description="On the waiting list")
    attended: int
    no_show: int
    withdrawn: int
    total: int = Field(description="All registrations, whatever their status")
    seated: int = Field(description="Registrations holding a seat: registered, attended, no-show")
    seats_left: int | None = Field(description="Capacity less the seated; null without a capacity")


class SessionOut(Schema):
    id: int
    programme_id: int
    design_id: int
    title: str
    country: str = Field(description="Country code (see /vocabularies)")
    city: str
    venue: str
    start_date: dt.date
    end_date: dt.date
    capacity: int | None
    status: SessionStatusCode
    cancellation_reason: str
    languages: list[str] = Field(description="Language codes: working languages and those interpreted into")
    trainers: list[TrainerOut]
    notes: str
    counts: SessionCountsOut = Field(description="Registrations by status, as on the session page")
    design_check_passed: bool = Field(description="Whether the design's check passes (as last stored)")
    warnings: list[str] = Field(
        [],
        description=(
            "What the session page warns about (the design's check fails; fewer days than the design's agenda). "
            "Given when one session is read, made or changed; empty in lists."
        ),
    )
    created_at: dt.datetime
    updated_at: dt.datetime


class SessionFiltersIn(PageParams):
    programme_id: int | None = Field(None, ge=1, le=MAX_ID, description="Sessions of this programme")
    design_id: int | None = Field(None, ge=1, le=MAX_ID, description="Sessions of this design")
    country: Text | None = Field(None, max_length=3, description="Country code (see /vocabularies)")
    theme: Text | None = Field(None, max_length=40, description="Theme code of the session's design")
    status: SessionStatusCode | None = None
    date_from: dt.date | None = Field(None, description="Sessions that end on or after this day")
    date_to: dt.date | None = Field(None, description="Sessions that start on or before this day")
    q: Text = Field("", max_length=100, description="Words of the title, city, venue or design, as on the page")


class SessionIn(Schema):
    design_id: int = Field(
        ge=1, le=MAX_ID, description="A design the token's owner may make sessions from (not archived)"
    )
    country: Text = Field(min_length=1, max_length=3, description="Country code; one the owner may hold sessions in")
    city: Text = Field(min_length=1, max_length=120)
    venue: Text = Field("", max_length=300)
    start_date: dt.date = Field(description="First day")
    end_date: dt.date = Field(description="Last day")
    capacity: int | None = Field(
        None, ge=1, le=1000, description="Seats. Left out: the seats of the design's quotas; null: no limit."
    )
    status: FormStatusCode = "planned"
    languages: list[Code] = Field(
        [],
        max_length=MAX_LANGUAGES,
        description="Language codes. Left out: the design's working and interpretation languages.",
    )
    trainer_ids: list[Id] = Field([], max_length=MAX_TRAINERS, description="Users holding the trainer role")
    notes: Text = Field("", max_length=10000)
    title: Text = Field("", max_length=300, description="Empty: “design title — city”")


class SessionPatch(Schema):
    """Only the fields sent change; null is refused except for capacity (no limit)."""

    country: Text | None = Field(None, min_length=1, max_length=3)
    city: Text | None = Field(None, min_length=1, max_length=120)
    venue: Text | None = Field(None, max_length=300)
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    capacity: int | None = Field(None, ge=1, le=1000, description="null: no limit")
    status: FormStatusCode | None = Field(None, description="Giving a status to a cancelled session reopens it")
    languages: list[Code] | None = Field(None, max_length=MAX_LANGUAGES)
    trainer_ids: list[Id] | None = Field(None, max_length=MAX_TRAINERS)
    notes: Text | None = Field(None, max_length=10000)
    title: Text | None = Field(None, max_length=300, description="Empty: “design title — city”")

    @field_validator(
        "country", "city", "venue", "start_date", "end_date", "status", "languages", "trainer_ids", "notes", "title"
    )
    @classmethod
    def _not_null(cls, value: Any) -> Any:
        # Runs for the fields sent only: leaving a field out keeps it, sending null is a mistake.
        if value is None:
            raise ValueError(_("Leave this field out to keep it; it cannot be emptied with null."))
        return value


class CancelIn(Schema):
    reason: Text = Field(min_length=1, max_length=500, description="Why; shown on the session page and in the list")


def with_output_relations(qs: QuerySet[Session]) -> QuerySet[Session]:
    """What SessionOut needs, read in a fixed number of queries whatever the number of sessions."""
    return qs.select_related("design", "country").prefetch_related(
        Prefetch("languages", queryset=Language.objects.order_by("position", "name_en")),
        Prefetch("trainers", queryset=User.objects.order_by("full_name", "email")),
    )


def registration_counts(ids: Iterable[int]) -> dict[int, dict[str, int]]:
    """Registrations per status of these sessions (one query)."""
    counts: dict[int, dict[str, int]] = {}
    rows = (
        Registration.objects.filter(session_id__in=list(ids))
        .values("session_id", "status")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("session_id", "status", "n")
    )
    for session_id, status, n in rows:
        counts.setdefault(session_id, {})[status] = n
    return counts


def _counts(session: Session, by_status: dict[str, int]) -> SessionCountsOut:
    seated = sum(by_status.get(s, 0) for s in SEATED)
    return SessionCountsOut(
        invited=by_status.get(RegistrationStatus.INVITED, 0),
        registered=by_status.get(RegistrationStatus.REGISTERED, 0),
        waiting=by_status.get(RegistrationStatus.WAITING, 0),
        attended=by_status.get(RegistrationStatus.ATTENDED, 0),
        no_show=by_status.get(RegistrationStatus.NO_SHOW, 0),
        withdrawn=by_status.get(RegistrationStatus.WITHDRAWN, 0),
        total=sum(by_status.values()),
        seated=seated,
        seats_left=None if session.capacity is None else max(session.capacity - seated, 0),
    )


def session_out(session: Session, by_status: dict[str, int], warnings: list[str] | None = None) -> SessionOut:
    return SessionOut(
        id=session.pk,
        programme_id=session.programme_id,
        design_id=session.design_id,
        title=session.title,
        country=session.country.code,
        city=session.city,
        venue=session.venue,
        start_date=session.start_date,
        end_date=session.end_date,
        capacity=session.capacity,
        status=session.status,  # type: ignore[arg-type]
        cancellation_reason=session.cancellation_reason,
        languages=[lang.code for lang in session.languages.all()],
        trainers=[TrainerOut(id=t.pk, name=t.full_name or t.email, email=t.email) for t in session.trainers.all()],
        notes=session.notes,
        counts=_counts(session, by_status),
        design_check_passed=session.design.check_passed,
        warnings=warnings or [],
        created_at=session.created_at,
        updated_at=session.updated_at,
    )


def sessions_out(rows: list[Session]) -> list[SessionOut]:
    counts = registration_counts(s.pk for s in rows)
    return [session_out(s, counts.get(s.pk, {})) for s in rows]
