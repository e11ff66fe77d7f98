"""The ingest pipeline: file -> blocks -> report -> chunks -> vectors -> Chroma (+ BM25).

Per file, everything that can fail (reading, parsing, embedding) happens
before the store is touched.  Writes go in an order that a crash at any point
leaves recoverable: new chunks (stable ids) are upserted, then the registry
record is written (the commit point), then the old version's chunks are
deleted, then the lexical index follows.  Readers trust only chunks whose
(source, doc_sha) the registry names, and a re-run finishes the job.
"""
from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from .chunking import chunk_report
from .errors import BaocaoError, LoaderError
from .lexical import LexicalIndex
from .loaders import Limits, iter_report_files, load_file
from .metadata import apply_user_record
from .store import Store, chunk_metadata
from .structure import parse_report


@dataclass
class IngestOutcome:
    source: str
    sha256: str
    chunks: int
    status: str          # "added" | "replaced" | "unchanged"


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def report_level_meta(report, fmt: str) -> dict:
    m = report.meta
    return {"title": m.title, "period": m.period, "period_kind": m.period_kind, "year": m.year,
            "month": m.month, "quarter": m.quarter, "plan_period": m.plan_period,
            "plan_month": m.plan_month, "plan_year": m.plan_year, "province": m.province,
            "issuer": m.issuer, "number": m.number, "date": m.date, "fmt": fmt,
            "has_pages": report.has_pages,
            # index.metadata (issue 12): level, half-year, cumulative months, plan kind, and where each was read
            "level": m.level, "half": m.half, "cumulative_months": m.cumulative_months,
            "plan_kind": m.plan_kind, "plan_quarter": m.plan_quarter, "plan_half": m.plan_half,
            "signer": m.signer, "signer_title": m.signer_title, "detected": dict(m.detected)}


def _figures_json(body: str, footnotes: list[str]) -> str:
    """Figures of a chunk (body and the footnotes it carries) as JSON for the figure table."""
    try:
        from .figures import extract_figures_from_text
    except ImportError:
        return "[]"
    out = []
    for text, in_footnote in [(body, False)] + [(fn, True) for fn in footnotes]:
        try:
            figs = extract_figures_from_text(text)
        except Exception:   # a figure we cannot read must not fail the ingest
            continue
        for f in figs:
            d = asdict(f) if hasattr(f, "__dataclass_fields__") else dict(f)
            d = {k: v for k, v in d.items() if isinstance(v, (str, int, float)) or v is None}
            d["in_footnote"] = in_footnote
            out.append(d)
    return json.dumps(out, ensure_ascii=False)


def _test_hook(event: str, source: str) -> None:
    """TEST-ONLY hook for tests/test_crash_safety.py; inert unless its variables are set.

    BAOCAO_TEST_INGEST_LOG=FILE appends "<event> <source>" lines ("chunks" once a report's chunks
    are upserted, "committed" once its registry record is written).  BAOCAO_TEST_INGEST_DELAY=SECONDS
    sleeps after "chunks", before the commit point, so a test can SIGKILL the ingest inside that window.
    """
    log = os.environ.get("BAOCAO_TEST_INGEST_LOG")
    if log:
        with open(log, "a", encoding="utf-8") as fh:
            fh.write(f"{event} {source}\n")
            fh.flush()
            os.fsync(fh.fileno())
    delay = os.environ.get("BAOCAO_TEST_INGEST_DELAY")
    if delay and event == "chunks":
        time.sleep(float(delay))


