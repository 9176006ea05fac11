"""The index is a replica of the database kept current by the change log (DESIGN.md §5)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.db.models import Max
from django.utils import timezone

from relais.knowledge.models import Document, SearchChange
from relais.knowledge.search import replica as replica_module
from relais.knowledge.search.changelog import State
from relais.knowledge.search.replica import Replica
from relais.knowledge.services import document_delete, document_update
from relais.knowledge.tests.test_search_support import add_document, ids, search

pytestmark = pytest.mark.django_db


def _titles(rep: Replica, word: str) -> list[int]:
    import tantivy

    index = rep.ensure_open()
    searcher = index.searcher()
    query = tantivy.Query.term_query(index.schema, "title_en", word)
    return sorted(int(searcher.doc(a).get_first("id") or 0) for _s, a in searcher.search(query, 100).hits)


def test_first_use_creates_an_empty_index(settings: Any) -> None:
    result = search("anything")
    assert result.total == 0 and result.hits == []
    root = Path(settings.RELAIS_SEARCH_DIR)
    assert (root / "current").exists()
    current = root / (root / "current").read_text()
    assert State.load(current) is not None


def test_an_update_is_visible_at_the_next_search() -> None:
    doc = add_document(title="Bananas report")
    assert ids(search("bananas")) == [doc.pk]
    document_update(actor=None, document=doc, title="Cherries report")
    assert ids(search("bananas")) == [] and ids(search("cherries")) == [doc.pk]
    document_update(actor=None, document=doc, access="internal")
    assert search("cherries", who="public").total == 0 and search("cherries").total == 1


def test_a_deletion_removes_the_entry() -> None:
    doc = add_document(title="Bananas report")
    keep = add_document(title="Bananas handbook")
    assert search("bananas").total == 2
    document_delete(actor=None, document=doc)
    assert ids(search("bananas")) == [keep.pk]


def test_a_crash_between_commit_and_index_loses_nothing() -> None:
    """The database committed (document and log row), the process died before writing the index:
    a new process's replica applies the row."""
    doc = add_document(title="Bananas report")
    assert search("bananas").total == 1
    Document.objects.filter(pk=doc.pk).update(title="Cherries report")
    SearchChange.objects.create(document_id=doc.pk)  # written, never applied
    replica_module.reset()  # a new process
    assert ids(search("cherries")) == [doc.pk] and search("bananas").total == 0


def test_the_marker_is_saved_after_commit_and_reapplying_is_harmless(settings: Any) -> None:
    doc = add_document(title="Bananas report")
    search("")
    rep = replica_module.replica()
    assert rep.directory is not None and rep.state is not None
    top = SearchChange.objects.aggregate(m=Max("id"))["m"]
    assert State.load(rep.directory).marker == top  # type: ignore[union-attr]
    # A crash after the index commit but before the marker was saved: the rows are applied again.
    stale = State.load(rep.directory)
    assert stale is not None
    stale.marker = 0
    stale.save(rep.directory)
    replica_module.reset()
    assert ids(search("bananas")) == [doc.pk]


def test_ids_committed_out_of_order(settings: Any) -> None:
    """A transaction holding a lower id commits after one holding a higher id (PostgreSQL)."""
    early = add_document(title="Apples report")
    late = add_document(title="Pears report")
    search("")
    top = SearchChange.objects.aggregate(m=Max("id"))["m"] or 0
    Document.objects.filter(pk=late.pk).update(title="Plums report")
    SearchChange.objects.create(id=top + 2, document_id=late.pk)  # committed first
    assert ids(search("plums")) == [late.pk]
    state = replica_module.replica().state
    assert state is not None and state.marker == top + 2 and state.gaps[0][:2] == [top + 1, top + 1]
    Document.objects.filter(pk=early.pk).update(title="Quinces report")
    SearchChange.objects.create(id=top + 1, document_id=early.pk)  # committed later, lower id
    assert ids(search("quinces")) == [early.pk]
    state = replica_module.replica().state
    assert state is not None and state.gaps == [] and state.marker == top + 2


