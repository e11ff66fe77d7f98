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

import json
import re
from functools import lru_cache
from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from index.metadata import is_task_heading
from index.store import chunk_record, is_committed
from index.vntext import has_diacritics, query_terms

from index.places import local_unit, named_local_units, province_matches

from .question import (COVERS, EXACT, NO, PLAN, UNKNOWN, QuestionInfo, analyse, names_period, period_fit,
                       period_years)
from .report_parts import report_part_asked

RRF_K = 60
DENSE_WEIGHT = 1.0
LEXICAL_WEIGHT = 2.0      # dev set: recall@5 0.987 -> 0.994, MRR 0.931 -> 0.944 (README)
UNACCENTED_DENSE_FACTOR = 0.25   # a question typed without diacritics: e5 embeds it poorly, BM25 folds it (README)


# a part of the report above its sections ("PHẦN II", "Phần thứ hai"): the heading under it says what it holds
_PART_HEADING = re.compile(r"^\s*ph[ầâ]n\s+(?:th[ứư]\s+\w+|[ivxlc\d]+)\s*[.:]?\s*$", re.I)


def is_task_section(section_path: list[str], md: dict) -> bool:
    """A chunk of the report's task list ("III. NHIỆM VỤ TRỌNG TÂM THÁNG 02...", "PHẦN II" / "KẾ
    HOẠCH NĂM 2025")."""
    top = [h for h in section_path if not _PART_HEADING.match(h)][:1]
    return md.get("kind") == "task" or any(is_task_heading(h) for h in top)


def rrf(rankings: list[list[str]], weights: list[float] | None = None, k: int = RRF_K) -> dict[str, float]:
    """Reciprocal rank fusion of several ranked id lists."""
    weights = weights or [1.0] * len(rankings)
    scores: dict[str, float] = {}
    for ranking, w in zip(rankings, weights):
        for rank, cid in enumerate(ranking):
            scores[cid] = scores.get(cid, 0.0) + w / (k + rank + 1)
    return scores


_TIER = {EXACT: 0, COVERS: 1, PLAN: 1, UNKNOWN: 2}
# a pure function of four values asked once per report per question: at 1000 reports, one dict lookup
_province_matches = lru_cache(maxsize=1 << 14)(province_matches)


class Candidates(set):
    """The reports a question may be answered from (a set of source names) with their rank:
    0 known to match what the question names, 1 matched through a broader period, 2 unknown."""

    def __init__(self, sources=(), rank: dict | None = None):
        super().__init__(sources)
        self.rank: dict[str, int] = dict(rank or {})

    def ordered(self) -> list[str]:
        return sorted(self, key=lambda s: (self.rank.get(s, 0), s))


def _narrow(allowed: dict, rank: dict, fit: dict) -> tuple[dict, dict]:
    """Drop reports known not to fit when another fits or is unknown; fold the fit into the rank."""
    keep = {s: r for s, r in allowed.items() if fit[s] != NO}
    if not keep:
        return allowed, rank          # none fits: all stay, the caller reports the field unmet
    return keep, {s: max(rank[s], _TIER[fit[s]]) for s in keep}


