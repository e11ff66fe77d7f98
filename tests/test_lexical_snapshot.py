"""The lexical index at archive scale: snapshot records in Chroma that a new process loads instead of
re-reading every chunk, and searches restricted to some reports.  Both must give exactly what a fresh
build gives.  No embedding here: chunks are stored with small made-up vectors."""
from __future__ import annotations

import hashlib
import random
from collections import Counter

import numpy as np
import pytest

from index.lexical import K1, LexicalIndex, _DocTerms
from index.store import Store, stored_chunk_id
from index.vntext import query_terms

from conftest import SAMPLE

PARAS = [p.strip() for p in SAMPLE.read_text(encoding="utf-8").split("\n\n") if len(p.strip()) > 40]
QUESTIONS = ["Tổng kim ngạch xuất nhập khẩu tháng 1 là bao nhiêu?", "dan bo co bao nhieu con",
             "số hộ nghèo năm 2022", "UBND tỉnh chỉ đạo gì về chuyển đổi số?", "thu ngân sách nhà nước",
             "khách du lịch quốc tế đến Lạng Sơn"]


def _texts(seed: int, n: int = 8) -> list[str]:
    rng = random.Random(seed)
    return [" ".join(rng.sample(PARAS, 2)) for _ in range(n)]


def _put_report(store: Store, source: str, texts: list[str], version: str = "1") -> str:
    """Store a report's chunks and commit it, as an ingest does (fake vectors)."""
    sha = hashlib.sha256(f"{source}:{version}:{texts}".encode()).hexdigest()
    ids = [stored_chunk_id(source, f"{sha[:16]}-s{i}-{i}") for i in range(len(texts))]
    rng = np.random.default_rng(abs(hash(sha)) % 2**32)
    store.add_chunks(ids, rng.normal(size=(len(texts), 8)).tolist(), texts,
                     [{"source": source, "doc_sha": sha, "order": i} for i in range(len(texts))])
    store.commit_document(source, sha, len(texts), {"title": source})
    return sha


def _drop_report(store: Store, source: str) -> None:
    store.drop_document(source)
    store.delete_stale_chunks(source, keep_sha=None)


def _replace_report(store: Store, source: str, texts: list[str]) -> None:
    """A new version: its chunks, its commit, then the old version's chunks go."""
    sha = _put_report(store, source, texts, version="2")
    store.delete_stale_chunks(source, keep_sha=sha)


def _fresh(store: Store) -> LexicalIndex:
    idx = LexicalIndex(None)              # no cache, no snapshot: every chunk read and tokenised
    idx.sync(store)
    return idx


def _same_results(a: LexicalIndex, b: LexicalIndex, sources) -> None:
    assert a.state() == b.state()
    for q in QUESTIONS:
        for within in (None, *sources):
            assert a.search(query_terms(q), 20, within) == b.search(query_terms(q), 20, within)
        assert a.idf(query_terms(q)[0]) == b.idf(query_terms(q)[0])


@pytest.fixture()
def store(tmp_path):
    s = Store(tmp_path / "db")
    for i, name in enumerate("ABCDE"):
        _put_report(s, f"{name}.txt", _texts(i))
    return s


def _fetched_from_chunks(store, monkeypatch) -> list[str]:
    """The reports a sync reads from their chunks (not from a snapshot record)."""
    read: list[str] = []
    original = store.committed_chunks

    def spy(wanted, *a, **kw):
        read.extend(wanted)
        return original(wanted, *a, **kw)
    monkeypatch.setattr(store, "committed_chunks", spy)
    return read


def test_a_new_process_loads_the_snapshot_instead_of_the_chunks(store, tmp_path, monkeypatch):
    first = LexicalIndex(tmp_path / "cache1", store=store)
    first.sync(store)                                   # reads the chunks, publishes the records
    assert set(store.lexical_records(sorted(store.documents()))) == {f"{n}.txt" for n in "ABCDE"}
    read = _fetched_from_chunks(store, monkeypatch)
    replica = LexicalIndex(tmp_path / "cache2", store=store)
    assert replica.sync(store) == {"added": 5, "removed": 0}
    assert read == []
    _same_results(replica, _fresh(store), [{"A.txt"}, {"B.txt", "C.txt"}])


