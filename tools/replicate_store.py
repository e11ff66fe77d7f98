"""Make a larger benchmark store from a smaller one by copying its chunks, embeddings included.

Why: ingesting 1,000 reports takes hours of embedding on this machine and 10,000 would take days, yet
the query path's cost (Chroma's HNSW, BM25, the metadata filters, the registry) depends on how many
chunks and reports a store holds, not on how they were embedded.  Issue 16 allows it: "ingest time
can be skipped by copying embeddings".  No embedding is computed here.

From a benchmark workdir (`python -m eval.bench --workdir W --sizes N` leaves `W/N/{db,baseline,
corpus.json}`), `--times R` writes a workdir of the same shape holding N x R reports:

- copy 0 of every report is the report itself (same name, metadata, chunks);
- copies 1..R-1 get a new name, a new sha and new metadata: a province drawn from the 63 provincial
  units (index/places.py) and the year shifted by 0..-7 (copies 1-3 keep the year, so the questions
  can point at them with their own words for the period), each (province, year shift) used once per
  report.  Title, period, issuer, number, date and the first line of every chunk's text (the report
  line "title | province | period" the chunker writes) say the copy's province and years; the bodies
  are left as they are, so the sentence vectors (keyed by the text embedded) all stay valid;
- the system store is written through `index.store.Store` (chunks with their vectors, then the registry
  record, as an ingest does); its sentence-vector SQLite is copied as is (content-addressed);
- the baseline's Chroma index (`qa.evaluation.BaselineRecipe`) gets the same copies under the same
  names, and its sentence-vector file is copied too;
- `corpus.json` lists the files (names only: there are no report files), their characters and the
  benchmark's questions rewritten to name the copy they now ask about (its province; the period is
  the copy's own since copies 1-3 keep the year), with `targets` (the copy each question is about).

The lexical cache is not written: the first open of the new store builds it (a cold start).

    python tools/replicate_store.py --src /tmp/b16/work/100 --times 10 --out /tmp/b16/rep/1000
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import shutil
import sqlite3
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from index.places import PROVINCES_2024                                    # noqa: E402
from index.store import CHUNKS, Store, is_committed, stored_chunk_id      # noqa: E402
from index.vntext import strip_diacritics                                 # noqa: E402

YEAR_SHIFTS = tuple(range(0, -8, -1))         # 2023-2025 -> as early as 2015-2017
SAME_YEAR_COPIES = 3                          # copies 1..3 keep the year: the questions point at them
_YEAR = re.compile(r"(?<!\d)(20[0-3]\d)(?!\d)")
PAGE = 2000


def slug(province: str) -> str:
    return re.sub(r"[^a-z]", "", strip_diacritics(province).lower().replace("đ", "d"))


def plan_copies(registry: dict, times: int, seed: int) -> dict[str, list[tuple[str, int]]]:
    """For each report, its copies' (province, year shift); copy 0 is the report itself."""
    rng = random.Random(seed)
    plans = {}
    for source in sorted(registry):
        own = registry[source].province
        pairs = [(p, 0) for p in PROVINCES_2024 if p != own]
        rng.shuffle(pairs)
        first = pairs[:SAME_YEAR_COPIES]
        rest = [(p, d) for p in PROVINCES_2024 for d in YEAR_SHIFTS
                if (p, d) != (own, 0) and (p, d) not in first]
        rng.shuffle(rest)
        plans[source] = [(own, 0)] + (first + rest)[:times - 1]
        if len(plans[source]) < times:
            raise SystemExit(f"{times} copies need more (province, year) pairs than there are")
    return plans


class Rewrite:
    """One copy's metadata: the original's province and years replaced by the copy's."""

    def __init__(self, old_province: str, new_province: str, shift: int):
        self.old, self.new, self.shift = old_province, new_province, shift

    def text(self, s):
        if not isinstance(s, str) or not s:
            return s
        if self.old and self.new != self.old:
            s = s.replace(self.old, self.new).replace(self.old.upper(), self.new.upper())
        if self.shift:
            s = _YEAR.sub(lambda m: str(int(m.group(1)) + self.shift), s)
        return s

    def year(self, y):
        return y + self.shift if isinstance(y, int) and not isinstance(y, bool) else y

    def meta(self, meta: dict) -> dict:
        out = dict(meta)
        for key in ("title", "period", "plan_period", "province", "issuer", "number", "date"):
            if key in out:
                out[key] = self.text(out[key])
        for key in ("year", "plan_year"):
            if key in out:
                out[key] = self.year(out[key])
        return out


