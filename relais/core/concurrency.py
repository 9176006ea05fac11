"""Optimistic concurrency of the editors (designs, questionnaires): every form carries the version of
the record it was made from; a write counts one more version only if the stored one is still that,
and otherwise nothing is written and the editor is told who changed the record, and when.

    with transaction.atomic():
        ...                                   # the writes
        claim_version(Design.objects, pk, v)  # raises EditConflict (and so rolls back) when it moved

The conditional update `UPDATE … SET version = version + 1 WHERE pk = … AND version = v` is atomic on
both engines: on PostgreSQL a concurrent writer waits for the row, then finds the version moved."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import F, Model, Q, QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from relais.core.models import AuditEvent


def _texts(kind: str) -> tuple[str, str]:
    """The conflict message for a kind of record: with the time of the change, and without."""
    if kind == "questionnaire":
        return (
            _(
                "%(who)s changed this questionnaire at %(time)s since you opened it; your changes below are not "
                "saved yet. Check them against the current version and save again."
            ),
            _(
                "%(who)s changed this questionnaire since you opened it; your changes below are not saved yet. "
                "Check them against the current version and save again."
            ),
        )
    return (
        _(
            "%(who)s changed this design at %(time)s since you opened it; your changes below are not saved yet. "
            "Check them against the current version and save again."
        ),
        _(
            "%(who)s changed this design since you opened it; your changes below are not saved yet. Check them "
            "against the current version and save again."
        ),
    )


class EditConflict(ValidationError):
    """Someone else changed the record since the form was shown: nothing was written.

    `who` and `when` say who changed it last and when (from its audit trail; empty or None when unknown);
    `kind` ("design", "questionnaire") chooses the message."""

    def __init__(self, *, who: str = "", when: dt.datetime | None = None, kind: str = "design") -> None:
        self.who = who
        self.when = when
        self.kind = kind
        super().__init__(self.text(), code="edit_conflict")

    def text(self) -> str:
        with_time, without_time = _texts(self.kind)
        who = self.who or _("Someone else")
        if self.when is None:
            return without_time % {"who": who}
        return with_time % {"who": who, "time": formats.date_format(timezone.localtime(self.when), "DATETIME_FORMAT")}


def posted_version(data: Mapping[str, Any], name: str = "version") -> int | None:
    """The version a posted form was made from; None when the form sent none (writes not from an editor)."""
    raw = data.get(name)
    if raw in (None, ""):
        return None
    try:
        return int(str(raw))
    except ValueError:
        return -1  # a version no record has: the write is refused as a conflict


def bump_version(queryset: QuerySet[Any], pk: Any, expected: int | None, **fields: Any) -> bool:
    """Count one more version of the record `pk` (and set `fields`), only if its version is still
    `expected` (any version when None). False when it moved: nothing was written."""
    rows = queryset.filter(pk=pk)
    if expected is not None:
        rows = rows.filter(version=expected)
    return bool(rows.update(version=F("version") + 1, **fields))


def last_change(obj: Model, *, also: Q | None = None) -> tuple[str, dt.datetime | None]:
    """Who changed `obj` last and when, from the audit trail (`also`: more events that count, such as
    those of its parts)."""
    where = Q(object_type=obj._meta.label_lower, object_id=str(obj.pk))
    if also is not None:
        where |= also
    event = AuditEvent.objects.filter(where).select_related("actor").order_by("-at", "-id").first()
    if event is None:
        return "", None
    actor = event.actor
    name = ""
    if actor is not None:
        name = (getattr(actor, "get_full_name", lambda: "")() or "").strip()
    return name or event.actor_label, event.at


def claim_version(
    queryset: QuerySet[Any], obj: Model, expected: int | None, *, kind: str, also: Q | None = None, **fields: Any
) -> None:
    """bump_version, raising EditConflict (with who changed the record and when) when the version moved.
    Call it inside the write's transaction, so that the raise undoes the write."""
    if not bump_version(queryset, obj.pk, expected, **fields):
        who, when = last_change(obj, also=also)
        raise EditConflict(who=who, when=when, kind=kind)
    if not hasattr(obj, "version"):
        return
    if expected is not None:
        obj.version = expected + 1  # the update matched that version: no need to read it back
    else:
        obj.version = queryset.filter(pk=obj.pk).values_list("version", flat=True).get()
