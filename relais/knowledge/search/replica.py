"""The local search index: a replica of the database, never the source of truth (DESIGN.md §5).

Layout under `settings.RELAIS_SEARCH_DIR`:
- `index-<time>-<pid>-<random>/`: a tantivy index, with `relais-state.json` (changelog.State: the
  schema version, the last change-log id applied and the gaps);
- `current`: the name of the index in use. A rebuild writes a NEW directory and then replaces this
  file atomically, so searches go on against the old index meanwhile; the previous index is kept
  (another process may still read it), older ones are removed.

Keeping current: every write records a `SearchChange` row in its transaction
(`services.search_changed`). `apply_changes()` reads the rows after the marker (and in the gaps),
re-reads those documents and replaces their entries (a document gone is removed), commits, then
saves the new marker: a crash in between re-applies the same rows, which is harmless. Every process
calls it after its own commits and before each search (one query when nothing is new); each
machine does so on its own directory. One process writes an index at a time (tantivy's lock): when
another holds it, this one only reloads its reader. If the log was pruned past this replica's
marker, it rebuilds.
"""

from __future__ import annotations

import fcntl
import logging
import os
import secrets
import shutil
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tantivy
from django.conf import settings
from django.db import connection, transaction

from relais.knowledge.search import analysers
from relais.knowledge.search.changelog import State, snapshot_state
from relais.knowledge.search.schema import all_ids_in_chunks, build_schema, load_entries, schema_version

log = logging.getLogger(__name__)

POINTER = "current"
APPLY_HEAP = 20_000_000
APPLY_BATCH = 2_000  # change-log rows applied per commit
REBUILD_CHUNK = 500  # documents read from the database at a time


@dataclass
class RebuildStats:
    documents: int
    seconds: float
    directory: str
    marker: int


