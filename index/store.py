"""Chroma, the single source of truth: chunks with vectors, and a document registry.

Two collections:
- `baocao_chunks`: one record per chunk (vector, text, metadata).  Its collection
  metadata records the embedder that built it; another embedder is refused.
- `baocao_documents`: one record per ingested report (source name, sha256, chunk
  count, title, period...).  Writing a report's registry record is the commit
  point of its ingest: readers only trust chunks whose (source, doc_sha) match
  the registry, so a crash mid-ingest never shows half a report, and
  `baocao check --repair` can remove the leftovers.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
import threading
import unicodedata
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from .errors import BaocaoError, EmbedderMismatch
from .model import Chunk

CHUNKS = "baocao_chunks"
DOCUMENTS = "baocao_documents"
LEXICAL = "baocao_lexical"          # snapshot records of the lexical index (index/lexical.py), one per report
_NO_VECTOR = [0.0]


class StoreUnavailable(BaocaoError):
    """The Chroma server stopped answering in the middle of a command."""


def source_name(name: str) -> str:
    """A report's source name: NFC, whatever the file system gave (macOS hands out NFD names)."""
    return unicodedata.normalize("NFC", str(name))


def source_key(source: str) -> str:
    """8 hex digits naming a source inside its chunk ids."""
    return hashlib.sha256(source_name(source).encode("utf-8")).hexdigest()[:8]


def stored_chunk_id(source: str, chunk_id: str) -> str:
    """The id a chunk is stored under: unique per (content, source), not per content alone.

    `chunk_report` names chunks `<doc sha[:16]>-<section>-<ordinal>`; two names for the same bytes
    (a renamed copy) would share those ids and the second ingest would take the first's chunks.
    The stored id puts the source's key after the content's: `<doc sha[:16]>-<source key>-<section>-<ordinal>`."""
    head, sep, rest = chunk_id.partition("-")
    return f"{head}-{source_key(source)}{sep}{rest}"


def _lost_server(exc: BaseException) -> bool:
    """Is this the Chroma server going away (refused, reset, timed out) rather than a bad request?"""
    try:
        import httpx
        if isinstance(exc, httpx.TransportError):
            return True
    except ImportError:          # pragma: no cover - chromadb depends on httpx
        pass
    return isinstance(exc, ConnectionError)


def chroma_settings():
    """Client settings: no outbound traffic, chromadb's product telemetry off for every client we make."""
    from chromadb.config import Settings
    return Settings(anonymized_telemetry=False, allow_reset=False)


def make_client(db_dir: Path | str, chroma_url: str | None = None):
    """A local PersistentClient under `db_dir`, or an HttpClient for `chroma_url`."""
    import chromadb
    if chroma_url:
        u = urlparse(chroma_url if "://" in chroma_url else f"http://{chroma_url}")
        if not u.hostname:
            raise BaocaoError(f"Địa chỉ Chroma không hợp lệ: {chroma_url} (bad --chroma-url)")
        try:
            return chromadb.HttpClient(host=u.hostname, port=u.port or (443 if u.scheme == "https" else 8000),
                                       ssl=u.scheme == "https", settings=chroma_settings())
        except Exception as exc:
            raise BaocaoError(f"Không kết nối được máy chủ Chroma {chroma_url}: {exc} "
                              "(cannot reach the Chroma server)") from exc
    path = Path(db_dir) / "chroma"
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=chroma_settings())


@dataclass(frozen=True)
class DocRecord:
    source: str
    sha256: str
    chunks: int
    title: str
    period: str
    province: str
    fmt: str
    meta: dict


def chunk_metadata(chunk: Chunk, report_meta: dict) -> dict:
    """Flat Chroma metadata for a chunk (lists as JSON strings)."""
    md = {
        "source": chunk.source,
        "doc_sha": chunk.doc_sha,
        "title": chunk.title,
        "period": chunk.period,
        "section_path": json.dumps(chunk.section_path, ensure_ascii=False),
        "footnotes": json.dumps(chunk.footnotes, ensure_ascii=False),
        "footnote_citers": json.dumps(chunk.footnote_citers, ensure_ascii=False),
        "body": chunk.body,
        "page": chunk.page if chunk.page is not None else -1,
        "ordinal": chunk.ordinal,
        "kind": chunk.kind,
    }
    for key in ("province", "year", "month", "quarter", "plan_month", "plan_year", "period_kind", "order"):
        value = report_meta.get(key)
        if value is not None and value != "":
            md[key] = value
    if "figures" in report_meta:
        md["figures"] = report_meta["figures"]
    return md


