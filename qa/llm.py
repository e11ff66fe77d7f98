"""The generative answerer: any LangChain chat model, guarded.

The model only sees numbered passages (treated as data, see prompts/), must
cite them as [n], and every number it writes must occur — after normalising
Vietnamese formats (1.226,1 = 1226.1; 45 tỷ = 45.000 triệu) — in a passage it
cites.  Otherwise the answer is flagged and the extractive answer is returned
with the reason.  Markers pointing at no passage are dropped.  Follow-ups are
condensed against the history (LangChain's history-aware retriever).
"""
from __future__ import annotations

import os
import re
from collections.abc import Iterator

from langchain_core.documents import Document
from langchain_core.messages import AIMessage, HumanMessage
from langchain_core.output_parsers import StrOutputParser

from index.errors import BaocaoError

from .answer import citation, extractive_answer, make_retriever
from .extractive import ABSTAIN_MESSAGE
from .prompts import answer_prompt, condense_prompt

_MARKER = re.compile(r"\[(\d+(?:\s*[,;]\s*\d+)*)\]")
_ABSTAIN_CUES = ("không tìm thấy thông tin", "không có thông tin", "không chứa thông tin",
                 "khong tim thay thong tin")


def make_chat_model(spec: str):
    """A chat model from "provider:model" via `init_chat_model` (endpoints from the environment)."""
    if ":" not in spec:
        raise BaocaoError(f"--llm phải có dạng provider:model, ví dụ openai:qwen2.5-7b-instruct (got '{spec}')")
    provider, model = spec.split(":", 1)
    kwargs = {}
    if provider == "openai" and os.environ.get("OPENAI_BASE_URL"):
        kwargs["base_url"] = os.environ["OPENAI_BASE_URL"]
        kwargs.setdefault("api_key", os.environ.get("OPENAI_API_KEY", "not-needed"))
    if provider == "ollama" and os.environ.get("OLLAMA_HOST"):
        host = os.environ["OLLAMA_HOST"]
        kwargs["base_url"] = host if "://" in host else f"http://{host}"
    try:
        from langchain.chat_models import init_chat_model
        return init_chat_model(model, model_provider=provider, temperature=0, **kwargs)
    except ImportError as exc:
        raise BaocaoError(f"Thiếu gói tích hợp cho '{provider}': pip install 'baocao[llm]' ({exc})") from exc
    except Exception as exc:
        raise BaocaoError(f"Không tạo được mô hình '{spec}': {exc}") from exc


def format_passages(docs: list[Document]) -> str:
    out = []
    for i, d in enumerate(docs, start=1):
        md = d.metadata
        where = " > ".join(md.get("section_path") or [])
        out.append(f"[{i}] ({md.get('source')}; {md.get('period', '')}; {where})\n{d.page_content}")
    return "\n\n".join(out)


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

    text = _MARKER.sub(sub, answer)
    text = re.sub(r"[ \t]+([.,;:])", r"\1", text)
    return re.sub(r"[ \t]{2,}", " ", text).strip(), cited


def figure_guard(answer: str, cited_texts: list[str]) -> list[str]:
    """Numbers in the answer that no cited passage holds (empty list = all figures check out)."""
    from index.numbers import find_numbers, number_in_text
    text_no_markers = _MARKER.sub(" ", answer)
    joined = "\n".join(cited_texts)
    bad = []
    for mention in find_numbers(text_no_markers):
        ok = any(number_in_text(mention, t) for t in cited_texts) or mention.raw in joined
        if not ok:
            bad.append(mention.raw)
    return bad


def _history_messages(history):
    msgs = []
    for q, a in history or []:
        msgs += [HumanMessage(q), AIMessage(a)]
    return msgs


def condense(llm, question: str, history) -> str:
    if not history:
        return question
    chain = condense_prompt() | llm | StrOutputParser()
    out = chain.invoke({"input": question, "chat_history": _history_messages(history)}).strip()
    return out or question


def retrieve_for(system, llm, question, k, history, sources, periods, provinces) -> tuple[str, list[Document]]:
    """Condense a follow-up with the model, then retrieve (LangChain's history-aware retriever)."""
    retriever = make_retriever(system, k, sources, periods, provinces)
    if history:
        from langchain_classic.chains import create_history_aware_retriever
        har = create_history_aware_retriever(llm, retriever, condense_prompt())
        docs = har.invoke({"input": question, "chat_history": _history_messages(history)})
        return question, docs
    return question, retriever.invoke(question)


def finish(system, question: str, raw: str, docs: list[Document], history=None) -> dict:
    """Apply markers, abstention and the figure guard to a generated answer."""
    text, cited = parse_markers(raw, len(docs))
    low = text.lower()
    if not docs or any(c in low for c in _ABSTAIN_CUES):
        return {"answer": ABSTAIN_MESSAGE, "abstained": True, "mode": "llm", "citations": [],
                "retrieved_texts": [d.page_content for d in docs]}
    cited_docs = [docs[i - 1] for i in cited]
    bad = figure_guard(text, [d.page_content for d in cited_docs])
    if bad or not cited:
        reason = ("câu trả lời không trích dẫn đoạn nào" if not cited
                  else f"số liệu không có trong đoạn được trích: {', '.join(bad)}")
        carried = history[-1][0] if history else None
        out = extractive_answer(question, docs, system.lexical.idf, carried)
        out["flagged"] = {"reason": reason, "llm_answer": raw}
        out["retrieved_texts"] = [d.page_content for d in docs]
        return out
    return {"answer": text, "abstained": False, "mode": "llm",
            "citations": [citation(i, docs[i - 1]) for i in cited],
            "retrieved_texts": [d.page_content for d in docs]}


def llm_answer(system, llm, question: str, k: int = 5, history=None, sources=None, periods=None,
               provinces=None) -> dict:
    question, docs = retrieve_for(system, llm, question, k, history, sources, periods, provinces)
    if not docs:
        return finish(system, question, ABSTAIN_MESSAGE, docs, history)
    chain = answer_prompt() | llm | StrOutputParser()
    raw = chain.invoke({"passages": format_passages(docs), "question": question})
    return finish(system, question, raw, docs, history)


def llm_answer_stream(system, llm, question: str, k: int = 5, history=None, sources=None, periods=None,
                      provinces=None) -> Iterator[tuple[str, dict | None]]:
    """Yield (partial text, None) while the model writes, then ("", final result)."""
    question, docs = retrieve_for(system, llm, question, k, history, sources, periods, provinces)
    if not docs:
        yield "", finish(system, question, ABSTAIN_MESSAGE, docs, history)
        return
    chain = answer_prompt() | llm | StrOutputParser()
    raw = ""
    for piece in chain.stream({"passages": format_passages(docs), "question": question}):
        raw += piece
        yield raw, None
    yield "", finish(system, question, raw, docs, history)
