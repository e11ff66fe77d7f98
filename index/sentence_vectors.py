"""Sentence vectors beside Chroma: each chunk's sentences embedded once, for the answerer.

People ask in their own words ("công ty mới mở" for "doanh nghiệp đăng ký thành lập mới"), so the
answerer ranks a chunk's sentences by meaning as well as by shared words.  Embedding them when a
question comes would cost a fifth of a second per question on two cores; here they are embedded at
ingest, with the chunks, and read back by key when a question retrieves their chunk.

The store is content-addressed: a vector's key is a hash of the embedder and of the exact text
embedded (`embedding_text`).  So nothing can go stale: a replaced or removed report leaves vectors
that no chunk asks for (wasted space only), two reports sharing a sentence share its vector, and a
store opened without this file (a new replica of a Chroma server, a store from an older version)
fills it at answer time for the sentences it meets.  SQLite in WAL mode, so that the CLI and the
app can read and write it at once.
"""
from __future__ import annotations

import hashlib
import sqlite3
import threading
from pathlib import Path

import numpy as np

from .progress import EMBED_BATCH, SENTENCES, Progress
from .vntext import split_sentences

FILE_NAME = "sentence_vectors.sqlite3"


def is_table_row(line: str) -> bool:
    """A row of a table as a chunk keeps it: cells joined by " | ", two or more."""
    return line.count(" | ") >= 1 and line.count("|") >= 2


def sentence_units(body: str, footnotes: list[str] | None) -> list[tuple[str, bool]]:
    """The sentences of a chunk, in order: (sentence, from a footnote?).  The answerer quotes these; a
    table row is one, whole ("Doanh thu | Tr. đồng | 5.120" is not cut at "Tr.")."""
    out = [(s, False) for line in (body or "").split("\n")
           for s in ([line.strip()] if is_table_row(line) else split_sentences(line)) if s.strip()]
    for fn in footnotes or []:
        out += [(s, True) for s in split_sentences(fn) if s.strip()]
    return out


def embedding_text(heading: str, sentence: str) -> str:
    """What is embedded for a sentence: its section's last heading gives it its subject
    ("Chăn nuôi: Tổng đàn trâu khoảng 67.800 con")."""
    return f"{heading}: {sentence}" if heading else sentence


class SentenceVectors:
    """Unit vectors of embedded sentence texts, by content key, in one SQLite file."""

    def __init__(self, path: Path | str, embedder_spec: str, embedder=None):
        self.path = Path(path)
        self.spec = embedder_spec
        self._embedder = embedder          # an Embeddings, or a callable returning one (opened lazily)
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None

    def _db(self) -> sqlite3.Connection:
        if self._conn is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, timeout=30, check_same_thread=False)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vec BLOB NOT NULL)")
            self._conn = conn
        return self._conn

    def _key(self, text: str) -> str:
        return hashlib.blake2b(f"{self.spec}\x00{text}".encode("utf-8"), digest_size=16).hexdigest()

    def _embedder_now(self):
        if callable(self._embedder) and not hasattr(self._embedder, "embed_documents"):
            self._embedder = self._embedder()
        return self._embedder

    def _read(self, keys: list[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        db = self._db()
        for i in range(0, len(keys), 500):
            part = keys[i:i + 500]
            rows = db.execute(f"SELECT key, vec FROM vectors WHERE key IN ({','.join('?' * len(part))})",
                              part).fetchall()
            found.update((k, np.frombuffer(v, dtype=np.float16).astype(np.float32)) for k, v in rows)
        return found

    def add(self, texts: list[str], progress: Progress | None = None, source: str = "") -> int:
        """Embed the texts not stored yet; return how many were embedded.

        They are embedded in batches of `EMBED_BATCH`, ``progress("sentences", done, total, source)``
        as they start and after each (total: the texts not stored yet; no call when there are none)."""
        with self._lock:
            keys = [self._key(t) for t in texts]
            have = self._read(sorted(set(keys)))
            todo = list(dict.fromkeys(t for t, k in zip(texts, keys) if k not in have))
            if not todo:
                return 0
            embedder = self._embedder_now()
            parts = []
            if progress is not None:
                progress(SENTENCES, 0, len(todo), source)
            for i in range(0, len(todo), EMBED_BATCH):
                parts.extend(embedder.embed_documents(todo[i:i + EMBED_BATCH]))
                if progress is not None:
                    progress(SENTENCES, min(i + EMBED_BATCH, len(todo)), len(todo), source)
            vecs = np.asarray(parts, dtype=np.float32)
            norms = np.linalg.norm(vecs, axis=1, keepdims=True)
            vecs = vecs / np.where(norms == 0, 1.0, norms)
            db = self._db()
            with db:
                db.executemany("INSERT OR REPLACE INTO vectors (key, vec) VALUES (?, ?)",
                               [(self._key(t), v.astype(np.float16).tobytes()) for t, v in zip(todo, vecs)])
            return len(todo)

    def vectors(self, texts: list[str]) -> np.ndarray:
        """Unit vectors of the texts, in order (embedding, once, any not stored yet)."""
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        keys = [self._key(t) for t in texts]
        with self._lock:
            have = self._read(sorted(set(keys)))
        if len(have) < len(set(keys)):
            self.add(texts)
            with self._lock:
                have = self._read(sorted(set(keys)))
        return np.vstack([have[k] for k in keys])

    def count(self) -> int:
        with self._lock:
            return int(self._db().execute("SELECT COUNT(*) FROM vectors").fetchone()[0])

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None