def is_committed(md: dict | None, registry: dict) -> bool:
    """The visibility rule, in one place: a chunk is visible only when the registry record of its
    source vouches for its version (doc_sha) — an uncommitted or stale chunk is not."""
    md = md or {}
    rec = registry.get(md.get("source"))
    return rec is not None and rec.sha256 == md.get("doc_sha")


def chunk_record(chunk_id: str, text: str, md: dict) -> dict:
    """The JSON shape `baocao chunks` prints and citations reuse."""
    page = md.get("page", -1)
    return {
        "chunk_id": chunk_id,
        "source": md.get("source", ""),
        "title": md.get("title", ""),
        "period": md.get("period", ""),
        "section_path": json.loads(md.get("section_path", "[]")),
        "text": text,
        "footnotes": json.loads(md.get("footnotes", "[]")),
        "page": None if page is None or page < 0 else int(page),
    }


class Store:
    """Chroma collections of one deployment, with the embedder check.

    Local mode and other processes: a PersistentClient keeps its vector index in memory, so
    it does not see what another process (`baocao ingest` while `baocao serve` runs) writes,
    and a filtered query can then fail ("Error finding id").  So every local write bumps a
    generation counter beside the store (under a cross-process file lock, one writer at a
    time), and every operation first reopens the client if the counter moved.  A read that
    still fails is retried once on a reopened client.  A Chroma server has none of this.

    The same counter lets the registry and the chunk count stay in memory between questions
    until something is written (`_cached`); with a server, a change token that registry writes
    leave in the registry collection's metadata does that for the registry.
    """

    def __init__(self, db_dir: Path | str, chroma_url: str | None = None):
        self.db_dir = Path(db_dir)
        self.chroma_url = chroma_url
        self._lock = threading.RLock()
        self._local = not chroma_url
        if self._local:
            from filelock import FileLock
            self.db_dir.mkdir(parents=True, exist_ok=True)
            self._gen_file = self.db_dir / "chroma.generation"
            self._write_lock = FileLock(str(self.db_dir / "chroma.write.lock"))
        self._seen = self._generation()
        self._memo: dict[str, tuple[object, object]] = {}  # read -> (generation or server token, value)
        self._open()

    def _open(self) -> None:
        self.client = make_client(self.db_dir, self.chroma_url)
        try:
            self.chunks = self.client.get_or_create_collection(
                CHUNKS, embedding_function=None, configuration={"hnsw": {"space": "cosine"}})
            self.docs = self.client.get_or_create_collection(DOCUMENTS, embedding_function=None)
        except Exception as exc:
            raise BaocaoError(f"Không mở được kho Chroma ({self.chroma_url or self.db_dir}): {exc} "
                              "(cannot open the Chroma store)") from exc

    # ------------------------------------------------------------ other processes (local mode)
    def _generation(self) -> int:
        if not self._local:
            return 0
        try:
            return int(self._gen_file.read_text().strip() or 0)
        except (OSError, ValueError):
            return 0

    def _reopen(self) -> None:
        """A fresh client (the old one's in-memory index may predate another process's writes)."""
        self._seen = self._generation()
        with contextlib.suppress(Exception):
            self.client.close()
        self._open()

    def _fresh(self) -> None:
        if self._local and self._generation() != self._seen:
            self._reopen()

    def _server(self, fn):
        """Run a call on the Chroma server; its loss becomes one clear error, not an httpx traceback."""
        try:
            return fn()
        except Exception as exc:
            if _lost_server(exc):
                raise StoreUnavailable(f"Mất kết nối máy chủ Chroma {self.chroma_url} "
                                       f"(lost the Chroma server: {type(exc).__name__})") from exc
            raise

    def _read(self, fn):
        """Run a read on an up-to-date client; retry once on a reopened one if Chroma fails."""
        if not self._local:
            return self._server(fn)
        with self._lock:
            self._fresh()
            try:
                return fn()
            except Exception:
                self._reopen()
                return fn()

    def _cached(self, key: str, fn):
        """A read that only a write can change (the registry, the chunk count), served from memory
        while its version stays put.  At 1000 reports the registry costs ~50 ms to read, once per question."""
        return self._versioned(key, fn)[1]

    def _versioned(self, key: str, fn):
        """(version, value) of such a read; the version is None when nothing says the value is current."""
        version = self._data_version(key)
        if version is None:
            return None, self._read(fn)
        hit = self._memo.get(key)
        if hit is not None and hit[0] == version:
            return hit
        value = self._read(fn)                  # read after the version: a later write moves it again
        if not self._local or self._seen == version:     # not when the read reopened on a newer generation
            self._memo[key] = (version, value)
            return version, value
        return None, value

    def _data_version(self, key: str):
        """What moves whenever `key` may have changed, or None (read it every time).  Local mode: the
        generation (any process's write; one small file read).  A Chroma server: for the registry, the
        change token every registry write leaves in the registry collection's metadata after the data."""
        if self._local:
            with self._lock:
                self._fresh()
                return self._seen
        return self._server_token() if key == "registry" else None

    def _server_token(self) -> str | None:
        try:
            return (self.client.get_collection(DOCUMENTS, embedding_function=None).metadata or {}).get("change")
        except Exception:                       # noqa: BLE001 - no token: read the registry itself
            return None

    def _registry_changed(self) -> None:
        """A Chroma server has no generation file: leave a new change token for the readers' caches."""
        if not self._local:
            self._server(lambda: self.docs.modify(metadata={"change": uuid.uuid4().hex}))

    def _write(self, fn):
        """Run a write as the only local writer, then bump the generation others watch."""
        if not self._local:
            return self._server(fn)
        with self._lock, self._write_lock:
            self._fresh()
            try:
                return fn()
            finally:
                gen = self._generation() + 1
                tmp = self._gen_file.with_name(f".{self._gen_file.name}.{os.getpid()}")
                tmp.write_text(str(gen))
                os.replace(tmp, self._gen_file)
                self._seen = gen

    # ------------------------------------------------------------ embedder
    def recorded_embedder(self) -> str | None:
        md = self._read(lambda: self.chunks.metadata) or {}
        return md.get("embedder")

    def check_embedder(self, spec: str, dim: int | None = None, *, claim: bool = False) -> None:
        """Refuse a store built by another embedder; record ours on first write."""
        recorded = self.recorded_embedder()
        if recorded and recorded != spec:
            raise EmbedderMismatch(
                f"Kho dữ liệu được xây bằng bộ nhúng '{recorded}', không dùng được với '{spec}'. "
                f"Dùng --embedder {recorded}, hoặc nạp lại vào một --db mới "
                f"(store built with embedder '{recorded}', not '{spec}')")
        if not recorded and claim:
            self._write(lambda: self.chunks.modify(metadata={"embedder": spec, "dim": int(dim or 0)}))

    # ------------------------------------------------------------ registry
    def documents(self) -> dict[str, DocRecord]:
        """The registry, source -> record (a new dict each call; the records are shared, read-only)."""
        return dict(self._cached("registry", self._read_registry))

    def versioned_documents(self) -> tuple[object, dict[str, DocRecord]]:
        """(version, registry): the same registry, with what identifies it — equal versions, equal
        registries (None: unknown, e.g. a server without a change token).  Lets a reader skip work it
        did for this very registry (System.sync)."""
        version, value = self._versioned("registry", self._read_registry)
        return version, dict(value)

    def _read_registry(self) -> dict[str, DocRecord]:
        got = self.docs.get(include=["metadatas"])
        out = {}
        for did, md in zip(got["ids"], got["metadatas"]):
            md = md or {}
            out[did] = DocRecord(source=did, sha256=md.get("sha256", ""), chunks=int(md.get("chunks", 0)),
                                 title=md.get("title", ""), period=md.get("period", ""),
                                 province=md.get("province", ""), fmt=md.get("fmt", ""),
                                 meta=json.loads(md.get("meta", "{}")))
        return out

    def commit_document(self, source: str, sha256: str, n_chunks: int, meta: dict) -> None:
        md = {"sha256": sha256, "chunks": n_chunks, "title": meta.get("title", ""),
              "period": meta.get("period", ""), "province": meta.get("province", ""),
              "fmt": meta.get("fmt", ""), "meta": json.dumps(meta, ensure_ascii=False)}
        self._write(lambda: self.docs.upsert(ids=[source], embeddings=[_NO_VECTOR], metadatas=[md],
                                             documents=[meta.get("title", "")]))
        self._registry_changed()

    def drop_document(self, source: str) -> None:
        self._write(lambda: self.docs.delete(ids=[source]))
        self._registry_changed()

    # ------------------------------------------------------------ chunks
    def add_chunks(self, ids: list[str], vectors: list[list[float]], texts: list[str], metadatas: list[dict],
                   batch: int = 256) -> None:
        for i in range(0, len(ids), batch):
            self._write(lambda i=i: self.chunks.upsert(ids=ids[i:i + batch], embeddings=vectors[i:i + batch],
                                                       documents=texts[i:i + batch],
                                                       metadatas=metadatas[i:i + batch]))

    def chunk_ids(self, where: dict | None = None) -> list[str]:
        return self._read(lambda: self.chunks.get(where=where, include=[]))["ids"]

    def delete_chunks(self, ids: list[str], batch: int = 1000) -> None:
        for i in range(0, len(ids), batch):
            self._write(lambda i=i: self.chunks.delete(ids=ids[i:i + batch]))

    def delete_stale_chunks(self, source: str, keep_sha: str | None, keep_ids=None) -> int:
        """Delete a source's chunks that belong to another version than `keep_sha` (all of them if None),
        or, given `keep_ids`, every chunk of the source not among them (ids of an older scheme too)."""
        if keep_ids is not None:
            keep = set(keep_ids)
            ids = [cid for cid in self.chunk_ids({"source": source}) if cid not in keep]
        else:
            where = {"source": source} if keep_sha is None else {"$and": [{"source": source},
                                                                         {"doc_sha": {"$ne": keep_sha}}]}
            ids = self.chunk_ids(where)
        self.delete_chunks(ids)
        return len(ids)

    def chunk_versions(self, source: str) -> list[tuple[str, str]]:
        """(chunk id, doc_sha) of every chunk Chroma holds for `source`, committed or not."""
        got = self._read(lambda: self.chunks.get(where={"source": source}, include=["metadatas"]))
        return [(cid, (md or {}).get("doc_sha", "")) for cid, md in zip(got["ids"], got["metadatas"])]

    def get_chunks(self, where: dict | None = None, ids: list[str] | None = None,
                   with_vectors: bool = False) -> list[tuple[str, str, dict]]:
        include = ["documents", "metadatas"] + (["embeddings"] if with_vectors else [])
        got = self._read(lambda: self.chunks.get(where=where, ids=ids, include=include))
        return list(zip(got["ids"], got["documents"], got["metadatas"]))

    def document_chunks(self, source: str, sha: str) -> list[tuple[str, str, dict]]:
        rows = self.get_chunks(where={"$and": [{"source": source}, {"doc_sha": sha}]})
        return sorted(rows, key=lambda r: int(r[2].get("order", 0)))

    def committed_chunks(self, wanted: dict[str, DocRecord], page: int = 500):
        """Yield (source, rows in reading order) for each wanted report: its committed version only.

        Many reports wanted (a cold lexical index, every report's chunks or figures): the collection
        is read a page at a time instead of once per report (a cold lexical index at 1000 reports
        made 1000 filtered reads, ~8 s); a report's rows are yielded as soon as all its chunks are
        in, so only unfinished reports are held.  A report the pages did not
        gather whole (a write between two pages moves them) is read on its own at the end.
        500 per page (cold sync at 1000 reports, peak RSS of the process): 200 → 21.9 s / 374 MB,
        500 → 18.9 s / 401 MB, 2000 → 20.3 s / 539 MB, all at once → 23.2 s / 1345 MB."""
        pending: dict[str, dict[str, tuple[str, str, dict]]] = {}
        done: set[str] = set()
        offset = 0
        paged = len(wanted) > max(8, len(self.documents()) // 4)     # a few (a new report): one by one
        while paged and len(done) < len(wanted):
            got = self._read(lambda: self.chunks.get(include=["documents", "metadatas"], limit=page, offset=offset))
            for cid, text, md in zip(got["ids"], got["documents"], got["metadatas"]):
                src = (md or {}).get("source")
                rec = wanted.get(src)
                if rec is None or src in done or not is_committed(md, wanted):
                    continue
                rows = pending.setdefault(src, {})
                rows[cid] = (cid, text, md)             # by id: a shifted page may repeat a chunk
                if len(rows) == rec.chunks:
                    done.add(src)
                    yield src, sorted(pending.pop(src).values(), key=lambda r: int(r[2].get("order", 0)))
            if len(got["ids"]) < page:
                break
            offset += page
        for src, rec in wanted.items():
            if src not in done:
                yield src, self.document_chunks(src, rec.sha256)

    # ------------------------------------------------------------ lexical snapshot records
    def _lexical_collection(self, create: bool):
        """The snapshot collection (made by the first record written; None while there is none)."""
        from chromadb.errors import NotFoundError
        if create:
            return self.client.get_or_create_collection(LEXICAL, embedding_function=None)
        try:
            return self.client.get_collection(LEXICAL, embedding_function=None)
        except NotFoundError:
            return None

    def lexical_records(self, sources: list[str], page: int = 200) -> dict[str, dict]:
        """The snapshot records of these reports' lexical index, source -> {"sha", "chunks", "version",
        "terms"}: derived data any process may have published; the reader checks them (index/lexical.py)."""
        out: dict[str, dict] = {}
        for i in range(0, len(sources), page):
            def read(part=sources[i:i + page]):
                col = self._lexical_collection(create=False)
                return None if col is None else col.get(ids=part, include=["metadatas"])
            got = self._read(read)
            if got is None:
                return out
            out.update((sid, md or {}) for sid, md in zip(got["ids"], got["metadatas"]))
        return out

    def put_lexical_records(self, records: list[tuple[str, str, int, int, str]], batch: int = 100) -> None:
        """Write snapshot records (source, sha, chunk count, index version, packed terms), replacing any."""
        for i in range(0, len(records), batch):
            part = records[i:i + batch]
            self._write(lambda part=part: self._lexical_collection(create=True).upsert(
                ids=[r[0] for r in part], embeddings=[_NO_VECTOR] * len(part),
                metadatas=[{"sha": r[1], "chunks": r[2], "version": r[3], "terms": r[4]} for r in part]))

    def drop_lexical_records(self, versions: dict[str, set[str]]) -> None:
        """Delete the snapshot records of these (source -> removed versions), and only of those: another
        process may have published a newer version's record since."""
        for source, shas in versions.items():
            def drop(source=source, shas=sorted(shas)):
                col = self._lexical_collection(create=False)
                if col is not None:
                    col.delete(ids=[source], where={"sha": {"$in": shas}})
            self._write(drop)

    def query(self, vector: list[float], n: int, where: dict | None = None) -> list[tuple[str, str, dict, float]]:
        """The n nearest chunks (id, text, metadata, cosine distance), nearest first."""
        got = self._query(vector, n, where, ["documents", "metadatas", "distances"])
        return list(zip(got["ids"][0], got["documents"][0], got["metadatas"][0], got["distances"][0])) if got else []

    def query_ids(self, vector: list[float], n: int, where: dict | None = None,
                  ids: list[str] | None = None) -> list[tuple[str, float]]:
        """The same search, ids and distances only: a chunk's text and metadata (its body, its figures)
        are the costly part of a hit to read (~8 ms for 40 hits at 1000 reports), and a question keeps
        five of them; read those with `get_chunks`.  `ids` restricts the search to those chunks: the
        same filtered search as a `where` on their reports, without evaluating the `where` over the
        metadata (16 → 9 ms at 1000 reports for a few reports, 83 → 12 ms for 800)."""
        got = self._query(vector, n, where, ["distances"], ids)
        return list(zip(got["ids"][0], got["distances"][0])) if got else []

    def exhaustive_below(self) -> int:
        """Under this many chunks passing a filter, Chroma's filtered HNSW search is exhaustive.

        hnswlib keeps searching until it holds ef (`ef_search`) chunks that pass the filter: with fewer
        passing, it walks every node it can reach (so it finds all of them, ranked by distance) and it
        costs the whole graph, ~15 ms at 1000 reports and more with every report added."""
        def ef():
            hnsw = (self.chunks.configuration_json or {}).get("hnsw") or {}
            return int(hnsw.get("ef_search") or 100)
        return self._cached("ef_search", lambda: ef())

    def nearest_among(self, vector: list[float], ids: list[str], n: int) -> list[tuple[str, float]]:
        """The n chunks among `ids` nearest to `vector` (id, cosine distance), nearest first, computed
        exactly from their stored vectors (ties: in the order of `ids`).  For fewer chunks than
        `exhaustive_below()` this ranks as Chroma's filtered search does (distances equal to ~1e-6: the
        sum runs in another order), reading a few dozen vectors instead of walking the graph."""
        import numpy as np
        if not ids:
            return []
        got = self._read(lambda: self.chunks.get(ids=ids, include=["embeddings"]))
        row = {cid: i for i, cid in enumerate(got["ids"])}
        present = [cid for cid in ids if cid in row]
        if not present:
            return []
        vecs = np.asarray(got["embeddings"], dtype=np.float32)[[row[cid] for cid in present]]
        vecs /= np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), np.float32(1e-30))
        q = np.asarray(vector, dtype=np.float32)
        q /= max(float(np.linalg.norm(q)), 1e-30)
        dist = np.float32(1.0) - vecs @ q
        order = np.argsort(dist, kind="stable")[:n]
        return [(present[i], float(dist[i])) for i in order]

    def _query(self, vector, n, where, include, ids=None):
        total = self._cached("chunk_count", lambda: self.chunks.count())
        if total == 0 or (ids is not None and not ids):
            return None
        return self._read(lambda: self.chunks.query(query_embeddings=[vector], n_results=min(n, total), where=where,
                                                    ids=ids, include=include))
