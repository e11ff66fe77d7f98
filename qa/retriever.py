"""Hybrid retrieval as a LangChain `BaseRetriever`: Chroma (dense) + BM25 (lexical), fused.

Fusion is reciprocal rank fusion (RRF, k=60), chosen on the dev set against
dense-only and lexical-only (numbers in the README).  Before ranking, the
question's named place and period narrow the reports: a question about
"tỉnh Cao Bằng tháng 3/2024" must cite that report among look-alikes.  When no
ingested report covers what the question names, the retriever says so in
each document's metadata (`constraint_unmet`) and the answerer abstains unless
the passage itself mentions it.
"""
from __future__ import annotations

import re
from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from index.store import chunk_record
from index.vntext import has_diacritics, query_terms

from .question import QuestionInfo, analyse, period_matches

RRF_K = 60
DENSE_WEIGHT = 1.0
LEXICAL_WEIGHT = 2.0      # dev set: recall@5 0.987 -> 0.994, MRR 0.931 -> 0.944 (README)
UNACCENTED_DENSE_FACTOR = 0.25   # a question typed without diacritics: e5 embeds it poorly, BM25 folds it (README)
_TASK_HEADING = re.compile(r"nhiệm vụ|giải pháp|phương hướng", re.I)


def is_task_section(section_path: list[str], md: dict) -> bool:
    """A chunk of the report's task list ("III. NHIỆM VỤ TRỌNG TÂM THÁNG 02...")."""
    return md.get("kind") == "task" or any(_TASK_HEADING.search(h) for h in section_path[:1])


def rrf(rankings: list[list[str]], weights: list[float] | None = None, k: int = RRF_K) -> dict[str, float]:
    """Reciprocal rank fusion of several ranked id lists."""
    weights = weights or [1.0] * len(rankings)
    scores: dict[str, float] = {}
    for ranking, w in zip(rankings, weights):
        for rank, cid in enumerate(ranking):
            scores[cid] = scores.get(cid, 0.0) + w / (k + rank + 1)
    return scores


class HybridRetriever(BaseRetriever):
    """Dense + lexical retrieval over the reports a question is about."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    system: Any
    k: int = 5
    fetch_k: int = 40
    mode: str = "hybrid"                      # "hybrid" | "dense" | "lexical"
    dense_weight: float = DENSE_WEIGHT        # RRF weights, chosen on the dev set (README)
    lexical_weight: float = LEXICAL_WEIGHT
    sources: list[str] | None = None          # user's report filter
    periods: list[str] | None = None          # user's period filter ("tháng 01/2023")
    provinces: list[str] | None = None        # user's province filter
    extra_query: str = ""                     # carried subject of a follow-up question
    _plan_only: set = set()                   # reports that cover the named month only by their tasks

    def allowed_sources(self, info: QuestionInfo, registry: dict) -> tuple[set[str], dict]:
        """Reports to search, and which of the question's constraints no report meets."""
        allowed = {}
        for src, rec in registry.items():
            if self.sources and src not in self.sources:
                continue
            if self.periods and rec.period not in self.periods:
                continue
            if self.provinces and rec.province not in self.provinces:
                continue
            allowed[src] = rec
        unmet: dict = {}
        if info.provinces:
            named = [s for s, r in allowed.items() if r.province in info.provinces]
            if named:
                allowed = {s: allowed[s] for s in named}
            else:
                unmet["province"] = info.provinces
        self._plan_only = set()
        if info.months or info.quarters:
            covering = {s: period_matches(info, r.meta) for s, r in allowed.items()}
            named = [s for s, (ok, _) in covering.items() if ok]
            if named:
                allowed = {s: allowed[s] for s in named}
                # a report covers the month it plans for only through its task list
                self._plan_only = {s for s in named if covering[s][1]}
            else:
                unmet["period"] = [f"tháng {m}" + (f"/{y}" if y else "") for m, y in info.months] + \
                                  [f"quý {q}" + (f"/{y}" if y else "") for q, y in info.quarters]
        return set(allowed), unmet

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        return self.retrieve(query)

    def retrieve(self, query: str) -> list[Document]:
        system = self.system
        registry = system.store.documents()     # read once per question: sync, filters, visibility
        system.sync(registry)
        info = analyse(query)
        allowed, unmet = self.allowed_sources(info, registry)
        if not allowed:
            return []
        live_sha = {s: registry[s].sha256 for s in allowed if s in registry}
        full_query = (query + " " + self.extra_query).strip()
        rankings: list[list[str]] = []
        rows: dict[str, tuple[str, dict]] = {}
        dense_scores: dict[str, float] = {}
        if self.mode in ("hybrid", "dense"):
            vec = system.embedder.embed_query(full_query)
            where = {"source": {"$in": sorted(allowed)}} if len(allowed) < len(registry) else None
            hits = system.store.query(vec, self.fetch_k, where=where)
            ranking = []
            for cid, text, md, dist in hits:
                if live_sha.get(md.get("source")) != md.get("doc_sha"):
                    continue  # an uncommitted or stale version: not visible
                rows[cid] = (text, md)
                dense_scores[cid] = 1.0 - float(dist)
                ranking.append(cid)
            rankings.append(ranking)
        lex_scores: dict[str, float] = {}
        if self.mode in ("hybrid", "lexical"):
            hits = system.lexical.search(query_terms(full_query), self.fetch_k,
                                         sources=allowed if len(allowed) < len(registry) else None)
            rankings.append([cid for cid, _ in hits])
            lex_scores = dict(hits)
        dense_weight = self.dense_weight * (1.0 if has_diacritics(query) else UNACCENTED_DENSE_FACTOR)
        weights = ([dense_weight] if self.mode in ("hybrid", "dense") else []) + \
                  ([self.lexical_weight] if self.mode in ("hybrid", "lexical") else [])
        fused = rrf(rankings, weights)
        ordered = sorted(fused, key=lambda c: -fused[c])[: self.k + (self.fetch_k if self._plan_only else 0)]
        missing = [c for c in ordered if c not in rows]
        if missing:
            for cid, text, md in system.store.get_chunks(ids=missing):
                rows[cid] = (text, md)
        docs = []
        for rank, cid in enumerate(ordered):
            if cid not in rows:
                continue
            text, md = rows[cid]
            if live_sha.get(md.get("source")) != md.get("doc_sha"):
                continue
            rec = chunk_record(cid, text, md)
            if md.get("source") in self._plan_only and not is_task_section(rec["section_path"], md):
                continue
            docs.append(Document(page_content=text, metadata={
                **rec, "score": round(fused[cid], 6), "rank": rank,
                "dense_score": dense_scores.get(cid), "lexical_score": lex_scores.get(cid),
                "body": md.get("body", ""), "kind": md.get("kind", ""),
                "province": md.get("province", ""), "figures": md.get("figures", "[]"),
                "order": md.get("order", 0), "constraint_unmet": unmet,
            }))
        return docs[: self.k]
