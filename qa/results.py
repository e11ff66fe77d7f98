"""What the answer pipeline returns: small typed results, and the one JSON they turn into.

`Answer` and `Citation` are what the CLI, the app and the API show; `answer_json` is the only
function that builds the JSON of `baocao ask --json` (docs/reference.md).  The `[n]` citation
marker has its one owner here too (`MARKER`, `parse_markers`, `strip_markers`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from langchain_core.documents import Document

ABSTAIN_MESSAGE = "Không tìm thấy thông tin này trong các báo cáo đã nạp."
EMPTY_QUESTION = "Vui lòng nhập câu hỏi."

# "[1]", "[1, 2]", "[1;3]"
MARKER = re.compile(r"\[(\d+(?:\s*[,;]\s*\d+)*)\]")


@dataclass(frozen=True)
class Citation:
    id: int
    chunk_id: str
    source: str
    section_path: list[str]
    page: int | None
    text: str                       # the chunk's text as embedded (docs/reference.md)
    score: float | None
    title: str = ""
    period: str = ""
    body: str = ""                  # the chunk's body without its header line: what a card shows
    footnotes: list[str] = field(default_factory=list)

    @classmethod
    def from_document(cls, n: int, doc: Document) -> Citation:
        md = doc.metadata
        return cls(id=n, chunk_id=md["chunk_id"], source=md["source"], section_path=list(md["section_path"]),
                   page=md.get("page"), text=doc.page_content, score=md.get("score"),
                   title=md.get("title", ""), period=md.get("period", ""), body=md.get("body", ""),
                   footnotes=list(md.get("footnotes") or []))


@dataclass(frozen=True)
class Flag:
    """Why a generated answer was replaced by the extractive one."""
    reason: str
    llm_answer: str


@dataclass(frozen=True)
class Answer:
    text: str
    abstained: bool
    mode: str                               # "extractive" | "llm"
    citations: list[Citation] = field(default_factory=list)
    reason: str | None = None               # why it abstained ("weak_evidence", "unmet_period", ...)
    confidence: float | None = None
    flagged: Flag | None = None


@dataclass(frozen=True)
class Outcome:
    """An answer and the passages retrieved for it (what evaluation scores retrieval on)."""
    answer: Answer
    retrieved: list[Document]

    @property
    def retrieved_texts(self) -> list[str]:
        return [d.page_content for d in self.retrieved]


CITATION_KEYS = ("id", "chunk_id", "source", "section_path", "page", "text", "score")


def answer_json(answer: Answer) -> dict:
    """The JSON of `baocao ask --json` and of the app's /ask API, plus `flagged`/`reason` when set."""
    out = {"answer": answer.text, "abstained": answer.abstained, "mode": answer.mode,
           "citations": [{k: getattr(c, k) for k in CITATION_KEYS} for c in answer.citations]}
    if answer.flagged:
        out["flagged"] = {"reason": answer.flagged.reason, "llm_answer": answer.flagged.llm_answer}
    if answer.reason:
        out["reason"] = answer.reason
    return out


def answer_record(answer: Answer) -> dict:
    """An answer as plain JSON with every field (citations in full), for `answer_from_record` to restore:
    what the app keeps with a conversation in the browser so that a reopened one shows its citations."""
    def num(x):
        return None if x is None else float(x)
    return {"text": answer.text, "abstained": answer.abstained, "mode": answer.mode,
            "reason": answer.reason, "confidence": num(answer.confidence),
            "flagged": {"reason": answer.flagged.reason, "llm_answer": answer.flagged.llm_answer}
            if answer.flagged else None,
            "citations": [{"id": c.id, "chunk_id": c.chunk_id, "source": c.source,
                           "section_path": list(c.section_path), "page": c.page, "text": c.text,
                           "score": num(c.score), "title": c.title, "period": c.period, "body": c.body,
                           "footnotes": list(c.footnotes)} for c in answer.citations]}


def answer_from_record(record: dict | None) -> Answer | None:
    """The `Answer` an `answer_record` was made from (None for none, or for a record it cannot read)."""
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        return None
    try:
        flagged = record.get("flagged")
        return Answer(record["text"], bool(record.get("abstained")), str(record.get("mode") or "extractive"),
                      [Citation(id=int(c["id"]), chunk_id=str(c["chunk_id"]), source=str(c["source"]),
                                section_path=list(c.get("section_path") or []), page=c.get("page"),
                                text=str(c.get("text") or ""), score=c.get("score"), title=c.get("title") or "",
                                period=c.get("period") or "", body=c.get("body") or "",
                                footnotes=list(c.get("footnotes") or []))
                       for c in record.get("citations") or []],
                      reason=record.get("reason"), confidence=record.get("confidence"),
                      flagged=Flag(flagged["reason"], flagged["llm_answer"]) if flagged else None)
    except (KeyError, TypeError, ValueError):
        return None


def abstention(mode: str, reason: str | None = None, confidence: float | None = None) -> Answer:
    return Answer(ABSTAIN_MESSAGE, True, mode, [], reason=reason, confidence=confidence)


def strip_markers(text: str) -> str:
    """The answer without its [n] markers (to read the figures it states)."""
    return MARKER.sub(" ", text or "")


def parse_markers(answer: str, n_passages: int) -> tuple[str, list[int]]:
    """Keep markers that point at a passage (1..n), drop the rest; return (text, cited ids in order)."""
    cited: list[int] = []

    def sub(m: re.Match) -> str:
        nums = [int(x) for x in re.split(r"\s*[,;]\s*", m.group(1))]
        good = [x for x in nums if 1 <= x <= n_passages]
        for x in good:
            if x not in cited:
                cited.append(x)
        return "".join(f"[{x}]" for x in good)

    text = MARKER.sub(sub, answer)
    text = re.sub(r"[ \t]+([.,;:])", r"\1", text)
    return re.sub(r"[ \t]{2,}", " ", text).strip(), cited
