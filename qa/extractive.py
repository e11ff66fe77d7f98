"""The offline answerer: pick the sentence(s) that answer, quote them with [n] markers.

No generative model is available offline, so the default answer is extractive:
every sentence of the retrieved chunks (body sentences and footnote sentences)
is scored by how much of the question's content it covers, weighted by term
rarity (BM25 idf), with a bonus for a sentence holding a number when the
question asks for a quantity.  Long sentences are cut to the clauses that
carry the answer.  When the best coverage is under a threshold tuned on the
dev set's unanswerable questions, or when the question names a place or
period no report covers and the passage does not mention it, we abstain.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from langchain_core.documents import Document

from index.abbreviations import alternate_terms
from index.chunking import report_line
from index.vntext import canonical, folded_terms, folded_tokens, split_sentences, strip_diacritics

from .question import QuestionInfo, analyse
from .results import Answer, Citation, abstention

DEFAULT_THRESHOLD = 0.30     # tuned on eval/dev.jsonl: best worst-case margin to the gate (README, "Scoreboard")
HEADING_CONTEXT = 0.5        # weight of question terms found only in the section heading
FOOTNOTE_CONTEXT = 0.7       # ...or, for a footnote, in the body that cites it
NO_NUMBER_PENALTY = 0.25     # a quantity question answered by a sentence without any number
LONG_SENTENCE = 320          # characters; longer sentences are cut to their best clauses
_DIGIT = re.compile(r"\d")


def has_quantity(text: str) -> bool:
    """True when a text states a figure (not only a year, date or document number)."""
    if not _DIGIT.search(text):
        return False
    from index.numbers import find_numbers
    return any(m.kind in ("number", "percent", "ratio") for m in find_numbers(text))




@dataclass
class Candidate:
    text: str
    doc_index: int             # position of its chunk in the retrieved list
    from_footnote: bool
    score: float = 0.0
    coverage: float = 0.0
    matched: set = field(default_factory=set)


def _units(doc: Document) -> list[tuple[str, bool]]:
    body = doc.metadata.get("body") or doc.page_content
    out = [(s, False) for line in body.split("\n") for s in split_sentences(line) if s.strip()]
    for fn in doc.metadata.get("footnotes") or []:
        out += [(s, True) for s in split_sentences(fn) if s.strip()]
    return out


class Scorer:
    """Idf-weighted coverage of the question's terms (and bigrams) by a passage."""

    def __init__(self, info: QuestionInfo, idf, carried: QuestionInfo | None = None):
        self.info = info
        self.idf = idf
        self._cache: dict[str, set[str]] = {}
        self.weights: dict[str, float] = {}
        for t in info.terms:
            self.weights["f:" + t] = max(self.weights.get("f:" + t, 0.0), idf("f:" + t))
        for b in info.bigrams:
            self.weights["b:" + b] = max(self.weights.get("b:" + b, 0.0), 0.5 * idf("b:" + b))
        if carried is not None:   # a follow-up carries the previous question's subject, at lower weight
            for t in carried.terms:
                self.weights.setdefault("f:" + t, 0.4 * idf("f:" + t))
            for b in carried.bigrams:
                self.weights.setdefault("b:" + b, 0.2 * idf("b:" + b))
        self.total = sum(self.weights.values()) or 1.0
        # place and period the question names: a passage from a report of that place and
        # period answers for them even when its sentence does not repeat them
        words: list[str] = []
        for p in info.provinces:
            words += folded_tokens(p)
        for m, y in info.months:
            words += ["thang", str(m)] + ([str(y), "nam"] if y else [])
        words += [str(y) for y in info.years] + (["nam"] if info.years else [])
        self.constraint_terms = {"f:" + w for w in words}
        for p in info.provinces:
            toks = folded_tokens(p)
            self.constraint_terms |= {"b:" + a + "_" + b for a, b in zip(toks, toks[1:])}

    def terms_of(self, text: str) -> set[str]:
        """A passage's folded terms, with the other form of its abbreviations (question taken as typed)."""
        toks = folded_tokens(text)
        return set(folded_terms(toks)) | set(alternate_terms(toks))

    def _shared_terms(self, text: str) -> set[str]:
        """terms_of for texts every sentence of a chunk shares (heading, body, report header): once each."""
        if text not in self._cache:
            self._cache[text] = self.terms_of(text)
        return self._cache[text]

    def coverage(self, text: str, context: str = "", report_header: str = "",
                 context_weight: float = 0.5) -> tuple[float, set[str]]:
        """Share of the question's weight found in `text`; terms found only in `context` count half.

        Place/period terms also count when the passage's report header (title | place | period) has them.
        """
        present = self.terms_of(text)
        if report_header:
            present |= self._shared_terms(report_header) & self.constraint_terms
        matched = {t for t in self.weights if t in present}
        score = sum(self.weights[t] for t in matched)
        if context:
            around = self._shared_terms(context)
            score += context_weight * sum(self.weights[t] for t in self.weights
                                          if t not in matched and t in around)
        return score / self.total, matched