def test_gaps_expire(settings: Any) -> None:
    state = State(version="v", marker=10)
    state.advance([13], now=1000.0)
    assert state.marker == 13 and state.gaps == [[11, 12, 1000.0]]
    assert state.wants(12, now=1000.0) and not state.wants(10, now=1000.0)
    state.advance([11], now=1001.0)
    assert state.gaps == [[12, 12, 1000.0]]
    settings.RELAIS_SEARCH_GAP_SECONDS = 600
    assert state.wants(12, now=1599.0) and not state.wants(12, now=1601.0)
    state.advance([14], now=1700.0)
    assert state.gaps == [] and state.marker == 14


def test_two_machines_each_become_current(tmp_path: Path) -> None:
    doc = add_document(title="Bananas report")
    machines = [Replica(tmp_path / "one"), Replica(tmp_path / "two")]
    assert [_titles(m, "banana") for m in machines] == [[doc.pk], [doc.pk]]
    document_update(actor=None, document=doc, title="Cherries report")
    other = add_document(title="Bananas again")
    for machine in machines:
        assert machine.apply_changes() >= 2
        assert _titles(machine, "banana") == [other.pk] and _titles(machine, "cherri") == [doc.pk]
        assert machine.apply_changes() == 0


def test_rebuild_while_searching(monkeypatch: pytest.MonkeyPatch, settings: Any) -> None:
    old = add_document(title="Bananas report")
    assert ids(search("bananas")) == [old.pk]
    rep = replica_module.replica()
    before = rep.directory
    seen: list[list[int]] = []
    chunks = replica_module.all_ids_in_chunks

    def chunks_and_search(size: int) -> Any:
        for chunk in chunks(size):
            seen.append(ids(search("bananas")))  # the old index answers during the build
            yield chunk

    monkeypatch.setattr(replica_module, "all_ids_in_chunks", chunks_and_search)
    new = add_document(title="Bananas handbook")
    stats = replica_module.rebuild()
    assert stats.documents == 2 and seen and all(set(s) <= {old.pk, new.pk} for s in seen)
    assert rep.directory != before and Path(stats.directory) == rep.directory
    assert set(ids(search("bananas"))) == {old.pk, new.pk}
    # The previous index is kept (another process may read it), older ones go.
    replica_module.rebuild()
    root = Path(settings.RELAIS_SEARCH_DIR)
    assert len(list(root.glob("index-*"))) == 2 and before is not None and not before.exists()


def test_changes_made_during_a_rebuild_are_applied_after(monkeypatch: pytest.MonkeyPatch) -> None:
    doc = add_document(title="Bananas report")
    search("")
    load = replica_module.load_entries
    state: dict[str, bool] = {}

    def load_then_change(ids_: Any) -> Any:
        out = load(ids_)
        if not state:
            state["changed"] = True
            document_update(actor=None, document=doc, title="Cherries report")  # after it was read
        return out

    monkeypatch.setattr(replica_module, "load_entries", load_then_change)
    replica_module.rebuild()
    monkeypatch.setattr(replica_module, "load_entries", load)
    assert ids(search("cherries")) == [doc.pk] and ids(search("bananas")) == []


def test_writer_held_elsewhere_skips_and_catches_up() -> None:
    doc = add_document(title="Bananas report")
    search("")
    rep = replica_module.replica()
    assert rep.index is not None
    writer = rep.index.writer(20_000_000, 1)  # "another process" is writing
    document_update(actor=None, document=doc, title="Cherries report")
    assert rep.apply_changes() == 0
    assert search("bananas").total == 1  # not yet, but no error
    writer.wait_merging_threads()
    assert ids(search("cherries")) == [doc.pk]


def test_pruned_past_the_marker_rebuilds() -> None:
    doc = add_document(title="Bananas report")
    search("")
    rep = replica_module.replica()
    before = rep.directory
    # This replica stops; meanwhile changes happen and the log is pruned up to the latest row.
    Document.objects.filter(pk=doc.pk).update(title="Cherries report")
    for _ in range(3):
        SearchChange.objects.create(document_id=doc.pk)
    SearchChange.objects.update(created_at=timezone.now() - dt.timedelta(days=30))
    assert replica_module.prune_changes(7) == 3 and SearchChange.objects.count() == 1
    assert ids(search("cherries")) == [doc.pk]
    assert rep.directory != before