class Ingestor:
    """Ingests files into one store with one embedder."""

    def __init__(self, store: Store, lexical: LexicalIndex, embedder, embedder_spec: str,
                 limits: Limits | None = None):
        self.limits = limits or Limits()
        self.store = store
        self.lexical = lexical
        self.embedder = embedder
        self.embedder_spec = embedder_spec
        self.store.check_embedder(embedder_spec)

    def prepare(self, path: Path, source: str | None = None):
        """Read, parse and chunk a file (no store change)."""
        doc = load_file(path, source, limits=self.limits)
        report = parse_report(doc)
        sha = file_sha256(path)
        chunks = chunk_report(report, sha)
        if not chunks:
            raise LoaderError(f"{path.name}: không tìm thấy nội dung để lập chỉ mục (nothing to index)")
        return doc, report, sha, chunks

    def ingest_file(self, path: Path, source: str | None = None, registry: dict | None = None,
                    user: dict | None = None) -> IngestOutcome:
        """Ingest one file; `user` holds metadata corrections (province, period, issuer) for it."""
        path = Path(path)
        source = source or path.name
        registry = self.store.documents() if registry is None else registry
        sha = file_sha256(path) if path.is_file() else ""
        old = registry.get(source)
        if old is not None and old.sha256 == sha and sha:
            live = len(self.store.chunk_ids({"$and": [{"source": source}, {"doc_sha": sha}]}))
            if live == old.chunks:
                if user and any(user.values()):          # same file, new corrections: only the record changes
                    self.store.commit_document(source, sha, old.chunks, apply_user_record(old.meta, user))
                return IngestOutcome(source, sha, old.chunks, "unchanged")
        doc, report, sha, chunks = self.prepare(path, source)
        meta = report_level_meta(report, doc.fmt)
        meta["path"] = str(path.resolve())
        meta.update(ocr=doc.ocr, pages=max((p.page or 0 for p in report.paragraphs), default=0) or None,
                    notes=list(doc.notes), low_confidence_pages=list(doc.low_confidence_pages))
        corrections = {**((old.meta.get("user") or {}) if old is not None else {}),
                       **{k: v for k, v in (user or {}).items() if v}}
        if any(corrections.values()):                  # the user's corrections survive a re-ingest
            meta = apply_user_record(meta, corrections)
        texts = [c.text for c in chunks]
        vectors = self.embedder.embed_documents(texts)
        dim = len(vectors[0]) if vectors else 0
        self.store.check_embedder(self.embedder_spec, dim, claim=True)
        metadatas = []
        for order, c in enumerate(chunks):
            md = chunk_metadata(c, {**meta, "order": order, "figures": _figures_json(c.body, c.footnotes)})
            metadatas.append(md)
        ids = [c.chunk_id for c in chunks]
        self.store.add_chunks(ids, vectors, texts, metadatas)
        _test_hook("chunks", source)                    # TEST-ONLY (see _test_hook)
        self.store.commit_document(source, sha, len(chunks), meta)
        _test_hook("committed", source)                 # TEST-ONLY
        self.store.delete_stale_chunks(source, keep_sha=sha)
        self.lexical.add_document(source, sha, list(zip(ids, texts)))
        return IngestOutcome(source, sha, len(chunks), "replaced" if old is not None else "added")

    def ingest_paths(self, paths: list[Path], progress: bool | None = None, user: dict | None = None) -> dict:
        """Ingest files and folders; per-file errors are collected, the rest still lands."""
        files, errors = iter_report_files([Path(p) for p in paths])
        self.lexical.sync(self.store)
        registry = self.store.documents()
        documents: list[dict] = []
        seen: dict[str, Path] = {}
        show = progress if progress is not None else (sys.stderr.isatty() and len(files) > 1)
        iterator = files
        if show:
            from tqdm import tqdm
            iterator = tqdm(files, desc="Nạp báo cáo", unit="tệp", file=sys.stderr)
        for f in iterator:
            if f.name in seen and seen[f.name].resolve() != f.resolve():
                errors.append(f"{f}: trùng tên nguồn với {seen[f.name]} (two files named {f.name})")
                continue
            seen[f.name] = f
            try:
                out = self.ingest_file(f, registry=registry, user=user)
                documents.append(asdict(out))
            except BaocaoError as exc:
                errors.append(str(exc))
        self.lexical.save()
        return {"documents": documents, "errors": errors}

    def remove(self, sources: list[str]) -> tuple[list[str], list[str]]:
        """Remove reports from Chroma and from lexical search; return (removed, unknown)."""
        registry = self.store.documents()
        removed, unknown = [], []
        for s in sources:
            known = s in registry or bool(self.store.chunk_ids({"source": s}))
            if not known:
                unknown.append(s)
                continue
            self.store.drop_document(s)            # readers stop trusting it first
            self.store.delete_stale_chunks(s, keep_sha=None)
            self.lexical.remove_document(s)
            removed.append(s)
        self.lexical.save()
        return removed, unknown