def test_a_snapshot_older_than_the_store_gives_what_a_fresh_build_gives(store, tmp_path, monkeypatch):
    LexicalIndex(tmp_path / "cache1", store=store).sync(store)
    # then, by a process that publishes nothing (an older version, a crash before its save):
    _put_report(store, "F.txt", _texts(10))                       # added
    _drop_report(store, "B.txt")                                  # removed
    _replace_report(store, "C.txt", _texts(11))                   # replaced: another sha, other chunks
    _replace_report(store, "D.txt", _texts(3) + _texts(12, 2))    # replaced, more chunks
    read = _fetched_from_chunks(store, monkeypatch)
    replica = LexicalIndex(None, store=store)
    assert replica.sync(store) == {"added": 5, "removed": 0}
    assert sorted(read) == ["C.txt", "D.txt", "F.txt"]             # the records of A and E served
    _same_results(replica, _fresh(store), [{"A.txt"}, {"C.txt", "F.txt"}, {"B.txt"}])
    assert replica.source_of(replica.docs["C.txt"].chunk_ids[0]) == "C.txt"
    # the reader published what it had to read; the stale record of C is replaced, B's is left unread
    records = store.lexical_records(["A.txt", "B.txt", "C.txt", "F.txt"])
    assert records["C.txt"]["sha"] == store.documents()["C.txt"].sha256
    assert "F.txt" in records


def test_a_record_naming_chunks_no_longer_there_is_not_used(store, tmp_path, monkeypatch):
    LexicalIndex(None, store=store).sync(store)
    sha = store.documents()["A.txt"].sha256
    got = store.chunks.get(where={"source": "A.txt"}, include=["documents", "metadatas", "embeddings"])
    store.delete_chunks(got["ids"])          # the same version stored again under other chunk ids
    store.add_chunks([i + "x" for i in got["ids"]], [list(v) for v in got["embeddings"]], got["documents"],
                     got["metadatas"])
    assert store.documents()["A.txt"].sha256 == sha
    read = _fetched_from_chunks(store, monkeypatch)
    replica = LexicalIndex(None, store=store)
    replica.sync(store)
    assert read == ["A.txt"]
    _same_results(replica, _fresh(store), [{"A.txt"}])


def test_removing_and_replacing_through_the_index_keep_the_records_in_step(store, tmp_path):
    idx = LexicalIndex(tmp_path / "cache", store=store)
    idx.sync(store)
    _drop_report(store, "B.txt")
    idx.remove_document("B.txt")
    _replace_report(store, "C.txt", _texts(20))
    new_sha = store.documents()["C.txt"].sha256
    rows = store.document_chunks("C.txt", new_sha)
    idx.add_document("C.txt", new_sha, [(cid, text) for cid, text, _ in rows])
    idx.save()
    records = store.lexical_records(["B.txt", "C.txt"])
    assert "B.txt" not in records
    assert records["C.txt"]["sha"] == new_sha
    replica = LexicalIndex(None, store=store)
    replica.sync(store)
    _same_results(replica, _fresh(store), [{"C.txt"}])


def test_record_round_trip_keeps_every_array():
    doc = _DocTerms.from_chunks("sha", [(f"c{i}", t) for i, t in enumerate(_texts(1))] + [("empty", "")])
    back = _DocTerms.from_blob("sha", doc.to_blob())
    assert back.chunk_ids == doc.chunk_ids and back.terms == doc.terms
    for name in ("indptr", "term_idx", "counts", "lengths"):
        assert np.array_equal(getattr(back, name), getattr(doc, name)), name
        assert getattr(back, name).dtype == getattr(doc, name).dtype, name