def _report_fit(info: QuestionInfo, record) -> str:
    """How the report meets the period the question names (EXACT when it names none)."""
    return period_fit(info, record.meta or {}) if names_period(info) else EXACT


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

    def allowed_sources(self, info: QuestionInfo, registry: dict,
                        places: list[str] | None = None) -> tuple["Candidates", dict]:
        """Reports to search, and which of the question's constraints no report meets.

        Returns `(candidates, unmet)`.  `candidates` is a `Candidates`: a set of source names, as
        before, that also carries `rank[source]` (0 known to match every place/period the question
        names, 1 matched through a broader period — a quarter containing the month, cumulative figures
        spanning it, a task list planning it —, 2 some named field unknown for that report; each
        shifted by 4 behind the reports of a district or commune the question names, when one of
        them is here) and
        `ordered()`, best first.  The caller ranks a lower rank's passages first (`retrieve` does).

        Unknown never excludes (issue 12): a report whose province or period was not read stays a
        candidate for every question, ranked after the reports known to match.  A report known not to
        match is left out when some report matches or is unknown.  `unmet[field]` is set only when
        every candidate's value for that field is known and none matches (then all candidates stay,
        and the answerer abstains unless the passage itself names the place or period).

        The user's own filters (`sources`, `periods`, `provinces`) stay strict: they are choices among
        known values.
        """
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
        rank = {s: 0 for s in allowed}
        if info.provinces:
            fit = {}
            for s, r in allowed.items():
                meta = r.meta or {}
                prov = r.province or meta.get("province") or ""
                if not prov:
                    fit[s] = UNKNOWN
                elif any(_province_matches(p, prov, meta.get("year"), meta.get("month")) for p in info.provinces):
                    fit[s] = EXACT
                else:
                    fit[s] = NO
            allowed, rank = _narrow(allowed, rank, fit)
            if allowed and all(fit[s] == NO for s in allowed):
                unmet["province"] = info.provinces
        self._plan_only = set()
        if names_period(info):
            fit = {s: period_fit(info, r.meta or {}) for s, r in allowed.items()}
            allowed, rank = _narrow(allowed, rank, fit)
            # a report that covers the named month only by its task list
            self._plan_only = {s for s in allowed if fit[s] == PLAN}
            if allowed and all(fit[s] == NO for s in allowed):
                unmet["period"] = [f"tháng {m}" + (f"/{y}" if y else "") for m, y in info.months] + \
                                  [f"quý {q}" + (f"/{y}" if y else "") for q, y in info.quarters] + \
                                  [f"6 tháng {'đầu' if h == 1 else 'cuối'} năm" + (f" {y}" if y else "")
                                   for h, y in info.halves] + \
                                  [(f"{n} tháng" if n else "từ đầu năm") + (f" năm {y}" if y else "")
                                   for n, y in info.cumulative]
                if not unmet["period"]:
                    unmet["period"] = [f"năm {y}" for y in period_years(info)]
        # a district or commune named whose own report is here ("quận Cầu Giấy"): its reports first,
        # whatever their period fit; a province's report naming it stays in play after them
        # (`places`: the caller's named_local_units over the registry's issuers, read once per question)
        units = places if places is not None else \
            named_local_units(info.text, ((r.meta or {}).get("issuer") for r in allowed.values()))
        own = {s for s, r in allowed.items() if local_unit((r.meta or {}).get("issuer") or "") in units}
        if own:
            rank = {s: rank[s] + (0 if s in own else len(_TIER)) for s in allowed}
        return Candidates(allowed, {s: rank[s] for s in allowed}), unmet

    def _with_block_asked(self, query: str, info: QuestionInfo, ordered: list[str], visible: dict,
                          rows: dict) -> list[str]:
        """A question about the report itself ("Ai ký báo cáo?"): the block that answers it (signature,
        header, recipients; qa/report_parts.py) of the best-ranked report goes first, when that report
        is of the period the question names (a 2022 report is not "báo cáo năm 2021")."""
        part = report_part_asked(query)
        if not part or not ordered:
            return ordered
        source = self.system.lexical.source_of(ordered[0])
        if source not in visible or _report_fit(info, visible[source]) != EXACT:
            return ordered
        where = {"$and": [{"source": source}, {"doc_sha": visible[source].sha256}, {"kind": part}]}
        found = self.system.store.get_chunks(where=where)
        for cid, text, md in found:
            rows[cid] = (text, md or {})
        first = [cid for cid, _, _ in found]
        return first + [c for c in ordered if c not in first]

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        return self.retrieve(query)

    def retrieve(self, query: str) -> list[Document]:
        system = self.system
        version, registry = system.store.versioned_documents()   # once per question: sync, filters, visibility
        system.sync(registry, version)
        info = analyse(query)
        # the districts and communes of ingested reports that the question names: their reports rank
        # first, and the answerer wants their figure, not another place's (qa/extractive.py: other_place)
        places = named_local_units(query, ((r.meta or {}).get("issuer") for r in registry.values()))
        allowed, unmet = self.allowed_sources(info, registry, places)
        if not allowed:
            return []
        visible = {s: registry[s] for s in allowed if s in registry}
        full_query = (query + " " + self.extra_query).strip()
        rankings: list[list[str]] = []
        rows: dict[str, tuple[str, dict]] = {}
        dense_scores: dict[str, float] = {}
        if self.mode in ("hybrid", "dense"):
            vec = system.query_vector(full_query)
            if len(allowed) < len(registry):
                # only the committed chunks of the reports that may answer: few, ranked exactly (Chroma's
                # filtered search would walk its whole graph to rank them alike); more, by Chroma
                among = [cid for s in sorted(visible) for cid in system.lexical.chunk_ids_of(s)]
                if len(among) < system.store.exhaustive_below():
                    hits = system.store.nearest_among(vec, among, self.fetch_k)
                else:
                    hits = system.store.query_ids(vec, self.fetch_k, ids=among)
            else:
                hits = system.store.query_ids(vec, self.fetch_k)
            ranking = []
            for cid, dist in hits:
                # visible: a chunk of the version the registry vouches for, which the lexical index, just
                # synced with this registry, holds; an uncommitted or stale version's chunk is not there
                if system.lexical.source_of(cid) not in visible:
                    continue
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
        # reports known to match what the question names first, unknown ones after (allowed_sources)
        tier = {registry[s].sha256[:16]: getattr(allowed, "rank", {}).get(s, 0) for s in allowed if s in registry}
        ordered = sorted(fused, key=lambda c: (tier.get(c.split("-", 1)[0], 0), -fused[c]))
        ordered = ordered[: self.k + (self.fetch_k if self._plan_only else 0)]
        ordered = self._with_block_asked(query, info, ordered, visible, rows)
        missing = [c for c in ordered if c not in rows]
        if missing:
            for cid, text, md in system.store.get_chunks(ids=missing):
                rows[cid] = (text, md or {})
        kept = []
        for rank, cid in enumerate(ordered):
            if cid in rows and is_committed(rows[cid][1], visible):
                kept.append((rank, cid, *rows[cid], chunk_record(cid, *rows[cid])))
        # a report that covers the named period only by its task list answers from that list; when no
        # passage found is of its list (its task part not recognised), its other passages stay in play
        with_tasks = {md.get("source") for _, _, _, md, rec in kept if md.get("source") in self._plan_only
                      and is_task_section(rec["section_path"], md)}
        docs = []
        for rank, cid, text, md, rec in kept:
            if md.get("source") in with_tasks and not is_task_section(rec["section_path"], md):
                continue
            report = registry[md["source"]]       # the registry speaks for the report (a user's retag too)
            docs.append(Document(page_content=text, metadata={
                **rec, "score": round(fused.get(cid, 0.0), 6), "rank": rank,
                "dense_score": dense_scores.get(cid), "lexical_score": lex_scores.get(cid),
                "body": md.get("body", ""), "kind": md.get("kind", ""),
                "footnote_citers": json.loads(md.get("footnote_citers") or "[]"),
                "province": report.province, "period": report.period, "figures": md.get("figures", "[]"),
                "issuer": (report.meta or {}).get("issuer") or "",
                "superior": (report.meta or {}).get("superior") or "",
                "level": (report.meta or {}).get("level") or "",
                "period_kind": report.meta.get("period_kind") or "",
                "year": report.meta.get("year"), "plan_year": report.meta.get("plan_year"),
                "cumulative_months": report.meta.get("cumulative_months"),
                "order": md.get("order", 0), "constraint_unmet": unmet, "asked_places": places,
                "period_fit": _report_fit(info, report),
            }))
        return docs[: self.k]
