"""Fit the answer/abstain decision of the extractive answerer on the dev splits; report the test splits.

One decision must serve the report's wording, people's own words and the near-miss questions at once,
so it is fitted on all of them together: for every question of every gated set tagged `split:dev`,
the best sentence's evidence (qa/extractive.py: FEATURES) and whether quoting it answers the question
right.  A logistic model over those features gives a confidence; the threshold is the one that
answers most dev questions right, a wrong answer (a wrong quote, or any answer to an unanswerable
question) costing half a right one: a cited wrong answer is worse than "Không tìm thấy".  Questions tagged `split:test` are never used to fit, only reported.

    .venv/bin/python -m eval.calibrate            # fit, report, write qa/calibration.json
    .venv/bin/python -m eval.calibrate --dry-run  # fit and report only
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

import numpy as np

from eval.gate import EVAL, SETS, STORES
from qa.extractive import MIN_COVERAGE


def collect(store_dir: Path | None = None) -> list[dict]:
    """One row per question: set, split, features, whether quoting is right, whether it may be quoted."""
    from index.vntext import strip_diacritics
    from qa.evaluation import _contains_any, load_questions
    from qa.extractive import FEATURES, format_answer, select
    from qa.pipeline import make_retriever, sentence_similarity
    from qa.system import System
    rows = []
    with tempfile.TemporaryDirectory(prefix="baocao-calibrate-") as tmp:
        root = Path(store_dir or tmp)
        systems = {}
        for name, qfile, store, folded in SETS:
            if store not in systems:
                db = root / store
                fresh = not (db / "chroma").exists()
                systems[store] = System(db=db)
                if fresh:
                    out = systems[store].ingest(STORES[store])
                    if out["errors"]:
                        raise SystemExit(f"ingest failed: {out['errors']}")
            system = systems[store]
            for q in load_questions(EVAL / qfile):
                text = strip_diacritics(q["question"]) if folded else q["question"]
                docs = make_retriever(system, 5).invoke(text)
                picked = select(text, docs, system.lexical.idf, threshold=0.0,
                                similarity=sentence_similarity(system, text))
                right = False
                if q["answerable"] and picked["quotes"]:
                    answer, _ = format_answer(picked["quotes"], docs)
                    right = _contains_any(answer, q["answers"])
                ev = picked["evidence"]
                rows.append({"set": name, "id": q["id"], "answerable": q["answerable"],
                             "split": "test" if "split:test" in q["tags"] else "dev",
                             "x": [getattr(ev, f) for f in FEATURES] if ev else None,
                             "right": right, "forced": picked["reason"] not in (None, "weak_evidence"),
                             "block": ev is None and bool(picked["quotes"])})   # a report block quoted
            print(f"collected {name}", file=sys.stderr)
    return rows


def fit(rows: list[dict], l2: float = 1.0) -> tuple[np.ndarray, float]:
    """L2-regularised logistic regression: P(quoting the best sentence is right | features)."""
    from scipy.optimize import minimize
    data = [r for r in rows if r["x"] is not None and not r["forced"]]
    X = np.array([r["x"] for r in data], dtype=float)
    y = np.array([1.0 if r["right"] else 0.0 for r in data])
    Xb = np.hstack([X, np.ones((len(X), 1))])

    def loss(w):
        z = Xb @ w
        p = 1 / (1 + np.exp(-np.clip(z, -30, 30)))
        eps = 1e-9
        nll = -np.mean(y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps))
        return nll + l2 * np.sum(w[:-1] ** 2) / len(X)

    w = minimize(loss, np.zeros(Xb.shape[1]), method="L-BFGS-B").x
    return w[:-1], float(w[-1])


WRONG_ANSWER_COST = 0.5   # a cited wrong answer is worse than "Không tìm thấy": it costs half a right one


def decisions(rows: list[dict], weights, bias, threshold) -> list[str]:
    """Per question under the model: "right" (answered right or rightly abstained), "wrong" (answered
    wrong, or answered an unanswerable one) or "abstained" (an answerable one left unanswered)."""
    out = []
    for r in rows:
        if r.get("block"):                 # "Ai ký báo cáo?": its signature block, not the model's call
            out.append("right" if r["right"] else "wrong")
            continue
        if r["x"] is None or r["forced"]:
            out.append("abstained" if r["answerable"] else "right")
            continue
        z = bias + float(np.dot(weights, r["x"]))
        if 1 / (1 + np.exp(-z)) >= threshold and r["x"][0] >= MIN_COVERAGE:
            out.append("right" if r["right"] else "wrong")
        else:
            out.append("abstained" if r["answerable"] else "right")
    return out


def outcomes(rows: list[dict], weights, bias, threshold) -> list[bool]:
    """Per question: answered right (or rightly abstained) under the model."""
    return [d == "right" for d in decisions(rows, weights, bias, threshold)]


def best_threshold(rows, weights, bias) -> float:
    """The threshold with the most right answers on the dev splits, a wrong one costing WRONG_ANSWER_COST."""
    grid = np.round(np.arange(0.05, 0.951, 0.01), 2)

    def utility(t):
        d = decisions(rows, weights, bias, t)
        return d.count("right") - WRONG_ANSWER_COST * d.count("wrong")
    scores = [(utility(t), t) for t in grid]
    top = max(s for s, _ in scores)
    return float(max(t for s, t in scores if s >= top - 1e-12))   # ties: the more cautious threshold


def report(rows, weights, bias, threshold) -> None:
    print(f"{'set':<18}{'dev acc':>9}{'test acc':>10}{'n dev':>7}{'n test':>8}")
    for name in dict.fromkeys(r["set"] for r in rows):
        line = f"{name:<18}"
        counts = []
        for split in ("dev", "test"):
            part = [r for r in rows if r["set"] == name and r["split"] == split]
            line += f"{np.mean(outcomes(part, weights, bias, threshold)) if part else float('nan'):>9.3f} "
            counts.append(len(part))
        print(line + f"{counts[0]:>6}{counts[1]:>8}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m eval.calibrate", description=__doc__.split("\n\n")[0])
    ap.add_argument("--dry-run", action="store_true")
    ap.add_argument("--stores", default=None, help="keep the ingested stores in this folder (reused next time)")
    ap.add_argument("--rows", default=None, help="reuse (or write) the collected rows in this JSON file")
    args = ap.parse_args(argv)
    from qa.extractive import CALIBRATION, FEATURES
    from qa.settings import offline_environment
    offline_environment()
    if args.rows and Path(args.rows).exists():
        rows = json.loads(Path(args.rows).read_text())
    else:
        rows = collect(Path(args.stores) if args.stores else None)
        if args.rows:
            Path(args.rows).write_text(json.dumps(rows))
    dev = [r for r in rows if r["split"] == "dev"]
    weights, bias = fit(dev)
    threshold = best_threshold(dev, weights, bias)
    print("weights:", dict(zip(FEATURES, np.round(weights, 3))), "bias", round(bias, 3), "threshold", threshold)
    report(rows, weights, bias, threshold)
    if not args.dry_run:
        CALIBRATION.write_text(json.dumps({
            "_comment": "Answer/abstain model of qa/extractive.py, fitted by eval/calibrate.py on the dev "
                        "splits of every gated set; commit its diff with the scoreboard.",
            "features": list(FEATURES), "weights": [round(float(w), 4) for w in weights],
            "bias": round(bias, 4), "threshold": threshold, "fitted_on": len(dev)}, indent=1) + "\n",
            encoding="utf-8")
        print(f"wrote {CALIBRATION}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
