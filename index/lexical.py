"""The lexical (BM25) side of hybrid search, derived from what Chroma holds.

Chroma's local mode has no sparse index, so we keep one: per document, the
term counts of its chunks (`chunk_terms`: accented syllables, folded
syllables and folded bigrams).  The index is always *derived*: `sync()`
compares it with Chroma's document registry and drops or fetches whole
documents until both agree, so a second process pointed at the same Chroma
server ends up with the same index.  It is cached on disk (pickle, written
atomically under a file lock) only to start fast; deleting the cache is safe.
Several processes share one cache (two ingests at once, an app and an ingest):
a save writes only this process's own changes over what is on disk then, so
one process never drops the reports another one saved.
"""
from __future__ import annotations

import math
import os
import pickle
import sys
import tempfile
import threading
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from filelock import FileLock
from scipy import sparse

from .abbreviations import alternate_terms
from .vntext import fold_token, terms_of_words, word_tokens

CACHE_VERSION = 6      # 6: accented terms of alternates, vocabulary bridge
K1 = 1.2
B = 0.75


def chunk_terms(text: str) -> list[str]:
    """A chunk's BM25 terms: its own, and the other form of its abbreviations ("CCCD" <-> "căn cước công dân")."""
    words = word_tokens(text)                   # one pass feeds both
    folded = [fold_token(w) for w in words]
    return terms_of_words(words, folded) + alternate_terms(folded)


@dataclass
class _DocTerms:
    """One document's term counts, compact: its vocabulary once, then chunk rows as CSR arrays.

    (A dict per chunk cost ~90 bytes per entry, measured: about 0.9 GB at 1000 reports.)"""
    sha: str
    chunk_ids: list[str]
    terms: list[str]                    # the document's vocabulary (interned)
    indptr: np.ndarray                  # chunk i's entries are [indptr[i], indptr[i+1])
    term_idx: np.ndarray                # index into terms
    counts: np.ndarray
    lengths: np.ndarray                 # terms per chunk

    @classmethod
    def from_chunks(cls, sha: str, chunks: list[tuple[str, str]]) -> "_DocTerms":
        local: dict[str, int] = {}
        indptr, term_idx, counts, lengths = [0], [], [], []
        for _, text in chunks:
            bag = Counter(chunk_terms(text))
            for term, c in bag.items():
                term_idx.append(local.setdefault(term, len(local)))
                counts.append(c)
            indptr.append(len(term_idx))
            lengths.append(sum(bag.values()))
        return cls(sha=sha, chunk_ids=[cid for cid, _ in chunks], terms=[sys.intern(t) for t in local],
                   indptr=np.asarray(indptr, dtype=np.int64), term_idx=np.asarray(term_idx, dtype=np.int32),
                   counts=np.asarray(counts, dtype=np.float32), lengths=np.asarray(lengths, dtype=np.float32))

    def __setstate__(self, state):
        state["terms"] = [sys.intern(t) for t in state["terms"]]     # one string per term across documents
        self.__dict__.update(state)


