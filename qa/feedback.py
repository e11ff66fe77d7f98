"""Readers' feedback on answers: `<db>/feedback.jsonl`, and `baocao feedback --export FILE`.

The app appends one JSON line per thumbs up/down (and per comment added afterwards) with the question,
the answer, its citations and the time.  The export turns the thumbs-down entries into a draft question
set in the eval format (eval/dev.jsonl: id, question, answers, evidence, answerable, tags), for a maintainer
to correct (the right answers, the evidence, answerable or not) and then add to the dev set.
"""
from __future__ import annotations

import datetime
import json
import threading
from pathlib import Path

from index.errors import BaocaoError

FEEDBACK_FILE = "feedback.jsonl"
RATINGS = ("up", "down")
_lock = threading.Lock()


def feedback_path(db) -> Path:
    return Path(db) / FEEDBACK_FILE


def record(db, *, question: str, answer: str, citations: list[dict] | None, rating: str,
           comment: str = "") -> dict:
    """Append one feedback entry; return it."""
    if rating not in RATINGS:
        raise BaocaoError(f"Đánh giá không hợp lệ: {rating!r} (rating must be up or down)")
    entry = {"time": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
             "rating": rating, "question": question or "", "answer": answer or "",
             "citations": list(citations or []), "comment": (comment or "").strip()}
    path = feedback_path(db)
    path.parent.mkdir(parents=True, exist_ok=True)
    line = json.dumps(entry, ensure_ascii=False) + "\n"
    with _lock, path.open("a", encoding="utf-8") as fh:
        fh.write(line)
    return entry


def entries(db) -> list[dict]:
    """Every feedback entry, oldest first (a line that cannot be read is skipped)."""
    path = feedback_path(db)
    if not path.is_file():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            out.append(json.loads(line))
        except json.JSONDecodeError:
            continue
    return out


def draft_questions(items: list[dict]) -> list[dict]:
    """Thumbs-down entries as draft eval questions: one per (question, answer), its comments joined."""
    drafts: dict[tuple[str, str], dict] = {}
    for e in items:
        key = (e.get("question") or "", e.get("answer") or "")
        if not key[0]:
            continue
        if e.get("rating") == "up":         # the reader changed their mind: no draft for it
            drafts.pop(key, None)
            continue
        d = drafts.setdefault(key, {"question": key[0], "answer_given": key[1], "comments": [],
                                    "citations": e.get("citations") or [], "time": e.get("time")})
        if e.get("comment"):
            d["comments"].append(e["comment"])
    out = []
    for n, d in enumerate(drafts.values(), start=1):
        out.append({"id": f"fb{n:03d}", "question": d["question"],
                    "answers": [], "evidence": [],          # for the maintainer to fill: the given answer was wrong
                    "answerable": True, "tags": ["feedback", "draft"],
                    "feedback": {"answer_given": d["answer_given"], "comment": " | ".join(d["comments"]),
                                 "citations": [{k: c.get(k) for k in ("source", "section_path", "page", "text")}
                                               for c in d["citations"]],
                                 "time": d["time"]}})
    return out


def export_drafts(db, out_path) -> int:
    """Write the draft question set (JSONL) to `out_path`; the number of questions."""
    drafts = draft_questions(entries(db))
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in drafts), encoding="utf-8")
    return len(drafts)
