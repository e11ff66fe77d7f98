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
        self.lexical = LexicalIndex(self._lexical_dir())
        self._embedder = None
        self._sync_lock = threading.Lock()

    def _lexical_dir(self) -> Path:
        if self.chroma_url:
            # one cache per server, beside (not inside) any local store
            safe = "".join(c if c.isalnum() else "_" for c in self.chroma_url)
            return self.db / "lexical" / safe
        return self.db / "lexical"

    @property
    def embedder(self):
        if self._embedder is None:
            self._embedder = get_embedder(self.embedder_spec)
        return self._embedder

    def ingestor(self) -> Ingestor:
        return Ingestor(self.store, self.lexical, self.embedder, self.embedder_spec, self.settings.limits)

    def ingest(self, paths, progress=None, user: dict | None = None, replace: bool = False) -> dict:
        """Ingest files and folders; `user` corrects the metadata of every file of this call;
        `replace` lets a different file replace a report of the same name from another path."""
        return self.ingestor().ingest_paths(paths, progress=progress, user=user, replace=replace)

    def remove(self, sources):
        return Ingestor(self.store, self.lexical, None, self.embedder_spec, self.settings.limits).remove(sources)

    def sync(self, registry: dict | None = None) -> None:
        """Bring the lexical index in step with Chroma (cheap when nothing changed)."""
        with self._sync_lock:
            self.lexical.sync(self.store, registry)

    def documents(self):
        return self.store.documents()

    def chunks(self, source: str | None = None) -> list[dict]:
        """Committed chunks by report name, then in reading order (`baocao chunks`)."""
        wanted = {s: rec for s, rec in self.store.documents().items() if not source or s == source}
        rows = dict(self.store.committed_chunks(wanted))
        return [chunk_record(cid, text, md) for src in sorted(rows) for cid, text, md in rows[src]]
