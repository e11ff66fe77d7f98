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

A process with no cache (a new replica of a Chroma server, a deleted cache) would
have to read and tokenise every chunk again (~20 s at 1000 reports).  So each
document's term counts are also published in Chroma itself, one snapshot record
per report (`Store.put_lexical_records`), by whoever indexed it; such a process
loads those instead.  A record serves only the version the registry vouches for
(same sha, same chunk count, every chunk id still in Chroma, same cache_version(), which includes the
abbreviation and vocabulary tables' fingerprint):
a report added, replaced or removed since is fetched or dropped as before.
"""
from __future__ import annotations

import base64
import math
import os
import pickle
import struct
import sys
import tempfile
import threading
import zlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from filelock import FileLock

from .abbreviations import alternate_terms, tables_fingerprint
from .vntext import fold_token, terms_of_words, word_tokens

# 6: accented terms of alternates, vocabulary bridge; 7: small integer arrays; 8: keyed on the tables too —
# a chunk's terms include its alternates, so a cache or record built with other tables is rebuilt;
# 9: a chunk's length counts its own terms only, stored in the record
CACHE_FORMAT = 9


def cache_version() -> str:
    """The version a cache file or snapshot record must carry to be served: the format and the tables."""
    return f"{CACHE_FORMAT}-{tables_fingerprint()}"
K1 = 1.2
B = 0.75


def chunk_terms(text: str) -> list[str]:
    """A chunk's BM25 terms: its own, and the other form of its abbreviations ("CCCD" <-> "căn cước công dân")."""
    own, alternates = _own_and_alternate_terms(text)
    return own + alternates


def _own_and_alternate_terms(text: str) -> tuple[list[str], list[str]]:
    """(the text's own terms, the terms of its abbreviations' and bridged words' other forms)."""
    words = word_tokens(text)                   # one pass feeds both
    folded = [fold_token(w) for w in words]
    return terms_of_words(words, folded), alternate_terms(folded)


def _small_uint(top: int):
    """The smallest unsigned type holding 0..top (term counts, indices into a document's vocabulary)."""
    return np.uint8 if top < 1 << 8 else np.uint16 if top < 1 << 16 else np.uint32


_BLOB_HEAD = struct.Struct("<4sIII2s")      # magic, chunks, terms, entries, dtype codes


@dataclass
class _DocTerms:
    """One document's term counts, compact: its vocabulary once, then chunk rows as CSR arrays.

    (A dict per chunk cost ~90 bytes per entry, measured: about 0.9 GB at 1000 reports; int32
    indices and float32 counts 8 bytes, small unsigned integers 3.)"""
    sha: str
    chunk_ids: list[str]
    terms: list[str]                    # the document's vocabulary (interned)
    indptr: np.ndarray                  # chunk i's entries are [indptr[i], indptr[i+1])
    term_idx: np.ndarray                # index into terms (uint8/16/32)
    counts: np.ndarray                  # how often (uint8/16/32)
    lengths: np.ndarray                 # the chunk's own terms, alternates not counted (float32)

    @classmethod
    def from_chunks(cls, sha: str, chunks: list[tuple[str, str]]) -> "_DocTerms":
        local: dict[str, int] = {}
        indptr, term_idx, counts, lengths = [0], [], [], []
        for _, text in chunks:
            own, alternates = _own_and_alternate_terms(text)
            bag = Counter(own + alternates)
            for term, c in bag.items():
                term_idx.append(local.setdefault(term, len(local)))
                counts.append(c)
            indptr.append(len(term_idx))
            # the length BM25 normalises by is the text's own: a table entry that adds alternates to some
            # chunks must not move every other question's ranks through the average length
            lengths.append(len(own))
        return cls(sha=sha, chunk_ids=[cid for cid, _ in chunks], terms=[sys.intern(t) for t in local],
                   indptr=np.asarray(indptr, dtype=np.int64),
                   term_idx=np.asarray(term_idx, dtype=_small_uint(len(local))),
                   counts=np.asarray(counts, dtype=_small_uint(max(counts, default=0))),
                   lengths=np.asarray(lengths, dtype=np.float32))

    def __setstate__(self, state):
        state["terms"] = [sys.intern(t) for t in state["terms"]]     # one string per term across documents
        self.__dict__.update(state)

    # the snapshot record's text (Chroma metadata values are strings): packed, compressed, base64
    def to_blob(self) -> str:
        ti, ct = self.term_idx, self.counts
        head = _BLOB_HEAD.pack(b"BM25", len(self.chunk_ids), len(self.terms), len(ti), ti.dtype.char.encode()
                               + ct.dtype.char.encode())
        text = "\n".join(self.chunk_ids) + "\0" + "\n".join(self.terms)
        raw = b"".join([head, self.indptr.astype("<u4").tobytes(), ti.tobytes(), ct.tobytes(),
                        self.lengths.astype("<u4").tobytes(), text.encode("utf-8")])
        return base64.b64encode(zlib.compress(raw, 6)).decode("ascii")

    @classmethod
    def from_blob(cls, sha: str, blob: str) -> "_DocTerms":
        raw = zlib.decompress(base64.b64decode(blob))
        magic, n, n_terms, n_entries, codes = _BLOB_HEAD.unpack_from(raw)
        if magic != b"BM25":
            raise ValueError("not a lexical snapshot record")
        at = _BLOB_HEAD.size
        indptr = np.frombuffer(raw, dtype="<u4", count=n + 1, offset=at).astype(np.int64)
        at += 4 * (n + 1)
        ti = np.frombuffer(raw, dtype=np.dtype(chr(codes[0])), count=n_entries, offset=at).copy()
        at += ti.nbytes
        ct = np.frombuffer(raw, dtype=np.dtype(chr(codes[1])), count=n_entries, offset=at).copy()
        at += ct.nbytes
        lengths = np.frombuffer(raw, dtype="<u4", count=n, offset=at).astype(np.float32)
        at += 4 * n
        ids_text, _, terms_text = raw[at:].decode("utf-8").partition("\0")
        chunk_ids = ids_text.split("\n") if n else []
        terms = [sys.intern(t) for t in terms_text.split("\n")] if n_terms else []
        if len(chunk_ids) != n or len(terms) != n_terms or int(indptr[-1]) != n_entries:
            raise ValueError("inconsistent lexical snapshot record")
        return cls(sha=sha, chunk_ids=chunk_ids, terms=terms, indptr=indptr, term_idx=ti, counts=ct,
                   lengths=lengths)


@dataclass
class _Postings:
    """Compressed sparse columns: term j's chunks are indices[indptr[j]:indptr[j+1]] (sorted), with
    their counts of it in data (small unsigned integers)."""
    indptr: np.ndarray
    indices: np.ndarray
    data: np.ndarray


class LexicalIndex:
    """BM25 over chunks, kept in step with the Chroma registry."""

    def __init__(self, cache_dir: Path | str | None, store=None):
        """`cache_dir`: this process's cache (None: none).  `store`: the `Store` whose snapshot records
        this index reads when it lacks a report and publishes what it indexes (None: neither)."""
        self.cache_dir = Path(cache_dir) if cache_dir else None
        self.store = store
        self.docs: dict[str, _DocTerms] = {}
        self.changes = 0                    # documents added or removed so far (by any path)
        self._lock = threading.RLock()
        self._built = None            # (chunk ids, postings, vocabulary, idf, length norms)
        self._spans: dict[str, tuple[int, int]] = {}     # source -> its rows [start, end) in the matrix
        self._source_of: dict[str, str] | None = None    # chunk id -> source, made when first asked
        self._added: set[str] = set()             # sources (re)indexed since the last save
        self._removed: dict[str, set[str]] = {}   # source -> versions (sha) dropped since the last save
        self._unpublished: set[str] = set()       # sources indexed here from their chunks, not published yet
        self._dropped: dict[str, set[str]] = {}   # source -> versions removed here, records not dropped yet
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
            if data.get("version") == cache_version():
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
        process indexed, write it back atomically.  Then (or without a cache) publish the documents
        this process indexed from their chunks as snapshot records, and drop the removed ones'."""
        self.publish()
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
                pickle.dump({"version": cache_version(), "docs": docs}, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self._cache_file)
            self._added.clear()
            self._removed.clear()

    # ------------------------------------------------------------ snapshot records in Chroma
    def publish(self) -> None:
        """Publish the documents this process indexed from their chunks (the version the registry still
        vouches for) and drop the records of the versions it removed.  A failure (a lost server) keeps
        them for the next save: the records only spare other processes some reading."""
        if self.store is None:
            return
        with self._lock:
            docs = {s: self.docs[s] for s in self._unpublished if s in self.docs}
            dropped = {s: shas for s, shas in self._dropped.items() if s not in docs}
            self._unpublished, self._dropped = set(), {}
        if not docs and not dropped:
            return
        try:
            registry = self.store.documents()
            self.store.put_lexical_records([(s, d.sha, len(d.chunk_ids), cache_version(), d.to_blob())
                                            for s, d in docs.items()
                                            if s in registry and registry[s].sha256 == d.sha])
            self.store.drop_lexical_records(dropped)
        except Exception:                          # noqa: BLE001 - kept for the next save
            with self._lock:
                self._unpublished |= {s for s in docs if s not in self._unpublished}
                for s, shas in dropped.items():
                    self._dropped.setdefault(s, set()).update(shas)

    def _from_snapshot(self, missing: dict) -> dict[str, _DocTerms]:
        """The snapshot records that serve these reports (source -> registry record) as they are now."""
        if self.store is None or not missing:
            return {}
        found = {}
        for source, md in self.store.lexical_records(list(missing)).items():
            rec = missing[source]
            if (md.get("sha") != rec.sha256 or md.get("version") != cache_version()
                    or md.get("chunks") != rec.chunks):
                continue
            try:
                doc = _DocTerms.from_blob(rec.sha256, md.get("terms") or "")
            except (ValueError, TypeError, struct.error, zlib.error, UnicodeDecodeError):
                continue
            if len(doc.chunk_ids) == rec.chunks:
                found[source] = doc
        if found:                                  # each chunk it names must still be there
            present = set(self.store.chunk_ids())
            found = {s: d for s, d in found.items() if all(cid in present for cid in d.chunk_ids)}
        return found

    # ------------------------------------------------------------ changes
    def add_document(self, source: str, sha: str, chunks: list[tuple[str, str]]) -> None:
        """Index one document's chunks [(chunk_id, text)], replacing any older version."""
        self._put(source, _DocTerms.from_chunks(sha, chunks), publish=True)

    def _put(self, source: str, doc: _DocTerms, publish: bool) -> None:
        with self._lock:
            old = self.docs.get(source)
            if old is not None and old.sha != doc.sha:
                self._removed.setdefault(source, set()).add(old.sha)
                self._dropped.setdefault(source, set()).add(old.sha)
            self.docs[source] = doc
            self.changes += 1
            self._added.add(source)
            if publish:
                self._unpublished.add(source)
            else:
                self._unpublished.discard(source)
            self._built = None

    def remove_document(self, source: str) -> bool:
        with self._lock:
            doc = self.docs.pop(source, None)
            if doc is not None:
                self.changes += 1
                self._removed.setdefault(source, set()).add(doc.sha)
                self._dropped.setdefault(source, set()).add(doc.sha)
                self._added.discard(source)
                self._unpublished.discard(source)
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
            for source, doc in self._from_snapshot(missing).items():
                self._put(source, doc, publish=False)
                del missing[source]
                added += 1
            for source, rows in store.committed_chunks(missing):
                self.add_document(source, missing[source].sha256, [(cid, text) for cid, text, _ in rows])
                added += 1
        if removed or added:
            self.save()
        return {"added": added, "removed": removed}

    # ------------------------------------------------------------ search
    def _build(self):
        """The search matrix over every indexed chunk: one column of postings per term (rows sorted),
        filled document by document straight into its final arrays.  (Building it as a scipy COO
        matrix first held ~50 bytes per chunk-term entry at once: 470 MB more at 1000 reports.)"""
        with self._lock:
            if self._built is not None:
                return self._built
            docs = [(source, self.docs[source]) for source in sorted(self.docs)]
            vocab: dict[str, int] = {}
            to_global = [np.asarray([vocab.setdefault(t, len(vocab)) for t in d.terms], dtype=np.int32)
                         for _, d in docs]
            n_terms = max(1, len(vocab))
            df = np.zeros(n_terms, dtype=np.int64)
            for (_, d), g in zip(docs, to_global):
                if len(d.term_idx):
                    df += np.bincount(g[d.term_idx], minlength=n_terms)
            indptr = np.zeros(n_terms + 1, dtype=np.int64)
            np.cumsum(df, out=indptr[1:])
            nnz = int(indptr[-1])
            top = max((int(d.counts.max()) for _, d in docs if len(d.counts)), default=0)
            indices = np.empty(nnz, dtype=np.int32)
            data = np.empty(nnz, dtype=_small_uint(top))
            free = indptr[:-1].copy()               # the next free slot of each column
            ids: list[str] = []
            spans: dict[str, tuple[int, int]] = {}
            for (source, d), g in zip(docs, to_global):
                first = len(ids)
                if len(d.term_idx):
                    cols = g[d.term_idx]
                    rows = np.repeat(np.arange(first, first + len(d.chunk_ids), dtype=np.int32), np.diff(d.indptr))
                    order = np.argsort(cols, kind="stable")     # by column, rows ascending within one
                    cols = cols[order]
                    starts = np.flatnonzero(np.r_[True, cols[1:] != cols[:-1]])
                    sizes = np.diff(np.r_[starts, len(cols)])
                    at = free[cols] + (np.arange(len(cols)) - np.repeat(starts, sizes))
                    indices[at] = rows[order]
                    data[at] = d.counts[order]
                    free[cols[starts]] += sizes
                ids += d.chunk_ids
                spans[source] = (first, len(ids))       # a report's chunks are consecutive rows
            n = len(ids)
            lengths_a = np.concatenate([d.lengths for _, d in docs]).astype(np.float32) if docs \
                else np.zeros(0, dtype=np.float32)
            avgdl = float(lengths_a.mean()) if n else 1.0
            df = df.astype(np.float32)
            idf = np.log(1.0 + (n - df + 0.5) / (df + 0.5))
            norm = K1 * (1 - B + B * lengths_a / max(avgdl, 1e-6))
            self._built = (ids, _Postings(indptr, indices, data), vocab, idf, norm)
            self._spans = spans
            self._source_of = None
            return self._built

    def __len__(self) -> int:
        return sum(len(d.chunk_ids) for d in self.docs.values())

    def idf(self, term: str) -> float:
        ids, _, vocab, idf, _ = self._build()
        j = vocab.get(term)
        if j is None:
            return math.log(1.0 + (len(ids) + 0.5) / 0.5)
        return float(idf[j])

    def source_of(self, chunk_id: str) -> str | None:
        """The report whose indexed version holds this chunk, or None (another version's chunk, one
        not committed yet, or no chunk at all).  Right after `sync(store, registry)`, a chunk is
        visible to a reader of that registry exactly when this names a report of it."""
        with self._lock:
            self._build()
            if self._source_of is None:
                self._source_of = {cid: source for source, d in self.docs.items() for cid in d.chunk_ids}
            return self._source_of.get(chunk_id)

    def chunk_ids_of(self, source: str) -> list[str]:
        """The chunk ids of a report's indexed version, in reading order (none if not indexed)."""
        doc = self.docs.get(source)
        return list(doc.chunk_ids) if doc is not None else []

    def search(self, terms: list[str], k: int = 20, sources: set[str] | None = None) -> list[tuple[str, float]]:
        """Top-k (chunk_id, bm25 score), optionally only within some reports.

        Within some reports, only their rows are scored (a report's chunks are consecutive rows): a
        question naming a place and a period scores a few dozen chunks instead of every chunk's
        postings.  The scores, zero elsewhere, and their ranking are those of scoring every row and
        zeroing the others."""
        with self._lock:
            ids, tf, vocab, idf, norm = self._build()
            spans = self._spans
        if not ids:
            return []
        scores = np.zeros(len(ids), dtype=np.float32)
        if sources is not None:
            found = sorted(spans[s] for s in sources if s in spans)
            if not found:
                return []
            starts = np.asarray([a for a, _ in found], dtype=tf.indices.dtype)
            ends = np.asarray([b for _, b in found], dtype=tf.indices.dtype)
            mask = None
            if len(found) > 32:                 # many reports: one mask rather than a slice per report
                mask = np.zeros(len(ids), dtype=bool)
                for a, b in found:
                    mask[a:b] = True
        for term, qtf in Counter(terms).items():
            j = vocab.get(term)
            if j is None:
                continue
            start, end = tf.indptr[j], tf.indptr[j + 1]
            rows = tf.indices[start:end]
            f = tf.data[start:end].astype(np.float32)       # term counts, stored small
            if sources is not None:
                if mask is not None:
                    keep = mask[rows]
                else:                           # rows are sorted within a term's postings
                    lo, hi = np.searchsorted(rows, starts), np.searchsorted(rows, ends)
                    keep = np.concatenate([np.arange(a, b) for a, b in zip(lo, hi)])
                rows, f = rows[keep], f[keep]
                if not len(rows):
                    continue
            scores[rows] += idf[j] * (f * (K1 + 1) / (f + norm[rows])) * (1 + 0.2 * (qtf - 1))
        top = np.argsort(-scores)[:k]
        return [(ids[i], float(scores[i])) for i in top if scores[i] > 0]
