"""Answer a question end to end: retrieve, answer (extractive or LLM), cite.

Returns the JSON shape of `baocao ask --json` (CONTRACT.md).  Follow-up
questions carry the previous question's subject: offline, into retrieval and
sentence scoring; with an LLM, by condensing against the history.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from langchain_core.documents import Document

from .extractive import ABSTAIN_MESSAGE, DEFAULT_THRESHOLD, format_answer, select
from .question import analyse
from .retriever import HybridRetriever


@dataclass
class Conversation:
    """What a chat remembers between turns: questions and answers, oldest first."""

    turns: list[tuple[str, str]] = field(default_factory=list)

    def last_question(self) -> str | None:
        return self.turns[-1][0] if self.turns else None


def citation(n: int, doc: Document) -> dict:
    md = doc.metadata
    return {"id": n, "chunk_id": md["chunk_id"], "source": md["source"], "section_path": md["section_path"],
            "page": md.get("page"), "text": doc.page_content, "score": md.get("score"),
            "title": md.get("title", ""), "period": md.get("period", "")}


PUBLIC_KEYS = ("answer", "abstained", "mode", "citations")
CITATION_KEYS = ("id", "chunk_id", "source", "section_path", "page", "text", "score")


def public_result(out: dict) -> dict:
    """The JSON of `baocao ask --json` (CONTRACT), plus `flagged`/`reason` when present."""
    public = {k: out[k] for k in PUBLIC_KEYS}
    public["citations"] = [{k: c.get(k) for k in CITATION_KEYS} for c in out["citations"]]
    for key in ("flagged", "reason"):
        if out.get(key):
            public[key] = out[key]
    return public


def carried_subject(question: str, history: list[tuple[str, str]] | None) -> str | None:
    """The previous question when this one is an elliptic follow-up ("Còn đàn bò thì sao?")."""
    if not history:
        return None
    info = analyse(question)
    return history[-1][0] if info.is_followup else None


def extractive_answer(question: str, docs: list[Document], idf, carried: str | None = None,
                      threshold: float = DEFAULT_THRESHOLD) -> dict:
    picked = select(question, docs, idf, carried_question=carried, threshold=threshold)
    if picked["abstained"]:
        return {"answer": ABSTAIN_MESSAGE, "abstained": True, "mode": "extractive", "citations": [],
                "reason": picked.get("reason"), "confidence": round(picked["confidence"], 4)}
    text, cited = format_answer(picked["quotes"], docs)
    return {"answer": text, "abstained": False, "mode": "extractive",
            "citations": [citation(i + 1, docs[di]) for i, di in enumerate(cited)],
            "confidence": round(picked["confidence"], 4)}


def make_retriever(system, k: int = 5, sources=None, periods=None, provinces=None,
                   extra_query: str = "", mode: str = "hybrid") -> HybridRetriever:
    return HybridRetriever(system=system, k=k, sources=sources, periods=periods, provinces=provinces,
                           extra_query=extra_query, mode=mode)


def ask(system, question: str, k: int = 5, history: list[tuple[str, str]] | None = None,
        sources=None, periods=None, provinces=None, llm=None, threshold: float | None = None) -> dict:
    """Answer one question (CONTRACT JSON plus a few extra keys for the UI)."""
    question = (question or "").strip()
    if not question:
        return {"answer": "Vui lòng nhập câu hỏi.", "abstained": True, "mode": "extractive", "citations": []}
    carried = carried_subject(question, history)
    if llm is not None:
        from .llm import llm_answer
        return llm_answer(system, llm, question, k=k, history=history, sources=sources, periods=periods,
                          provinces=provinces)
    retriever = make_retriever(system, k, sources, periods, provinces, extra_query=carried or "")
    docs = retriever.invoke(question)
    out = extractive_answer(question, docs, system.lexical.idf, carried,
                            threshold if threshold is not None else system_threshold(system))
    out["retrieved"] = [d.metadata["chunk_id"] for d in docs]
    out["retrieved_texts"] = [d.page_content for d in docs]
    return out


def system_threshold(system) -> float:
    return getattr(system, "threshold", None) or DEFAULT_THRESHOLD
