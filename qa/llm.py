"""The generative answerer: any LangChain chat model, as a strategy the pipeline calls.

It only writes text: it condenses a follow-up against the history, and answers from
numbered passages (treated as data, see prompts/).  Checking that answer — markers,
figures, abstention — is the pipeline's guard (qa/guard.py), so this module knows
nothing of its caller.
"""
from __future__ import annotations

import html
from collections.abc import Iterator
from pathlib import Path

from langchain_core.documents import Document
from langchain_core.messages import AIMessage, HumanMessage
from langchain_core.output_parsers import StrOutputParser

from index.errors import BaocaoError

from .prompts import answer_prompt, condense_prompt
from .settings import LLMEndpoints


def make_chat_model(spec: str, endpoints: LLMEndpoints | None = None):
    """A chat model from "provider:model" via `init_chat_model` (endpoints from the settings)."""
    if ":" not in spec:
        raise BaocaoError(f"--llm phải có dạng provider:model, ví dụ openai:qwen2.5-7b-instruct (got '{spec}')")
    endpoints = endpoints or LLMEndpoints()
    provider, model = spec.split(":", 1)
    kwargs = {}
    if provider == "openai" and endpoints.openai_base_url:
        kwargs["base_url"] = endpoints.openai_base_url
        kwargs["api_key"] = endpoints.openai_api_key or "not-needed"
    if provider == "ollama" and endpoints.ollama_host:
        host = endpoints.ollama_host
        kwargs["base_url"] = host if "://" in host else f"http://{host}"
    try:
        from langchain.chat_models import init_chat_model
        return init_chat_model(model, model_provider=provider, temperature=0, **kwargs)
    except ImportError as exc:
        raise BaocaoError(f"Thiếu gói tích hợp cho '{provider}': pip install 'baocao[llm]' ({exc})") from exc
    except Exception as exc:
        raise BaocaoError(f"Không tạo được mô hình '{spec}': {exc}") from exc


def escape(text: str) -> str:
    """Passage or question text as data inside the prompt's tags: it can neither close
    <doan_trich> nor open a tag of its own."""
    return html.escape(text or "", quote=False)


def format_passages(docs: list[Document]) -> str:
    out = []
    for i, d in enumerate(docs, start=1):
        md = d.metadata
        where = " > ".join(md.get("section_path") or [])
        out.append(escape(f"[{i}] ({md.get('source')}; {md.get('period', '')}; {where})\n{d.page_content}"))
    return "\n\n".join(out)


def history_messages(history) -> list:
    msgs = []
    for q, a in history or []:
        msgs += [HumanMessage(q), AIMessage(a)]
    return msgs


class LLMAnswerer:
    """A chat model that condenses follow-ups and writes cited answers from passages."""

    mode = "llm"

    def __init__(self, chat_model, prompts_dir: Path | None = None):
        self.chat_model = chat_model
        self.prompts_dir = prompts_dir

    def condense(self, question: str, history) -> str:
        """A follow-up rewritten as a standalone question (the question itself without history)."""
        if not history:
            return question
        chain = condense_prompt(self.prompts_dir) | self.chat_model | StrOutputParser()
        out = chain.invoke({"input": question, "chat_history": history_messages(history)}).strip()
        return out or question

    def _chain(self):
        return answer_prompt(self.prompts_dir) | self.chat_model | StrOutputParser()

    def generate(self, question: str, docs: list[Document]) -> str:
        return self._chain().invoke({"passages": format_passages(docs), "question": escape(question)})

    def stream(self, question: str, docs: list[Document]) -> Iterator[str]:
        """The answer so far, each time the model adds to it."""
        raw = ""
        for piece in self._chain().stream({"passages": format_passages(docs), "question": escape(question)}):
            raw += piece
            yield raw
