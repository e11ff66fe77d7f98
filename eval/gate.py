"""The evaluation gate `make test` runs: fresh stores, default components, offline.

1. The sample report(s) in data/samples -> eval/dev.jsonl, with the baseline beside;
   then the same questions typed without diacritics (every one folded), as officials often type.
2. The generated multi-report corpus eval/multi/ -> eval/multi.jsonl: the right report must be cited.
Thresholds live in eval/thresholds.json.  Exit 1 when any metric misses its bound.
"""
from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _right_report_rate(system, questions, k) -> float | None:
    """Share of answerable questions whose answer cites the report that holds the evidence.

    The generated question set names no file; the report that holds a question's
    evidence (unique by construction) is the right one.
    """
    from index.vntext import match_form
    from qa.answer import ask
    texts = [(c["source"], match_form(c["text"])) for c in system.chunks()]
    hits = total = 0
    for q in questions:
        if not q.get("answerable"):
            continue
        ev = [match_form(e) for e in q["evidence"]]
        right = {src for src, t in texts if any(e in t for e in ev)}
        if not right:
            continue
        total += 1
        out = ask(system, q["question"], k=k)
        if not out["abstained"] and any(c["source"] in right for c in out["citations"]):
            hits += 1
    return round(hits / total, 4) if total else None


def main() -> int:
    from index.vntext import strip_diacritics
    from qa.evaluation import check_gate, evaluate_baseline, evaluate_system, format_table, load_questions
    from qa.system import System
    thresholds = json.loads((ROOT / "eval" / "thresholds.json").read_text(encoding="utf-8"))
    failed: list[str] = []
    with tempfile.TemporaryDirectory(prefix="baocao-gate-") as tmp:
        system = System(db=Path(tmp) / "dev")
        out = system.ingest([ROOT / "data" / "samples"])
        assert not out["errors"], out["errors"]
        questions = load_questions(ROOT / "eval" / "dev.jsonl")
        result = evaluate_system(system, questions, k=5)
        files = sorted((ROOT / "data" / "samples").glob("*.txt"))
        result["baseline"] = evaluate_baseline(files, system.embedder, questions, k=5)
        print("== dev.jsonl (sample report) ==")
        print(format_table(result))
        failed += [f"dev: {f}" for f in check_gate(result, thresholds["dev"])]
        for m in ("recall_at_k", "answer_accuracy"):
            if result[m] <= result["baseline"][m]:
                failed.append(f"dev: {m} does not beat the baseline ({result[m]} <= {result['baseline'][m]})")

        folded = [dict(q, question=strip_diacritics(q["question"])) for q in questions]
        fres = evaluate_system(system, folded, k=5)
        print("\n== dev.jsonl typed without diacritics ==")
        print(format_table({m: v for m, v in fres.items() if m != "by_tag"}))
        failed += [f"dev without diacritics: {f}" for f in check_gate(fres, thresholds["dev_folded"])]

        multi_q = ROOT / "eval" / "multi.jsonl"
        if multi_q.exists():
            msys = System(db=Path(tmp) / "multi")
            out = msys.ingest([ROOT / "eval" / "multi"])
            assert not out["errors"], out["errors"]
            mq = load_questions(multi_q)
            mres = evaluate_system(msys, mq, k=5)
            mres["right_report_cited"] = _right_report_rate(msys, mq, 5)
            print("\n== multi.jsonl (generated corpus) ==")
            print(format_table(mres))
            print(f"right_report_cited        {mres['right_report_cited']}")
            failed += [f"multi: {f}" for f in check_gate(mres, thresholds["multi"])]
    if failed:
        print("\nEVAL GATE FAILED:\n  " + "\n  ".join(failed), file=sys.stderr)
        return 1
    print("\neval gate: passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
