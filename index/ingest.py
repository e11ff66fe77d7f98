"""The ingest pipeline: file -> blocks -> report -> chunks -> vectors -> Chroma (+ BM25).

Per file, everything that can fail (reading, parsing, embedding) happens
before the store is touched.  Writes go in an order that a crash at any point
leaves recoverable: new chunks (stable ids) are upserted, then the registry
record is written (the commit point), then the old version's chunks are
deleted, then the lexical index follows.  Readers trust only chunks whose
(source, doc_sha) the registry names, and a re-run finishes the job (an
"unchanged" report whose old chunks are still there has them deleted).

Nothing is lost silently: source names are NFC; chunk ids name their source,
so the same bytes under two names are two reports (and the user is told);
a different file with a name already ingested from another path is refused
unless `replace=True`; the same file given twice in one call is ingested once.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from .chunking import chunk_report
from .errors import BaocaoError, LoaderError
from .lexical import LexicalIndex
from .loaders import Limits, iter_report_files, load_file
from .metadata import apply_user_record
from .progress import CHUNKS, EMBED_BATCH, FILES, Progress
from .sentence_vectors import SentenceVectors, embedding_text, sentence_units
from .store import Store, StoreUnavailable, chunk_metadata, source_name, stored_chunk_id
from .structure import parse_report


@dataclass
class IngestOutcome:
    source: str
    sha256: str
    chunks: int
    status: str          # "added" | "replaced" | "unchanged"
    note: str = ""       # said to the user beside the outcome (not part of the JSON document entry)

    def as_json(self) -> dict:
        return {"source": self.source, "sha256": self.sha256, "chunks": self.chunks, "status": self.status}


class NameTaken(BaocaoError):
    """Another file with this source name is already ingested from another path."""


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
            "issuer": m.issuer, "superior": m.superior, "number": m.number, "date": m.date, "fmt": fmt,
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
            d = dataclasses.asdict(f) if hasattr(f, "__dataclass_fields__") else dict(f)
            d = {k: v for k, v in d.items() if isinstance(v, (str, int, float)) or v is None}
            d["in_footnote"] = in_footnote
            out.append(d)
    return json.dumps(out, ensure_ascii=False)


def _test_hook(event: str, source: str) -> None:
    """TEST-ONLY hook for tests/test_crash_safety.py; inert unless its variables are set.

    BAOCAO_TEST_INGEST_LOG=FILE appends "<event> <source>" lines ("chunks" once a report's chunks
    are upserted, "committed" once its registry record is written).  BAOCAO_TEST_INGEST_DELAY=SECONDS
    sleeps after "chunks", before the commit point (or after the event BAOCAO_TEST_INGEST_DELAY_AT
    names, e.g. "committed": between the commit point and the deletion of the old version's chunks),
    so a test can SIGKILL the ingest inside that window.
    """
    log = os.environ.get("BAOCAO_TEST_INGEST_LOG")
    if log:
        with open(log, "a", encoding="utf-8") as fh:
            fh.write(f"{event} {source}\n")
            fh.flush()
            os.fsync(fh.fileno())
    delay = os.environ.get("BAOCAO_TEST_INGEST_DELAY")
    if delay and event == (os.environ.get("BAOCAO_TEST_INGEST_DELAY_AT") or "chunks"):
        time.sleep(float(delay))


class Ingestor:
    """Ingests files into one store with one embedder."""

    def __init__(self, store: Store, lexical: LexicalIndex, embedder, embedder_spec: str,
                 limits: Limits | None = None, sentences: SentenceVectors | None = None):
        self.limits = limits or Limits()
        self.sentences = sentences
        self.store = store
        self.lexical = lexical
        self.embedder = embedder
        self.embedder_spec = embedder_spec
        self.store.check_embedder(embedder_spec)

    def prepare(self, path: Path, source: str | None = None, progress: Progress | None = None):
        """Read, parse and chunk a file (no store change); `progress` hears of each PDF page read."""
        doc = load_file(path, source, limits=self.limits, progress=progress)
        report = parse_report(doc)
        sha = file_sha256(path)
        chunks = chunk_report(report, sha)
        if not chunks:
            raise LoaderError(f"{path.name}: không tìm thấy nội dung để lập chỉ mục (nothing to index)")
        return doc, report, sha, chunks

    def ingest_file(self, path: Path, source: str | None = None, registry: dict | None = None,
                    replace: bool = False, user: dict | None = None,
                    progress: Progress | None = None) -> IngestOutcome:
        """Ingest one file as `source` (its NFC file name by default).

        A changed file at the path the report came from replaces it; a different file with the
        same name from another path raises `NameTaken` unless `replace`.  `user` holds metadata
        corrections (province, period, issuer) for it.  `progress` (index.progress) hears of each
        PDF page read ("pages", "ocr") and each batch embedded ("chunks", "sentences")."""
        path = Path(path)
        source = source_name(source or path.name)
        registry = self.store.documents() if registry is None else registry
        where = str(path.resolve())
        sha = file_sha256(path) if path.is_file() else ""
        legacy = [k for k in registry if k != source and source_name(k) == source]   # stored NFD by older versions
        old = registry.get(source) or (registry[legacy[0]] if legacy else None)
        if old is not None and sha and old.sha256 != sha and not replace and old.meta.get("path") != where:
            raise NameTaken(
                f"{path}: đã có báo cáo '{source}' khác nội dung, nạp từ {old.meta.get('path') or '(không rõ)'}; "
                f"không thay thế. Đổi tên tệp để giữ cả hai, hoặc dùng --replace để thay "
                f"(a different report named '{source}' is already ingested from "
                f"{old.meta.get('path') or 'an unknown path'}; not replaced: rename the file to keep both, "
                f"or use --replace to replace it)")
        if old is not None and sha and old.sha256 == sha and not legacy:
            versions = self.store.chunk_versions(source)
            live = sum(1 for _, v in versions if v == sha)
            if live == old.chunks:
                stale = [cid for cid, v in versions if v != sha]
                if stale:           # a replace killed after its commit point: finish it
                    self.store.delete_chunks(stale)
                meta = dict(old.meta)
                if old.meta.get("path") != where:       # the same file, moved: remember where it is now
                    meta["path"] = where
                if user and any(user.values()):         # same file, new corrections
                    meta = apply_user_record(meta, user)
                if meta != old.meta:
                    self.store.commit_document(source, sha, old.chunks, meta)
                return IngestOutcome(source, sha, old.chunks, "unchanged")
        doc, report, sha, chunks = self.prepare(path, source, progress)
        meta = report_level_meta(report, doc.fmt)
        meta["path"] = where
        meta.update(ocr=doc.ocr, pages=max((p.page or 0 for p in report.paragraphs), default=0) or None,
                    notes=list(doc.notes), low_confidence_pages=list(doc.low_confidence_pages))
        corrections = {**((old.meta.get("user") or {}) if old is not None else {}),
                       **{k: v for k, v in (user or {}).items() if v}}
        if any(corrections.values()):                  # the user's corrections survive a re-ingest
            meta = apply_user_record(meta, corrections)
        texts = [c.text for c in chunks]
        vectors = []
        if progress is not None:
            progress(CHUNKS, 0, len(texts), source)
        for i in range(0, len(texts), EMBED_BATCH):         # in batches, so that progress can be shown
            vectors.extend(self.embedder.embed_documents(texts[i:i + EMBED_BATCH]))
            if progress is not None:
                progress(CHUNKS, min(i + EMBED_BATCH, len(texts)), len(texts), source)
        dim = len(vectors[0]) if vectors else 0
        self.store.check_embedder(self.embedder_spec, dim, claim=True)
        if self.sentences is not None:       # the answerer's sentence vectors (content-addressed: safe early)
            self.sentences.add([embedding_text((c.section_path or [""])[-1], u)
                                for c in chunks for u, _ in sentence_units(c.body, c.footnotes)],
                               progress=progress, source=source)
        metadatas = []
        for order, c in enumerate(chunks):
            md = chunk_metadata(c, {**meta, "order": order, "figures": _figures_json(c.body, c.footnotes)})
            md["source"] = source
            metadatas.append(md)
        ids = [stored_chunk_id(source, c.chunk_id) for c in chunks]
        self.store.add_chunks(ids, vectors, texts, metadatas)
        _test_hook("chunks", source)                    # TEST-ONLY (see _test_hook)
        self.store.commit_document(source, sha, len(chunks), meta)
        _test_hook("committed", source)                 # TEST-ONLY
        self.store.delete_stale_chunks(source, keep_sha=sha, keep_ids=ids)
        for k in legacy:                                # the same report under its old NFD name
            self.store.drop_document(k)
            self.store.delete_stale_chunks(k, keep_sha=None)
            self.lexical.remove_document(k)
        self.lexical.add_document(source, sha, list(zip(ids, texts)))
        twins = sorted(s for s, r in registry.items() if r.sha256 == sha and source_name(s) != source)
        note = (f"{source}: cùng nội dung với {', '.join(twins)}; giữ cả hai tên "
                f"(same content as {', '.join(twins)}; both names kept)") if twins else ""
        return IngestOutcome(source, sha, len(chunks), "replaced" if old is not None else "added", note)

    def ingest_paths(self, paths: list[Path], progress: bool | Progress | None = None, replace: bool = False,
                     user: dict | None = None) -> dict:
        """Ingest files and folders; per-file errors are collected, the rest still lands.

        Returns {"documents": [...], "errors": [...], "notes": [...]}; notes say what the user should
        know without anything having failed (a report with the same content as another).  `user`
        corrects the metadata of every file of the call.  `progress`: a callback (index.progress)
        told of each file ("files"), page and embedding batch; True / False: a progress bar on
        stderr or none; None: a bar when stderr is a terminal and there is more than one file."""
        files, errors = iter_report_files([Path(p) for p in paths])
        notes: list[str] = []
        self.lexical.sync(self.store)
        registry = self.store.documents()
        documents: list[dict] = []
        seen_paths: set[Path] = set()
        seen: dict[str, tuple[Path, str]] = {}          # source name -> (file, sha) in this call
        report = progress if callable(progress) else None
        if report is not None:
            show = False
        elif progress is None:
            show = sys.stderr.isatty() and len(files) > 1
        else:
            show = bool(progress)
        iterator = files
        if show:
            from tqdm import tqdm
            iterator = tqdm(files, desc="Nạp báo cáo", unit="tệp", file=sys.stderr)
        try:
            for k, f in enumerate(iterator):
                if report is not None:
                    report(FILES, k, len(files), source_name(f.name))
                real = f.resolve()
                if real in seen_paths:                  # the same file again, by another path: once is enough
                    continue
                seen_paths.add(real)
                name = source_name(f.name)
                if name in seen:
                    first, first_sha = seen[name]
                    try:
                        same = file_sha256(f) == first_sha
                    except OSError:
                        same = False
                    if not same:
                        errors.append(f"{f}: trùng tên nguồn '{name}' với {first}, khác nội dung; không nạp — "
                                      f"đổi tên một tệp (another file named '{name}' in this call: {first}; "
                                      f"not ingested: rename one of them)")
                    continue                            # a byte-identical copy (an NFD twin): the same report
                try:
                    out = self.ingest_file(f, source=name, registry=registry, replace=replace, user=user,
                                           progress=report)
                    seen[name] = (f, out.sha256)
                    documents.append(out.as_json())
                    if out.note:
                        notes.append(out.note)
                except StoreUnavailable:
                    raise
                except BaocaoError as exc:
                    errors.append(str(exc))
                registry = self.store.documents()       # served from memory unless something was written
            if report is not None and files:
                report(FILES, len(files), len(files), "")
        except StoreUnavailable as exc:
            done = [d["source"] for d in documents]
            errors.append(f"{exc}: đã dừng. Đã lưu trước khi mất kết nối: {', '.join(done) or 'không có'}; "
                          f"chạy lại lệnh khi máy chủ hoạt động (stopped; committed before the loss: "
                          f"{len(done)} report(s); run the command again once the server is back)")
        finally:
            self.lexical.save()
        return {"documents": documents, "errors": errors, "notes": notes}

    def remove(self, sources: list[str]) -> tuple[list[str], list[str]]:
        """Remove reports from Chroma and from lexical search; return (removed, unknown).

        Names are matched in NFC (a name typed on any keyboard finds a report stored by a Mac); a report
        whose registry record is gone but whose chunks are not (a removal killed midway) is finished."""
        registry = self.store.documents()
        by_name: dict[str, list[str]] = {}
        for k in registry:
            by_name.setdefault(source_name(k), []).append(k)
        removed, unknown = [], []
        for s in sources:
            name = source_name(s)
            keys = list(by_name.get(name, []))
            for k in dict.fromkeys([name, s]):
                if k not in keys and self.store.chunk_ids({"source": k}):
                    keys.append(k)
            if not keys:
                unknown.append(s)
                continue
            for k in keys:
                self.store.drop_document(k)            # readers stop trusting it first
                self.store.delete_stale_chunks(k, keep_sha=None)
                self.lexical.remove_document(k)
            removed.append(name)
        self.lexical.save()
        return removed, unknown