class LexicalIndex:
    """BM25 over chunks, kept in step with the Chroma registry."""

    def __init__(self, cache_dir: Path | str | None):
        self.cache_dir = Path(cache_dir) if cache_dir else None
        self.docs: dict[str, _DocTerms] = {}
        self._lock = threading.RLock()
        self._built = None            # (ids, sources, csc matrix, vocab, idf, norm)
        self._added: set[str] = set()             # sources (re)indexed since the last save
        self._removed: dict[str, set[str]] = {}   # source -> versions (sha) dropped since the last save
        if self.cache_dir:
            self._load()

    # ------------------------------------------------------------ persistence
    @property
    def _cache_file(self) -> Path:
        return self.cache_dir / "lexical.pkl"

    def _read_cache(self) -> dict[str, _DocTerms]:
        try:
            with open(self._cache_file, "rb") as fh:
                data = pickle.load(fh)
            if data.get("version") == CACHE_VERSION:
                return dict(data["docs"])
        except (OSError, EOFError, pickle.UnpicklingError, KeyError, AttributeError, ValueError, TypeError):
            pass
        return {}

    def _load(self) -> None:
        self.docs = self._read_cache()

    def save(self) -> None:
        """Write this process's changes into the on-disk cache, over what other processes saved there.

        Under the cache's lock: read the cache as it is now, drop the versions this process removed
        (only those: another process may have indexed a newer one since), put the documents this
        process indexed, write it back atomically."""
        if not self.cache_dir:
            return
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        with self._lock, FileLock(str(self._cache_file) + ".lock"):
            docs = self._read_cache()
            for source, shas in self._removed.items():
                if source in docs and docs[source].sha in shas:
                    del docs[source]
            for source in self._added:
                if source in self.docs:
                    docs[source] = self.docs[source]
            fd, tmp = tempfile.mkstemp(dir=self.cache_dir, prefix=".lexical-")
            with os.fdopen(fd, "wb") as fh:
                pickle.dump({"version": CACHE_VERSION, "docs": docs}, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self._cache_file)
            self._added.clear()
            self._removed.clear()

    # ------------------------------------------------------------ changes
    def add_document(self, source: str, sha: str, chunks: list[tuple[str, str]]) -> None:
        """Index one document's chunks [(chunk_id, text)], replacing any older version."""
        doc = _DocTerms.from_chunks(sha, chunks)
        with self._lock:
            old = self.docs.get(source)
            if old is not None and old.sha != sha:
                self._removed.setdefault(source, set()).add(old.sha)
            self.docs[source] = doc
            self._added.add(source)
            self._built = None

    def remove_document(self, source: str) -> bool:
        with self._lock:
            doc = self.docs.pop(source, None)
            if doc is not None:
                self._removed.setdefault(source, set()).add(doc.sha)
                self._added.discard(source)
                self._built = None
            return doc is not None

    def state(self) -> dict[str, tuple[str, int]]:
        return {s: (d.sha, len(d.chunk_ids)) for s, d in self.docs.items()}

    def sync(self, store, registry: dict | None = None) -> dict[str, int]:
        """Make the index agree with Chroma's registry (read here unless given); return what changed."""
        registry = store.documents() if registry is None else registry
        removed = added = 0
        with self._lock:
            for source in list(self.docs):
                rec = registry.get(source)
                if rec is None or rec.sha256 != self.docs[source].sha:
                    self.remove_document(source)
                    removed += 1
            missing = {source: rec for source, rec in registry.items() if source not in self.docs}
            for source, rows in store.committed_chunks(missing):
                self.add_document(source, missing[source].sha256, [(cid, text) for cid, text, _ in rows])
                added += 1
        if removed or added:
            self.save()
        return {"added": added, "removed": removed}

    # ------------------------------------------------------------ search
    def _build(self):
        with self._lock:
            if self._built is not None:
                return self._built
            ids: list[str] = []
            sources: list[str] = []
            vocab: dict[str, int] = {}
            rows, cols, vals, lengths = [], [], [], []
            for source in sorted(self.docs):
                d = self.docs[source]
                to_global = np.asarray([vocab.setdefault(t, len(vocab)) for t in d.terms], dtype=np.int64)
                per_chunk = np.diff(d.indptr)
                rows.append(np.repeat(np.arange(len(ids), len(ids) + len(d.chunk_ids)), per_chunk))
                cols.append(to_global[d.term_idx] if len(d.term_idx) else np.zeros(0, dtype=np.int64))
                vals.append(d.counts)
                lengths.append(d.lengths)
                ids += d.chunk_ids
                sources += [source] * len(d.chunk_ids)
            n = len(ids)
            cat = (lambda parts, dt: np.concatenate(parts) if parts else np.zeros(0, dtype=dt))   # noqa: E731
            tf = sparse.csc_matrix((cat(vals, np.float32), (cat(rows, np.int64), cat(cols, np.int64))),
                                   shape=(n, max(1, len(vocab))))
            lengths_a = cat(lengths, np.float32)
            avgdl = float(lengths_a.mean()) if n else 1.0
            df = np.diff(tf.indptr).astype(np.float32)
            idf = np.log(1.0 + (n - df + 0.5) / (df + 0.5))
            norm = K1 * (1 - B + B * lengths_a / max(avgdl, 1e-6))
            self._built = (ids, np.asarray(sources, dtype=object), tf, vocab, idf, norm)
            return self._built

    def __len__(self) -> int:
        return sum(len(d.chunk_ids) for d in self.docs.values())

    def idf(self, term: str) -> float:
        ids, _, _, vocab, idf, _ = self._build()
        j = vocab.get(term)
        if j is None:
            return math.log(1.0 + (len(ids) + 0.5) / 0.5)
        return float(idf[j])

    def search(self, terms: list[str], k: int = 20, sources: set[str] | None = None) -> list[tuple[str, float]]:
        """Top-k (chunk_id, bm25 score), optionally only within some reports."""
        ids, srcs, tf, vocab, idf, norm = self._build()
        if not ids:
            return []
        scores = np.zeros(len(ids), dtype=np.float32)
        for term, qtf in Counter(terms).items():
            j = vocab.get(term)
            if j is None:
                continue
            start, end = tf.indptr[j], tf.indptr[j + 1]
            rows = tf.indices[start:end]
            f = tf.data[start:end]
            scores[rows] += idf[j] * (f * (K1 + 1) / (f + norm[rows])) * (1 + 0.2 * (qtf - 1))
        if sources is not None:
            mask = np.isin(srcs, list(sources))
            scores = np.where(mask, scores, 0.0)
        top = np.argsort(-scores)[:k]
        return [(ids[i], float(scores[i])) for i in top if scores[i] > 0]
