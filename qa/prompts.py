"""Prompt templates, kept as text files in `prompts/` so they are read and reviewed as prose.

Another folder of templates can be given by the settings (`BAOCAO_PROMPTS_DIR`).
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from langchain_core.prompts import ChatPromptTemplate, MessagesPlaceholder

PROMPTS_DIR = Path(__file__).resolve().parents[1] / "prompts"


@lru_cache(maxsize=None)
def read_prompt(name: str, folder: Path | None = None) -> str:
    return ((folder or PROMPTS_DIR) / name).read_text(encoding="utf-8").strip()


def answer_prompt(folder: Path | None = None) -> ChatPromptTemplate:
    return ChatPromptTemplate.from_messages([
        ("system", read_prompt("answer_system.txt", folder)),
        ("human", read_prompt("answer_user.txt", folder)),
    ])


def condense_prompt(folder: Path | None = None) -> ChatPromptTemplate:
    return ChatPromptTemplate.from_messages([
        ("system", read_prompt("condense.txt", folder)),
        MessagesPlaceholder("chat_history"),
        ("human", "{input}"),
    ])
