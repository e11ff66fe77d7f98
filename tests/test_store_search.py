"""The dense search of a question narrowed to a few reports ranks as Chroma's filtered search does,
whether it runs exactly over the reports' chunks or as Chroma's search restricted by ids."""
from __future__ import annotations

import numpy as np

from index.store import Store, stored_chunk_id


def _store(tmp_path, reports: int = 6, chunks: int = 12, dim: int = 16) -> tuple[Store, dict[str, list[str]]]:
    store = Store(tmp_path / "db")
    rng = np.random.default_rng(7)
    ids_of = {}
    for r in range(reports):
        source, sha = f"r{r}.txt", f"{r:064x}"
        ids = [stored_chunk_id(source, f"{sha[:16]}-s-{i}") for i in range(chunks)]
        store.add_chunks(ids, rng.normal(size=(chunks, dim)).tolist(), [f"đoạn {i}" for i in range(chunks)],
                         [{"source": source, "doc_sha": sha, "order": i} for i in range(chunks)])
        store.commit_document(source, sha, chunks, {})
        ids_of[source] = ids
    return store, ids_of


def test_few_chunks_ranked_exactly_as_chromas_filtered_search(tmp_path):
    store, ids_of = _store(tmp_path)
    assert store.exhaustive_below() == 100          # Chroma's default ef_search
    rng = np.random.default_rng(1)
    for trial in range(25):
        sources = sorted(rng.choice(sorted(ids_of), size=1 + trial % 3, replace=False).tolist())
        among = [cid for s in sources for cid in ids_of[s]]
        q = rng.normal(size=16).tolist()
        chroma = store.query_ids(q, 20, where={"source": {"$in": sources}})
        exact = store.nearest_among(q, among, 20)
        by_ids = store.query_ids(q, 20, ids=among)
        assert [c for c, _ in exact] == [c for c, _ in chroma] == [c for c, _ in by_ids]
        assert np.allclose([d for _, d in exact], [d for _, d in chroma], atol=1e-5)


def test_chunks_missing_from_the_store_are_skipped(tmp_path):
    store, ids_of = _store(tmp_path, reports=1)
    among = ids_of["r0.txt"] + ["gone-chunk"]
    hits = store.nearest_among([1.0] * 16, among, 40)
    assert sorted(c for c, _ in hits) == sorted(ids_of["r0.txt"])
    assert store.nearest_among([1.0] * 16, [], 5) == [] == store.query_ids([1.0] * 16, 5, ids=[])