def copy_name(source: str, rw: Rewrite, copy: int) -> str:
    if copy == 0:
        return source
    stem, dot, ext = source.rpartition(".")
    parts = stem.split("_")
    if parts and parts[0] == slug(rw.old):
        parts[0] = slug(rw.new)
    stem = rw.text("_".join(parts))
    return f"{stem}_r{copy}.{ext}" if dot else f"{source}_r{copy}"


def copy_sha(sha: str, copy: int) -> str:
    return sha if copy == 0 else hashlib.sha256(f"{sha}:copy:{copy}".encode()).hexdigest()


def read_chunks(store: Store, registry: dict) -> dict[str, list[tuple[str, str, dict, list[float]]]]:
    """Every committed chunk with its vector, by report, in reading order."""
    out: dict[str, list] = {}
    offset = 0
    while True:
        got = store.chunks.get(include=["documents", "metadatas", "embeddings"], limit=PAGE, offset=offset)
        for cid, text, md, vec in zip(got["ids"], got["documents"], got["metadatas"], got["embeddings"]):
            if is_committed(md, registry):
                out.setdefault(md["source"], []).append((cid, text, md, [float(x) for x in vec]))
        if len(got["ids"]) < PAGE:
            break
        offset += PAGE
    for src, rows in out.items():
        rows.sort(key=lambda r: int(r[2].get("order", 0)))
        if len(rows) != registry[src].chunks:
            raise SystemExit(f"{src}: {len(rows)} chunks read, the registry says {registry[src].chunks}")
    return out


def copy_sqlite(src: Path, dst: Path) -> None:
    """A consistent copy of a SQLite file (its WAL included)."""
    if not src.is_file():
        return
    dst.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(src) as a, sqlite3.connect(dst) as b:
        a.backup(b)


def replicate_system(src_db: Path, dst_db: Path, plans: dict, registry: dict, rows: dict, log) -> dict:
    """The system store's copies; returns {original source: [copy names]}."""
    src = Store(src_db)
    spec = (src.chunks.metadata or {}).get("embedder")
    dim = (src.chunks.metadata or {}).get("dim")
    dst = Store(dst_db)
    dst.check_embedder(spec, dim, claim=True)
    names: dict[str, list[str]] = {}
    used: set[str] = set()
    pending: list[tuple] = []
    commits: list[tuple] = []

    def flush():
        if pending:
            dst.add_chunks([p[0] for p in pending], [p[1] for p in pending], [p[2] for p in pending],
                           [p[3] for p in pending], batch=1000)
            pending.clear()
        for c in commits:
            dst.commit_document(*c)
        commits.clear()

    done = 0
    for copy in range(len(next(iter(plans.values())))):
        for source in sorted(registry):
            rec = registry[source]
            province, shift = plans[source][copy]
            rw = Rewrite(rec.province, province, shift)
            name = copy_name(source, rw, copy)
            if name in used:                   # two look-alike reports drew the same province
                stem, _, ext = name.rpartition(".")
                name = next(f"{stem}{c}.{ext}" for c in "bcdefghijklmnopqrstuvwxyz" if f"{stem}{c}.{ext}" not in used)
            used.add(name)
            sha = copy_sha(rec.sha256, copy)
            names.setdefault(source, []).append(name)
            for cid, text, md, vec in rows[source]:
                _, _, rest = cid.partition("-")           # <sha16>-<source key>-<section>-<ordinal>
                _, _, tail = rest.partition("-")
                new_id = stored_chunk_id(name, f"{sha[:16]}-{tail}")
                nmd = rw.meta(md)
                nmd.update(source=name, doc_sha=sha)
                first, nl, after = text.partition("\n")
                ntext = (rw.text(first) + nl + after) if copy else text
                pending.append((new_id, vec, ntext, nmd))
            meta = rw.meta(rec.meta)
            meta["path"] = f"/replica/{name}"
            commits.append((name, sha, rec.chunks, meta))
            done += 1
            if len(pending) >= 5000:
                flush()
                log(f"system: {done} reports copied")
    flush()
    log(f"system: {done} reports, {dst.chunks.count()} chunks")
    copy_sqlite(src_db / "sentences" / "sentence_vectors.sqlite3", dst_db / "sentences" / "sentence_vectors.sqlite3")
    return names


