"""Check every gated question set against its reports: shape, evidence as read, and how much it copies.

For each set of eval/gate.py: every answerable question's evidence is found (normalised) in a
paragraph or footnote of its store's reports as the parser reads them, every answer lies inside its
evidence, unanswerable questions carry none, every question has exactly one split tag; and the share
of questions that copy five or more consecutive words of the reports stays at or below 20 %
(questions people ask, not quizzes built from report phrases).  The people's-words sets may not
share even four consecutive words with their reports.

Run from the project root:  .venv/bin/python -m eval.check_sets   (exit 1 on any problem)
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

from eval.gate import EVAL, SETS, STORES
from index.loaders import load_file
from index.structure import parse_report
from index.vntext import match_form

MAX_COPY_SHARE = 0.20
COPY_WORDS = 5
PEOPLE_COPY_WORDS = 4     # people's-words sets: no run of four words of the report


def words(text: str) -> list[str]:
    return re.findall(r"\w+", match_form(text))


def report_texts(folders: list[Path]) -> tuple[list[str], list[list[str]]]:
    """(paragraphs and footnotes as read, normalised; each report's words)."""
    texts, reports = [], []
    for folder in folders:
        for path in sorted(p for p in folder.iterdir() if p.is_file()):
            report = parse_report(load_file(path))
            texts += [match_form(p.text) for p in report.paragraphs]
            texts += [match_form(f.text) for f in report.footnotes.values()]
            reports.append(words(path.read_text(encoding="utf-8")))
    return texts, reports


def ngrams(reports: list[list[str]], n: int) -> set[tuple[str, ...]]:
    return {tuple(w[i:i + n]) for w in reports for i in range(len(w) - n + 1)}


def copies(question: str, grams: set[tuple[str, ...]], n: int) -> bool:
    w = words(question)
    return any(tuple(w[i:i + n]) in grams for i in range(len(w) - n + 1))


def check_set(questions: list[dict], texts: list[str], grams5: set, grams4: set | None) -> tuple[list[str], float]:
    """(problems, share of questions copying five words) of one set."""
    problems = []
    for q in questions:
        qid = q["id"]
        splits = [t for t in q["tags"] if t.startswith("split:")]
        if splits not in (["split:dev"], ["split:test"]):
            problems.append(f"{qid}: needs exactly one split tag, has {splits}")
        if q["answerable"]:
            if not q["answers"] or not q["evidence"]:
                problems.append(f"{qid}: answerable without answers or evidence")
            for e in q["evidence"]:
                if not any(match_form(e) in t for t in texts):
                    problems.append(f"{qid}: evidence not found as read: {e[:70]!r}")
            for a in q["answers"]:
                if not any(match_form(a) in match_form(e) for e in q["evidence"]):
                    problems.append(f"{qid}: answer {a!r} not inside its evidence")
        elif q["answers"] or q["evidence"]:
            problems.append(f"{qid}: unanswerable with answers or evidence")
        if grams4 is not None and copies(q["question"], grams4, PEOPLE_COPY_WORDS):
            problems.append(f"{qid}: shares {PEOPLE_COPY_WORDS} consecutive words with its report")
    share = sum(copies(q["question"], grams5, COPY_WORDS) for q in questions) / max(len(questions), 1)
    return problems, share


def main() -> int:
    from qa.evaluation import load_questions
    failed = False
    cache: dict[str, tuple] = {}
    seen_files = set()
    for name, qfile, store, _folded in SETS:
        if qfile in seen_files:
            continue
        seen_files.add(qfile)
        if store not in cache:
            texts, reports = report_texts(STORES[store])
            cache[store] = (texts, ngrams(reports, COPY_WORDS), ngrams(reports, PEOPLE_COPY_WORDS))
        texts, g5, g4 = cache[store]
        questions = load_questions(EVAL / qfile)
        problems, share = check_set(questions, texts, g5, g4 if name.startswith("people") else None)
        ok = not problems and share <= MAX_COPY_SHARE
        failed |= not ok
        print(f"{qfile:<24} {len(questions):>4} questions  copy>={COPY_WORDS} words: {share:6.1%}  "
              f"problems: {len(problems)}  {'OK' if ok else 'FAIL'}")
        for p in problems[:20]:
            print("   " + p)
        if share > MAX_COPY_SHARE:
            print(f"   copies {COPY_WORDS}+ consecutive words of its reports in {share:.0%} > {MAX_COPY_SHARE:.0%}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