def _best_clauses(sentence: str, scorer: Scorer, info: QuestionInfo) -> str:
    """Cut a long sentence to the fewest clauses that still hold every question term it matched.

    Greedy cover: take the clause carrying the most not-yet-covered weight until the
    clauses together match what the whole sentence matched (at most three).
    """
    parts = [p.strip() for p in re.split(r";\s+", sentence) if p.strip()]
    if len(parts) < 2:
        return sentence
    _, wanted = scorer.coverage(sentence)
    clause_terms = [scorer.coverage(p)[1] for p in parts]
    chosen: list[int] = []
    covered: set[str] = set()
    while len(chosen) < 3:
        gains = [(sum(scorer.weights[t] for t in terms - covered)
                  + (0.01 if info.wants_quantity and has_quantity(parts[i]) else 0.0), i)
                 for i, terms in enumerate(clause_terms) if i not in chosen]
        gain, best = max(gains)
        if gain <= 0.01 and chosen:
            break
        chosen.append(best)
        covered |= clause_terms[best]
        if wanted <= covered:
            break
    chosen.sort()
    out = parts[chosen[0]]
    for prev, i in zip(chosen, chosen[1:]):
        out += ("; " if i == prev + 1 else " ... ") + parts[i]
    return out


def select(question: str, docs: list[Document], idf, carried_question: str | None = None,
           threshold: float = DEFAULT_THRESHOLD) -> dict:
    """Choose the answer sentences; return {'abstained', 'quotes': [(text, doc_index)], 'confidence'}."""
    info = analyse(question)
    carried = analyse(carried_question) if carried_question else None
    scorer = Scorer(info, idf, carried)
    cands: list[Candidate] = []
    for di, doc in enumerate(docs):
        heading = " ".join(doc.metadata.get("section_path") or [])
        body = doc.metadata.get("body") or ""
        for text, is_fn in _units(doc):
            # a sentence's section heading speaks for it ("1.2. ... cửa khẩu"); a footnote's
            # context is also the body that cites it ("Sản lượng ... xi măng⁵" -> "Xi măng: 65 nghìn tấn")
            context = heading + (" " + body if is_fn else "")
            md = doc.metadata
            cov, matched = scorer.coverage(text, context, report_line(md.get("title", ""), md.get("province", ""),
                                                                      md.get("period", "")),
                                           context_weight=FOOTNOTE_CONTEXT if is_fn else HEADING_CONTEXT)
            quantity = info.wants_quantity and has_quantity(text)
            if info.wants_quantity and not quantity:
                cov -= NO_NUMBER_PENALTY      # a quantity question needs a figure
            score = cov + 0.04 / (1 + di) + (0.05 if quantity else 0.0)
            cands.append(Candidate(text, di, is_fn, score, cov, matched))
    if not cands:
        return {"abstained": True, "quotes": [], "confidence": 0.0, "reason": "no_passages"}
    cands.sort(key=lambda c: -c.score)
    best = cands[0]
    confidence = best.coverage
    unmet = docs[0].metadata.get("constraint_unmet") or {}
    reason = None
    if confidence < threshold:
        reason = "weak_evidence"
    elif unmet:
        # the question names a place/period no report covers: only answer if the passage says it
        folded_best = strip_diacritics(canonical(best.text))
        named = [strip_diacritics(canonical(x)) for x in unmet.get("province", [])]
        if unmet.get("province") and not any(n in folded_best for n in named):
            reason = "unmet_province"
        if unmet.get("period"):
            reason = reason or "unmet_period"
    if reason:
        return {"abstained": True, "quotes": [], "confidence": confidence, "reason": reason}
    quotes = [(best.text if len(best.text) <= LONG_SENTENCE else _best_clauses(best.text, scorer, info),
               best.doc_index, best.from_footnote)]
    # a second sentence when it adds terms the first lacks and is nearly as good
    for c in cands[1:4]:
        if c.text == best.text:
            continue
        if c.score >= 0.85 * best.score and (c.matched - best.matched) and c.coverage >= threshold:
            quotes.append((c.text if len(c.text) <= LONG_SENTENCE else _best_clauses(c.text, scorer, info),
                           c.doc_index, c.from_footnote))
            break
    return {"abstained": False, "quotes": quotes, "confidence": confidence, "reason": None}


def format_answer(quotes: list[tuple[str, int, bool]], docs: list[Document]) -> tuple[str, list[int]]:
    """Answer text with [n] markers, and the retrieved-doc indices cited (in marker order)."""
    cited: list[int] = []
    parts = []
    for text, di, is_fn in quotes:
        if di not in cited:
            cited.append(di)
        n = cited.index(di) + 1
        md = docs[di].metadata
        path = md.get("section_path") or []
        where = f"mục {path[-1]}" if path else "phần đầu văn bản"
        lead = f"chú thích, {where}" if is_fn else where
        parts.append(f"“{text.rstrip()}” [{n}] ({lead})")
    if len(parts) == 1:
        return "Theo báo cáo: " + parts[0], cited
    return "Theo báo cáo:\n" + "\n".join("- " + p for p in parts), cited


def extractive_answer(question: str, docs: list[Document], idf, carried: str | None = None,
                      threshold: float = DEFAULT_THRESHOLD) -> Answer:
    """The offline answer: quoted sentences with [n] markers, or an abstention with its reason."""
    picked = select(question, docs, idf, carried_question=carried, threshold=threshold)
    confidence = round(picked["confidence"], 4)
    if picked["abstained"]:
        return abstention("extractive", picked.get("reason"), confidence)
    text, cited = format_answer(picked["quotes"], docs)
    return Answer(text, False, "extractive",
                  [Citation.from_document(i + 1, docs[di]) for i, di in enumerate(cited)],
                  confidence=confidence)