def replicate_baseline(src_dir: Path, dst_dir: Path, names: dict[str, list[str]], log) -> None:
    """The baseline recipe's Chroma index, the same copies under the same names."""
    import chromadb
    from index.store import chroma_settings
    src = chromadb.PersistentClient(path=str(src_dir / "baseline-chroma"), settings=chroma_settings())
    col = src.get_collection("baseline")
    got = col.get(include=["documents", "metadatas", "embeddings"])
    by_source: dict[str, list] = {}
    for text, md, vec in zip(got["documents"], got["metadatas"], got["embeddings"]):
        by_source.setdefault(md["source"], []).append((int(md["i"]), text, [float(x) for x in vec]))
    dst = chromadb.PersistentClient(path=str(dst_dir / "baseline-chroma"), settings=chroma_settings())
    out = dst.get_or_create_collection("baseline")             # as BaselineRecipe opens it
    batch: list[tuple] = []

    def flush():
        if batch:
            out.upsert(ids=[b[0] for b in batch], embeddings=[b[1] for b in batch],
                       documents=[b[2] for b in batch], metadatas=[b[3] for b in batch])
            batch.clear()

    for source, copies in names.items():
        for name in copies:
            for i, text, vec in sorted(by_source.get(source, [])):
                batch.append((f"{name}-{i}", vec, text, {"source": name, "i": i}))
                if len(batch) >= 2000:
                    flush()
    flush()
    log(f"baseline: {out.count()} chunks")
    copy_sqlite(src_dir / "baseline-sentences.sqlite3", dst_dir / "baseline-sentences.sqlite3")


def question_targets(n_reports: int, seed: int, questions: list[str]) -> list[str]:
    """The report each benchmark question is about, by the evidence the generator gave it."""
    from eval.synth import generate_corpus, generate_questions, questions_rng
    reports = generate_corpus(n_reports, seed)
    generated = [q for q in generate_questions(reports, questions_rng(seed), per_report=2) if q["answerable"]]
    about = {}
    for q in generated:
        ev = q["evidence"][0]
        hits = [r.filename for r in reports if ev in r.clean_text]
        if len(hits) == 1:
            about.setdefault(q["question"], hits[0])
    return [about[q] for q in questions]


def rewrite_question(question: str, old: str, new: str) -> str:
    q = unicodedata.normalize("NFC", question)
    q = q.replace(old, new)
    return q.replace(strip_diacritics(old).replace("đ", "d").replace("Đ", "D"),
                     strip_diacritics(new).replace("đ", "d").replace("Đ", "D"))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--src", required=True, help="a benchmark workdir of one size (db/, baseline/, corpus.json)")
    ap.add_argument("--times", type=int, required=True, help="copies of each report (10: 100 -> 1000)")
    ap.add_argument("--out", required=True, help="the new workdir (must not exist)")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    src, out = Path(args.src), Path(args.out)
    if out.exists():
        raise SystemExit(f"{out} exists")
    t0 = time.perf_counter()
    log = lambda m: print(f"[{time.perf_counter() - t0:7.1f}s] {m}", file=sys.stderr, flush=True)  # noqa: E731
    state = json.loads((src / "state.json").read_text())
    corpus = json.loads((src / "corpus.json").read_text())
    store = Store(src / "db")
    registry = store.documents()
    rows = read_chunks(store, registry)
    log(f"read {len(registry)} reports, {sum(map(len, rows.values()))} chunks")
    plans = plan_copies(registry, args.times, args.seed)
    names = replicate_system(src / "db", out / "db", plans, registry, rows, log)
    del rows
    replicate_baseline(src / "baseline", out / "baseline", names, log)
    chars = dict(zip(corpus["files"], corpus["chars"]))
    targets = question_targets(state["reports"], state["seed"], corpus["questions"])
    questions, aimed = [], []
    for i, (q, original) in enumerate(zip(corpus["questions"], targets)):
        copy = 1 + i % min(SAME_YEAR_COPIES, args.times - 1) if args.times > 1 else 0
        province, shift = plans[original][copy]
        assert shift == 0
        questions.append(rewrite_question(q, registry[original].province, province))
        aimed.append(names[original][copy])
    files = [n for s in corpus["files"] for n in names[s]]
    new = {"files": files, "chars": [chars[s] for s in corpus["files"] for _ in names[s]],
           "asks": corpus["asks"], "questions": questions, "targets": aimed,
           "replicated_from": {"workdir": str(src), "reports": state["reports"], "times": args.times,
                               "seed": args.seed}}
    (out / "corpus.json").write_text(json.dumps(new, ensure_ascii=False, indent=1))
    (out / "copies.json").write_text(json.dumps({s: [[n, *plans[s][c]] for c, n in enumerate(v)]
                                                 for s, v in names.items()}, ensure_ascii=False, indent=1))
    log(f"done: {len(files)} reports in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
