"""One object wiring a deployment together: store, lexical index and embedder, from one `Settings`.

The CLI, the Gradio app, the evaluation and the benchmark all go through it (and through
qa/pipeline.py to answer), so they answer alike.
"""
from __future__ import annotations

import threading
from pathlib import Path

from index.embeddings import get_embedder
from index.ingest import Ingestor
from index.lexical import LexicalIndex
from index.sentence_vectors import FILE_NAME as SENTENCE_FILE, SentenceVectors
from index.store import Store, chunk_record

from .settings import Settings


class System:
    """`System(settings)`, or `System(db=..., embedder=...)` for a `Settings` with those fields."""

    def __init__(self, settings: Settings | None = None, **fields):
        self.settings = (settings or Settings()).but(**fields)
        self.db = self.settings.db
        self.chroma_url = self.settings.chroma_url
        self.embedder_spec = self.settings.embedder
        self.store = Store(self.db, self.chroma_url)
        self.store.check_embedder(self.embedder_spec)
        self.lexical = LexicalIndex(self._side_dir("lexical"), store=self.store)
        self.sentences = SentenceVectors(self._side_dir("sentences") / SENTENCE_FILE, self.embedder_spec,
                                         lambda: self.embedder)
        self._embedder = None
        self._sync_lock = threading.Lock()
        self._query_vectors: dict[str, list[float]] = {}
        self._synced = None                 # (registry version, lexical changes) of the last sync

    def _side_dir(self, name: str) -> Path:
        """Where a store's derived index lives: in the store folder, or per server beside it."""
        if self.chroma_url:
            # one cache per server, beside (not inside) any local store
            safe = "".join(c if c.isalnum() else "_" for c in self.chroma_url)
            return self.db / name / safe
        return self.db / name

    def query_vector(self, text: str) -> list[float]:
        """The question's embedding, computed once for retrieval and sentence ranking alike."""
        vec = self._query_vectors.get(text)
        if vec is None:
            vec = self.embedder.embed_query(text)
            if len(self._query_vectors) >= 256:
                self._query_vectors.pop(next(iter(self._query_vectors)))
            self._query_vectors[text] = vec
        return vec

    @property
    def embedder(self):
        if self._embedder is None:
            self._embedder = get_embedder(self.embedder_spec)
        return self._embedder

    def ingestor(self) -> Ingestor:
        return Ingestor(self.store, self.lexical, self.embedder, self.embedder_spec, self.settings.limits,
                        sentences=self.sentences)

    def ingest(self, paths, progress=None, user: dict | None = None, replace: bool = False) -> dict:
        """Ingest files and folders; `user` corrects the metadata of every file of this call;
        `replace` lets a different file replace a report of the same name from another path;
        `progress`: a callback ``(stage, done, total, source)`` (index.progress) or a bar on/off."""
        return self.ingestor().ingest_paths(paths, progress=progress, user=user, replace=replace)

    def remove(self, sources):
        return Ingestor(self.store, self.lexical, None, self.embedder_spec, self.settings.limits).remove(sources)

    def sync(self, registry: dict | None = None, version=None) -> None:
        """Bring the lexical index in step with Chroma (cheap when nothing changed).

        `version` (`Store.versioned_documents`) identifies `registry`: when the index was brought in
        step with that very registry and has not changed since, there is nothing to compare (at
        10,000 reports the comparison alone costs ~5 ms a question)."""
        with self._sync_lock:
            mark = (version, self.lexical.changes)
            if version is not None and registry is not None and mark == self._synced:
                return
            self.lexical.sync(self.store, registry)
            self._synced = (version, self.lexical.changes) if registry is not None else None

    def documents(self):
        return self.store.documents()

    def chunks(self, source: str | None = None) -> list[dict]:
        """Committed chunks by report name, then in reading order (`baocao chunks`)."""
        wanted = {s: rec for s, rec in self.store.documents().items() if not source or s == source}
        rows = dict(self.store.committed_chunks(wanted))
        return [chunk_record(cid, text, md) for src in sorted(rows) for cid, text, md in rows[src]]