class Replica:
    """One index directory tree (one machine's replica). Thread-safe."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.index: tantivy.Index | None = None
        self.directory: Path | None = None
        self.state: State | None = None
        self._pointer_stamp: tuple[int, int] | None = None
        self._state_stamp: tuple[int, int] | None = None
        self._lock = threading.RLock()

    # -- opening ----------------------------------------------------------------------------------
    def _stamp(self, path: Path) -> tuple[int, int] | None:
        try:
            st = path.stat()
        except OSError:
            return None
        return (st.st_ino, st.st_mtime_ns)

    def _current_dir(self) -> Path | None:
        try:
            name = (self.root / POINTER).read_text().strip()
        except OSError:
            return None
        path = self.root / name
        return path if name and path.is_dir() else None

    def _open(self) -> bool:
        """Open the index the pointer names; False when there is none usable."""
        directory = self._current_dir()
        if directory is None:
            return False
        state = State.load(directory)
        if state is None or state.version != schema_version() or not tantivy.Index.exists(str(directory)):
            return False
        index = tantivy.Index.open(str(directory))
        analysers.register(index)
        self.index, self.directory, self.state = index, directory, state
        self._pointer_stamp = self._stamp(self.root / POINTER)
        self._state_stamp = self._stamp(directory / "relais-state.json")
        return True

    def ensure_open(self) -> tantivy.Index:
        """The index, opened again when a rebuild switched directories, reloaded when another
        process committed; built from the database when there is none (first use)."""
        with self._lock:
            if self.index is None or self._stamp(self.root / POINTER) != self._pointer_stamp:
                if not self._open():
                    self.rebuild(if_missing=True)
                    if self.index is None:
                        raise RuntimeError(f"search index under {self.root} could not be opened")
            else:
                self._refresh_state()
            assert self.index is not None
            return self.index

    def _refresh_state(self) -> None:
        assert self.directory is not None and self.index is not None
        stamp = self._stamp(self.directory / "relais-state.json")
        if stamp != self._state_stamp:
            state = State.load(self.directory)
            if state is not None:
                self.state = state
            self._state_stamp = stamp
            self.index.reload()

    def searcher(self) -> tantivy.Searcher:
        return self.ensure_open().searcher()

    # -- applying the change log ---------------------------------------------------------------
    def apply_changes(self) -> int:
        """Apply the change-log rows this replica has not applied; the number of rows applied
        (0 also when another process holds the writer: it applies them)."""
        with self._lock:
            self.ensure_open()
            assert self.state is not None
            with _savepoint():
                if not self._pending(self.state):
                    return 0
            return self._apply_locked()

    def _pending(self, state: State) -> bool:
        """Whether the log has rows this replica has not applied: one small query (by primary key)."""
        from relais.knowledge.models import SearchChange

        if state.live_gaps():
            return SearchChange.objects.filter(state.pending_q()).exists()
        table = connection.ops.quote_name(SearchChange._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT 1 FROM {table} WHERE id > %s LIMIT 1", [state.marker])  # noqa: S608
            return cursor.fetchone() is not None

    def _apply_locked(self) -> int:
        from relais.knowledge.models import SearchChange

        assert self.index is not None and self.directory is not None
        try:
            writer = self.index.writer(APPLY_HEAP, 1)
        except ValueError as exc:
            if "LockBusy" not in str(exc):
                raise
            self.index.reload()  # another process is applying: read what it commits
            return 0
        applied = 0
        pruned = False
        try:
            # The writer's holder owns the state: read it again (another process may have moved it).
            state = State.load(self.directory) or self.state
            assert state is not None
            while True:
                with _savepoint():
                    rows = list(
                        SearchChange.objects.filter(state.pending_q())
                        .order_by("id")
                        .values_list("id", "document_id")[:APPLY_BATCH]
                    )
                    if not rows:
                        break
                    if self._log_pruned(state, min((i for i, _d in rows if i > state.marker), default=0)):
                        pruned = True
                        break
                    doc_ids = {doc_id for _id, doc_id in rows}
                    entries = load_entries(doc_ids)
                for doc_id in sorted(doc_ids):
                    writer.delete_documents_by_term("id", doc_id)
                    if doc_id in entries:
                        writer.add_document(entries[doc_id].to_tantivy())
                writer.commit()
                state.advance([i for i, _d in rows])
                state.save(self.directory)
                applied += len(rows)
                if len(rows) < APPLY_BATCH:
                    break
            self.state = state
        finally:
            writer.wait_merging_threads()  # also releases the lock
        if pruned:
            log.warning("search: the change log was pruned past this replica (%s): rebuilding", self.root)
            self.rebuild()
            return 1
        self.index.reload()
        self._state_stamp = self._stamp(self.directory / "relais-state.json")
        return applied

    def _log_pruned(self, state: State, first_id: int) -> bool:
        """Rows after the marker are missing and nothing at or before it is left: the log was pruned
        past this replica (it was stopped for longer than the log is kept)."""
        from relais.knowledge.models import SearchChange

        if state.marker == 0 or not first_id or first_id <= state.marker + 1:
            return False
        return not SearchChange.objects.filter(id__lte=state.marker).exists()

    # -- rebuilding -------------------------------------------------------------------------------
    def rebuild(self, *, heap: int | None = None, threads: int | None = None, if_missing: bool = False) -> RebuildStats:
        """Build a new index from the database, then switch to it. Searches go on meanwhile.
        `if_missing`: only when no usable index is there once the rebuild lock is ours (first use
        by several processes at once: one builds, the others wait and open its index)."""
        start = time.perf_counter()
        self.root.mkdir(parents=True, exist_ok=True)
        with _file_lock(self.root / "rebuild.lock"):
            if if_missing:
                with self._lock:
                    if self._open():
                        return RebuildStats(0, time.perf_counter() - start, str(self.directory), self._marker())
            stamp = time.strftime("%Y%m%dT%H%M%S")
            directory = self.root / f"index-{stamp}-{os.getpid()}-{secrets.token_hex(3)}"
            directory.mkdir()
            try:
                count, state = self._build(directory, heap, threads)
            except BaseException:
                shutil.rmtree(directory, ignore_errors=True)
                raise
            _write_pointer(self.root, directory.name)
            self._remove_old(keep={directory.name})
        with self._lock:
            self.index = None
            self._open()
        stats = RebuildStats(count, time.perf_counter() - start, str(directory), state.marker)
        log.info("search index rebuilt: %s documents in %.1f s (%s)", count, stats.seconds, directory)
        return stats

    def _marker(self) -> int:
        return self.state.marker if self.state else 0

    def _build(self, directory: Path, heap: int | None, threads: int | None) -> tuple[int, State]:
        with _savepoint():
            state = snapshot_state(schema_version())
        index = tantivy.Index(build_schema(), path=str(directory), reuse=False)
        analysers.register(index)
        heap = heap or int(getattr(settings, "RELAIS_SEARCH_REBUILD_HEAP", 400_000_000))
        threads = threads or int(getattr(settings, "RELAIS_SEARCH_REBUILD_THREADS", 0))
        threads = threads or min(4, os.cpu_count() or 1)
        writer = index.writer(heap, threads)
        count = 0
        try:
            for ids in all_ids_in_chunks(REBUILD_CHUNK):
                with _savepoint():
                    entries = load_entries(ids)
                for entry in entries.values():
                    writer.add_document(entry.to_tantivy())
                    count += 1
            writer.commit()
        finally:
            writer.wait_merging_threads()
        state.save(directory)
        return count, state

    def _remove_old(self, keep: set[str]) -> None:
        """Remove the index directories but the new one and the one in use until now."""
        if self.directory is not None:
            keep.add(self.directory.name)
        for path in self.root.glob("index-*"):
            if path.is_dir() and path.name not in keep:
                shutil.rmtree(path, ignore_errors=True)


def _write_pointer(root: Path, name: str) -> None:
    tmp = root / f".{POINTER}.{os.getpid()}.tmp"
    with tmp.open("w") as fh:
        fh.write(name)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, root / POINTER)


@contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    with path.open("a") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


@contextmanager
def _savepoint() -> Iterator[None]:
    """Inside a transaction (a request's, a test's), reads go in a savepoint: a failure there must
    not break the caller's transaction."""
    if connection.in_atomic_block:
        with transaction.atomic():
            yield
    else:
        yield


