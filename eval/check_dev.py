"""Validate eval/dev.jsonl against docs/reference.md ("Question sets") and the sample report.

Run from the project root:  .venv/bin/python eval/check_dev.py [path/to/dev.jsonl]
Exit status 0 when every check passes, 1 otherwise. Prints a summary either way.
"""
from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from index.loaders import load_file  # noqa: E402
from index.structure import parse_report  # noqa: E402

REPORT = ROOT / "data" / "samples" / "langson_ktxh_2023-01.txt"
DEV = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "eval" / "dev.jsonl"

MIN_QUESTIONS = 90
MIN_UNANSWERABLE = 16
MIN_TAG = {"no_diacritics": 10, "old_tone": 6}
UNANSWERABLE_SUBS = {"other_month", "other_province", "not_in_report", "injection"}
REQUIRED_KEYS = {"id": str, "question": str, "answers": list, "evidence": list,
                 "answerable": bool, "tags": list}
EVIDENCE_LEN = (40, 250)
VIETNAMESE_MARKS = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợ"
                              r"ùúủũụưừứửữựỳýỷỹỵđ]", re.IGNORECASE)


def norm(s: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", s).lower()).strip()


def main() -> int:
    errors: list[str] = []

    def err(qid: str, msg: str) -> None:
        errors.append(f"{qid}: {msg}")

    report = parse_report(load_file(REPORT))
    passages = [norm(p.text) for p in report.paragraphs]
    footnotes = {str(k): norm(f.text) for k, f in report.footnotes.items()}
    texts = passages + list(footnotes.values())

    raw_lines = DEV.read_text(encoding="utf-8").splitlines()
    items = []
    for ln, line in enumerate(raw_lines, 1):
        if not line.strip():
            continue
        if line != unicodedata.normalize("NFC", line):
            err(f"line {ln}", "not NFC")
        try:
            items.append(json.loads(line))
        except json.JSONDecodeError as e:
            err(f"line {ln}", f"invalid JSON: {e}")

    ids = Counter()
    tags = Counter()
    unans_sub = Counter()
    covered_fn: set[str] = set()
    questions = Counter()
    for obj in items:
        qid = obj.get("id", "?")
        ids[qid] += 1
        for key, typ in REQUIRED_KEYS.items():
            if not isinstance(obj.get(key), typ):
                err(qid, f"field {key!r} missing or not {typ.__name__}")
        extra = set(obj) - set(REQUIRED_KEYS)
        if extra:
            err(qid, f"unexpected fields {sorted(extra)}")
        if any(not isinstance(x, str) for x in obj.get("answers", []) + obj.get("evidence", []) + obj.get("tags", [])):
            err(qid, "answers/evidence/tags must be lists of strings")
            continue
        if not obj.get("question", "").strip():
            err(qid, "empty question")
        questions[norm(obj.get("question", ""))] += 1
        t = obj.get("tags", [])
        tags.update(t)
        ans, ev = obj.get("answers", []), obj.get("evidence", [])
        if obj.get("answerable") is True:
            if not 1 <= len(ans) <= 3:
                err(qid, f"answerable needs 1-3 answers, has {len(ans)}")
            if not 1 <= len(ev) <= 2:
                err(qid, f"answerable needs 1-2 evidence strings, has {len(ev)}")
            if "unanswerable" in t:
                err(qid, "answerable but tagged unanswerable")
            nev = [norm(e) for e in ev]
            for e, ne in zip(ev, nev):
                if not EVIDENCE_LEN[0] <= len(ne) <= EVIDENCE_LEN[1]:
                    err(qid, f"evidence length {len(ne)} outside {EVIDENCE_LEN}: {e[:60]!r}")
                if not any(ne in tx for tx in texts):
                    err(qid, f"evidence not in reading-order text: {e[:80]!r}")
                for k, fn in footnotes.items():
                    if ne in fn:
                        covered_fn.add(k)
            for a in ans:
                na = norm(a)
                if not na:
                    err(qid, "empty answer")
                elif not any(na in ne for ne in nev):
                    err(qid, f"answer {a!r} not inside any of its evidence strings")
            if "footnote" in t and not any(any(ne in fn for fn in footnotes.values()) for ne in nev):
                err(qid, "tagged footnote but no evidence comes from a footnote")
        elif obj.get("answerable") is False:
            if ans or ev:
                err(qid, "unanswerable must have empty answers and evidence")
            subs = UNANSWERABLE_SUBS & set(t)
            if "unanswerable" not in t or len(subs) != 1:
                err(qid, f"unanswerable needs tags 'unanswerable' + one of {sorted(UNANSWERABLE_SUBS)}")
            unans_sub.update(subs)
        if "no_diacritics" in t and VIETNAMESE_MARKS.search(obj.get("question", "")):
            err(qid, "tagged no_diacritics but question has diacritics")

    for qid, c in ids.items():
        if c > 1:
            err(qid, f"duplicate id ({c}x)")
    for q, c in questions.items():
        if c > 1:
            err("-", f"duplicate question ({c}x): {q[:60]!r}")
    n = len(items)
    n_unans = sum(1 for o in items if o.get("answerable") is False)
    if n < MIN_QUESTIONS:
        err("-", f"only {n} questions, need >= {MIN_QUESTIONS}")
    if n_unans < MIN_UNANSWERABLE:
        err("-", f"only {n_unans} unanswerable, need >= {MIN_UNANSWERABLE}")
    for tag, m in MIN_TAG.items():
        if tags[tag] < m:
            err("-", f"tag {tag!r}: {tags[tag]} < {m}")
    missing_fn = sorted(set(footnotes) - covered_fn, key=int)
    if missing_fn:
        err("-", f"footnotes not used as evidence: {missing_fn}")

    print(f"file: {DEV}")
    print(f"questions: {n}  answerable: {n - n_unans}  unanswerable: {n_unans} {dict(unans_sub)}")
    print(f"footnotes covered: {sorted(covered_fn, key=int)} of {sorted(footnotes, key=int)}")
    print("tags:")
    for tag, c in sorted(tags.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"  {tag:16s} {c}")
    if errors:
        print(f"\nFAIL: {len(errors)} problem(s)")
        for e in errors:
            print("  " + e)
        return 1
    print("\nOK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
