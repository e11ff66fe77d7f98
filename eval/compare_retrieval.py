"""Compare retrieval modes on a question set (recall@k, MRR): dense only, BM25 only, RRF hybrid.

Usage: python -m eval.compare_retrieval --db DIR --questions eval/dev.jsonl [--k 5]
The fusion the product uses (RRF) was chosen with this script; the README has its numbers.
"""
from __future__ import annotations

import argparse
import json

from qa.pipeline import make_retriever
from qa.evaluation import _contains_any, load_questions
from qa.system import System


def score(system, questions, k: int, mode: str, lexical_weight: float = 1.0) -> dict:
    hits, rr, n = 0, 0.0, 0
    for q in questions:
        if not q["answerable"]:
            continue
        n += 1
        retriever = make_retriever(system, k=k, mode=mode)
        retriever.lexical_weight = lexical_weight
        docs = retriever.invoke(q["question"])
        rank = next((i + 1 for i, d in enumerate(docs) if _contains_any(d.page_content, q["evidence"])), None)
        hits += rank is not None
        rr += 1.0 / rank if rank else 0.0
    return {"mode": mode, "lexical_weight": lexical_weight, "recall_at_k": round(hits / n, 4), "mrr": round(rr / n, 4), "n": n, "k": k}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--questions", required=True)
    ap.add_argument("--k", type=int, default=5)
    args = ap.parse_args()
    system = System(db=args.db)
    qs = load_questions(args.questions)
    for mode in ("dense", "lexical"):
        print(json.dumps(score(system, qs, args.k, mode)))
    for w in (1.0, 1.5, 2.0, 3.0):
        print(json.dumps(score(system, qs, args.k, "hybrid", lexical_weight=w)))


if __name__ == "__main__":
    main()