# -- the process's replica ----------------------------------------------------------------------
_replicas: dict[str, Replica] = {}
_replicas_lock = threading.Lock()


def replica() -> Replica:
    """This process's replica under `settings.RELAIS_SEARCH_DIR` (opened lazily)."""
    root = str(settings.RELAIS_SEARCH_DIR)
    with _replicas_lock:
        found = _replicas.get(root)
        if found is None:
            found = _replicas[root] = Replica(Path(root))
        return found


def reset() -> None:
    """Forget the opened indexes and readers (tests; after settings change)."""
    with _replicas_lock:
        _replicas.clear()


def searcher() -> tantivy.Searcher:
    """A searcher on the current index (call `apply_changes_quietly()` first to be current)."""
    return replica().searcher()


def index() -> tantivy.Index:
    return replica().ensure_open()


def apply_changes() -> int:
    return replica().apply_changes()


def apply_changes_quietly() -> None:
    """Apply the change log; never raises (a request must not fail because of the index)."""
    try:
        replica().apply_changes()
    except Exception:
        log.exception("search: applying the change log failed; searching the index as it is")


def rebuild(**options: Any) -> RebuildStats:
    return replica().rebuild(**options)


def prune_changes(days: float) -> int:
    """Delete the applied change-log rows older than `days`, never the one with the highest id (it
    tells replicas how far the log went). Replicas stopped for longer rebuild."""
    import datetime as dt

    from django.db.models import Max
    from django.utils import timezone

    from relais.knowledge.models import SearchChange

    top = SearchChange.objects.aggregate(m=Max("id"))["m"]
    if top is None:
        return 0
    cutoff = timezone.now() - dt.timedelta(days=days)
    deleted, _ = SearchChange.objects.filter(created_at__lt=cutoff, id__lt=top).delete()
    return deleted
