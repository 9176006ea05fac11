"""Where a replica stands in the change log (`SearchChange`): the marker (highest id applied) and the
gaps (ids below the marker not seen yet).

Ids are handed out when a row is inserted, not when its transaction commits: on PostgreSQL a
transaction holding id 41 may commit after one holding 42. A replica that applied 42 keeps 41 as a
gap and looks for it at every check; a gap is dropped after GAP_SECONDS (a rolled-back transaction
never fills it). The state is a small JSON file saved in the index directory after each commit.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import Q

STATE_FILE = "relais-state.json"
MAX_GAP_RANGES = 500


def gap_seconds() -> float:
    return float(getattr(settings, "RELAIS_SEARCH_GAP_SECONDS", 600))


@dataclass
class State:
    version: str
    marker: int = 0
    # Ranges of ids not seen yet: [low, high, first seen (epoch seconds)], sorted, disjoint.
    gaps: list[list[float]] = field(default_factory=list)

    # -- reading and writing ------------------------------------------------------------------
    @classmethod
    def load(cls, directory: Path) -> State | None:
        try:
            data = json.loads((directory / STATE_FILE).read_text())
            return cls(version=str(data["version"]), marker=int(data["marker"]), gaps=list(data.get("gaps", [])))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def save(self, directory: Path) -> None:
        """Atomically (a crash leaves the old state or the new one, never half of one)."""
        tmp = directory / f".{STATE_FILE}.{os.getpid()}.tmp"
        with tmp.open("w") as fh:
            json.dump({"version": self.version, "marker": self.marker, "gaps": self.gaps}, fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, directory / STATE_FILE)

    # -- gaps -----------------------------------------------------------------------------------
    def live_gaps(self, now: float | None = None) -> list[list[float]]:
        limit = (now or time.time()) - gap_seconds()
        return [g for g in self.gaps if g[2] >= limit]

    def pending_q(self, now: float | None = None) -> Q:
        """The log rows this replica has not applied: after the marker, or in a live gap."""
        q = Q(id__gt=self.marker)
        for low, high, _seen in self.live_gaps(now):
            q |= Q(id__gte=int(low), id__lte=int(high))
        return q

    def wants(self, change_id: int, now: float | None = None) -> bool:
        if change_id > self.marker:
            return True
        return any(low <= change_id <= high for low, high, _s in self.live_gaps(now))

    def advance(self, seen_ids: list[int], now: float | None = None) -> None:
        """Record that these ids were applied: fill the gaps they were in, open gaps for the ids
        skipped between the old marker and the highest id seen, forget the expired gaps."""
        now = now or time.time()
        seen = sorted(set(seen_ids))
        gaps = self.live_gaps(now)
        if seen and seen[-1] > self.marker:
            above = [i for i in seen if i > self.marker]
            previous = self.marker
            for i in above:
                if i > previous + 1:
                    gaps.append([previous + 1, i - 1, now])
                previous = i
            self.marker = above[-1]
        for i in seen:
            gaps = _remove(gaps, i)
        gaps.sort(key=lambda g: g[0])
        self.gaps = gaps[-MAX_GAP_RANGES:]


def _remove(gaps: list[list[float]], i: int) -> list[list[float]]:
    out: list[list[float]] = []
    for low, high, seen in gaps:
        if not low <= i <= high:
            out.append([low, high, seen])
            continue
        if low <= i - 1:
            out.append([low, i - 1, seen])
        if i + 1 <= high:
            out.append([i + 1, high, seen])
    return out


def snapshot_state(version: str) -> State:
    """The state of an index built from the database as it is now: the marker is the highest id
    already in the log (read BEFORE the documents, so a change made during the build is applied
    after it — twice at worst, which is harmless), and the ids missing among the recent rows are
    gaps (transactions that had not committed yet)."""
    from django.db.models import Max

    from relais.knowledge.models import SearchChange

    now = time.time()
    marker = SearchChange.objects.aggregate(m=Max("id"))["m"] or 0
    state = State(version=version, marker=0)
    recent: list[Any] = list(
        SearchChange.objects.filter(id__lte=marker, created_at__gte=_aware(now - gap_seconds()))
        .order_by("id")
        .values_list("id", flat=True)
    )
    if recent:
        state.marker = recent[0] - 1 if recent[0] > 0 else 0
        state.advance(recent, now)
    state.marker = marker
    return state


def _aware(epoch: float) -> Any:
    import datetime as dt

    return dt.datetime.fromtimestamp(epoch, tz=dt.UTC)
