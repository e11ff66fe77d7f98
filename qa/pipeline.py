"""The one answer pipeline: retrieve → answer → guard → `Answer`, blocking or streaming.

The CLI, the app, the /ask API, the evaluation and the benchmark all call `answer_question`
(or `ask` / `ask_stream`), so they answer alike.  The answerer is a strategy: extractive
(offline, the default) or a LangChain chat model (qa/llm.py), whose text must pass the guard
(qa/guard.py) or is replaced by the extractive answer with the reason.  Follow-up questions
carry the previous question's subject: offline into retrieval and sentence scoring; with a
model, by condensing the question against the history.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
from langchain_core.documents import Document

from index.sentence_vectors import embedding_text

from . import guard
from .extractive import extractive_answer
from .llm import LLMAnswerer
from .question import analyse
from .results import EMPTY_QUESTION, Answer, Citation, Flag, Outcome, abstention
from .retriever import HybridRetriever


@dataclass(frozen=True)
class Scope:
    """The user's restriction of a question to some reports, periods or provinces (None = all)."""
    sources: list[str] | None = None
    periods: list[str] | None = None
    provinces: list[str] | None = None


def carried_subject(question: str, history: list[tuple[str, str]] | None) -> str | None:
    """The previous question when this one is an elliptic follow-up ("Còn đàn bò thì sao?")."""
    if not history:
        return None
    return history[-1][0] if analyse(question).is_followup else None


def make_retriever(system, k: int = 5, scope: Scope | None = None, extra_query: str = "",
                   mode: str = "hybrid") -> HybridRetriever:
    scope = scope or Scope()
    return HybridRetriever(system=system, k=k, sources=scope.sources, periods=scope.periods,
                           provinces=scope.provinces, extra_query=extra_query, mode=mode)


def similarity_function(sentences, query_vector):
    """For (heading, sentence) pairs, the cosine of each sentence's stored vector (`sentences`, a
    SentenceVectors) with the question's (`query_vector()`, called once, when first needed)."""
    def similarity(units: list[tuple[str, str]]) -> list[float]:
        q = np.asarray(query_vector(), dtype=np.float32)
        q = q / (np.linalg.norm(q) or 1.0)
        return (sentences.vectors([embedding_text(h, s) for h, s in units]) @ q).tolist()
    return similarity


def sentence_similarity(system, question: str, carried: str | None = None):
    """The answerer's semantic signal, from the system's sentence vectors and the same query vector
    retrieval used (question plus a follow-up's carried subject)."""
    sentences = getattr(system, "sentences", None)
    if sentences is None:
        return None
    query = (question + " " + (carried or "")).strip()
    return similarity_function(sentences, lambda: system.query_vector(query))


def _llm(system, llm) -> LLMAnswerer | None:
    if llm is None or isinstance(llm, LLMAnswerer):
        return llm
    return LLMAnswerer(llm, getattr(system.settings, "prompts_dir", None))


def _retrieve(system, question, k, history, scope, model: LLMAnswerer | None) -> tuple[list[Document], str | None]:
    carried = carried_subject(question, history)
    if model is not None and history:
        return make_retriever(system, k, scope).invoke(model.condense(question, history)), carried
    return make_retriever(system, k, scope, extra_query=carried or "").invoke(question), carried


def _judged(system, question: str, raw: str, docs: list[Document], carried: str | None,
            threshold: float | None) -> Answer:
    """A generated answer through the guard; the extractive answer when it fails."""
    verdict = guard.check(raw, [d.page_content for d in docs])
    if verdict.abstained:
        return abstention("llm")
    if verdict.problem:
        fallback = extractive_answer(question, docs, system.lexical.idf, carried, threshold,
                                     sentence_similarity(system, question, carried))
        return Answer(fallback.text, fallback.abstained, fallback.mode, fallback.citations, fallback.reason,
                      fallback.confidence, Flag(verdict.problem, raw))
    return Answer(verdict.text, False, "llm", [Citation.from_document(i, docs[i - 1]) for i in verdict.cited])


def answer_question(system, question: str, *, k: int = 5, history: list[tuple[str, str]] | None = None,
                    scope: Scope | None = None, llm=None, threshold: float | None = None) -> Outcome:
    """Answer one question; the outcome also holds the passages retrieved (for evaluation)."""
    question = (question or "").strip()
    if not question:
        return Outcome(Answer(EMPTY_QUESTION, True, "extractive"), [])
    model = _llm(system, llm)
    docs, carried = _retrieve(system, question, k, history, scope, model)
    if model is None:
        return Outcome(extractive_answer(question, docs, system.lexical.idf, carried, threshold,
                                         sentence_similarity(system, question, carried)), docs)
    if not docs:
        return Outcome(abstention("llm"), docs)
    return Outcome(_judged(system, question, model.generate(question, docs), docs, carried, threshold), docs)


def ask(system, question: str, **kwargs) -> Answer:
    return answer_question(system, question, **kwargs).answer


def ask_stream(system, question: str, *, k: int = 5, history: list[tuple[str, str]] | None = None,
               scope: Scope | None = None, llm=None, threshold: float | None = None
               ) -> Iterator[tuple[str, Answer | None]]:
    """Yield (text so far, None) while answering, then ("", the final Answer).

    With a model the text is its tokens as they come; offline the answer is computed at once
    and the caller may reveal it gradually.
    """
    model = _llm(system, llm)
    question = (question or "").strip()
    if model is None or not question:
        yield "", answer_question(system, question, k=k, history=history, scope=scope, threshold=threshold).answer
        return
    docs, carried = _retrieve(system, question, k, history, scope, model)
    if not docs:
        yield "", abstention("llm")
        return
    raw = ""
    for raw in model.stream(question, docs):
        yield raw, None
    yield "", _judged(system, question, raw, docs, carried, threshold)