def _reference_search(idx: LexicalIndex, terms, k, sources):
    """BM25 as the index scored it before it learned to score only some reports: every row's postings,
    the other reports' rows zeroed, one argsort of every row."""
    ids, post, vocab, idf, norm = idx._build()
    srcs = np.asarray([s for s in sorted(idx.docs) for _ in idx.docs[s].chunk_ids], dtype=object)
    scores = np.zeros(len(ids), dtype=np.float32)
    for term, qtf in Counter(terms).items():
        j = vocab.get(term)
        if j is None:
            continue
        rows = post.indices[post.indptr[j]:post.indptr[j + 1]]
        f = post.data[post.indptr[j]:post.indptr[j + 1]].astype(np.float32)
        scores[rows] += idf[j] * (f * (K1 + 1) / (f + norm[rows])) * (1 + 0.2 * (qtf - 1))
    if sources is not None:
        scores = np.where(np.isin(srcs, list(sources)), scores, 0.0)
    top = np.argsort(-scores)[:k]
    return [(ids[i], float(scores[i])) for i in top if scores[i] > 0]


def test_search_within_reports_scores_and_ranks_as_scoring_every_row():
    idx = LexicalIndex(None)
    names = [f"r{i:03d}.txt" for i in range(80)]
    for i, name in enumerate(names):
        idx.add_document(name, "sha", [(f"{name}-{j}", t) for j, t in enumerate(_texts(i % 12, 5))])
    rng = random.Random(3)
    for q in QUESTIONS:
        terms = query_terms(q)
        for within in (None, set(), {"nope.txt"}, {names[5]}, set(rng.sample(names, 3)) | {"nope.txt"},
                       set(rng.sample(names, 31)), set(rng.sample(names, 33)), set(names)):
            assert idx.search(terms, 40, within) == _reference_search(idx, terms, 40, within)
    assert idx.search(query_terms(QUESTIONS[0]), 40, {names[0]})


def test_a_question_compares_the_index_with_the_registry_only_when_either_moved(tmp_path, monkeypatch):
    from qa.system import System
    system = System(db=tmp_path / "db")
    _put_report(system.store, "A.txt", _texts(1))
    calls = []
    original = system.lexical.sync
    monkeypatch.setattr(system.lexical, "sync", lambda *a, **kw: calls.append(1) or original(*a, **kw))

    def ask():
        version, registry = system.store.versioned_documents()
        system.sync(registry, version)
    ask()                   # indexes A and publishes its record: a write, the generation moves once
    ask()
    n = len(calls)
    ask()
    assert len(calls) == n and set(system.lexical.docs) == {"A.txt"}
    _put_report(Store(tmp_path / "db"), "B.txt", _texts(2))      # another process writes
    ask()
    assert len(calls) == n + 1 and set(system.lexical.docs) == {"A.txt", "B.txt"}
    ask()
    ask()
    n = len(calls)
    system.lexical.remove_document("B.txt")                    # the index moved, the registry did not
    ask()
    assert len(calls) == n + 1 and set(system.lexical.docs) == {"A.txt", "B.txt"}


def test_records_and_caches_built_with_other_tables_are_rebuilt(store, tmp_path, monkeypatch):
    """A chunk's BM25 terms include the other forms of its abbreviations and bridged words: after an
    upgrade that adds a table entry, a cache file or snapshot record written before must not be served
    (it lacks the new entry's terms), whatever its sha."""
    import index.abbreviations as abbreviations
    import index.vocabulary as vocabulary
    LexicalIndex(tmp_path / "cache", store=store).sync(store)
    read = _fetched_from_chunks(store, monkeypatch)
    LexicalIndex(tmp_path / "cache", store=store).sync(store)
    LexicalIndex(tmp_path / "other-cache", store=store).sync(store)
    assert read == []                                             # same tables: the cache, the records served
    def forget_tables():
        for name in ("tables_fingerprint", "_pairs"):          # the tables are read once per process
            getattr(abbreviations, name).cache_clear()
    monkeypatch.setitem(vocabulary.VOCABULARY, "quả đồi", ["ngọn núi"])
    forget_tables()
    try:
        upgraded = LexicalIndex(tmp_path / "cache", store=store)
        assert upgraded.docs == {}                                # the cache file is not loaded
        upgraded.sync(store)
        assert sorted(read) == [f"{n}.txt" for n in "ABCDE"]       # nor the snapshot records served
        _same_results(upgraded, _fresh(store), [{"A.txt"}])
    finally:
        monkeypatch.undo()
        forget_tables()