def test_prune_keeps_the_latest_and_recent_rows() -> None:
    doc = add_document(title="Report")
    for _ in range(3):
        SearchChange.objects.create(document_id=doc.pk)
    top = SearchChange.objects.aggregate(m=Max("id"))["m"]
    SearchChange.objects.update(created_at=timezone.now() - dt.timedelta(days=30))
    recent = SearchChange.objects.create(document_id=doc.pk)
    SearchChange.objects.filter(pk=recent.pk).update(created_at=timezone.now())
    assert replica_module.prune_changes(7) == 4
    assert list(SearchChange.objects.values_list("id", flat=True)) == [recent.pk]
    SearchChange.objects.all().delete()
    SearchChange.objects.create(id=(top or 0) + 10, document_id=doc.pk)
    SearchChange.objects.update(created_at=timezone.now() - dt.timedelta(days=30))
    assert replica_module.prune_changes(7) == 0  # never the highest id


def test_another_version_of_the_schema_rebuilds() -> None:
    doc = add_document(title="Bananas report")
    search("")
    rep = replica_module.replica()
    assert rep.directory is not None
    state = State.load(rep.directory)
    assert state is not None
    state.version = "older"
    state.save(rep.directory)
    replica_module.reset()
    assert ids(search("bananas")) == [doc.pk]
    assert replica_module.replica().directory != rep.directory


def test_errors_never_reach_the_request(monkeypatch: pytest.MonkeyPatch, caplog: Any) -> None:
    doc = add_document(title="Bananas report")
    assert search("bananas").total == 1

    def broken(_ids: Any) -> Any:
        raise RuntimeError("database gone")

    monkeypatch.setattr(replica_module, "load_entries", broken)
    document_update(actor=None, document=doc, title="Cherries report")
    replica_module.apply_changes_quietly()
    assert search("bananas").total == 1  # the index as it was
    assert "applying the change log failed" in caplog.text
    monkeypatch.undo()
    assert ids(search("cherries")) == [doc.pk]


def test_after_commit_the_writing_process_applies(django_capture_on_commit_callbacks: Any) -> None:
    search("")
    with django_capture_on_commit_callbacks(execute=True):
        doc = add_document(title="Bananas report")
    rep = replica_module.replica()
    assert _titles(rep, "banana") == [doc.pk]


def test_first_use_by_two_processes_builds_once(tmp_path: Path) -> None:
    doc = add_document(title="Bananas report")
    first, second = Replica(tmp_path / "shared"), Replica(tmp_path / "shared")
    first.ensure_open()
    stats = second.rebuild(if_missing=True)  # it waited for the lock: the index is there now
    assert stats.documents == 0 and second.directory == first.directory
    assert _titles(second, "banana") == [doc.pk]


def test_a_failed_rebuild_leaves_the_index_in_use(monkeypatch: pytest.MonkeyPatch, settings: Any) -> None:
    doc = add_document(title="Bananas report")
    search("")
    before = replica_module.replica().directory

    def broken(_ids: Any) -> Any:
        raise RuntimeError("database gone")

    monkeypatch.setattr(replica_module, "load_entries", broken)
    with pytest.raises(RuntimeError):
        replica_module.rebuild()
    monkeypatch.undo()
    assert [p.name for p in Path(settings.RELAIS_SEARCH_DIR).glob("index-*")] == [before.name]  # type: ignore[union-attr]
    assert ids(search("bananas")) == [doc.pk]


def test_no_index_possible_finds_nothing_without_failing(settings: Any, tmp_path: Path) -> None:
    add_document(title="Bananas report")
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    settings.RELAIS_SEARCH_DIR = blocker / "search"
    replica_module.reset()
    result = search("bananas")
    assert result.total == 0 and result.hits == [] and set(result.facets) >= {"kind", "year"}


def test_a_rebuild_keeps_the_recent_missing_ids_as_gaps() -> None:
    from relais.knowledge.search.changelog import snapshot_state

    SearchChange.objects.bulk_create([SearchChange(id=i, document_id=1) for i in (100, 101, 104, 106)])
    SearchChange.objects.filter(id=100).update(created_at=timezone.now() - dt.timedelta(hours=2))
    state = snapshot_state("v")
    assert state.marker == 106
    assert [g[:2] for g in state.gaps] == [[102, 103], [105, 105]]  # not 100–101: older than the window
