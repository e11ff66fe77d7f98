"""Prompt templates, kept as text files in `prompts/` so they are read and reviewed as prose."""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from langchain_core.prompts import ChatPromptTemplate, MessagesPlaceholder


def prompts_dir() -> Path:
    env = os.environ.get("BAOCAO_PROMPTS_DIR")
    return Path(env) if env else Path(__file__).resolve().parents[1] / "prompts"


@lru_cache(maxsize=None)
def read_prompt(name: str) -> str:
    return (prompts_dir() / name).read_text(encoding="utf-8").strip()


def answer_prompt() -> ChatPromptTemplate:
    return ChatPromptTemplate.from_messages([
        ("system", read_prompt("answer_system.txt")),
        ("human", read_prompt("answer_user.txt")),
    ])


def condense_prompt() -> ChatPromptTemplate:
    return ChatPromptTemplate.from_messages([
        ("system", read_prompt("condense.txt")),
        MessagesPlaceholder("chat_history"),
        ("human", "{input}"),
    ])
